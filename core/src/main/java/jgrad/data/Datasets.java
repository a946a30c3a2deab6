package jgrad.data;

import java.util.Objects;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/** Small helpers for preparing data: one-hot encoding and counting classes. */
public final class Datasets {
    private Datasets() {}

    /**
     * One-hot encodes class labels, like {@code torch.nn.functional.one_hot} but FLOAT64:
     * labels of shape {@code (N)} become {@code (N, numClasses)}, with a 1 in column
     * {@code labels[i]} of row {@code i}; in general the shape gains a last dim of
     * {@code numClasses}.
     *
     * @param labels INT64 class labels, any shape
     * @param numClasses the number of classes, {@code >= 1}
     * @return a new FLOAT64 tensor of shape {@code labels.shape() + [numClasses]}
     * @throws IllegalArgumentException if {@code labels} is not INT64, {@code numClasses < 1},
     *     or a label is outside {@code [0, numClasses)} (the message names the label and its
     *     position)
     */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        Objects.requireNonNull(labels, "oneHot: labels is null");
        requireInt64("oneHot", "labels", labels);
        if (numClasses < 1) {
            throw new IllegalArgumentException("oneHot: numClasses must be >= 1, got " + numClasses);
        }
        double[] y = labels.doubles();
        int[] shape = labels.shape();
        int[] outShape = new int[shape.length + 1];
        System.arraycopy(shape, 0, outShape, 0, shape.length);
        outShape[shape.length] = numClasses;
        double[] out = new double[Shape.numel(outShape)];
        for (int i = 0; i < y.length; i++) {
            double v = y[i];
            if (!(v >= 0 && v < numClasses)) {
                throw new IllegalArgumentException("oneHot: label " + format(v) + " at position " + i
                        + " is out of range for " + numClasses + " classes (expected 0.." + (numClasses - 1) + ")");
            }
            out[i * numClasses + (int) v] = 1.0;
        }
        return Tensor.wrap(out, DType.FLOAT64, outShape);
    }

    /**
     * One-hot encodes class labels with {@link #numClasses(Tensor)} classes, like
     * {@code one_hot(labels)} with {@code num_classes=-1}.
     *
     * @param labels INT64 class labels, any shape, at least one of them
     * @return a new FLOAT64 tensor of shape {@code labels.shape() + [numClasses]}
     * @throws IllegalArgumentException if {@code labels} is not INT64, is empty or has a
     *     negative label
     */
    public static Tensor oneHot(Tensor labels) {
        return oneHot(labels, numClasses(labels));
    }

    /**
     * The number of classes the labels imply: the largest label plus one.
     *
     * @param labels INT64 class labels, any shape, at least one of them
     * @return {@code max(labels) + 1}
     * @throws IllegalArgumentException if {@code labels} is not INT64, is empty, or has a
     *     negative label
     */
    public static int numClasses(Tensor labels) {
        Objects.requireNonNull(labels, "numClasses: labels is null");
        requireInt64("numClasses", "labels", labels);
        double[] y = labels.doubles();
        if (y.length == 0) {
            throw new IllegalArgumentException("numClasses: no labels (shape " + Shape.str(labels.shape()) + ")");
        }
        double max = -1;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException("numClasses: label " + format(y[i]) + " at position " + i
                        + " is negative");
            }
            max = Math.max(max, y[i]);
        }
        if (max >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("numClasses: label " + format(max) + " is too large");
        }
        return (int) max + 1;
    }

    static void requireInt64(String op, String what, Tensor t) {
        if (t.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": " + what + " must be INT64 class indices, got "
                    + t.dtype() + " of shape " + Shape.str(t.shape()));
        }
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
