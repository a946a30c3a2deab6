package jgrad.nn;

import java.util.Arrays;
import jgrad.Tensor;

/**
 * What the pooling layers ({@link MaxPool2d}, {@link AvgPool2d}, {@link AdaptiveAvgPool2d}) and
 * their {@link Functional} forms share: an argument given as one int or as an int[] (kept with
 * the way PyTorch prints it), and the stateless calls with PyTorch's defaults (stride = kernel
 * size, padding 0, dilation 1, no ceil mode, padding counted in averages).
 */
final class Pooling {
    private Pooling() {}

    /** A pooling argument: the values passed to the op and the text PyTorch's repr shows for it. */
    record Arg(int[] values, String repr) {
        /** One int for both spatial dims, printed as the int. */
        static Arg of(int v) {
            return new Arg(new int[] {v}, Integer.toString(v));
        }

        /** An int[] (a Python tuple), printed as one: {@code (2, 3)}, {@code (2,)}; null as {@code None}. */
        static Arg of(int[] v) {
            if (v == null) {
                return new Arg(null, "None");
            }
            String inner = Arrays.toString(v);
            inner = inner.substring(1, inner.length() - 1);
            return new Arg(v.clone(), "(" + inner + (v.length == 1 ? ",)" : ")"));
        }

        /** A copy of the values (null stays null). */
        int[] copy() {
            return values == null ? null : values.clone();
        }
    }

    /** Python's {@code True}/{@code False}. */
    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    static Tensor maxPool2d(Tensor x, int kernelSize) {
        return x.maxPool2d(new int[] {kernelSize}, null, new int[] {0}, new int[] {1}, false);
    }

    static Tensor avgPool2d(Tensor x, int kernelSize) {
        return x.avgPool2d(new int[] {kernelSize}, null, new int[] {0}, false, true);
    }

    static Tensor adaptiveAvgPool2d(Tensor x, int outputSize) {
        return x.adaptiveAvgPool2d(new int[] {outputSize});
    }
}
