package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * ReLU's branch-free loops against PyTorch's rule, threshold_backward on the saved output: the
 * gradient is g where the output is {@code > 0} or NaN, and 0 where it is 0, even for an
 * infinite or NaN g.
 */
class ReluTest {
    private static final double TINY = Double.MIN_VALUE; // the smallest subnormal

    private static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void edgeValuesForwardAndBackward() {
        Tensor x = leaf(Double.NaN, -1, 0, 2, -0.0, Double.POSITIVE_INFINITY, TINY, -TINY, Double.NEGATIVE_INFINITY);
        Tensor y = x.relu();
        assertArrayEquals(new double[] {Double.NaN, 0, 0, 2, 0, Double.POSITIVE_INFINITY, TINY, 0, 0}, y.toArray());
        double inf = Double.POSITIVE_INFINITY;
        y.backward(Tensor.of(1.5, inf, Double.NaN, -2, -inf, 3, 0.25, Double.NaN, 7));
        // NaN output passes g; an infinite or NaN g where the output is 0 gives 0, not NaN.
        assertArrayEquals(new double[] {1.5, 0, 0, -2, 0, 3, 0.25, 0, 0}, x.grad().toArray());
    }

    @Test
    void gradientIsTheThresholdRuleOnRandomValues() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] special = {0.0, -0.0, Double.NaN, TINY, -TINY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(300);
            double[] xv = new double[n];
            double[] gv = new double[n];
            for (int i = 0; i < n; i++) {
                xv[i] = rng.nextInt(8) == 0 ? special[rng.nextInt(special.length)] : rng.nextGaussian();
                gv[i] = rng.nextInt(8) == 0 ? special[rng.nextInt(special.length)] : rng.nextGaussian();
            }
            Tensor x = leaf(xv);
            x.relu().backward(Tensor.of(gv));
            double[] got = x.grad().toArray();
            for (int i = 0; i < n; i++) {
                double out = Math.max(xv[i], 0.0);
                double want = out <= 0 ? 0.0 : gv[i];
                // +0 and -0 are the same gradient (g * 0 keeps g's sign, as the tensor path does)
                assertTrue(want == got[i] || Double.isNaN(want) && Double.isNaN(got[i]),
                        "x=" + xv[i] + " g=" + gv[i] + ": " + got[i] + ", want " + want);
            }
        }
    }

    @Test
    void recordedBackwardGivesTheSameGradientAndASecondOrder() {
        double[] xv = {-1.5, 0.5, 0, 2, Double.NaN};
        Tensor x = leaf(xv);
        Tensor w = leaf(1, 2, 3, 4, 5);
        // f = sum(relu(xw)^2): df/dw = 2 relu(xw) x; d/dx of that = 2 w x + 2 relu(xw) where xw > 0
        Tensor f = x.mul(w).relu().pow(2).sum();
        Tensor gw = Autograd.grad(f, List.of(w), null, true).get(0);
        assertTrue(gw.requiresGrad(), "createGraph records ReLU's backward");
        assertArrayEquals(new double[] {0, 1, 0, 32, Double.NaN}, gw.toArray(), 0.0); // 0.0: -0 where x < 0
        Tensor gx = Autograd.grad(gw.sum(), List.of(x), null, false).get(0);
        assertArrayEquals(new double[] {0, 2 * 2 * 0.5 + 2 * 1.0, 0, 2 * 4 * 2 + 2 * 8, Double.NaN}, gx.toArray(), 0.0);
        assertEquals(5, gx.numel());
    }
}
