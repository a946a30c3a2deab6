package jgrad.nn;

/**
 * Batch normalisation of input (N, C, H, W) over each channel C, like
 * {@code torch.nn.BatchNorm2d}; see {@link BatchNorm} for the statistics, the running-stats
 * update and the state.
 */
public class BatchNorm2d extends BatchNorm {
    /**
     * A layer with PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running stats.
     *
     * @param numFeatures the number of channels C, {@code >= 0}
     * @throws IllegalArgumentException if numFeatures is negative
     */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, Norms.DEFAULT_EPS, 0.1, true, true);
    }

    /**
     * Creates the layer.
     *
     * @param numFeatures the number of channels C, {@code >= 0}
     * @param eps added to the variance for numerical stability (finite, {@code >= 0})
     * @param momentum the weight of the batch statistics in the running ones (finite), or null
     *     for a cumulative moving average (PyTorch's {@code momentum=None}: the weight is
     *     {@code 1 / num_batches_tracked})
     * @param affine whether to hold a learnable weight (ones) and bias (zeros)
     * @param trackRunningStats whether to keep running statistics and use them in evaluation mode
     * @throws IllegalArgumentException if numFeatures is negative, eps or momentum is bad
     */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    protected boolean acceptsDims(int dims) {
        return dims == 4;
    }

    @Override
    protected String expectedDims() {
        return "4D";
    }
}
