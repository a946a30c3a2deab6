package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user trips on (issue 13): output without a terminal, options before the subcommand,
 * defaults in --help, I/O errors that name the path, and a loss that turns NaN. The CLI runs in
 * process with standard output and standard error captured (so there is no terminal).
 */
class CliUsabilityTest {
    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
        } finally {
            System.setErr(oldErr);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final Pattern EPOCH = Pattern.compile(
            "epoch +(\\d+)/3 .*test accuracy \\d\\.\\d{4} .*\\(training (\\d+) samples/s\\)");

    @Test
    void withoutATerminalOneLinePerEpochAndNoCarriageReturns(@TempDir Path dir) {
        Run r = run("digits", "--epochs", "3", "--plot", dir.resolve("c.png").toString());
        assertEquals(0, r.status(), r.all());
        assertFalse(r.out().contains("\r"), "a \\r frame on stdout");
        assertFalse(r.err().contains("\r"), "a \\r frame on stderr: " + r.err());
        assertEquals("", r.err(), "nothing on stderr without a terminal");
        List<String> epochs = r.out().lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(3, epochs.size(), r.out());
        for (int i = 0; i < 3; i++) {
            Matcher m = EPOCH.matcher(epochs.get(i));
            assertTrue(m.find(), epochs.get(i));
            assertEquals(i + 1, Integer.parseInt(m.group(1)));
            assertTrue(Long.parseLong(m.group(2)) > 0, "a rate of 0 samples/s: " + epochs.get(i));
        }
    }

    @Test
    void rateAndTerminalWidthHelpers() {
        assertEquals("1437 samples/s", Trainer.rate(1437, 1_000_000_000L));
        assertEquals("2874 samples/s", Trainer.rate(1437, 500_000_000L));
        assertEquals(132, Progress.parseSttySize("43 132\n"));
        assertNull(Progress.parseSttySize("stty: 'standard input': Inappropriate ioctl for device"));
        assertNull(Progress.parseSttySize("0 0"), "a width of 0 (no terminal) is not used");
        assertEquals(100, Progress.parseColumns(" 100 "));
        assertNull(Progress.parseColumns("wide"));
        assertNull(Progress.parseColumns(null));
        assertFalse(Progress.interactive(), "the test's stdout is not a terminal");
    }

    @Test
    void quietStillWritesAGivenPlotAndHelpSaysSo(@TempDir Path dir) {
        Path plot = dir.resolve("quiet.png");
        Run r = run("digits", "--epochs", "2", "--quiet", "--plot", plot.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().strip().startsWith("test accuracy: "), r.out());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(Files.exists(plot), "--quiet --plot wrote no plot");
        String help = run("digits", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("no plot unless --plot is given"), help);
    }

    @Test
    void optionsBeforeTheSubcommandApplyToIt(@TempDir Path dir) {
        Run fashion = run("--epochs", "1", "--hidden", "16", "fashion", "--plot", dir.resolve("f.png").toString());
        assertEquals(0, fashion.status(), fashion.all());
        assertTrue(fashion.out().contains("epoch  1/1 "), fashion.out());
        assertTrue(fashion.out().contains("784-16-10"), fashion.out());
        Run seed = run("--epochs", "20", "seed");
        assertEquals(0, seed.status(), seed.all());
        assertTrue(seed.out().contains("epoch  20 "), seed.out());
        assertFalse(seed.out().contains("epoch 100"), seed.out());
        Run same = run("--epochs", "1", "--seed", "4", "digits", "--quiet");
        assertEquals(run("digits", "--epochs", "1", "--seed", "4", "--quiet").out(), same.out());
    }

    @Test
    void leadingOptionsTheSubcommandLacksOrRepeatsAreErrors() {
        Run lr = run("--lr", "0.5", "seed");
        assertEquals(2, lr.status(), lr.all());
        assertTrue(lr.err().contains("--lr (before 'seed') is not an option of 'seed'"), lr.err());
        Run twice = run("--epochs", "1", "digits", "--epochs", "2");
        assertEquals(2, twice.status(), twice.all());
        assertTrue(twice.err().contains("--epochs is given both before and after 'digits'"), twice.err());
        assertFalse(twice.all().contains("epoch "), "nothing trained: " + twice.out());
    }

    @Test
    void everySubcommandsHelpShowsItsDefaults() {
        String[][] expected = {
            {"digits", "--epochs", "30"}, {"digits", "--optimizer", "sgd"}, {"digits", "--lr", "0.05"},
            {"fashion", "--epochs", "10"}, {"fashion", "--optimizer", "adam"}, {"fashion", "--hidden", "256,128"},
            {"seed", "--epochs", "100"}, {"softmax", "--iterations", "200"}, {"softmax", "--batch-size", "100"},
            {"graph", "--output", "graph.dot"}, {"digits", "--dtype", "float32"}, {"fashion", "--dtype", "float32"},
        };
        for (String[] e : expected) {
            String help = run(e[0], "--help").out();
            int at = help.indexOf(e[1] + "=");
            assertTrue(at >= 0, e[0] + " --help lacks " + e[1] + ":\n" + help);
            String rest = help.substring(at);
            assertTrue(rest.contains("Default: " + e[2]), e[0] + " --help: no 'Default: " + e[2] + "' for " + e[1]
                    + ":\n" + help);
        }
        assertTrue(run("--help").out().contains("Default: 30"), "jgrad's own --help (digits' defaults)");
    }

    @Test
    void loadErrorsNameThePathAndTheProblem(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.safetensors");
        assertError(run("digits", "--load", missing.toString()), "--load " + missing + ": no such file");
        assertError(run("digits", "--load", dir.toString()), "--load " + dir + ": is a directory");
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not a model");
        Run r = run("digits", "--quiet", "--load", junk.toString());
        assertEquals(2, r.status(), r.all());
        assertTrue(r.err().contains(junk.toString()), "the message names the file: " + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void outputPathsAreCheckedBeforeTraining(@TempDir Path dir) {
        String nowhere = dir.resolve("nonexistent").resolve("m.safetensors").toString();
        assertError(run("digits", "--save", nowhere), "--save " + nowhere + ": its directory ");
        assertError(run("digits", "--save", dir.toString()), "--save " + dir + ": is a directory");
        String plot = dir.resolve("no").resolve("c.png").toString();
        assertError(run("fashion", "--plot", plot), "--plot " + plot + ": its directory ");
        assertError(run("graph", "-o", dir.toString()), "--output " + dir + ": is a directory");
        assertError(run("fashion", "--data", dir.resolve("none").toString()), "no such directory");
    }

    /** Exit status 2 before any training, with {@code expected} in the message and no stack trace. */
    private static void assertError(Run r, String expected) {
        assertEquals(2, r.status(), r.all());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.all().contains("Exception"), r.all());
        assertFalse(r.out().contains("epoch "), "it trained first: " + r.out());
    }

    /** digits diverges at the issue's --lr 1e6; fashion (Adam, whose step is about lr) stays finite there: 1e200. */
    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndStep(@TempDir Path dir) {
        for (String[] args : new String[][] {{"digits"}, {"fashion", "--hidden", "16"}}) {
            Path plot = dir.resolve(args[0] + ".png");
            Path model = dir.resolve(args[0] + ".safetensors");
            String[] full = new String[args.length + 6];
            System.arraycopy(args, 0, full, 0, args.length);
            System.arraycopy(new String[] {"--lr", args[0].equals("digits") ? "1e6" : "1e200", "--plot", plot.toString(), "--save", model.toString()}, 0,
                    full, args.length, 6);
            Run r = run(full);
            assertEquals(1, r.status(), r.all());
            assertTrue(r.err().matches("(?s)jgrad: " + args[0] + ": the loss is (NaN|\\+infinity) at epoch 1, step \\d+; "
                    + "training stopped.*try a smaller --lr\\)\\s*"), r.err());
            assertFalse(r.all().contains("Exception"), r.all());
            assertFalse(Files.exists(plot), "a plot was written");
            assertFalse(Files.exists(model), "a model was saved");
        }
    }

    @Test
    void theLossCheckNamesWhereAndWhat() {
        LossNotFinite.check("seed", "epoch 3, step 1", 0.5, 0.01);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> LossNotFinite.check("seed", "epoch 3, step 1", Double.NEGATIVE_INFINITY, 0.01));
        assertTrue(e.getMessage().startsWith("seed: the loss is -infinity at epoch 3, step 1; training stopped"),
                e.getMessage());
    }
}
