package jgrad.nn;

import jgrad.Tensor;

/**
 * Dropout, like {@code torch.nn.Dropout(p)}: in training mode each element is zeroed with
 * probability p and the survivors are scaled by 1/(1-p); in evaluation mode the input is
 * returned unchanged. The mask is drawn from the default generator, so
 * {@link Tensor#manualSeed} makes it reproducible.
 */
public class Dropout extends Module {
    private final double p;

    /** Dropout with p = 0.5, PyTorch's default. */
    public Dropout() {
        this(0.5);
    }

    /**
     * Dropout with probability {@code p}.
     *
     * @param p the probability of zeroing an element, in [0, 1]
     * @throws IllegalArgumentException if p is outside [0, 1] or NaN
     */
    public Dropout(double p) {
        Functional.checkDropout("Dropout", p);
        this.p = p;
    }

    /**
     * The drop probability.
     *
     * @return p
     */
    public double p() {
        return p;
    }

    /**
     * Applies dropout in training mode; returns the input itself in evaluation mode.
     *
     * @param input any shape
     * @return same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.dropout(input, p, isTraining());
    }

    @Override
    protected String extraRepr() {
        return "p=" + PyRepr.pyFloat(p) + ", inplace=False";
    }
}
