package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import jgrad.Shape;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the softmax kernels compute from what (values, not bytecode): the plain backwards are
 * functions of what the forward kept, not of exp(x) again; the kept exps are the very ones the
 * forward's results are built from; softmax's plain backward equals the Tensor-op formula bit
 * for bit. With {@code SoftmaxAllocationTest} (no input-sized temporaries) this is how the
 * one-exp-per-element property is checked without a counter on the hot path.
 */
class SoftmaxKernelTest {
    private static final int[][] SHAPES = {{7}, {4, 6}, {3, 5, 2}, {2, 4, 3, 2}};

    /** Runs {@code check} for each shape of {@link #SHAPES} and each of its dims. */
    private static void eachShapeAndDim(BiConsumer<int[], Integer> check) {
        for (int[] s : SHAPES) {
            for (int d = 0; d < s.length; d++) {
                check.accept(s, d);
            }
        }
    }

    private static double[] random(SplittableRandom r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(lo, hi);
        }
        return v;
    }

    /** Row (o, i)'s index of element j: j's row is (j / (n * inner), j % inner). */
    private static int row(int j, int[] s, int d) {
        int n = s.length == 0 ? 1 : s[d];
        int inner = s.length == 0 ? 1 : Shape.inner(s, d);
        return j / (n * inner) * inner + j % inner;
    }

    @Test
    void logSoftmaxBackwardReadsTheKeptExpsAndSums() {
        SplittableRandom r = new SplittableRandom(11);
        eachShapeAndDim((s, d) -> {
            int numel = Shape.numel(s);
            int rows = numel / s[d];
            // Arbitrary kept values, exps of nothing: the result must follow them.
            var kept = new SoftmaxKernel.Kept(random(r, numel, 0.1, 2), random(r, rows, -5, 5),
                    random(r, rows, 1, 9));
            double[] g = random(r, numel, -1, 1);
            double[] grad = SoftmaxKernel.logSoftmaxBackward(g, kept, s, d);
            double[] gs = new double[rows];
            for (int j = 0; j < numel; j++) {
                gs[row(j, s, d)] += g[j];
            }
            for (int j = 0; j < numel; j++) {
                int q = row(j, s, d);
                assertEquals(g[j] - kept.exps()[j] * (gs[q] / kept.sums()[q]), grad[j], 1e-15,
                        Shape.str(s) + " dim " + d + " element " + j);
            }
        });
    }

    @Test
    void logSumExpBackwardReadsTheKeptExpsNotTheInputInFiniteRows() {
        SplittableRandom r = new SplittableRandom(12);
        eachShapeAndDim((s, d) -> {
            double[] x = random(r, Shape.numel(s), -30, 30);
            var kept = SoftmaxKernel.Kept.of(s, d);
            double[] out = SoftmaxKernel.forward(x, s, d, SoftmaxKernel.Mode.LSE, kept);
            double[] g = random(r, out.length, -1, 1);
            double[] want = SoftmaxKernel.logSumExpBackward(g, x, kept, out, s, d);
            double[] nan = new double[x.length];
            Arrays.fill(nan, Double.NaN);
            // An exp(x - out) per element would turn these NaN inputs into NaN gradients.
            double[] got = SoftmaxKernel.logSumExpBackward(g, nan, kept, out, s, d);
            assertArrayEquals(want, got, 0.0, Shape.str(s) + " dim " + d);
            for (int j = 0; j < x.length; j++) {
                int q = row(j, s, d);
                assertFalse(Double.isNaN(got[j]));
                assertEquals(g[q] * Math.exp(x[j] - out[q]), got[j], 1e-12 * Math.abs(got[j]) + 1e-300,
                        Shape.str(s) + " dim " + d + " element " + j);
            }
        });
    }

    @Test
    void theKeptExpsAreTheOnesTheResultsAreBuiltFrom() {
        SplittableRandom r = new SplittableRandom(13);
        eachShapeAndDim((s, d) -> {
            double[] x = random(r, Shape.numel(s), -700, 700);
            var kept = SoftmaxKernel.Kept.of(s, d);
            double[] logp = SoftmaxKernel.forward(x, s, d, SoftmaxKernel.Mode.LOG_SOFTMAX, kept);
            double[] p = SoftmaxKernel.forward(x, s, d, SoftmaxKernel.Mode.SOFTMAX, null);
            for (int j = 0; j < x.length; j++) {
                int q = row(j, s, d);
                String where = Shape.str(s) + " dim " + d + " element " + j;
                assertEquals(p[j], kept.exps()[j] / kept.sums()[q], 0.0, where);
                assertEquals(logp[j], x[j] - kept.shifts()[q] - Math.log(kept.sums()[q]), 0.0, where);
                assertEquals(Math.exp(x[j] - kept.shifts()[q]), kept.exps()[j], 4 * Math.ulp(kept.exps()[j]),
                        where);
            }
        });
    }

    @Test
    void softmaxBackwardEqualsTheTensorOpFormulaBitForBit() {
        SplittableRandom r = new SplittableRandom(14);
        eachShapeAndDim((s, d) -> {
            double[] x = random(r, Shape.numel(s), -1000, 1000);
            double[] yv = SoftmaxKernel.forward(x, s, d, SoftmaxKernel.Mode.SOFTMAX, null);
            double[] gv = random(r, x.length, -3, 3);
            Tensor y = Tensor.of(yv, s);
            Tensor g = Tensor.of(gv, s);
            double[] want = g.sub(g.mul(y).sum(d, true)).mul(y).toArray();
            assertArrayEquals(want, SoftmaxKernel.softmaxBackward(gv, yv, s, d), 0.0, Shape.str(s) + " dim " + d);
        });
    }
}
