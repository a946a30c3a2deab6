package jgrad.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts the code blocks of a Markdown guide.
 *
 * <ul>
 *   <li>A {@code ```java} block is run: its statements become the body of a {@code main}
 *       (with jgrad's packages and {@code java.util.*} imported). A block whose first line is
 *       {@code // file: Name.java} is compiled as that top-level class instead, and is visible to
 *       the blocks after it in the same guide.</li>
 *   <li>A {@code ```java compile-only} block is compiled but not run.</li>
 *   <li>A {@code ```output} block right after a java block is what that block must print.</li>
 * </ul>
 */
final class Snippets {
    /** One code block of a guide. */
    record Block(Path guide, int line, String kind, String code, String expectedOutput) {
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
        List<String> lines = Files.readAllLines(guide);
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
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            if (j < lines.size() && lines.get(j).strip().equals("```output")) {
                StringBuilder out = new StringBuilder();
                j++;
                while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                    out.append(lines.get(j)).append('\n');
                    j++;
                }
                expected = out.toString();
                i = j;
            }
            blocks.add(new Block(guide, start, kind, code.toString(), expected));
        }
        return blocks;
    }
}
