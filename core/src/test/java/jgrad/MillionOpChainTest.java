package jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A chain of one million recorded ops backpropagates without StackOverflowError within a
 * stated memory bound: a child JVM with a 256 MB heap and a 256 KB thread stack. Measured on
 * the AVX-512 Xeon (OpenJDK 17): 192 MB runs out of memory while the chain is recorded, 224 MB
 * runs it through, so the recorded graph takes roughly 200 bytes per node.
 */
class MillionOpChainTest {
    @Test
    void aMillionOpChainBackpropagatesInA256MbHeapAndA256KbStack() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                MillionOpChain.class.getName()).redirectErrorStream(true).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, done, "the child did not finish in 120 s: " + out);
        assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
        double want = 1.0;
        for (int i = 0; i < 1_000_000; i++) {
            want *= 1.0000001;
        }
        String[] words = out.lines().reduce((a, b) -> b).orElse("").split(" ");
        assertEquals("grad", words[0], out);
        assertEquals(want, Double.parseDouble(words[1]), 1e-12);
        assertEquals(want, Double.parseDouble(words[2]), 1e-12);
    }
}
