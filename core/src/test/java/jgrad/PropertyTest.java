package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests: each draws a few hundred random shapes and values from a fixed
 * {@link SplittableRandom} seed, so a failure names its case and reproduces.
 */
class PropertyTest {
    static final int CASES = 200;

    /** A random shape of 0..maxDims dims, sizes in [minSize, maxSize]. */
    static int[] shape(SplittableRandom r, int maxDims, int minSize, int maxSize) {
        int[] s = new int[r.nextInt(maxDims + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = r.nextInt(minSize, maxSize + 1);
        }
        return s;
    }

    /** Random values of a shape, scaled by a random power of ten up to 10^3. */
    static Tensor values(SplittableRandom r, int... shape) {
        Tensor t = Tensor.randn(r, shape);
        double scale = Math.pow(10, r.nextInt(-2, 4));
        return t.mul(scale);
    }

    static String str(int[] s) {
        return Shape.str(s);
    }

    @Test
    void softmaxRowsSumToOneAndLieInUnitInterval() {
        SplittableRandom r = new SplittableRandom(1);
        for (int c = 0; c < CASES; c++) {
            int[] s = shape(r, 4, 1, 6);
            Tensor x = values(r, s);
            int dim = s.length == 0 ? 0 : r.nextInt(-s.length, s.length);
            Tensor y = x.softmax(dim);
            assertArrayEquals(s, y.shape());
            for (double v : y.toArray()) {
                assertTrue(v >= 0 && v <= 1, "case " + c + ": softmax value " + v);
            }
            double[] sums = s.length == 0 ? y.toArray() : y.sum(dim, false).toArray();
            for (double v : sums) {
                assertEquals(1.0, v, 1e-12, "case " + c + ": shape " + str(s) + " dim " + dim);
            }
        }
    }

    @Test
    void logSumExpLiesBetweenMaxAndMaxPlusLogN() {
        SplittableRandom r = new SplittableRandom(2);
        for (int c = 0; c < CASES; c++) {
            int[] s = shape(r, 4, 1, 6);
            if (s.length == 0) {
                s = new int[] {r.nextInt(1, 7)};
            }
            Tensor x = values(r, s);
            int dim = r.nextInt(-s.length, s.length);
            int n = x.size(dim);
            double[] lse = x.logSumExp(dim, false).toArray();
            double[] max = x.max(dim, false).toArray();
            for (int i = 0; i < lse.length; i++) {
                String what = "case " + c + ": shape " + str(s) + " dim " + dim + " element " + i;
                assertTrue(lse[i] >= max[i], what + ": " + lse[i] + " < max " + max[i]);
                assertTrue(lse[i] <= max[i] + Math.log(n) + 1e-12 * (1 + Math.abs(max[i])),
                        what + ": " + lse[i] + " > max + log n");
            }
        }
    }

    @Test
    void logSoftmaxIsLogOfSoftmaxWhereFinite() {
        SplittableRandom r = new SplittableRandom(3);
        int compared = 0;
        for (int c = 0; c < CASES; c++) {
            int[] s = shape(r, 4, 1, 6);
            Tensor x = values(r, s);
            int dim = s.length == 0 ? -1 : r.nextInt(-s.length, s.length);
            double[] ls = x.logSoftmax(dim).toArray();
            double[] sm = x.softmax(dim).toArray();
            for (int i = 0; i < ls.length; i++) {
                assertTrue(ls[i] <= 0, "case " + c + ": logSoftmax " + ls[i] + " > 0");
                if (sm[i] > 1e-300) {
                    assertEquals(Math.log(sm[i]), ls[i], 1e-12 * (1 + Math.abs(ls[i])), "case " + c);
                    compared++;
                }
            }
        }
        assertTrue(compared > 1000);
    }

    /** Two random shapes that broadcast together, with 0-D shapes and leading 1s among them. */
    static int[][] broadcastablePair(SplittableRandom r) {
        int[] out = shape(r, 4, 1, 4);
        int[][] pair = new int[2][];
        for (int k = 0; k < 2; k++) {
            int nd = r.nextInt(out.length + 1);
            int[] s = new int[nd + (r.nextInt(4) == 0 ? 1 : 0)]; // sometimes an extra leading 1
            int off = s.length - nd;
            for (int i = 0; i < off; i++) {
                s[i] = 1;
            }
            for (int i = 0; i < nd; i++) {
                s[off + i] = r.nextBoolean() ? out[out.length - nd + i] : 1;
            }
            pair[k] = s;
        }
        return pair;
    }

    /** A binary op under test, with the name a failure reports. */
    record Binary(String name, BinaryOperator<Tensor> f) {}

    /** Every broadcasting binary op with a gradient; where's x and y ride on a fixed random mask. */
    static List<Binary> binaryOps(Tensor mask) {
        return List.of(new Binary("add", Tensor::add), new Binary("sub", Tensor::sub),
                new Binary("mul", Tensor::mul), new Binary("div", Tensor::div),
                new Binary("minimum", Tensor::minimum), new Binary("maximum", Tensor::maximum),
                new Binary("where(x, y)", (x, y) -> Tensor.where(mask, x, y)),
                new Binary("where(y, x)", (x, y) -> Tensor.where(mask, y, x)));
    }

    @Test
    void broadcastGradientsMatchFiniteDifferencesForEveryBinaryOp() {
        SplittableRandom r = new SplittableRandom(4);
        for (int c = 0; c < CASES; c++) {
            int[][] p = broadcastablePair(r);
            int[] out = Shape.broadcast("test", p[0], p[1]);
            Tensor mask = Tensor.rand(r, out).gt(0.5);
            Tensor g = Tensor.randn(r, out);
            for (Binary op : binaryOps(mask)) {
                Tensor a = Tensor.rand(r, p[0]).add(0.5).requiresGrad(true);
                Tensor b = Tensor.rand(r, p[1]).add(0.5).requiresGrad(true);
                Tensor y = op.f().apply(a, b);
                String what = "case " + c + ": " + op.name() + " " + str(p[0]) + " and " + str(p[1]);
                assertArrayEquals(out, y.shape(), what);
                y.backward(g);
                assertArrayEquals(p[0], a.grad().shape(), what + ": grad of a");
                assertArrayEquals(p[1], b.grad().shape(), what + ": grad of b");
                Tensor a0 = a.detach();
                Tensor b0 = b.detach();
                assertArrayEquals(finiteDifference(x -> op.f().apply(x, b0).mul(g).sum().item(), a0),
                        a.grad().toArray(), 1e-6, what + ": grad of a");
                assertArrayEquals(finiteDifference(x -> op.f().apply(a0, x).mul(g).sum().item(), b0),
                        b.grad().toArray(), 1e-6, what + ": grad of b");
                if (op.name().equals("add")) { // exactly g summed over each input's broadcast copies
                    assertArrayEquals(sumToNaive(g, p[0]), a.grad().toArray(), 1e-12, what);
                    assertArrayEquals(sumToNaive(g, p[1]), b.grad().toArray(), 1e-12, what);
                }
            }
        }
    }

    /** Central differences of the scalar function {@code f} at {@code x}, one element at a time (step 1e-6). */
    static double[] finiteDifference(java.util.function.ToDoubleFunction<Tensor> f, Tensor x) {
        double[] v = x.toArray();
        double[] d = new double[v.length];
        double eps = 1e-6;
        for (int i = 0; i < v.length; i++) {
            double[] up = v.clone();
            double[] down = v.clone();
            up[i] += eps;
            down[i] -= eps;
            d[i] = (f.applyAsDouble(Tensor.of(up, x.shape())) - f.applyAsDouble(Tensor.of(down, x.shape()))) / (2 * eps);
        }
        return d;
    }

    /** Reference sumTo: every element of g adds into the element of {@code to} it broadcast from. */
    static double[] sumToNaive(Tensor g, int[] to) {
        int[] from = g.shape();
        double[] out = new double[Shape.numel(to)];
        double[] gv = g.toArray();
        int[] idx = new int[from.length];
        for (int flat = 0; flat < gv.length; flat++) {
            int rem = flat;
            for (int d = from.length - 1; d >= 0; d--) {
                idx[d] = rem % from[d];
                rem /= from[d];
            }
            int o = 0;
            int off = from.length - to.length;
            for (int d = 0; d < to.length; d++) {
                o = o * to[d] + (to[d] == 1 ? 0 : idx[off + d]);
            }
            out[o] += gv[flat];
        }
        return out;
    }

    @Test
    void sumToOfExpandIsXTimesTheExpansionCount() {
        SplittableRandom r = new SplittableRandom(5);
        for (int c = 0; c < CASES; c++) {
            int[][] p = broadcastablePair(r);
            int[] to = Shape.broadcast("test", p[0], p[1]);
            int[] from = p[0];
            Tensor x = Tensor.randn(r, from);
            Tensor e = x.expand(to);
            assertArrayEquals(to, e.shape());
            Tensor back = e.sumTo(from);
            assertArrayEquals(from, back.shape());
            double count = (double) Shape.numel(to) / Shape.numel(from);
            assertArrayEquals(x.mul(count).toArray(), back.toArray(), 1e-12 * count,
                    "case " + c + ": " + str(from) + " -> " + str(to));
        }
    }

    @Test
    void matmulMatchesTheNaiveTripleLoop() {
        SplittableRandom r = new SplittableRandom(6);
        for (int c = 0; c < CASES; c++) {
            int n = r.nextInt(0, 6);
            int k = r.nextInt(0, 6);
            int m = r.nextInt(0, 6);
            boolean aVec = r.nextInt(4) == 0;
            boolean bVec = r.nextInt(4) == 0;
            Tensor a = aVec ? Tensor.randn(r, k) : Tensor.randn(r, n, k);
            Tensor b = bVec ? Tensor.randn(r, k) : Tensor.randn(r, k, m);
            Tensor y = a.matmul(b);
            int rows = aVec ? 1 : n;
            int cols = bVec ? 1 : m;
            double[] av = a.toArray();
            double[] bv = b.toArray();
            double[] want = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += av[i * k + q] * bv[q * cols + j];
                    }
                    want[i * cols + j] = s;
                }
            }
            int[] wantShape = aVec && bVec ? new int[0] : aVec ? new int[] {m} : bVec ? new int[] {n}
                    : new int[] {n, m};
            String what = "case " + c + ": " + str(a.shape()) + " @ " + str(b.shape());
            assertArrayEquals(wantShape, y.shape(), what);
            assertArrayEquals(want, y.toArray(), 1e-12, what);
        }
    }

    @Test
    void matmulGradientsMatchFiniteDifferences() {
        // the reference is independent of jgrad's matmul: sum(A B * G) is bilinear, so central
        // differences of it are exact up to rounding; vector operands included
        SplittableRandom r = new SplittableRandom(7);
        for (int c = 0; c < CASES / 2; c++) {
            int n = r.nextInt(1, 5);
            int k = r.nextInt(1, 5);
            int m = r.nextInt(1, 5);
            boolean aVec = r.nextInt(4) == 0;
            boolean bVec = r.nextInt(4) == 0;
            Tensor a = (aVec ? Tensor.randn(r, k) : Tensor.randn(r, n, k)).requiresGrad(true);
            Tensor b = (bVec ? Tensor.randn(r, k) : Tensor.randn(r, k, m)).requiresGrad(true);
            Tensor y = a.matmul(b);
            Tensor g = Tensor.randn(r, y.shape());
            y.backward(g);
            Tensor a0 = a.detach();
            Tensor b0 = b.detach();
            String what = "case " + c + ": " + str(a.shape()) + " @ " + str(b.shape());
            assertArrayEquals(finiteDifference(x -> naiveLoss(x, b0, g), a0), a.grad().toArray(), 1e-8, what);
            assertArrayEquals(finiteDifference(x -> naiveLoss(a0, x, g), b0), b.grad().toArray(), 1e-8, what);
        }
    }

    /** sum(a @ b * g) by a triple loop, vectors as a row (a) or a column (b). */
    private static double naiveLoss(Tensor a, Tensor b, Tensor g) {
        int k = a.shape()[a.dim() - 1];
        int rows = a.dim() == 1 ? 1 : a.shape()[0];
        int cols = b.dim() == 1 ? 1 : b.shape()[1];
        double[] av = a.toArray();
        double[] bv = b.toArray();
        double[] gv = g.toArray();
        double s = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double dot = 0;
                for (int q = 0; q < k; q++) {
                    dot += av[i * k + q] * bv[q * cols + j];
                }
                s += dot * gv[i * cols + j];
            }
        }
        return s;
    }

    @Test
    void secondDerivativesOfTheStableOpsStayFiniteForHugeLogits() {
        SplittableRandom r = new SplittableRandom(10);
        for (int c = 0; c < CASES / 4; c++) {
            int n = r.nextInt(2, 6);
            double[] v = new double[2 * n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (r.nextBoolean() ? 1 : -1) * (r.nextBoolean() ? 1000 : 1e300) + r.nextGaussian();
            }
            for (int op = 0; op < 3; op++) {
                Tensor x = Tensor.of(v, 2, n).requiresGrad(true);
                Tensor y = op == 0 ? x.logSumExp(1, false) : op == 1 ? x.softmax(1) : x.logSoftmax(1);
                Tensor w = Tensor.randn(r, y.shape());
                Tensor g = Autograd.grad(y.mul(w).sum(), List.of(x), null, true).get(0);
                Tensor h = Autograd.grad(g.mul(g).sum(), List.of(x), null, false).get(0);
                for (double e : y.toArray()) {
                    assertTrue(Double.isFinite(e), "case " + c + " op " + op + " value");
                }
                for (double e : g.toArray()) {
                    assertTrue(Double.isFinite(e), "case " + c + " op " + op + " grad");
                }
                for (double e : h.toArray()) {
                    assertTrue(Double.isFinite(e), "case " + c + " op " + op + " second-order grad");
                }
            }
        }
    }

    @Test
    void reshapeRoundTrips() {
        SplittableRandom r = new SplittableRandom(8);
        for (int c = 0; c < CASES; c++) {
            int[] s = shape(r, 4, 0, 4);
            Tensor x = Tensor.randn(r, s).requiresGrad(true);
            int numel = x.numel();
            // a random factorisation of numel into up to 4 sizes, one of them maybe -1
            int[] to = factor(r, numel);
            Tensor y = x.reshape(to);
            assertEquals(numel, y.numel());
            assertArrayEquals(x.toArray(), y.toArray(), 0.0);
            Tensor back = y.reshape(s);
            assertArrayEquals(s, back.shape(), "case " + c);
            assertArrayEquals(x.toArray(), back.toArray(), 0.0);
            Tensor g = Tensor.randn(r, s);
            back.backward(g);
            assertArrayEquals(g.toArray(), x.grad().toArray(), 0.0);
            assertArrayEquals(s, x.grad().shape());
        }
    }

    private static int[] factor(SplittableRandom r, int numel) {
        if (numel == 0) {
            return r.nextBoolean() ? new int[] {0} : new int[] {2, 0, 3};
        }
        int parts = r.nextInt(1, 5);
        int[] to = new int[parts];
        int rest = numel;
        for (int i = 0; i < parts - 1; i++) {
            int f = 1;
            for (int d = 2; d <= rest; d++) {
                if (rest % d == 0 && r.nextBoolean()) {
                    f = d;
                    break;
                }
            }
            to[i] = f;
            rest /= f;
        }
        to[parts - 1] = rest;
        if (r.nextBoolean()) {
            to[r.nextInt(parts)] = -1;
        }
        return to;
    }

    @Test
    void gatherAndScatterAddAreAdjoint() {
        SplittableRandom r = new SplittableRandom(9);
        for (int c = 0; c < CASES; c++) {
            int[] s = shape(r, 4, 1, 5);
            if (s.length == 0) {
                s = new int[] {r.nextInt(1, 5)};
            }
            int d = r.nextInt(s.length);
            int[] is = new int[s.length];
            for (int k = 0; k < s.length; k++) {
                is[k] = k == d ? r.nextInt(0, 6) : r.nextInt(1, s[k] + 1); // index may be longer along d
            }
            double[] iv = new double[Shape.numel(is)];
            for (int i = 0; i < iv.length; i++) {
                iv[i] = r.nextInt(s[d]);
            }
            Tensor index = Tensor.of(iv, is).to(DType.INT64);
            Tensor x = Tensor.randn(r, s);
            Tensor y = Tensor.randn(r, is);
            Tensor gx = x.gather(d - (r.nextBoolean() ? s.length : 0), index);
            assertArrayEquals(is, gx.shape());
            Tensor sy = Tensor.zeros(s).scatterAdd(d, index, y);
            assertArrayEquals(s, sy.shape());
            double lhs = gx.mul(y).sum().item();
            double rhs = x.mul(sy).sum().item();
            assertEquals(lhs, rhs, 1e-12 * (1 + Math.abs(lhs)) * 10, "case " + c + ": shape " + str(s) + " dim " + d
                    + " index " + str(is));
        }
    }
}
