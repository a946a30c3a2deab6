package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;

/** A {@link Reduction} applied to per-element losses: as Tensor ops, or over a plain array of row losses. */
final class LossReduction {
    private LossReduction() {}

    /** The loss as is (NONE), its sum or its mean, with Tensor ops (so it is recorded). */
    static Tensor apply(Tensor loss, Reduction reduction) {
        switch (reduction) {
            case NONE:
                return loss;
            case SUM:
                return loss.sum();
            default:
                return loss.mean();
        }
    }

    /** {@link #rows(double[], int[], Reduction, double, DType)} of a FLOAT64 loss. */
    static Tensor rows(double[] perRow, int[] rowShape, Reduction reduction, double denominator) {
        return rows(perRow, rowShape, reduction, denominator, DType.FLOAT64);
    }

    /**
     * Per-row losses of shape {@code rowShape} (NONE), their sum, or their sum / denominator
     * (MEAN), summed in double and rounded once to {@code dtype} (the input's).
     */
    static Tensor rows(double[] perRow, int[] rowShape, Reduction reduction, double denominator, DType dtype) {
        if (reduction == Reduction.NONE) {
            return Tensor.wrap(perRow, dtype, rowShape);
        }
        double s = 0;
        for (double v : perRow) {
            s += v;
        }
        return Tensor.full(reduction == Reduction.MEAN ? s / denominator : s, dtype);
    }
}
