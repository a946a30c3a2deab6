package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * 2-D pooling beyond the registry and the golden files: windows with no tap inside the input,
 * adaptive output size 0, unbatched against batched, FLOAT32 staying FLOAT32 on the hot shape,
 * and third derivatives through the recorded backward ops.
 */
class PoolingTest {
    private static int[] d(int... v) {
        return v;
    }

    /** PyTorch: max_pool2d(randn(1,1,1,3), 2, 2, 1, 2) is [-inf, -inf] (every row tap is padding) and its gradient 0. */
    @Test
    void aWindowWithNoTapInsideTheInputIsMinusInfinityWithNoGradient() {
        Tensor x = Tensor.of(new double[] {0.5, -1.0, 2.0}, 1, 1, 1, 3).requiresGrad(true);
        Tensor y = x.maxPool2d(d(2), d(2), d(1), d(2), false);
        assertArrayEquals(d(1, 1, 1, 2), y.shape());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, y.toArray());
        y.backward(Tensor.ones(1, 1, 1, 2));
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toArray());
    }

    /** PyTorch: adaptive_avg_pool2d(x, 0) is an empty (N, C, 0, 0) tensor; (2, 0) gives (N, C, 2, 0). */
    @Test
    void adaptiveOutputSizeZeroIsEmptyAsInPyTorch() {
        Tensor x = Tensor.ones(2, 3, 4, 5).requiresGrad(true);
        Tensor y = x.adaptiveAvgPool2d(d(0));
        assertArrayEquals(d(2, 3, 0, 0), y.shape());
        assertArrayEquals(d(2, 3, 2, 0), x.adaptiveAvgPool2d(d(2, 0)).shape());
        y.sum().backward();
        assertEquals(0.0, x.grad().abs().sum().item());
    }

    /** An unbatched (C, H, W) input pools like its batch of one. */
    @Test
    void unbatchedInputsPoolLikeABatchOfOne() {
        Tensor x = Tensor.randn(new SplittableRandom(7), 3, 6, 7);
        Tensor b = x.reshape(1, 3, 6, 7);
        assertArrayEquals(b.maxPool2d(d(3), d(2), d(1), d(1), true).toArray(),
                x.maxPool2d(d(3), d(2), d(1), d(1), true).toArray());
        assertArrayEquals(b.avgPool2d(d(2, 3), d(1), d(1), false, false).toArray(),
                x.avgPool2d(d(2, 3), d(1), d(1), false, false).toArray());
        assertArrayEquals(b.adaptiveAvgPool2d(d(4, 3)).toArray(), x.adaptiveAvgPool2d(d(4, 3)).toArray());
        assertArrayEquals(d(3, 4, 4), x.maxPool2d(d(3), d(2), d(1), d(1), true).shape());
    }

    /** The MNIST Net's pool, (N, 64, 24, 24) 2x2, in FLOAT32: FLOAT32 values (the window maxima) and gradient. */
    @Test
    void float32MaxPoolStaysFloat32AndRoutesTheGradientToTheMaxima() {
        Tensor x = Tensor.randn(new SplittableRandom(3), 2, 4, 24, 24).to(DType.FLOAT32).requiresGrad(true);
        Tensor y = x.maxPool2d(d(2), null, d(0), d(1), false);
        assertEquals(DType.FLOAT32, y.dtype());
        assertArrayEquals(d(2, 4, 12, 12), y.shape());
        float[] in = x.floatStorage();
        float[] out = y.floatStorage();
        for (int p = 0; p < 8; p++) {
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    int at = p * 576 + 2 * i * 24 + 2 * j;
                    float m = Math.max(Math.max(in[at], in[at + 1]), Math.max(in[at + 24], in[at + 25]));
                    assertEquals(m, out[p * 144 + i * 12 + j]);
                }
            }
        }
        y.sum().backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(288 * 4, x.grad().sum().item()); // one 1 per window
        double[] g = x.grad().toArray();
        double[] v = x.detach().toArray();
        for (int k = 0; k < g.length; k++) {
            assertTrue(g[k] == 0 || g[k] == 1);
            if (g[k] == 1) {
                int p = k / 576;
                int r = k % 576;
                int o = p * 144 + (r / 24 / 2) * 12 + (r % 24) / 2;
                assertEquals(out[o], (float) v[k]);
            }
        }
    }

    /**
     * The backward ops are recorded, so derivatives of any order exist. With P the pool and P^T
     * its gradient: every pool here keeps sums (sum(P^T v) = sum(v): max pooling routes each
     * element once, and the averages divide by the number of inputs in the window), so for
     * y = sum(P(x)^3) the gradient is P^T 3 P(x)^2, the gradient of its sum P^T 6 P(x), and the
     * gradient of that sum 6 P^T 1: six times the gradient of sum(P(x)).
     */
    @Test
    void thirdDerivativesGoThroughTheRecordedBackwardOps() {
        Tensor x = Tensor.randn(new SplittableRandom(11), 1, 2, 5, 5).requiresGrad(true);
        List<Function<Tensor, Tensor>> pools = List.of(t -> t.maxPool2d(d(3), d(1), d(1), d(1), false),
                t -> t.avgPool2d(d(3), d(2), d(1), true, false), t -> t.adaptiveAvgPool2d(d(3)));
        for (Function<Tensor, Tensor> pool : pools) {
            Tensor y = pool.apply(x).pow(3).sum();
            Tensor g1 = Autograd.grad(y, List.of(x), null, true).get(0);
            Tensor g2 = Autograd.grad(g1.sum(), List.of(x), null, true).get(0);
            Tensor g3 = Autograd.grad(g2.sum(), List.of(x), null, false).get(0);
            Tensor want = Autograd.grad(pool.apply(x).sum(), List.of(x), null, false).get(0);
            assertTrue(want.abs().sum().item() > 0);
            assertArrayEquals(want.mul(6).toArray(), g3.toArray(), 1e-12);
        }
    }
    /**
     * The 2 x 2 fast path (every window 2 x 2 taps: kernel 2, any stride and dilation) against
     * PyTorch's scan rule written out here: the first maximum in window order on ties, the last
     * NaN when a window holds one. Inputs of a few distinct values (many ties), some NaN, in both
     * dtypes; the gradient of sum() marks the picked positions.
     */
    @Test
    void twoByTwoWindowsPickAsPyTorchsScanOnTiesAndNaN() {
        SplittableRandom rng = new SplittableRandom(21);
        double[] values = new double[2 * 3 * 9 * 8];
        for (int i = 0; i < values.length; i++) {
            int r = rng.nextInt(12);
            values[i] = r == 0 ? Double.NaN : r == 1 ? Double.NEGATIVE_INFINITY : r % 3;
        }
        int[][] strideDilation = {{2, 1}, {1, 1}, {2, 2}, {3, 3}};
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int[] sd : strideDilation) {
                Tensor x = Tensor.of(values, DType.FLOAT64, 2, 3, 9, 8).to(dt).requiresGrad(true);
                Tensor y = x.maxPool2d(d(2), d(sd[0]), d(0), d(sd[1]), false);
                y.sum().backward();
                int[] ys = y.shape();
                double[] got = x.grad().toArray();
                double[] want = new double[values.length];
                double[] out = y.toArray();
                for (int p = 0; p < 6; p++) {
                    for (int i = 0; i < ys[2]; i++) {
                        for (int j = 0; j < ys[3]; j++) {
                            int best = -1;
                            double max = Double.NEGATIVE_INFINITY;
                            for (int a = 0; a < 2; a++) {
                                for (int b = 0; b < 2; b++) {
                                    int at = p * 72 + (i * sd[0] + a * sd[1]) * 8 + j * sd[0] + b * sd[1];
                                    best = best < 0 ? at : best;
                                    if (values[at] > max || Double.isNaN(values[at])) {
                                        max = values[at];
                                        best = at;
                                    }
                                }
                            }
                            want[best] += 1;
                            assertEquals(values[best], out[(p * ys[2] + i) * ys[3] + j], dt + " " + sd[0]);
                        }
                    }
                }
                assertArrayEquals(want, got, dt + " stride " + sd[0] + " dilation " + sd[1]);
            }
        }
    }
}
