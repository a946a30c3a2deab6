package jgrad;

import static jgrad.BadInputTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code multinomial}: reproducibility under a seed, the distribution (a chi-square
 * goodness-of-fit test at fixed seeds), distinct indices without replacement, and its errors.
 * The indices themselves cannot match PyTorch's (another generator), so there are no goldens.
 */
class MultinomialTest {
    /**
     * Chi-square critical value for 3 degrees of freedom at p = 0.001 (tables: 16.27). A correct
     * sampler exceeds it at a given seed with probability 0.001; the seeds are fixed, so the test
     * is deterministic.
     */
    private static final double CHI2_DF3_P001 = 16.27;

    private static long[] counts(Tensor idx, int k) {
        long[] c = new long[k];
        for (int i : idx.toIntArray()) {
            c[i]++;
        }
        return c;
    }

    /** Pearson's statistic of {@code observed} against {@code weights} (zero-weight cells skipped). */
    private static double chiSquare(long[] observed, double[] weights) {
        double total = Arrays.stream(weights).sum();
        long n = Arrays.stream(observed).sum();
        double chi2 = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                double expected = n * weights[i] / total;
                chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
            }
        }
        return chi2;
    }

    @Test
    void withReplacementFitsTheWeightsAndNeverDrawsAZeroWeight() {
        double[] w = {1, 2, 0, 3, 4}; // unnormalised; the zero in the middle must never be drawn
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor idx = Tensor.of(w).to(dtype).multinomial(20_000, true, new SplittableRandom(7));
            assertArrayEquals(new int[] {20_000}, idx.shapeArray());
            assertEquals(DType.INT64, idx.dtype());
            long[] c = counts(idx, w.length);
            assertEquals(0, c[2], "zero-weight category drawn");
            double chi2 = chiSquare(c, w);
            assertTrue(chi2 < CHI2_DF3_P001, dtype + ": chi-square " + chi2 + " for counts " + Arrays.toString(c));
        }
    }

    @Test
    void aBiasedSamplerFailsTheSameChiSquareTest() { // the test above can fail
        double[] w = {1, 2, 0, 3, 4};
        long[] c = counts(Tensor.of(1.0, 2.0, 0.0, 3.0, 5.0).multinomial(20_000, true, new SplittableRandom(7)), 5);
        assertTrue(chiSquare(c, w) > CHI2_DF3_P001, Arrays.toString(c));
    }

    @Test
    void eachRowOfA2dInputHasItsOwnDistribution() {
        double[][] rows = {{5, 1, 1, 1}, {0, 0, 2, 6}, {1, 1, 1, 1}};
        Tensor w = Tensor.of(new double[] {5, 1, 1, 1, 0, 0, 2, 6, 1, 1, 1, 1}, 3, 4);
        Tensor idx = w.multinomial(12_000, true, new SplittableRandom(11));
        assertArrayEquals(new int[] {3, 12_000}, idx.shapeArray());
        for (int r = 0; r < 3; r++) {
            long[] c = counts(idx.select(0, r), 4);
            double chi2 = chiSquare(c, rows[r]);
            // row 1 has 2 non-zero cells (1 df, critical 10.83), the others 4 (3 df, 16.27)
            assertTrue(chi2 < (r == 1 ? 10.83 : CHI2_DF3_P001), "row " + r + ": " + Arrays.toString(c));
        }
    }

    @Test
    void theSameSeedGivesTheSameIndices() {
        Tensor w = Tensor.of(0.1, 0.2, 0.3, 0.4);
        Tensor.manualSeed(123);
        int[] a = w.multinomial(50, true).toIntArray();
        Tensor.manualSeed(123);
        int[] b = w.multinomial(50, true).toIntArray();
        int[] c = w.multinomial(50, true).toIntArray(); // the generator moved on
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertArrayEquals(w.multinomial(3, false, new SplittableRandom(5)).toIntArray(),
                w.multinomial(3, false, new SplittableRandom(5)).toIntArray());
        // FLOAT32 weights that are exact in float draw the same indices as FLOAT64 ones
        Tensor w2 = Tensor.of(1.0, 2.0, 3.0, 4.0);
        assertArrayEquals(w2.multinomial(40, true, new SplittableRandom(9)).toIntArray(),
                w2.to(DType.FLOAT32).multinomial(40, true, new SplittableRandom(9)).toIntArray());
    }

    @Test
    void withoutReplacementDrawsDistinctIndices() {
        Tensor w = Tensor.of(new double[] {3, 0, 1, 2, 5, 0, 4, 1, 1, 1}, 2, 5);
        for (int seed = 0; seed < 200; seed++) {
            int[] idx = w.multinomial(3, false, new SplittableRandom(seed)).toIntArray();
            for (int r = 0; r < 2; r++) {
                int rr = r;
                int[] row = Arrays.copyOfRange(idx, 3 * r, 3 * r + 3);
                assertEquals(3, Arrays.stream(row).distinct().count(), "seed " + seed + " row " + r);
                assertTrue(Arrays.stream(row).noneMatch(i -> w.get(rr, i) == 0), "zero weight drawn");
            }
        }
        // all non-zero categories: a permutation of them
        int[] all = Tensor.of(0.0, 1.0, 1.0, 0.0, 1.0).multinomial(3, false, new SplittableRandom(1)).toIntArray();
        Arrays.sort(all);
        assertArrayEquals(new int[] {1, 2, 4}, all);
    }

    @Test
    void withoutReplacementTheFirstDrawFollowsTheWeights() {
        double[] w = {1, 2, 3, 4};
        long[] first = new long[4];
        SplittableRandom rng = new SplittableRandom(3);
        Tensor t = Tensor.of(w);
        for (int i = 0; i < 8000; i++) {
            first[t.multinomial(4, false, rng).toIntArray()[0]]++;
        }
        assertTrue(chiSquare(first, w) < CHI2_DF3_P001, Arrays.toString(first));
    }

    @Test
    void theResultNeedsNoGradAndGreedyArgmaxAgrees() {
        Tensor logits = Tensor.of(new double[] {0.1, 2.0, -1.0, 0.5, 0.3, 0.2}, 2, 3).requiresGrad(true);
        Tensor probs = logits.softmax(1);
        Tensor idx = probs.multinomial(1, true, new SplittableRandom(0));
        assertFalse(idx.requiresGrad());
        assertEquals(DType.INT64, idx.dtype());
        assertArrayEquals(new int[] {2, 1}, idx.shapeArray());
        // greedy decoding takes the argmax of the same row instead: INT64 row indices
        assertArrayEquals(new int[] {1, 0}, probs.argmax(1).toIntArray());
        assertArrayEquals(new int[] {1}, probs.select(0, 0).reshape(1, 3).argmax(-1).toIntArray());
        // a one-hot row is always drawn at its hot index
        assertArrayEquals(new int[] {2, 2, 2},
                Tensor.of(0.0, 0.0, 1.0).multinomial(3, true, new SplittableRandom(4)).toIntArray());
        assertNotEquals(0, Tensor.of(0, 1e-300).multinomial(1, true, new SplittableRandom(4)).toIntArray()[0]);
    }

    @Test
    void badInputIsNamed() {
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, -0.5, 2.0).multinomial(1, true),
                "multinomial", "-0.5", "index 1");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1, Double.NaN).multinomial(1, true),
                "multinomial", "NaN");
        assertError(IllegalArgumentException.class,
                () -> Tensor.of(1, Double.POSITIVE_INFINITY).to(DType.FLOAT32).multinomial(1, true),
                "multinomial", "Infinity");
        assertError(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 0, 0}, 2, 2).multinomial(1, true), "multinomial", "row 1",
                "sum to 0");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 2.0).multinomial(0, true),
                "multinomial", "numSamples", "0");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 2.0).multinomial(3, false),
                "multinomial", "numSamples=3", "2 categories");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 0.0, 2.0).multinomial(3, false),
                "multinomial", "only 2 of 3", "non-zero");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1.0).multinomial(1, true),
                "multinomial", "0-D", "[]");
        assertError(IllegalArgumentException.class, () -> Tensor.ones(2, 2, 2).multinomial(1, true),
                "multinomial", "3-D", "[2, 2, 2]");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 2.0).to(DType.INT64).multinomial(1, true),
                "multinomial", "INT64");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 0.0).to(DType.BOOL).multinomial(1, true),
                "multinomial", "BOOL");
        assertError(IllegalArgumentException.class, () -> Tensor.ones(3, 2).multinomial(Integer.MAX_VALUE, true),
                "multinomial", "[3, 2147483647]");
        // with replacement, numSamples may exceed the number of categories, as in PyTorch
        assertEquals(10, Tensor.of(1.0, 2.0).multinomial(10, true, new SplittableRandom(0)).numel());
    }
}
