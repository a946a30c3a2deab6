package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Inputs and comparisons for the FLOAT32 kernel tests: the reference for a FLOAT32 op is the
 * generic path's value, the op computed in FLOAT64 on the widened inputs and rounded to float.
 */
final class Float32Values {
    private Float32Values() {}

    /** Values a float kernel must get right besides ordinary ones. */
    static final double[] SPECIAL = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1e-30, 1.0, -1.0, 3e38};

    /**
     * A FLOAT32 tensor of random values; with {@code special}, one in five is from {@link #SPECIAL}.
     */
    static Tensor random(SplittableRandom rng, boolean special, int... shape) {
        double[] v = new double[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = special && rng.nextInt(5) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextGaussian() * 3;
        }
        return Tensor.of(v, DType.FLOAT32, shape);
    }

    /** The same values as a FLOAT64 tensor (exact), requiring grad when {@code t} does. */
    static Tensor widened(Tensor t) {
        Tensor w = Tensor.of(t.toArray(), DType.FLOAT64, t.shape());
        return t.requiresGrad() ? w.requiresGrad(true) : w;
    }

    /** {@code got} is FLOAT32, of {@code want}'s shape, and holds {@code want}'s values rounded to float, bit for bit. */
    static void assertRounded(Tensor want, Tensor got, String what) {
        assertEquals(DType.FLOAT32, got.dtype(), what + ": dtype");
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        double[] w = want.toArray();
        double[] g = got.toArray();
        for (int i = 0; i < w.length; i++) {
            int wb = Float.floatToIntBits((float) w[i]);
            int gb = Float.floatToIntBits((float) g[i]);
            int at = i;
            assertEquals(wb, gb, () -> what + " at " + at + ": got " + g[at] + ", want " + (float) w[at]);
        }
    }

    /**
     * {@code got} is FLOAT32, of {@code want}'s shape, and within {@code atol + rtol * |want|} of
     * {@code want}'s values rounded to float (NaN where they are NaN, the same infinities).
     */
    static void assertClose(Tensor want, Tensor got, double rtol, double atol, String what) {
        assertEquals(DType.FLOAT32, got.dtype(), what + ": dtype");
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        double[] w = want.toArray();
        double[] g = got.toArray();
        for (int i = 0; i < w.length; i++) {
            float wf = (float) w[i];
            float gf = (float) g[i];
            boolean ok = Float.isNaN(wf) ? Float.isNaN(gf)
                    : Float.isInfinite(wf) ? wf == gf : Math.abs(gf - wf) <= atol + rtol * Math.abs(wf);
            int at = i;
            assertTrue(ok, () -> what + " at " + at + ": got " + gf + ", want " + wf);
        }
    }
}
