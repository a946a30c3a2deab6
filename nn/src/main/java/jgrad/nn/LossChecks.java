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

    /**
     * Checks a class weight's type (floating) and rank; its length, and that its dtype is the
     * input's, are checked against the input later ({@link #checkWeightDtype}).
     */
    static void checkWeightTensor(String op, Tensor weight) {
        if (weight != null && (!weight.dtype().isFloatingPoint() || weight.dim() != 1)) {
            throw new IllegalArgumentException(op + ": weight must be a 1-D floating (FLOAT32 or FLOAT64) tensor with "
                    + "one entry per class, got " + weight.dtype() + " of shape " + Shape.str(weight.shape()));
        }
    }

    /**
     * A class weight must have the input's dtype, as PyTorch's {@code nll_loss} and
     * {@code cross_entropy} require ("expected scalar type Float but found Double").
     */
    static void checkWeightDtype(String op, Tensor weight, DType inputDtype) {
        if (weight != null && weight.dtype() != inputDtype) {
            throw new IllegalArgumentException(op + ": weight is " + weight.dtype() + " but the input is " + inputDtype
                    + "; the class weights must have the input's dtype (PyTorch: expected scalar type "
                    + torchName(inputDtype) + " but found " + torchName(weight.dtype()) + "); convert them with to(DType."
                    + inputDtype + ")");
        }
    }

    /** PyTorch's C++ scalar type name of a dtype, as its messages write it ({@code Float}, {@code Double}). */
    static String torchName(DType dtype) {
        switch (dtype) {
            case FLOAT32:
                return "Float";
            case FLOAT64:
                return "Double";
            case INT64:
                return "Long";
            default:
                return "Bool";
        }
    }

    static void checkNotNull(String op, String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + what + " must not be null");
        }
    }

    /** Checks that {@code t} is non-null and floating (FLOAT32 or FLOAT64): inputs, probability targets, weights. */
    static void checkFloat(String op, String what, Tensor t) {
        checkNotNull(op, what, t);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": " + what + " must be floating (FLOAT32 or FLOAT64), got "
                    + t.dtype() + " of shape " + Shape.str(t.shape()) + "; convert it with to(DType.FLOAT32) or "
                    + "to(DType.FLOAT64)");
        }
    }

    /**
     * Checks a classification input (floating, 1 or more dims) and returns its layout, which
     * records the input's dtype (the dtype of the loss and of the class weights).
     */
    static ClassLayout layout(String op, Tensor input) {
        checkFloat(op, "input", input);
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must have 1 or more dims ((C), (N, C) or (N, C, d1, ...)),"
                    + " got a 0-D tensor");
        }
        return new ClassLayout(input.shape(), input.dtype());
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
