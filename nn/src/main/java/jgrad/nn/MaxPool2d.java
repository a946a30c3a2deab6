package jgrad.nn;

import jgrad.Tensor;

/**
 * 2-D max pooling over (N, C, H, W) or unbatched (C, H, W) inputs, like
 * {@code torch.nn.MaxPool2d}: the maximum of each window, with {@code -inf} padding. No
 * parameters. The arguments are checked when the layer runs, as in PyTorch (see
 * {@link Tensor#maxPool2d}).
 */
public class MaxPool2d extends Module {
    private final Pooling.Arg kernelSize;
    private final Pooling.Arg stride;
    private final Pooling.Arg padding;
    private final Pooling.Arg dilation;
    private final boolean ceilMode;

    /**
     * Square windows with stride = kernel size (PyTorch's default), no padding.
     *
     * @param kernelSize the window's height and width
     */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    /**
     * Square windows, no padding.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     */
    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    /**
     * Square windows with {@code -inf} padding.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     * @param padding added on every side, at most {@code kernelSize / 2}
     */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(kernelSize, stride, padding, 1, false);
    }

    /**
     * Square windows, every option.
     *
     * @param kernelSize the window's height and width
     * @param stride the step in both dims
     * @param padding added on every side, at most {@code kernelSize / 2}
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up instead of down
     */
    public MaxPool2d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        this(Pooling.Arg.of(kernelSize), Pooling.Arg.of(stride), Pooling.Arg.of(padding), Pooling.Arg.of(dilation),
                ceilMode);
    }

    /**
     * Every option, each size as one int (both dims) or two (H, W), like PyTorch's tuples.
     *
     * @param kernelSize the window
     * @param stride the step; null: the kernel size
     * @param padding added on both sides of each dim, at most half the kernel size
     * @param dilation the spacing of the window's taps
     * @param ceilMode round the output size up instead of down
     */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this(Pooling.Arg.of(kernelSize), stride == null ? Pooling.Arg.of(kernelSize) : Pooling.Arg.of(stride),
                Pooling.Arg.of(padding), Pooling.Arg.of(dilation), ceilMode);
    }

    private MaxPool2d(Pooling.Arg kernelSize, Pooling.Arg stride, Pooling.Arg padding, Pooling.Arg dilation,
            boolean ceilMode) {
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    /**
     * Pools the input.
     *
     * @param input FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W)
     * @return (N, C, H_out, W_out) or (C, H_out, W_out), of the input's dtype
     * @throws IllegalArgumentException naming {@code maxPool2d} for a wrong input rank or dtype,
     *     an invalid argument, or an input too small for the window
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.maxPool2d(kernelSize.values(), stride.values(), padding.values(), dilation.values(), ceilMode);
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

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize.repr() + ", stride=" + stride.repr() + ", padding=" + padding.repr()
                + ", dilation=" + dilation.repr() + ", ceil_mode=" + Pooling.bool(ceilMode);
    }
}
