package jgrad.ops;

import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * 2-D average pooling, PyTorch's {@code avg_pool2d} and {@code adaptive_avg_pool2d}: both are
 * window means, {@code out[o] = sum(x[window(o)]) / divisor(o)}, told apart only by their
 * windows ({@link PoolWindows}). The gradient spreads {@code g[o] / divisor(o)} over the window
 * ({@link #spread}), a recorded linear op whose own gradient is the forward mean again, so both
 * can be differentiated any number of times. Values are summed in double (FLOAT32 results are
 * rounded once). The input is saved, as PyTorch saves it: changing it in place before backward
 * is an error.
 */
public final class AvgPooling {
    private AvgPooling() {}

    /**
     * {@code avg_pool2d(x, kernelSize, stride, padding, ceilMode, countIncludePad)}.
     *
     * @param x a FLOAT64 or FLOAT32 input (N, C, H, W) or unbatched (C, H, W)
     * @param kernelSize the window, one int (H and W) or two (H, W), each at least 1
     * @param stride the step, one or two ints at least 1; null or empty: the kernel size
     * @param padding implicit zero padding on both sides, one or two ints in
     *     {@code [0, kernelSize / 2]}
     * @param ceilMode round the output size up (the last window must still start inside the
     *     input or the left padding)
     * @param countIncludePad divide by the window size including padding (clipped to the padded
     *     input, as PyTorch) rather than by the number of input elements in the window
     * @return a new tensor (N, C, H_out, W_out) or (C, H_out, W_out), of x's dtype
     * @throws IllegalArgumentException naming {@code avgPool2d} and the shape or value for a
     *     wrong rank, an empty C, H or W, an int or bool input, an argument of the wrong length
     *     or out of range, or an output size below 1
     */
    public static Tensor avgPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, boolean ceilMode,
            boolean countIncludePad) {
        return mean(x, PoolWindows.sliding("avgPool2d", x, kernelSize, stride, padding, new int[] {1}, ceilMode,
                countIncludePad), "AvgPool2dBackward");
    }

    /**
     * {@code adaptive_avg_pool2d(x, outputSize)}: output (i, j) averages input rows
     * {@code [floor(i H / H_out), ceil((i + 1) H / H_out))} and the columns likewise.
     *
     * @param x a FLOAT64 or FLOAT32 input (N, C, H, W) or unbatched (C, H, W), H and W non-zero
     * @param outputSize one int (H_out = W_out) or two (H_out, W_out), each at least 0 (0 gives
     *     an empty output, as in PyTorch)
     * @return a new tensor (N, C, H_out, W_out) or (C, H_out, W_out), of x's dtype
     * @throws IllegalArgumentException naming {@code adaptiveAvgPool2d} and the shape or value for
     *     a wrong rank, an empty H or W, an int or bool input, or an output size of the wrong
     *     length or below 0
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        return mean(x, PoolWindows.adaptive("adaptiveAvgPool2d", x, outputSize), "AdaptiveAvgPool2dBackward");
    }

    /** The window means of {@code x}, recorded as {@code name}; its gradient is {@link #spread}. */
    private static Tensor mean(Tensor x, PoolWindows.Plan p, String name) {
        return Tape.record(name, TensorInternals.wrap(walk(x.doubles(), p, false), x.dtype(), p.outShape()),
                new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {spread(g, p, name)});
    }

    /**
     * The gradient of a window mean: each {@code g[o] / divisor(o)} added over o's window, in a
     * tensor of the input's shape; its gradient is the window mean again.
     */
    private static Tensor spread(Tensor g, PoolWindows.Plan p, String name) {
        return Tape.record(name + "Backward", TensorInternals.wrap(walk(g.doubles(), p, true), g.dtype(),
                p.inShape()), new Tensor[] {g}, Tape.NO_TENSORS, gg -> new Tensor[] {mean(gg, p, name)});
    }

    /**
     * One walk over every window: the means of {@code src} (an input) or, with {@code spread},
     * {@code src[o] / divisor(o)} (an output gradient) added over each window o.
     */
    private static double[] walk(double[] src, PoolWindows.Plan p, boolean spread) {
        double[] r = new double[Shape.numel(spread ? p.inShape() : p.outShape())];
        PoolWindows.Axis rows = p.rows();
        PoolWindows.Axis cols = p.cols();
        int w = p.w();
        int o = 0;
        for (int plane = 0; plane < p.planes(); plane++) {
            int base = plane * p.inPlane();
            for (int oh = 0; oh < rows.size(); oh++) {
                for (int ow = 0; ow < cols.size(); ow++, o++) {
                    double share = spread ? divide(src[o], rows, oh, cols, ow) : 0.0;
                    double sum = 0;
                    for (int h = rows.first()[oh], he = h + rows.count()[oh]; h < he; h++) {
                        for (int c = base + h * w + cols.first()[ow], ce = c + cols.count()[ow]; c < ce; c++) {
                            if (spread) {
                                r[c] += share;
                            } else {
                                sum += src[c];
                            }
                        }
                    }
                    if (!spread) {
                        r[o] = divide(sum, rows, oh, cols, ow);
                    }
                }
            }
        }
        return r;
    }

    /** {@code value / divisor} of output (oh, ow); 0 for a window with no tap inside the input (as PyTorch). */
    private static double divide(double value, PoolWindows.Axis rows, int oh, PoolWindows.Axis cols, int ow) {
        if (rows.count()[oh] == 0 || cols.count()[ow] == 0) {
            return 0.0;
        }
        return value / ((long) rows.divisor()[oh] * cols.divisor()[ow]);
    }
}
