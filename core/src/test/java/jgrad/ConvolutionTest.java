package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the golden cases do not show of conv2d: random configurations against a direct
 * six-loop convolution (forward, and the input and weight gradients through a second direct
 * loop), FLOAT32 staying FLOAT32, the graph it records, and an empty batch.
 */
class ConvolutionTest {
    private static final SplittableRandom RNG = new SplittableRandom(1616);

    /** The direct definition: out[b, o, y, x] = bias[o] + sum over c, i, j of in * w. */
    private static double[] direct(double[] in, int n, int c, int h, int w, double[] wt, int o, int kh, int kw,
            double[] bias, int[] st, int[] pad, int[] dil, int groups, int oh, int ow) {
        double[] out = new double[n * o * oh * ow];
        int cg = c / groups;
        int og = o / groups;
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int g = oc / og;
                for (int y = 0; y < oh; y++) {
                    for (int x = 0; x < ow; x++) {
                        double s = bias == null ? 0 : bias[oc];
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = y * st[0] - pad[0] + i * dil[0];
                                    int ix = x * st[1] - pad[1] + j * dil[1];
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        s += in[((b * c + g * cg + ci) * h + iy) * w + ix]
                                                * wt[((oc * cg + ci) * kh + i) * kw + j];
                                    }
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + x] = s;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void randomConfigurationsMatchTheDirectLoopsForwardAndBackward() {
        for (int trial = 0; trial < 40; trial++) {
            int groups = 1 + RNG.nextInt(3);
            int n = RNG.nextInt(4);
            int c = groups * (1 + RNG.nextInt(3));
            int o = groups * (1 + RNG.nextInt(3));
            int kh = 1 + RNG.nextInt(4);
            int kw = 1 + RNG.nextInt(4);
            int[] st = {1 + RNG.nextInt(3), 1 + RNG.nextInt(3)};
            int[] pad = {RNG.nextInt(3), RNG.nextInt(3)};
            int[] dil = {1 + RNG.nextInt(3), 1 + RNG.nextInt(3)};
            int h = Math.max(1, dil[0] * (kh - 1) + 1 - 2 * pad[0]) + RNG.nextInt(6);
            int w = Math.max(1, dil[1] * (kw - 1) + 1 - 2 * pad[1]) + RNG.nextInt(6);
            int oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) / st[0] + 1;
            int ow = (w + 2 * pad[1] - dil[1] * (kw - 1) - 1) / st[1] + 1;
            boolean withBias = RNG.nextBoolean();
            String what = "trial " + trial + ": n=" + n + " c=" + c + " o=" + o + " h=" + h + " w=" + w + " k=" + kh
                    + "x" + kw + " stride=" + st[0] + "," + st[1] + " pad=" + pad[0] + "," + pad[1] + " dil="
                    + dil[0] + "," + dil[1] + " groups=" + groups;
            Tensor x = Tensor.randn(RNG, n, c, h, w).requiresGrad(true);
            Tensor wt = Tensor.randn(RNG, o, c / groups, kh, kw).requiresGrad(true);
            Tensor b = withBias ? Tensor.randn(RNG, o).requiresGrad(true) : null;
            Tensor y = x.conv2d(wt, b, st, pad, dil, groups);
            assertArrayEquals(new int[] {n, o, oh, ow}, y.shapeArray(), what);
            double[] ref = direct(x.doubles(), n, c, h, w, wt.doubles(), o, kh, kw, withBias ? b.doubles() : null,
                    st, pad, dil, groups, oh, ow);
            assertClose(ref, y.doubles(), 1e-12, what + " output");
            // d(sum(y * r))/dx[p] = (direct conv of e_p) . r, i.e. the conv is linear in x: check by
            // comparing <grad_x, dx> with <r, conv(dx)> for a random direction dx (same for the weight)
            Tensor r = Tensor.randn(RNG, n, o, oh, ow);
            y.backward(r);
            double[] dx = Tensor.randn(RNG, n, c, h, w).doubles();
            double[] dw = Tensor.randn(RNG, o, c / groups, kh, kw).doubles();
            double viaX = dot(r.doubles(), direct(dx, n, c, h, w, wt.doubles(), o, kh, kw, null, st, pad, dil, groups,
                    oh, ow));
            double viaW = dot(r.doubles(), direct(x.doubles(), n, c, h, w, dw, o, kh, kw, null, st, pad, dil, groups,
                    oh, ow));
            assertEquals(viaX, dot(x.grad().doubles(), dx), 1e-10 * (1 + Math.abs(viaX)), what + " grad input");
            assertEquals(viaW, dot(wt.grad().doubles(), dw), 1e-10 * (1 + Math.abs(viaW)), what + " grad weight");
            if (withBias) {
                double[] gb = b.grad().doubles();
                for (int oc = 0; oc < o; oc++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (int l = 0; l < oh * ow; l++) {
                            s += r.doubles()[(i * o + oc) * oh * ow + l];
                        }
                    }
                    assertEquals(s, gb[oc], 1e-12 * (1 + Math.abs(s)), what + " grad bias");
                }
            }
        }
    }

    @Test
    void float32StaysFloat32AndMatchesFloat64() {
        Tensor x = Tensor.randn(RNG, 2, 4, 9, 8);
        Tensor w = Tensor.randn(RNG, 6, 2, 3, 3);
        Tensor b = Tensor.randn(RNG, 6);
        int[] st = {2, 1};
        int[] pad = {1, 1};
        int[] dil = {1, 2};
        Tensor x32 = x.to(DType.FLOAT32).requiresGrad(true);
        Tensor w32 = w.to(DType.FLOAT32).requiresGrad(true);
        Tensor b32 = b.to(DType.FLOAT32).requiresGrad(true);
        Tensor y32 = x32.conv2d(w32, b32, st, pad, dil, 2);
        assertEquals(DType.FLOAT32, y32.dtype());
        y32.sum().backward();
        for (Tensor t : new Tensor[] {x32, w32, b32}) {
            assertEquals(DType.FLOAT32, t.grad().dtype());
        }
        Tensor y64 = x32.detach().to(DType.FLOAT64).conv2d(w32.detach().to(DType.FLOAT64),
                b32.detach().to(DType.FLOAT64), st, pad, dil, 2);
        assertClose(y64.doubles(), y32.doubles(), 1e-5, "FLOAT32 output");
    }

    @Test
    void recordsConvolutionBackwardAndSkipsTheInputGradientWhenNotNeeded() {
        Tensor x = Tensor.randn(RNG, 2, 1, 6, 6);
        Tensor w = Tensor.randn(RNG, 3, 1, 3, 3).requiresGrad(true);
        Tensor b = Tensor.randn(RNG, 3).requiresGrad(true);
        Tensor y = x.conv2d(w, b, new int[] {1}, new int[] {0}, new int[] {1}, 1);
        assertEquals("ConvolutionBackward", y.gradFn().name());
        y.sum().backward();
        assertNull(x.grad());
        assertArrayEquals(new int[] {3, 1, 3, 3}, w.grad().shapeArray());
        // d sum / d bias[o] = N * oH * oW
        assertArrayEquals(new double[] {32, 32, 32}, b.grad().doubles());
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            assertNull(x.conv2d(w, b, new int[] {1}, new int[] {0}, new int[] {1}, 1).gradFn());
        }
    }

    @Test
    void unbatchedIsTheBatchOfOne() {
        Tensor x = Tensor.randn(RNG, 3, 7, 5);
        Tensor w = Tensor.randn(RNG, 4, 3, 2, 2);
        Tensor b = Tensor.randn(RNG, 4);
        int[] st = {2};
        int[] pad = {1};
        int[] dil = {1};
        Tensor one = x.conv2d(w, b, st, pad, dil, 1);
        Tensor batched = x.unsqueeze(0).conv2d(w, b, st, pad, dil, 1);
        assertArrayEquals(new int[] {4, 4, 3}, one.shapeArray());
        assertArrayEquals(batched.doubles(), one.doubles());
    }

    @Test
    void anEmptyBatchGivesAnEmptyOutputAndZeroWeightGradient() {
        Tensor x = Tensor.zeros(0, 2, 5, 5).requiresGrad(true);
        Tensor w = Tensor.randn(RNG, 3, 2, 3, 3).requiresGrad(true);
        Tensor y = x.conv2d(w, null, new int[] {1}, new int[] {0}, new int[] {1}, 1);
        assertArrayEquals(new int[] {0, 3, 3, 3}, y.shapeArray());
        y.sum().backward();
        assertTrue(java.util.Arrays.stream(w.grad().doubles()).allMatch(v -> v == 0));
        assertArrayEquals(new int[] {0, 2, 5, 5}, x.grad().shapeArray());
    }

    @Test
    void aLongBatchCutIntoChunksGivesThePerSampleSumsOnceAndTwice() {
        // N * oH * oW = 3 * 38 * 38 = 4332 columns: the weight gradient's inner size is cut in chunks
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor x = Tensor.randn(RNG, 3, 2, 40, 40).to(dtype).requiresGrad(true);
            Tensor w = Tensor.randn(RNG, 4, 2, 3, 3).to(dtype).requiresGrad(true);
            Tensor r = Tensor.randn(RNG, 3, 4, 38, 38).to(dtype);
            Tensor v = Tensor.randn(RNG, 4, 2, 3, 3).to(dtype);
            int[] one = {1};
            int[] zero = {0};
            // dW (with its graph), then d(sum(dW * v))/dx: whole batch against each sample alone
            Tensor dw = jgrad.autograd.Autograd.grad(x.conv2d(w, null, one, zero, one, 1), java.util.List.of(w), r,
                    true).get(0);
            Tensor dx = jgrad.autograd.Autograd.grad(dw.mul(v).sum(), java.util.List.of(x), null, false).get(0);
            double[] dwSum = new double[w.numel()];
            double[] dxCat = new double[x.numel()];
            for (int b = 0; b < 3; b++) {
                Tensor xb = x.detach().select(0, b).unsqueeze(0).requiresGrad(true);
                Tensor dwb = jgrad.autograd.Autograd.grad(xb.conv2d(w, null, one, zero, one, 1), java.util.List.of(w),
                        r.select(0, b).unsqueeze(0), true).get(0);
                Tensor dxb = jgrad.autograd.Autograd.grad(dwb.mul(v).sum(), java.util.List.of(xb), null, false).get(0);
                double[] d = dwb.doubles();
                for (int i = 0; i < d.length; i++) {
                    dwSum[i] += d[i];
                }
                System.arraycopy(dxb.doubles(), 0, dxCat, b * dxb.numel(), dxb.numel());
            }
            double tol = dtype == DType.FLOAT32 ? 1e-4 : 1e-12;
            assertEquals(dtype, dw.dtype());
            assertEquals(dtype, dx.dtype());
            assertClose(dwSum, dw.doubles(), tol, dtype + " weight gradient");
            assertClose(dxCat, dx.doubles(), tol, dtype + " second-order input gradient");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }
}
