package jgrad.nn;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The common part of {@link BatchNorm1d} and {@link BatchNorm2d}, like PyTorch's
 * {@code _BatchNorm}: per-channel (dim 1) normalisation
 * {@code (x - mean) / sqrt(var + eps) * weight + bias}.
 *
 * <p>In training mode (or without running stats) mean and biased variance come from the batch
 * (every dim but 1), and with {@code trackRunningStats} the buffers are updated in place:
 * {@code running_mean = (1 - momentum) * running_mean + momentum * mean}, likewise running_var
 * with the unbiased batch variance, and num_batches_tracked counts the steps. With a null momentum
 * (PyTorch's {@code momentum=None}) the running stats are cumulative averages: the step first
 * counts itself in num_batches_tracked, then uses {@code 1 / num_batches_tracked} as the
 * momentum. In evaluation mode
 * the running stats are used. State-dict keys are PyTorch's: {@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}, {@code num_batches_tracked} (INT64). Floating state
 * is in the default dtype ({@link Tensor#getDefaultDtype()}); the input must have that dtype
 * (convert the module with {@link #to(DType)} for another). Built from recorded Tensor ops, so
 * twice differentiable.
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    /**
     * Creates the layer.
     *
     * @param numFeatures the number of channels C (size of dim 1), {@code >= 0}
     * @param eps added to the variance for numerical stability (finite, {@code >= 0})
     * @param momentum the weight of the batch statistics in the running ones (finite), or null
     *     for a cumulative moving average ({@code 1 / num_batches_tracked})
     * @param affine whether to hold a learnable weight (ones) and bias (zeros) of shape (C)
     * @param trackRunningStats whether to hold running_mean (zeros), running_var (ones) and
     *     num_batches_tracked (0) and use them in evaluation mode
     * @throws IllegalArgumentException if numFeatures is negative, eps or momentum is bad
     */
    protected BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": num_features must be >= 0, got "
                    + numFeatures);
        }
        Norms.checkEps(getClass().getSimpleName(), eps);
        if (momentum != null && !Double.isFinite(momentum)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": momentum must be finite, got "
                    + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        registerParameter("weight", affine ? Tensor.ones(numFeatures) : null);
        registerParameter("bias", affine ? Tensor.zeros(numFeatures) : null);
        registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        registerBuffer("num_batches_tracked", trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    /**
     * Whether the input's number of dims is one this layer accepts.
     *
     * @param dims the input's number of dims
     * @return true if accepted
     */
    protected abstract boolean acceptsDims(int dims);

    /**
     * The accepted input ranks for messages, e.g. {@code "2D or 3D"}.
     *
     * @return the description
     */
    protected abstract String expectedDims();

    /**
     * The number of channels C.
     *
     * @return num_features
     */
    public int numFeatures() {
        return numFeatures;
    }

    /**
     * The value added to the variance.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    /**
     * The weight of the batch statistics in the running ones, or null for a cumulative moving
     * average (PyTorch's {@code momentum=None}).
     *
     * @return momentum, or null
     */
    public Double momentum() {
        return momentum;
    }

    /**
     * Whether the layer holds a weight and a bias.
     *
     * @return affine
     */
    public boolean affine() {
        return affine;
    }

    /**
     * Whether the layer keeps running statistics.
     *
     * @return track_running_stats
     */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    /**
     * The weight, shape (C), or null without affine.
     *
     * @return the parameter tensor itself, or null
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shape (C), or null without affine.
     *
     * @return the parameter tensor itself, or null
     */
    public Tensor bias() {
        return parameter("bias");
    }

    /**
     * The running mean, shape (C), or null without running stats.
     *
     * @return the buffer tensor itself, or null
     */
    public Tensor runningMean() {
        return buffer("running_mean");
    }

    /**
     * The running (unbiased) variance, shape (C), or null without running stats.
     *
     * @return the buffer tensor itself, or null
     */
    public Tensor runningVar() {
        return buffer("running_var");
    }

    /**
     * The number of training steps taken, an INT64 0-D tensor, or null without running stats.
     *
     * @return the buffer tensor itself, or null
     */
    public Tensor numBatchesTracked() {
        return buffer("num_batches_tracked");
    }

    /**
     * Normalises each channel; in training mode with running stats also updates them.
     *
     * @param input FLOAT32 or FLOAT64 with C channels in dim 1, of a rank the layer accepts
     * @return same shape and dtype
     * @throws IllegalArgumentException naming the layer and the shapes if the rank or the channel
     *     count is wrong, if training with one value per channel, or if the input is not floating
     *     or not the dtype of the layer's state
     */
    @Override
    public Tensor forward(Tensor input) {
        String op = getClass().getSimpleName();
        Activations.checkFloating(op, input);
        int[] shape = input.shape();
        if (!acceptsDims(shape.length)) {
            throw new IllegalArgumentException(op + ": expected " + expectedDims() + " input (got " + shape.length
                    + "D input of size " + Shape.str(shape) + ")");
        }
        if (shape[1] != numFeatures) {
            throw new IllegalArgumentException(op + ": expected input with " + numFeatures
                    + " channels (num_features) in dim 1, got input of size " + Shape.str(shape));
        }
        boolean useBatch = isTraining() || !trackRunningStats;
        boolean update = isTraining() && trackRunningStats;
        // PyTorch's exponential_average_factor: momentum, or 1 / num_batches_tracked counting this step
        double steps = update ? numBatchesTracked().item() + 1 : 0;
        double factor = momentum != null ? momentum : update ? 1.0 / steps : 0.0;
        Tensor y = BatchNorms.batchNorm(op, input, runningMean(), runningVar(), weight(), bias(), useBatch, factor,
                eps);
        if (update) { // counted once the step has succeeded
            numBatchesTracked().copyFrom(Tensor.full(steps, DType.INT64));
        }
        return y;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.pyFloat(eps) + ", momentum="
                + (momentum == null ? "None" : PyRepr.pyFloat(momentum)) + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False");
    }
}
