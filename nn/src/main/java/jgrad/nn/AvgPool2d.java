package jgrad.nn;

import jgrad.Tensor;

/**
 * 2-D average pooling over (N, C, H, W) or unbatched (C, H, W) inputs, like
 * {@code torch.nn.AvgPool2d} (zero padding, counted in the divisor unless
 * {@code countIncludePad} is false). No parameters. The arguments are checked when the layer
 * runs, as in PyTorch (see {@link Tensor#avgPool2d}).
 */
public class AvgPool2d extends Module {
    private final Pooling.Arg kernelSize;
    private final Pooling.Arg stride;
    private final Pooling.Arg padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    /**
     * Square windows with stride = kernel size (PyTorch's default), no padding.
     *
     * @param kernelSize the window's height and width
     */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    /**
     * Square windows, no padding.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     */
    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    /**
     * Square windows with zero padding, counted in the divisor.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     * @param padding added on every side, at most {@code kernelSize / 2}
     */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, false, true);
    }

    /**
     * Square windows, every option.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     * @param padding added on every side, at most {@code kernelSize / 2}
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad count the padding in each window's divisor (PyTorch's default, true)
     */
    public AvgPool2d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        this(Pooling.Arg.of(kernelSize), Pooling.Arg.of(stride), Pooling.Arg.of(padding), ceilMode,
                countIncludePad);
    }

    /**
     * Every option, each size as one int (both dims) or two (H, W), like PyTorch's tuples.
     *
     * @param kernelSize the window
     * @param stride the step; null: the kernel size
     * @param padding added on both sides of each dim, at most half the kernel size
     * @param ceilMode round the output size up instead of down
     * @param countIncludePad count the padding in each window's divisor (PyTorch's default, true)
     */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this(Pooling.Arg.of(kernelSize), stride == null ? Pooling.Arg.of(kernelSize) : Pooling.Arg.of(stride),
                Pooling.Arg.of(padding), ceilMode, countIncludePad);
    }

    private AvgPool2d(Pooling.Arg kernelSize, Pooling.Arg stride, Pooling.Arg padding, boolean ceilMode,
            boolean countIncludePad) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    /**
     * Pools the input.
     *
     * @param input FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W)
     * @return (N, C, H_out, W_out) or (C, H_out, W_out), of the input's dtype
     * @throws IllegalArgumentException naming {@code avgPool2d} for a wrong input rank or dtype,
     *     an invalid argument, or an input too small for the window
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.avgPool2d(kernelSize.values(), stride.values(), padding.values(), ceilMode, countIncludePad);
    }

    /**
     * The window size.
     *
     * @return one int (both dims) or two (H, W), a copy
     */
    public int[] kernelSize() {
        return kernelSize.copy();
    }

    /**
     * The step.
     *
     * @return one int (both dims) or two (H, W), a copy
     */
    public int[] stride() {
        return stride.copy();
    }

    /** As PyTorch's: kernel size, stride and padding only (ceil_mode and count_include_pad are not shown). */
    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize.repr() + ", stride=" + stride.repr() + ", padding=" + padding.repr();
    }
}
