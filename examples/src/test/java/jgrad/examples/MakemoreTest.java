package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.BatchNorm1d;
import org.junit.jupiter.api.Test;

/** The makemore example: a short training learns something, samples are words, and a seed fixes them. */
class MakemoreTest {
    /**
     * Measured after 300 steps (float32): val loss 2.625 (seed 0), 2.603 (seed 1), 2.622 (seed 2);
     * uniform guessing gives ln 27 = 3.296.
     */
    private static final double VAL_BOUND_300_STEPS = 2.9;

    @Test
    void aShortRunBeatsUniformAndTheSameSeedSamplesTheSameWords() {
        Makemore.Result r = Makemore.run(new Makemore.Config(300, 0, 12, 10, 200, DType.FLOAT32), null, true);
        assertTrue(r.valLoss() < VAL_BOUND_300_STEPS, "val loss " + r.valLoss());
        assertTrue(r.trainLoss() < VAL_BOUND_300_STEPS, "train loss " + r.trainLoss());
        assertEquals(12, r.samples().size());
        assertTrue(r.samples().stream().allMatch(w -> w.matches("[a-z]{0,40}")), r.samples().toString());
        assertTrue(r.samples().stream().distinct().count() > 6, "the samples vary: " + r.samples());
        assertEquals(DType.FLOAT64, Tensor.getDefaultDtype(), "the default dtype is restored");
        r.model().parameters().forEach(p -> assertEquals(DType.FLOAT32, p.dtype()));
        assertTrue(!((BatchNorm1d) r.model().get(3)).isTraining(), "sampled in eval mode");

        // the same run through the CLI, with the same seed: the same losses and words
        CliTest.Run cli = CliTest.run("makemore", "--steps", "300", "--samples", "12", "--quiet");
        assertEquals(0, cli.status(), cli.out());
        List<String> lines = cli.out().strip().lines().toList();
        assertEquals(String.format(Locale.ROOT, "train loss: %.4f", r.trainLoss()), lines.get(0));
        assertEquals(String.format(Locale.ROOT, "val loss: %.4f", r.valLoss()), lines.get(1));
        assertEquals(r.samples(), lines.subList(2, lines.size()));
    }

    @Test
    void examplesAreDotPaddedContextsAndNextCharacters() {
        Makemore.Examples e = Makemore.examples(List.of("ab", "c"));
        assertArrayEquals(new int[] {5, 3}, e.x().shapeArray());
        assertEquals(DType.INT64, e.x().dtype());
        // ... -> a, ..a -> b, .ab -> '.', ... -> c, ..c -> '.'
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 0, 1, 2, 0, 0, 0, 0, 0, 3}, e.x().toIntArray());
        assertArrayEquals(new int[] {1, 2, 0, 3, 0}, e.y().toIntArray());
        assertEquals('.', Makemore.itos(0));
        assertEquals('z', Makemore.itos(Makemore.stoi('z')));
    }

    @Test
    void badOptionsAreNamed() {
        CliUsabilityTest.Run steps = CliUsabilityTest.run("makemore", "--steps", "0");
        assertEquals(2, steps.status());
        assertTrue(steps.err().contains("makemore: --steps must be >= 1, got 0"), steps.err());
        CliUsabilityTest.Run dtype = CliUsabilityTest.run("makemore", "--dtype", "int64");
        assertEquals(2, dtype.status());
        assertTrue(dtype.err().contains("makemore: --dtype must be float32 or float64, got int64"), dtype.err());
    }
}
