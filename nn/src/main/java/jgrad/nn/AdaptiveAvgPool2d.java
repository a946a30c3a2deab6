package jgrad.nn;

import jgrad.Tensor;

/**
 * 2-D adaptive average pooling to a fixed output size, like {@code torch.nn.AdaptiveAvgPool2d}:
 * output (i, j) averages input rows {@code [floor(i H / H_out), ceil((i + 1) H / H_out))} and
 * the columns likewise, for (N, C, H, W) or unbatched (C, H, W) inputs. No parameters.
 */
public class AdaptiveAvgPool2d extends Module {
    private final Pooling.Arg outputSize;

    /**
     * A square output, e.g. 1 for global average pooling.
     *
     * @param outputSize H_out = W_out, at least 0
     */
    public AdaptiveAvgPool2d(int outputSize) {
        this.outputSize = Pooling.Arg.of(outputSize);
    }

    /**
     * An H_out x W_out output.
     *
     * @param h H_out, at least 0
     * @param w W_out, at least 0
     */
    public AdaptiveAvgPool2d(int h, int w) {
        this(new int[] {h, w});
    }

    /**
     * The output size as one int (both dims) or two (H_out, W_out), like PyTorch's tuple.
     *
     * @param outputSize the sizes, each at least 0
     */
    public AdaptiveAvgPool2d(int[] outputSize) {
        this.outputSize = Pooling.Arg.of(outputSize);
    }

    /**
     * Pools the input.
     *
     * @param input FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W) with H and W non-zero
     * @return (N, C, H_out, W_out) or (C, H_out, W_out), of the input's dtype
     * @throws IllegalArgumentException naming {@code adaptiveAvgPool2d} for a wrong input rank or
     *     dtype, an empty H or W, or an output size of the wrong length or below 0
     */
    @Override
    public Tensor forward(Tensor input) {
        return input.adaptiveAvgPool2d(outputSize.values());
    }

    /**
     * The output size.
     *
     * @return one int (both dims) or two (H_out, W_out), a copy
     */
    public int[] outputSize() {
        return outputSize.copy();
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize.repr();
    }
}
