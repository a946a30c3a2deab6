package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * The code behind {@link Functional#conv2d} and {@link Conv2d}: argument checks of the module's
 * constructor and the call into {@link Tensor#conv2d}, which checks the shapes and dtypes.
 */
final class Convolutions {
    private Convolutions() {}

    /** {@code F.conv2d}: null checks naming {@code op}, then {@link Tensor#conv2d}. */
    static Tensor conv2d(String op, Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
            int[] dilation, int groups) {
        LossChecks.checkNotNull(op, "input", input);
        LossChecks.checkNotNull(op, "weight", weight);
        return input.conv2d(weight, bias, stride, padding, dilation, groups);
    }

    /**
     * A (height, width) pair from 1 or 2 values, each at least {@code min}; the error names the
     * module and the argument.
     */
    static int[] pair(String op, String name, int[] values, int min) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must have 1 or 2 values (height, width), got "
                    + (values == null ? "null" : Shape.str(values)));
        }
        int[] p = values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
        if (p[0] < min || p[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= " + min + ", got " + Shape.str(values));
        }
        return p;
    }

    /** A pair as Python prints a tuple: {@code (3, 3)}. */
    static String tuple(int[] p) {
        return "(" + p[0] + ", " + p[1] + ")";
    }
}
