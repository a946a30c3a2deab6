package jgrad.nn;

import jgrad.Tensor;

/**
 * A loss function of an input (predictions) and a target, like PyTorch's {@code _Loss}. Losses
 * hold their options (weights, reduction, ...) and no parameters.
 */
public abstract class Loss {
    /** For subclasses. */
    protected Loss() {}

    /**
     * Computes the loss.
     *
     * @param input the predictions (logits, log-probabilities or values, depending on the loss)
     * @param target the targets
     * @return the loss: 0-D for MEAN and SUM, per element for NONE
     * @throws IllegalArgumentException if the shapes, dtypes or target values do not fit
     */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** The loss's name with parentheses, as {@code print(criterion)} shows it, e.g. {@code NLLLoss()}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }
}
