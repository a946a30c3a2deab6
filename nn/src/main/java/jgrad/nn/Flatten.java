package jgrad.nn;

import jgrad.Tensor;

/**
 * Flattens a range of dims into one, like {@code torch.nn.Flatten}: by default every dim but the
 * first (batch) dim, so (N, C, H, W) becomes (N, C*H*W).
 */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens dims 1 to -1 (PyTorch's defaults). */
    public Flatten() {
        this(1, -1);
    }

    /**
     * Flattens dims {@code startDim} to {@code endDim}, both included.
     *
     * @param startDim first dim to flatten; negative counts from the end
     * @param endDim last dim to flatten; negative counts from the end
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /**
     * Flattens the input.
     *
     * @param input a tensor with the start and end dims
     * @return a view with those dims merged
     * @throws IllegalArgumentException if a dim is out of range or start comes after end
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.flatten(input, startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
