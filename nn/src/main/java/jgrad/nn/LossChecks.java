package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The argument checks every loss makes at its public boundary (null, dtype, reduction, label
 * smoothing, class-weight rank, the class layout of an input), each error naming the op and the
 * offending value or shapes, and the size check of elementwise targets.
 */
final class LossChecks {
    private LossChecks() {}

    static void checkReduction(String op, Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(op + ": reduction must not be null; use Reduction.NONE, MEAN or SUM");
        }
    }

    static void checkLabelSmoothing(String op, double labelSmoothing) {
        if (!(labelSmoothing >= 0.0 && labelSmoothing <= 1.0)) {
            throw new IllegalArgumentException(op + ": label smoothing must be in [0, 1], got " + labelSmoothing);
        }
    }

    /** Checks a class weight's type and rank (its length is checked against the input later). */
    static void checkWeightTensor(String op, Tensor weight) {
        if (weight != null && (!weight.dtype().isFloatingPoint() || weight.dim() != 1)) {
            throw new IllegalArgumentException(op + ": weight must be a 1-D floating tensor with one entry per class, "
                    + "got " + weight.dtype() + " of shape " + Shape.str(weight.shape()));
        }
    }

    static void checkNotNull(String op, String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + what + " must not be null");
        }
    }

    static void checkFloat(String op, String what, Tensor t) {
        checkNotNull(op, what, t);
        if (t.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": " + what + " must be FLOAT64, got " + t.dtype() + " of shape "
                    + Shape.str(t.shape()));
        }
    }

    /** Checks a classification input (FLOAT32 or FLOAT64, 1 or more dims) and returns its layout. */
    static ClassLayout layout(String op, Tensor input) {
        checkNotNull(op, "input", input);
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": input must be FLOAT32 or FLOAT64, got " + input.dtype()
                    + " of shape " + Shape.str(input.shape()) + "; convert it with to(DType.FLOAT64)");
        }
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must have 1 or more dims ((C), (N, C) or (N, C, d1, ...)),"
                    + " got a 0-D tensor");
        }
        return new ClassLayout(input.shape());
    }

    /**
     * Checks that {@code t} broadcasts to the input's shape without enlarging it, as PyTorch's
     * in-place {@code loss.mul_(weight)} requires ("output with shape [3] doesn't match the
     * broadcast shape [2, 3]"): a larger weight would silently give a larger loss.
     *
     * @param op the op's name, for the message
     * @param what the tensor's name, e.g. {@code "weight"}
     * @param t the tensor
     * @param input the input, whose shape the result keeps
     */
    static void checkBroadcastsTo(String op, String what, Tensor t, Tensor input) {
        if (!Shape.broadcastsTo(t.shape(), input.shape())) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + Shape.str(t.shape())
                    + " must broadcast to the input's shape " + Shape.str(input.shape())
                    + " (PyTorch: output with shape " + Shape.str(input.shape())
                    + " doesn't match the broadcast shape)");
        }
    }

    /** PyTorch's rule for elementwise targets that must match the input exactly (BCE): else an error. */
    static void checkSameSize(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": target size " + Shape.str(target.shape())
                    + " must be the same as input size " + Shape.str(input.shape()));
        }
    }
}
