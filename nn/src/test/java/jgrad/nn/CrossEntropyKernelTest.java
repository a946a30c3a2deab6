package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * What the fused cross-entropy's plain backward loops compute from what (values, not bytecode):
 * the logits' gradient is a function of what the forward kept (the exps and row sums), not of
 * the logits again, so the backward pays no exp; the index-target backward cannot even see the
 * logits. With {@link CrossEntropyAllocationTest} (no input-sized temporaries) and
 * {@link CrossEntropyPlainBackwardTest} (its values against the Tensor-op backward) this is how the
 * one-exp-per-logit property is checked without a counter on the hot path. Also: a second plain
 * backward (a retained graph) recomputes the same exps, since the first one overwrote them.
 */
class CrossEntropyKernelTest {
    @Test
    void theProbabilityBackwardReadsTheKeptExpsNotTheLogitsForTheLogitsGradient() {
        SplittableRandom r = new SplittableRandom(17);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int[] shape : new int[][] {{7}, {6, 7}, {3, 7, 2, 2}}) {
                ClassLayout l = new ClassLayout(shape);
                Tensor x = Tensor.randn(r, shape).mul(30).to(dtype);
                Tensor t = Tensor.rand(r, shape).to(dtype);
                Tensor nan = Tensor.full(Double.NaN, dtype, shape);
                double[] w = Tensor.rand(r, l.classes).add(0.5).toArray();
                for (Reduction reduction : Reduction.values()) {
                    double[] g = Tensor.randn(r, reduction == Reduction.NONE ? l.rows() : 1).toArray();
                    boolean[] onlyX = {true, false, false};
                    Tensor[] want = backward(l, x, x, t, w, g, reduction, onlyX);
                    // An exp (or softmax) of the logits here would turn these NaN logits into NaN gradients.
                    Tensor[] got = backward(l, x, nan, t, w, g, reduction, onlyX);
                    String what = dtype + " " + Shape.str(shape) + " " + reduction;
                    assertEquals(dtype, got[0].dtype(), what);
                    assertArrayEquals(want[0].toArray(), got[0].toArray(), 0.0, what);
                    assertFalse(Arrays.stream(got[0].toArray()).anyMatch(Double::isNaN), what);
                    assertNull(got[1], what);
                    assertNull(got[2], what);
                }
            }
        }
    }

    /** The forward on {@code x}, then the plain backward given {@code backwardX} as the logits. */
    private static Tensor[] backward(ClassLayout l, Tensor x, Tensor backwardX, Tensor t, double[] w, double[] g,
            Reduction reduction, boolean[] want) {
        var kept = CrossEntropyKernel.Kept.forBackward(x.dtype(), l);
        LogitRows tr = LogitRows.of(t, l);
        CrossEntropyKernel.probabilityForward(l, LogitRows.of(x, l), tr, w, 0.1, kept);
        return CrossEntropyKernel.probabilityBackward(l, kept, backwardX, LogitRows.of(backwardX, l), t, tr, null, w,
                0.1, g, reduction, want);
    }

    private static Object storage(Tensor t) {
        return t.dtype() == DType.FLOAT32 ? t.floatStorage() : t.doubles();
    }

    @Test
    void aSecondPlainBackwardRecomputesTheSameExpsIntoANewGradient() {
        SplittableRandom r = new SplittableRandom(5);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int[] shape : new int[][] {{6, 7}, {3, 7, 2}}) {
                ClassLayout l = new ClassLayout(shape);
                Tensor x = Tensor.randn(r, shape).mul(5).to(dtype);
                double[] tv = new double[l.rows()];
                for (int i = 0; i < tv.length; i++) {
                    tv[i] = r.nextInt(l.classes);
                }
                var kept = CrossEntropyKernel.Kept.forBackward(dtype, l);
                LogitRows xr = LogitRows.of(x, l);
                var f = CrossEntropyKernel.indexForward("t", l, xr, tv, null, -100, 0.1, kept);
                double[] s = CrossEntropyKernel.rowScales(f.cls, null, l.classes, 0.1, 0.5);
                double[] g = {1.5};
                Tensor first = CrossEntropyKernel.indexBackward(l, kept, xr, dtype, f.cls, null, 0.1, 0.5, s, g,
                        false);
                Tensor second = CrossEntropyKernel.indexBackward(l, kept, xr, dtype, f.cls, null, 0.1, 0.5, s, g,
                        false);
                String what = dtype + " " + Shape.str(shape);
                assertNotSame(storage(first), storage(second), what); // the first gradient is not overwritten
                assertEquals(dtype, second.dtype(), what);
                assertArrayEquals(first.toArray(), second.toArray(), 0.0, what);
            }
        }
    }
}
