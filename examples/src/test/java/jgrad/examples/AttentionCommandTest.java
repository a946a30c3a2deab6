package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import jgrad.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jgrad attention}: a short run learns, writes its PNG, and repeats itself under one seed. */
class AttentionCommandTest {
    private static final Pattern STEP = Pattern.compile("(?m)^step (\\d+): train loss (\\d+\\.\\d{4}), val loss "
            + "(\\d+\\.\\d{4}) ");
    /** ln(78): the loss of a uniform guess over the text's 78 characters. */
    private static final double LN_VOCAB = Math.log(78);

    /**
     * 120 steps of a 32-wide model on 16-character windows: the val loss measured 2.7153, 2.7672
     * and 2.7144 for seeds 0, 1 and 2 (the unigram cross-entropy of the val text is 3.15, ln(78)
     * 4.36); the bound 3.0 leaves a margin and still needs more than character frequencies.
     */
    @Test
    void aShortRunLearnsAndWritesAValidPng(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("losses.png");
        CliTest.Run r = CliTest.run("attention", "--steps", "120", "--batch-size", "16", "--block-size", "16",
                "--n-embd", "32", "--eval-interval", "40", "--sample", "40", "--plot", png.toString());
        assertEquals(0, r.status(), r.out());
        List<double[]> evals = new ArrayList<>();
        Matcher m = STEP.matcher(r.out());
        while (m.find()) {
            evals.add(new double[] {Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3))});
        }
        assertEquals(List.of(0.0, 40.0, 80.0, 120.0), evals.stream().map(e -> e[0]).toList(), r.out());
        assertEquals(LN_VOCAB, evals.get(0)[2], 0.05, "an untrained model guesses uniformly");
        double val = evals.get(3)[2];
        assertTrue(val < 3.0, "val loss " + val + " after 120 steps, ln(vocabulary) " + LN_VOCAB);
        assertTrue(r.out().contains("vocabulary 78"), r.out());
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "val loss: %.4f", val)), r.out());
        assertTrue(r.out().contains("40 characters sampled after a newline (temperature 0.8):"), r.out());
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads the PNG");
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
    }

    @Test
    void theSameSeedGivesTheSameLossesAndSample() throws Exception {
        AttentionExample.Result a = tiny(7, DType.FLOAT32);
        AttentionExample.Result b = tiny(7, DType.FLOAT32);
        assertEquals(a.trainLoss(), b.trainLoss());
        assertEquals(a.valLoss(), b.valLoss());
        assertEquals(a.sample(), b.sample());
        assertEquals(30, a.sample().length());
        assertEquals(List.of(0, 10, 20), a.evalSteps());
        AttentionExample.Result c = tiny(8, DType.FLOAT32);
        assertNotEquals(a.valLoss(), c.valLoss(), "another seed, other batches and weights");
        AttentionExample.Result d = tiny(7, DType.FLOAT64);
        assertEquals(a.valLoss().get(0), d.valLoss().get(0), 1e-5, "float64: the same first estimate");
        assertTrue(d.valLoss().get(2) < d.valLoss().get(0) - 0.3, "float64 learns too: " + d.valLoss());
    }

    private static AttentionExample.Result tiny(long seed, DType dtype) throws Exception {
        var cfg = new AttentionExample.Config(20, 8, 8, 16, 2, 1, 3e-3, 0.1, 10, 2, 30, 0.8, seed, dtype, null, true);
        var out = new ByteArrayOutputStream();
        var result = AttentionExample.run("attention", BundledData.dhammapada(), cfg,
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(String.format(java.util.Locale.ROOT, "val loss: %.4f", result.valLoss().get(2)),
                out.toString(StandardCharsets.UTF_8).strip(), "quiet: only the last line");
        return result;
    }

    @Test
    void badOptionsAreErrorsBeforeTraining(@TempDir Path dir) {
        String[][] cases = {
            {"--n-embd", "50", "--n-head", "3"}, {"--dtype", "float16"}, {"--lr", "-1"}, {"--temperature", "NaN"},
            {"--block-size", "0"}, {"--plot", dir.resolve("none").resolve("x.png").toString()},
        };
        String[] expected = {
            "attention: --n-embd (50) must be a multiple of --n-head (3)",
            "attention: --dtype must be float32 or float64, got float16",
            "attention: --lr must be a finite number >= 0, got -1.0",
            "attention: --temperature must be a finite number >= 0, got NaN",
            "attention: --block-size must be >= 1, got 0",
            "attention: --plot " + dir.resolve("none").resolve("x.png") + ": its directory ",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "attention";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            CliUsabilityTest.Run r = CliUsabilityTest.run(args);
            assertEquals(2, r.status(), r.all());
            assertTrue(r.err().contains(expected[i]), "expected '" + expected[i] + "' in: " + r.err());
            assertFalse(r.out().contains("step "), "it trained first: " + r.out());
        }
        String help = CliUsabilityTest.run("attention", "--help").out();
        assertTrue(help.contains("--steps=<steps>") && help.contains("Default: 500"), help);
        assertTrue(CliUsabilityTest.run("--help").out().contains("attention"), "listed in jgrad --help");
    }
}
