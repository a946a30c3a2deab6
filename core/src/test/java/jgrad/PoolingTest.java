package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    /** PyTorch's pooling_output_shape, as written in ATen's Pool.h. */
    private static int outSize(int in, int k, int s, int p, int dil, boolean ceil) {
        int out = Math.floorDiv(in + 2 * p - dil * (k - 1) - 1 + (ceil ? s - 1 : 0), s) + 1;
        return ceil && (out - 1) * s >= in + p ? out - 1 : out;
    }

    /**
     * 300 random configurations (kernel 1-4 per dim, stride 1-3, padding up to half the kernel,
     * dilation 1-3, ceil mode, count_include_pad) against PyTorch's CPU loops transcribed
     * literally (cpu_max_pool and cpu_avg_pool of ATen): shapes, values, and for max pooling
     * the position each gradient goes to. Inputs of a few distinct values, so ties are common.
     */
    @Test
    void randomConfigurationsMatchPyTorchsLoops() {
        SplittableRandom rng = new SplittableRandom(99);
        int checked = 0;
        for (int trial = 0; trial < 300; trial++) {
            int h = 1 + rng.nextInt(7);
            int w = 1 + rng.nextInt(7);
            int[] k = {1 + rng.nextInt(4), 1 + rng.nextInt(4)};
            int[] st = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            int[] pd = {rng.nextInt(k[0] / 2 + 1), rng.nextInt(k[1] / 2 + 1)};
            int[] dl = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            boolean ceil = rng.nextBoolean();
            boolean include = rng.nextBoolean();
            int oh = outSize(h, k[0], st[0], pd[0], dl[0], ceil);
            int ow = outSize(w, k[1], st[1], pd[1], dl[1], ceil);
            double[] v = new double[2 * h * w];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(4);
            }
            Tensor x = Tensor.of(v, 2, h, w).requiresGrad(true);
            if (oh < 1 || ow < 1) {
                assertThrows(IllegalArgumentException.class, () -> x.maxPool2d(k, st, pd, dl, ceil));
                continue;
            }
            Tensor y = x.maxPool2d(k, st, pd, dl, ceil);
            assertArrayEquals(d(2, oh, ow), y.shape());
            y.sum().backward();
            double[] wantGrad = new double[v.length];
            double[] wantOut = new double[2 * oh * ow];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int h0 = i * st[0] - pd[0];
                        int w0 = j * st[1] - pd[1];
                        int h1 = Math.min(h0 + (k[0] - 1) * dl[0] + 1, h);
                        int w1 = Math.min(w0 + (k[1] - 1) * dl[1] + 1, w);
                        while (h0 < 0) {
                            h0 += dl[0];
                        }
                        while (w0 < 0) {
                            w0 += dl[1];
                        }
                        int best = h0 * w + w0;
                        double max = Double.NEGATIVE_INFINITY;
                        for (int a = h0; a < h1; a += dl[0]) {
                            for (int b = w0; b < w1; b += dl[1]) {
                                if (v[c * h * w + a * w + b] > max) {
                                    max = v[c * h * w + a * w + b];
                                    best = a * w + b;
                                }
                            }
                        }
                        wantOut[(c * oh + i) * ow + j] = max;
                        if (h0 < h1 && w0 < w1) {
                            wantGrad[c * h * w + best] += 1;
                        }
                    }
                }
            }
            String what = "h " + h + " w " + w + " k " + java.util.Arrays.toString(k) + " s "
                    + java.util.Arrays.toString(st) + " p " + java.util.Arrays.toString(pd) + " d "
                    + java.util.Arrays.toString(dl) + " ceil " + ceil;
            assertArrayEquals(wantOut, y.toArray(), what);
            assertArrayEquals(wantGrad, x.grad().toArray(), what);
            int ah = outSize(h, k[0], st[0], pd[0], 1, ceil);
            int aw = outSize(w, k[1], st[1], pd[1], 1, ceil);
            if (ah < 1 || aw < 1) {
                continue;
            }
            double[] wantAvg = new double[2 * ah * aw];
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < ah; i++) {
                    for (int j = 0; j < aw; j++) {
                        int h0 = i * st[0] - pd[0];
                        int w0 = j * st[1] - pd[1];
                        int h1 = Math.min(h0 + k[0], h + pd[0]);
                        int w1 = Math.min(w0 + k[1], w + pd[1]);
                        int poolSize = (h1 - h0) * (w1 - w0);
                        h0 = Math.max(h0, 0);
                        w0 = Math.max(w0, 0);
                        h1 = Math.min(h1, h);
                        w1 = Math.min(w1, w);
                        double sum = 0;
                        for (int a = h0; a < h1; a++) {
                            for (int b = w0; b < w1; b++) {
                                sum += v[c * h * w + a * w + b];
                            }
                        }
                        int divide = include ? poolSize : (h1 - h0) * (w1 - w0);
                        wantAvg[(c * ah + i) * aw + j] = h0 >= h1 || w0 >= w1 ? 0 : sum / divide;
                    }
                }
            }
            assertArrayEquals(wantAvg, x.avgPool2d(k, st, pd, ceil, include).toArray(), 1e-15, what + " avg");
            checked++;
        }
        assertTrue(checked > 100, "configurations with both pools: " + checked);
    }
    /** As in PyTorch, the pools save their input: changing it in place before backward fails, naming the node. */
    @Test
    void changingTheInputInPlaceBeforeBackwardIsAnError() {
        List<Function<Tensor, Tensor>> pools = List.of(t -> t.maxPool2d(d(2), null, d(0), d(1), false),
                t -> t.avgPool2d(d(2), null, d(0), false, true), t -> t.adaptiveAvgPool2d(d(1)));
        String[] names = {"MaxPool2dBackward", "AvgPool2dBackward", "AdaptiveAvgPool2dBackward"};
        for (int i = 0; i < 3; i++) {
            Tensor x = Tensor.randn(new SplittableRandom(i), 1, 1, 4, 4).requiresGrad(true);
            Tensor y = pools.get(i).apply(x).sum();
            try (var s = Autograd.noGrad()) {
                x.mulInPlace(2);
            }
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    y::backward);
            assertTrue(e.getMessage().contains(names[i]), e.getMessage());
        }
    }
}
