package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in process. */
class CliTest {
    private static final Pattern ACC = Pattern.compile("(?m)^test accuracy: (\\d\\.\\d{4})$");

    record Run(int status, String out) {
        double accuracy() {
            Matcher m = ACC.matcher(out);
            assertTrue(m.find(), "no 'test accuracy: ' line in:\n" + out);
            return Double.parseDouble(m.group(1));
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status = Main.run(new PrintStream(buf, true, StandardCharsets.UTF_8), args);
        return new Run(status, buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void digitsByDefaultReaches97PercentAndIsReproducible(@TempDir Path dir) {
        Path plot = dir.resolve("curves.png");
        Run a = run("--plot", plot.toString());
        assertEquals(0, a.status(), a.out());
        assertTrue(a.accuracy() >= 0.97, "digits accuracy " + a.accuracy());
        assertTrue(a.out().contains("epoch 30/30"), a.out());
        assertTrue(a.out().contains("confusion matrix"), a.out());
        assertTrue(Files.exists(plot), "the curves PNG");
        Run b = run("digits", "--quiet");
        assertEquals(0, b.status());
        assertEquals("test accuracy: " + String.format(java.util.Locale.ROOT, "%.4f", a.accuracy()), b.out().strip(),
                "same seed, same result; --quiet prints only the last line");
    }

    @Test
    void saveAndLoadResumeTheSameModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("digits.safetensors");
        Run trained = run("digits", "--epochs", "3", "--quiet", "--save", model.toString());
        assertEquals(0, trained.status(), trained.out());
        assertTrue(Files.exists(model) && Files.exists(dir.resolve("digits.optim.safetensors")));
        Run loaded = run("digits", "--epochs", "0", "--quiet", "--load", model.toString());
        assertEquals(0, loaded.status(), loaded.out());
        assertEquals(trained.accuracy(), loaded.accuracy(), "the loaded model is the saved one");
    }

    @Test
    void fashionOnTheBundledSubset() {
        Run r = run("fashion", "--epochs", "2", "--quiet", "--hidden", "64");
        assertEquals(0, r.status(), r.out());
        assertTrue(r.accuracy() > 0.6, "fashion accuracy " + r.accuracy());
    }

    @Test
    void fashionReadsAFullSetDirectory(@TempDir Path dir) throws Exception {
        // the bundled subset, laid out under the full set's file names
        String[][] names = {{BundledData.FASHION_TRAIN_IMAGES, "train-images-idx3-ubyte.gz"},
            {BundledData.FASHION_TRAIN_LABELS, "train-labels-idx1-ubyte.gz"},
            {BundledData.FASHION_TEST_IMAGES, "t10k-images-idx3-ubyte.gz"},
            {BundledData.FASHION_TEST_LABELS, "t10k-labels-idx1-ubyte.gz"}};
        for (String[] n : names) {
            try (var in = CliTest.class.getClassLoader().getResourceAsStream(n[0])) {
                Files.copy(in, dir.resolve(n[1]));
            }
        }
        Run r = run("fashion", "--data", dir.toString(), "--epochs", "1", "--hidden", "32", "--plot",
                dir.resolve("curves.png").toString());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("2000 train / 500 test samples"), r.out());
        r.accuracy();
    }

    @Test
    void theOtherSubcommands(@TempDir Path dir) throws IOException {
        Run seed = run("seed");
        assertEquals(0, seed.status());
        assertTrue(seed.out().contains("epoch 100"), seed.out());
        seed.accuracy();
        Run softmax = run("softmax");
        assertEquals(0, softmax.status());
        assertTrue(softmax.out().contains("max |tape grad - hand-derived grad|"), softmax.out());
        softmax.accuracy();
        Run losses = run("losses");
        assertTrue(losses.out().contains("[0.1698, 0.8247]"), losses.out());
        Run gc = run("gradcheck");
        assertEquals(0, gc.status());
        assertTrue(gc.out().contains("numerical") && gc.out().contains("analytical"), gc.out());
        Path dot = dir.resolve("g.dot");
        Run graph = run("graph", "-o", dot.toString());
        assertEquals(0, graph.status());
        assertTrue(graph.out().contains("CrossEntropyBackward"), graph.out());
        // Each Linear is one AddmmBackward node, as in PyTorch: four nodes in all.
        assertTrue(graph.out().contains("AddmmBackward([10] leaf, [4, 2], [10, 2] leaf) -> [4, 10]"), graph.out());
        assertTrue(graph.out().contains("AddmmBackward([2] leaf, [4, 10] from #"), graph.out());
        assertEquals(4, graph.out().lines().filter(l -> l.startsWith("  #")).count(), graph.out());
        assertTrue(Files.exists(dot));
        String dotText = Files.readString(dot);
        assertTrue(dotText.contains("label=\"AddmmBackward\\n[4, 2]\""), dotText);
    }

    @Test
    void helpAndBadOptions() {
        for (String cmd : new String[] {"digits", "fashion", "seed", "softmax", "losses", "gradcheck", "graph"}) {
            Run h = run(cmd, "--help");
            assertEquals(0, h.status());
            assertTrue(h.out().contains("Usage: jgrad " + cmd), h.out());
        }
        Run top = run("--help");
        assertEquals(0, top.status());
        assertTrue(top.out().contains("JDK_JAVA_OPTIONS=\"--add-modules jdk.incubator.vector\""), top.out());
        assertNotEquals(0, run("digits", "--epochs", "-1", "--quiet").status());
        assertNotEquals(0, run("digits", "--optimizer", "rmsprop", "--quiet").status());
        assertNotEquals(0, run("--no-such-option").status());
        assertNotEquals(0, run("fashion", "--data", "/no/such/dir", "--quiet").status());
    }

    @Test
    void badNumbersAreRejectedBeforeAnyWork() {
        String[][] bad = {
            {"seed", "--epochs", "-5"},
            {"softmax", "--batch-size", "-3"},
            {"softmax", "--iterations", "0"},
            {"digits", "--epochs", "-1"},
            {"digits", "--batch-size", "0"},
            {"digits", "--lr", "NaN"},
            {"fashion", "--hidden", "64,0"},
            {"digits", "--dtype", "float16"},
        };
        for (String[] args : bad) {
            var err = new ByteArrayOutputStream();
            PrintStream oldErr = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Run r;
            try {
                r = run(args);
            } finally {
                System.setErr(oldErr);
            }
            String msg = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, r.status(), String.join(" ", args) + ": " + r.out() + msg);
            assertTrue(msg.contains("jgrad: " + args[0] + ": " + args[1] + " must be"),
                    String.join(" ", args) + " gave: " + msg);
            assertFalse(msg.contains("Exception"), msg);
        }
    }
}
