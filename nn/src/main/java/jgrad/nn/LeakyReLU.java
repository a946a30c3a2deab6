package jgrad.nn;

import jgrad.Tensor;

/**
 * Elementwise {@code x} where {@code x > 0}, else {@code negativeSlope * x}, like
 * {@code torch.nn.LeakyReLU}. At 0 the gradient is {@code negativeSlope}, as PyTorch's.
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    /** Creates the layer with PyTorch's default slope 0.01. */
    public LeakyReLU() {
        this(Activations.DEFAULT_NEGATIVE_SLOPE);
    }

    /**
     * Creates the layer.
     *
     * @param negativeSlope the factor for inputs at or below 0 (any finite value, as PyTorch)
     * @throws IllegalArgumentException if the slope is NaN or infinite
     */
    public LeakyReLU(double negativeSlope) {
        Activations.checkSlope("LeakyReLU", negativeSlope);
        this.negativeSlope = negativeSlope;
    }

    /**
     * The slope for inputs at or below 0.
     *
     * @return the negative slope
     */
    public double negativeSlope() {
        return negativeSlope;
    }

    /**
     * Applies leaky ReLU.
     *
     * @param input FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if the input is not floating
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.leakyRelu(input, negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + PyRepr.pyFloat(negativeSlope);
    }
}
