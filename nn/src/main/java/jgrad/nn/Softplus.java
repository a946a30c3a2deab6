package jgrad.nn;

import jgrad.Tensor;

/**
 * Elementwise {@code log(1 + exp(beta * x)) / beta}, and {@code x} itself where
 * {@code beta * x > threshold}, like {@code torch.nn.Softplus}.
 */
public class Softplus extends Module {
    private final double beta;
    private final double threshold;

    /** Creates the layer with PyTorch's defaults beta 1 and threshold 20. */
    public Softplus() {
        this(Activations.DEFAULT_BETA, Activations.DEFAULT_THRESHOLD);
    }

    /**
     * Creates the layer.
     *
     * @param beta the sharpness; any finite non-zero value (negative is allowed, as PyTorch)
     * @param threshold above which {@code beta * x} the layer is linear; any finite value
     * @throws IllegalArgumentException if beta is 0, NaN or infinite, or the threshold is NaN or
     *     infinite
     */
    public Softplus(double beta, double threshold) {
        Activations.checkSoftplus("Softplus", beta, threshold);
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * The sharpness beta.
     *
     * @return beta
     */
    public double beta() {
        return beta;
    }

    /**
     * The threshold above which {@code beta * x} the layer is linear.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Applies softplus.
     *
     * @param input FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if the input is not floating
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.softplus(input, beta, threshold);
    }

    /** As PyTorch 1.13 prints its (int) defaults: {@code beta=1, threshold=20}; other values as floats. */
    @Override
    protected String extraRepr() {
        return "beta=" + Activations.number(beta) + ", threshold=" + Activations.number(threshold);
    }
}
