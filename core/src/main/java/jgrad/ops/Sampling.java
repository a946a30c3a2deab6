package jgrad.ops;

import java.util.random.RandomGenerator;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/**
 * Random sampling of indices from categorical weights: {@code multinomial}. Not differentiable:
 * the result is INT64 and never requires grad.
 */
public final class Sampling {
    private Sampling() {}

    /**
     * Draws {@code numSamples} category indices per row of non-negative weights, like
     * {@code torch.multinomial(input, num_samples, replacement, generator=rng)}. A row's weights
     * need not sum to 1: category {@code k} is drawn with probability {@code w[k] / sum(w)}.
     * Without replacement, each draw removes the drawn category from the row (the weights of
     * the others keep their ratios), so a row's indices are distinct. The indices come from
     * {@code rng}, so they do not match PyTorch's for the same seed.
     *
     * @param input 1-D {@code (K)} or 2-D {@code (N, K)} FLOAT32 or FLOAT64 weights, finite and
     *     {@code >= 0}, each row with a positive sum
     * @param numSamples how many indices to draw per row, at least 1; without replacement at most
     *     the row's number of non-zero weights
     * @param replacement whether a category can be drawn more than once
     * @param rng the generator to draw from
     * @return a new INT64 tensor of shape {@code (numSamples)} or {@code (N, numSamples)}
     * @throws IllegalArgumentException for any of the above not held, naming the bad value or shape
     */
    public static Tensor multinomial(Tensor input, int numSamples, boolean replacement, RandomGenerator rng) {
        int[] s = input.shapeArray();
        if (!input.dtype().isFloatingPoint()) {
            throw Shape.error("multinomial", "needs floating weights (FLOAT32, FLOAT64), got " + input.dtype()
                    + " of shape " + Shape.str(s));
        }
        if (s.length < 1 || s.length > 2) {
            throw Shape.error("multinomial", "input must be 1-D (K) or 2-D (N, K), got " + s.length
                    + "-D shape " + Shape.str(s));
        }
        if (numSamples < 1) {
            throw Shape.error("multinomial", "numSamples must be at least 1, got " + numSamples);
        }
        int k = s[s.length - 1];
        if (!replacement && numSamples > k) {
            throw Shape.error("multinomial", "cannot draw numSamples=" + numSamples + " > " + k
                    + " categories without replacement (input shape " + Shape.str(s) + ")");
        }
        int rows = s.length == 1 ? 1 : s[0];
        int[] shape = s.length == 1 ? new int[] {numSamples} : new int[] {rows, numSamples};
        if ((long) rows * numSamples > Integer.MAX_VALUE) {
            throw Shape.error("multinomial", "the result of shape " + Shape.str(shape) + " would have more than "
                    + Integer.MAX_VALUE + " elements");
        }
        double[] w = input.doubles();
        double[] out = new double[rows * numSamples];
        double[] cdf = new double[k];
        double[] row = new double[k];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, r * k, row, 0, k);
            checkRow(row, r, s, numSamples, replacement);
            if (replacement) {
                double total = cumulate(row, cdf);
                for (int j = 0; j < numSamples; j++) {
                    out[r * numSamples + j] = draw(cdf, total, rng);
                }
            } else {
                for (int j = 0; j < numSamples; j++) {
                    int idx = draw(cdf, cumulate(row, cdf), rng);
                    out[r * numSamples + j] = idx;
                    row[idx] = 0;
                }
            }
        }
        return TensorInternals.wrap(out, DType.INT64, shape);
    }

    /** Rejects negative, NaN and infinite weights, a zero sum, and too few non-zero categories. */
    private static void checkRow(double[] row, int r, int[] s, int numSamples, boolean replacement) {
        String where = s.length == 1 ? "" : " in row " + r;
        int nonZero = 0;
        double total = 0;
        for (int i = 0; i < row.length; i++) {
            double v = row[i];
            if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
                throw Shape.error("multinomial", "weights must be finite and >= 0, got " + v + " at index " + i
                        + where + " (input shape " + Shape.str(s) + ")");
            }
            if (v > 0) {
                nonZero++;
            }
            total += v;
        }
        if (!(total > 0)) {
            throw Shape.error("multinomial", "the weights" + where + " sum to 0, which is no distribution"
                    + " (input shape " + Shape.str(s) + ")");
        }
        if (total == Double.POSITIVE_INFINITY) {
            throw Shape.error("multinomial", "the weights" + where + " sum to infinity (input shape "
                    + Shape.str(s) + ")");
        }
        if (!replacement && numSamples > nonZero) {
            throw Shape.error("multinomial", "cannot draw numSamples=" + numSamples + " without replacement"
                    + where + ": only " + nonZero + " of " + row.length + " weights are non-zero (input shape "
                    + Shape.str(s) + ")");
        }
    }

    /** Fills {@code cdf} with the running sums of {@code row}; returns the total. */
    private static double cumulate(double[] row, double[] cdf) {
        double acc = 0;
        for (int i = 0; i < row.length; i++) {
            acc += row[i];
            cdf[i] = acc;
        }
        return acc;
    }

    /**
     * The first index whose running sum exceeds {@code u * total}: a zero-weight index never
     * qualifies, as its running sum equals its predecessor's. If rounding makes the product reach
     * the total, the last non-zero category is drawn.
     */
    private static int draw(double[] cdf, double total, RandomGenerator rng) {
        double u = rng.nextDouble() * total;
        int lo = 0;
        int hi = cdf.length - 1;
        if (!(cdf[hi] > u)) {
            while (hi > 0 && cdf[hi - 1] == cdf[hi]) {
                hi--;
            }
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
