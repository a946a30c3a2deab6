package jgrad.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Extracts the code blocks of a Markdown guide.
 *
 * <ul>
 *   <li>A {@code ```java} block is run: its statements become the body of a {@code main}
 *       (with {@link GuidesTest#IMPORTS} imported). A block whose first line is
 *       {@code // file: Name.java} is compiled as that top-level class instead, and is visible to
 *       the blocks after it in the same guide; if that class has JUnit tests, they are run.</li>
 *   <li>A {@code ```java compile-only} block is compiled but not run.</li>
 *   <li>An {@code ```output} block right after a java block is what that block must print.</li>
 * </ul>
 */
final class Snippets {
    /**
     * One code block of a guide.
     *
     * @param guide the Markdown file
     * @param line the 1-based line of the opening fence; code line k is guide line {@code line + k}
     * @param kind what follows {@code ```java} on the fence, e.g. {@code "compile-only"}
     * @param code the block's text
     * @param expectedOutput the text of the {@code ```output} block after it, or null
     * @param outputFrom 0-based index of the output block's first text line (-1 without one)
     * @param outputTo 0-based index of the output block's closing fence (-1 without one)
     */
    record Block(Path guide, int line, String kind, String code, String expectedOutput, int outputFrom,
            int outputTo) {
        boolean isFile() {
            return code.startsWith("// file: ");
        }

        String fileName() {
            String first = code.lines().findFirst().orElse("");
            return first.substring("// file: ".length()).trim();
        }

        @Override
        public String toString() {
            return guide.getFileName() + ":" + line;
        }
    }

    private Snippets() {}

    static List<Block> parse(Path guide) throws IOException {
        List<String> lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.startsWith("```java")) {
                continue;
            }
            String kind = l.substring("```java".length()).strip();
            int start = i + 1;
            StringBuilder code = new StringBuilder();
            i++;
            while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                code.append(lines.get(i)).append('\n');
                i++;
            }
            String expected = null;
            int from = -1;
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j < lines.size() && lines.get(j).strip().equals("```output")) {
                StringBuilder out = new StringBuilder();
                j++;
                from = j;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    out.append(lines.get(j)).append('\n');
                    j++;
                }
                expected = out.toString();
                i = j;
            }
            blocks.add(new Block(guide, start, kind, code.toString(), expected, from, from < 0 ? -1 : j));
        }
        return blocks;
    }

    /**
     * Replaces the text of output blocks with what their java blocks printed (the update mode,
     * {@code -Djgrad.docs.update=true}).
     *
     * @param guide the Markdown file
     * @param actual printed text by block, for blocks that have an output block
     * @throws IOException if the file cannot be rewritten
     */
    static void rewriteOutputs(Path guide, Map<Block, String> actual) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(guide, StandardCharsets.UTF_8));
        List<Block> blocks = new ArrayList<>(actual.keySet());
        blocks.sort((a, b) -> Integer.compare(b.outputFrom(), a.outputFrom())); // bottom up: indices stay valid
        for (Block b : blocks) {
            List<String> body = GuidesTest.normalise(actual.get(b)).lines().toList();
            lines.subList(b.outputFrom(), b.outputTo()).clear();
            lines.addAll(b.outputFrom(), body);
        }
        Files.writeString(guide, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
