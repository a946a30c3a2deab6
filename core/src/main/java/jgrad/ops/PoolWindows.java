package jgrad.ops;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The argument checks and window tables of the 2-D pooling ops ({@link MaxPooling},
 * {@link AvgPooling}), with PyTorch's rules: inputs {@code (N, C, H, W)} or unbatched
 * {@code (C, H, W)}; an int[] argument holds one value for both spatial dims or two (H, W);
 * output size {@code floor((in + 2 pad - dilation (kernel - 1) - 1 [+ stride - 1 in ceil mode])
 * / stride) + 1}, where in ceil mode the last window must start inside the input or the left
 * padding; adaptive windows {@code [floor(i in / out), ceil((i + 1) in / out))}.
 */
final class PoolWindows {
    private PoolWindows() {}

    /**
     * The taps of one spatial axis: output position {@code o} reads the input positions
     * {@code first[o] + t * step} for {@code t < count[o]} (all inside the input), and an average
     * divides by {@code divisor[o]} (null for max pooling).
     */
    record Axis(int[] first, int[] count, int step, int[] divisor) {
        int size() {
            return first.length;
        }

        /** Whether every window has exactly two taps inside the input. */
        boolean allTwo() {
            for (int c : count) {
                if (c != 2) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A checked pooling problem: {@code planes} planes of {@code h x w} inputs (N*C, or C
     * unbatched), and the taps of the rows and the columns.
     */
    record Plan(int[] inShape, int[] outShape, int planes, int h, int w, Axis rows, Axis cols) {
        int inPlane() {
            return h * w;
        }

        int outPlane() {
            return rows.size() * cols.size();
        }
    }

    /**
     * The plan of a sliding-window pool (max or average; an average passes dilation {1}).
     *
     * @param divisors null for max pooling; else whether an average counts the padding
     *     ({@code countIncludePad}) in its divisor
     */
    static Plan sliding(String op, Tensor x, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
            boolean ceilMode, Boolean divisors) {
        int[] k = pair(op, "kernelSize", kernelSize, null, 1);
        int[] s = pair(op, "stride", stride, k, 1);
        int[] p = pair(op, "padding", padding, null, 0);
        int[] d = pair(op, "dilation", dilation, null, 1);
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2) {
            throw Shape.error(op, "padding " + Arrays.toString(p) + " must be at most half of kernelSize "
                    + Arrays.toString(k) + " (as PyTorch)");
        }
        int[] in = checkInput(op, x, false);
        int n = in.length;
        long oh = outSize(in[n - 2], k[0], s[0], p[0], d[0], ceilMode);
        long ow = outSize(in[n - 1], k[1], s[1], p[1], d[1], ceilMode);
        if (oh < 1 || ow < 1) {
            throw Shape.error(op, "input of shape " + Shape.str(in) + " is too small for kernelSize "
                    + Arrays.toString(k) + " with stride " + Arrays.toString(s) + ", padding " + Arrays.toString(p)
                    + ", dilation " + Arrays.toString(d) + (ceilMode ? ", ceilMode" : "")
                    + ": the output would be " + oh + " x " + ow);
        }
        Axis rows = slide(in[n - 2], (int) oh, k[0], s[0], p[0], d[0], divisors);
        Axis cols = slide(in[n - 1], (int) ow, k[1], s[1], p[1], d[1], divisors);
        return plan(op, in, rows, cols);
    }

    /** The plan of an adaptive average pool to {@code outputSize} (one value or H, W; 0 gives an empty output). */
    static Plan adaptive(String op, Tensor x, int[] outputSize) {
        int[] o = pair(op, "outputSize", outputSize, null, 0);
        int[] in = checkInput(op, x, true);
        int n = in.length;
        outShape(op, in, o[0], o[1]); // checked before the tables are built
        return plan(op, in, adapt(in[n - 2], o[0]), adapt(in[n - 1], o[1]));
    }

    private static Plan plan(String op, int[] in, Axis rows, Axis cols) {
        int n = in.length;
        int planes = n == 4 ? in[0] * in[1] : in[0];
        return new Plan(in, outShape(op, in, rows.size(), cols.size()), planes, in[n - 2], in[n - 1], rows, cols);
    }

    /** The input shape with H and W replaced; the error names the op when it has too many elements. */
    private static int[] outShape(String op, int[] in, int h, int w) {
        int[] out = in.clone();
        out[in.length - 2] = h;
        out[in.length - 1] = w;
        try {
            return Shape.check(op, out);
        } catch (IllegalArgumentException e) {
            throw Shape.error(op, "the output for input of shape " + Shape.str(in) + " would be " + e.getMessage());
        }
    }

    /**
     * A one-or-two-int argument as {H, W}, each at least {@code min}; null or empty gives
     * {@code dflt} when there is one (stride: the kernel size).
     */
    private static int[] pair(String op, String name, int[] v, int[] dflt, int min) {
        if ((v == null || v.length == 0) && dflt != null) {
            return dflt;
        }
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must hold one int (for H and W) or two (H, W), "
                    + "got " + (v == null ? "null" : Arrays.toString(v)));
        }
        int[] hw = v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
        if (hw[0] < min || hw[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= " + min + ", got "
                    + Arrays.toString(v));
        }
        return hw;
    }

