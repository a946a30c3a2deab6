package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import jgrad.Shape;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the fused cross-entropy's plain backward loops compute from what (values, not bytecode):
 * the logits' gradient is a function of what the forward kept (the exps and row sums), not of
 * the logits again, so the backward pays no exp; the index-target backward cannot even see the
 * logits. With {@link CrossEntropyAllocationTest} (no input-sized temporaries) and
 * {@link CrossEntropyPlainBackwardTest} (its values against the Tensor-op backward) this is how the
 * one-exp-per-logit property is checked without a counter on the hot path.
 */
class CrossEntropyKernelTest {
    @Test
    void theProbabilityBackwardReadsTheKeptExpsNotTheLogitsForTheLogitsGradient() {
        SplittableRandom r = new SplittableRandom(17);
        for (int[] shape : new int[][] {{7}, {6, 7}, {3, 7, 2, 2}}) {
            ClassLayout l = new ClassLayout(shape);
            double[] x = Tensor.randn(r, shape).mul(30).toArray();
            double[] t = Tensor.rand(r, shape).toArray();
            double[] w = Tensor.rand(r, l.classes).add(0.5).toArray();
            for (Reduction reduction : Reduction.values()) {
                var kept = new CrossEntropyKernel.Kept(x.length, l.rows(), true);
                CrossEntropyKernel.probabilityForward(l, x, t, w, 0.1, kept);
                double[] g = Tensor.randn(r, reduction == Reduction.NONE ? l.rows() : 1).toArray();
                boolean[] onlyX = {true, false, false};
                double[][] want = CrossEntropyKernel.probabilityBackward(l, kept, x, t, w, 0.1, g, reduction, onlyX);
                double[] nan = new double[x.length];
                Arrays.fill(nan, Double.NaN);
                // An exp (or softmax) of the logits here would turn these NaN logits into NaN gradients.
                double[][] got = CrossEntropyKernel.probabilityBackward(l, kept, nan, t, w, 0.1, g, reduction, onlyX);
                String what = Shape.str(shape) + " " + reduction;
                assertArrayEquals(want[0], got[0], 0.0, what);
                assertFalse(Arrays.stream(got[0]).anyMatch(Double::isNaN), what);
                assertNull(got[1], what);
                assertNull(got[2], what);
            }
        }
    }
}
