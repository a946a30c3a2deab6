package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.kernel.SoftmaxKernel;
import org.junit.jupiter.api.Test;

/**
 * Seeded property loops: logSoftmax's and logSumExp's plain backward (one loop over the exps the
 * forward kept) gives the gradient of their Tensor-op backward (the one a create-graph
 * backward runs), to 1e-12, on random rows mixed with rows of +-1000, +-1e300, infinities and
 * NaN; softmax's forward equals exp(x - max) / sum exactly.
 */
class SoftmaxBackwardPathsTest {
    private static final int[][] SHAPES = {{6}, {4, 6}, {3, 5, 2}, {2, 4, 3, 2}};

    /** Random logits; about a third of the values replaced by extreme ones, some by inf or NaN. */
    private static Tensor logits(SplittableRandom r, int[] shape, boolean nonFinite) {
        double[] v = Tensor.randn(r, shape).mul(3).toArray();
        double[] extreme = nonFinite
                ? new double[] {1000, -1000, 1e300, -1e300, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.NaN}
                : new double[] {1000, -1000, 999, 1e300, -1e300, 1e300};
        for (int i = 0; i < v.length; i++) {
            if (r.nextInt(3) == 0) {
                v[i] = extreme[r.nextInt(extreme.length)];
            }
        }
        return Tensor.of(v, shape);
    }

    /** The gradient of op(x) for output gradient g: plain backward, then the Tensor-op backward. */
    private static Tensor[] bothPaths(Tensor x, BiFunction<Tensor, Integer, Tensor> op, int dim, SplittableRandom r) {
        Tensor x1 = x.copy().requiresGrad(true);
        Tensor y1 = op.apply(x1, dim);
        Tensor g = Tensor.randn(r, y1.shape());
        y1.backward(g);
        Tensor x2 = x.copy().requiresGrad(true);
        Tensor y2 = op.apply(x2, dim);
        Tensor viaOps = Autograd.grad(y2, List.of(x2), g, true).get(0);
        assertTrue(viaOps.requiresGrad(), "the create-graph backward should have been recorded");
        return new Tensor[] {x1.grad(), viaOps};
    }

    private static void assertSame(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        assertArrayEquals(expected.shape(), actual.shape(), what);
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : Double.isInfinite(e[i]) ? e[i] == a[i]
                    : Math.abs(a[i] - e[i]) <= 1e-12 * Math.max(1.0, Math.abs(e[i]));
            assertTrue(ok, what + ": element " + i + " " + a[i] + " vs " + e[i] + "\n  " + Arrays.toString(a)
                    + "\n  " + Arrays.toString(e));
        }
    }

    @Test
    void plainBackwardEqualsTheTensorOpBackward() {
        SplittableRandom r = new SplittableRandom(20261125);
        for (int trial = 0; trial < 40; trial++) {
            int[] shape = SHAPES[trial % SHAPES.length];
            int dim = r.nextInt(shape.length);
            boolean nonFinite = trial % 4 == 3;
            Tensor x = logits(r, shape, nonFinite);
            String what = "trial " + trial + " " + Shape.str(shape) + " dim " + dim + " x=" + Arrays.toString(
                    x.toArray());
            Tensor[] ls = bothPaths(x, Tensor::logSoftmax, dim, r);
            assertSame(ls[1], ls[0], "logSoftmax " + what);
            boolean keep = r.nextBoolean();
            Tensor[] lse = bothPaths(x, (t, d) -> t.logSumExp(d, keep), dim, r);
            assertSame(lse[1], lse[0], "logSumExp " + what);
            Tensor[] sm = bothPaths(x, Tensor::softmax, dim, r);
            assertSame(sm[1], sm[0], "softmax " + what);
        }
    }

    /** Where log(sum) vanishes next to a shift of 1e300, PyTorch's exp(x - out) gives 1, not 1 / sum. */
    @Test
    void logSumExpBackwardKeepsPyTorchsValuesWhereTheResultAbsorbsTheLogOfTheSum() {
        Tensor x = Tensor.of(new double[][] {{1e300, -1e300, 1e300, 0}, {-1e300, -1e300, -1e300, -1e300}})
                .requiresGrad(true);
        x.logSumExp(1, false).sum().backward();
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 1, 1, 1}, x.grad().toArray(), 0.0);
    }

    @Test
    void softmaxIsTheExpsOverTheirSumExactly() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            int[] shape = SHAPES[trial % SHAPES.length];
            int d = r.nextInt(shape.length);
            double[] x = logits(r, shape, false).toArray();
            double[] y = SoftmaxKernel.forward(x, shape, d, SoftmaxKernel.Mode.SOFTMAX, null);
            int outer = Shape.outer(shape, d);
            int n = shape[d];
            int inner = Shape.inner(shape, d);
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int base = o * n * inner + i;
                    double m = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < n; k++) {
                        m = Math.max(m, x[base + k * inner]);
                    }
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += Math.exp(x[base + k * inner] - m);
                    }
                    for (int k = 0; k < n; k++) {
                        assertEquals(Math.exp(x[base + k * inner] - m) / sum, y[base + k * inner], 0.0);
                    }
                }
            }
        }
    }
}