    /**
     * Checks dtype and rank: FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W) with non-zero sizes
     * but the batch size (adaptive: non-zero H and W). Returns the shape.
     */
    private static int[] checkInput(String op, Tensor x, boolean adaptive) {
        int[] in = x.shapeArray();
        if (x.dtype() != DType.FLOAT64 && x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expects a FLOAT64 or FLOAT32 input, got " + x.dtype()
                    + " of shape " + Shape.str(in) + "; convert it with to(DType.FLOAT64)");
        }
        if (in.length != 3 && in.length != 4) {
            throw Shape.error(op, "expects a 4-D (N, C, H, W) or 3-D (C, H, W) input, got shape " + Shape.str(in));
        }
        for (int i = adaptive ? in.length - 2 : in.length - 3; i < in.length; i++) {
            if (in[i] == 0) {
                throw Shape.error(op, "expects non-zero sizes for " + (adaptive ? "H and W" : "C, H and W")
                        + " (only the batch size may be 0), got shape " + Shape.str(in));
            }
        }
        return in;
    }

    /** PyTorch's pooling_output_shape, in long so huge arguments cannot overflow. */
    private static long outSize(int in, int k, int s, int p, int d, boolean ceilMode) {
        long out = Math.floorDiv((long) in + 2L * p - (long) d * (k - 1) - 1 + (ceilMode ? s - 1 : 0), s) + 1;
        if (ceilMode && (out - 1) * s >= (long) in + p) {
            out--; // the last window must start inside the input or the left padding
        }
        return out;
    }

    /** The taps of a sliding window along an axis of {@code in} positions. */
    private static Axis slide(int in, int out, int k, int s, int p, int d, Boolean divisors) {
        int[] first = new int[out];
        int[] count = new int[out];
        int[] divisor = divisors == null ? null : new int[out];
        for (int o = 0; o < out; o++) {
            long start = (long) o * s - p;
            long lo = start < 0 ? (-start + d - 1) / d : 0; // first tap inside the input
            long hi = Math.min(k, (in - start + d - 1) / d); // one past the last tap inside
            first[o] = (int) (start + lo * d);
            count[o] = (int) Math.max(0, hi - lo);
            if (divisor != null) { // PyTorch: the window clipped to the padded input, or to the input
                divisor[o] = divisors ? (int) (Math.min(start + k, (long) in + p) - start) : count[o];
            }
        }
        return new Axis(first, count, d, divisor);
    }

    /** The adaptive windows {@code [floor(o in / out), ceil((o + 1) in / out))}. */
    private static Axis adapt(int in, int out) {
        int[] first = new int[out];
        int[] count = new int[out];
        for (int o = 0; o < out; o++) {
            first[o] = (int) ((long) o * in / out);
            count[o] = (int) (((long) (o + 1) * in + out - 1) / out) - first[o];
        }
        return new Axis(first, count, 1, count);
    }
}
