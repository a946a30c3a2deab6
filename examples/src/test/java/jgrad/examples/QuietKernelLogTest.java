package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --quiet} keeps jgrad's one log line about the kernels off standard error. The CLI runs in
 * a child JVM, as from a shell: in this JVM the kernels were chosen (and the line logged) long ago.
 */
class QuietKernelLogTest {
    record Child(int status, String out, String err) {}

    private static Child cli(Path dir, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err);
        // Each of these makes the JVM print a line of its own on stderr.
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("_JAVA_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the CLI did not finish in 180 s: " + String.join(" ", args));
        }
        return new Child(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }

    @Test
    void quietSilencesTheKernelLineThatAPlainRunLogs(@TempDir Path dir) throws Exception {
        // FLOAT64, whatever the state of float32 training: this is about the log line.
        Child loud = cli(dir, "digits", "--epochs", "2", "--hidden", "8", "--dtype", "float64", "--plot",
                dir.resolve("c.png").toString());
        assertEquals(0, loud.status(), loud.out() + loud.err());
        assertTrue(loud.err().contains("INFO: jgrad: ") && loud.err().contains("kernels"),
                "without --quiet the kernels' INFO line is on stderr: " + loud.err());
        Child quiet = cli(dir, "digits", "--epochs", "2", "--hidden", "8", "--dtype", "float64", "--quiet");
        assertEquals(0, quiet.status(), quiet.out() + quiet.err());
        assertTrue(quiet.out().startsWith("test accuracy: "), quiet.out());
        assertEquals("", quiet.err(), "--quiet printed on stderr");
    }
}
