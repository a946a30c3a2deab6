package jgrad.optim;

import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, like
 * {@code torch.optim.lr_scheduler.StepLR}: with a base rate of 0.05, step size 30 and gamma 0.1,
 * epochs 0-29 use 0.05, epochs 30-59 use 0.005, and so on.
 *
 * <p>Uses PyTorch's chainable form: at epochs that are positive multiples of {@code stepSize}
 * the group's current learning rate is multiplied by {@code gamma}; at other epochs it is left
 * as it is.
 */
public final class StepLR extends LRScheduler {
    /**
     * A StepLR with PyTorch's default gamma, 0.1.
     *
     * @param optimizer the optimizer to schedule
     * @param stepSize the period of the decay in epochs, at least 1
     * @throws IllegalArgumentException if {@code stepSize} is less than 1
     */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * A StepLR.
     *
     * @param optimizer the optimizer to schedule
     * @param stepSize the period of the decay in epochs, at least 1
     * @param gamma the factor of the decay
     * @throws IllegalArgumentException if {@code stepSize} is less than 1
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer, settings("step_size", stepSize, "gamma", gamma));
        initialStep();
    }

    /** {@code "step_size"} must be a positive integer; {@code "gamma"} is not checked (as in PyTorch). */
    @Override
    protected void checkSettings(Map<String, Double> values) {
        checkPositiveInt(values, "step_size", Integer.MAX_VALUE);
    }

    /**
     * The period of the decay in epochs.
     *
     * @return {@code step_size}, in epochs
     */
    public int stepSize() {
        return (int) setting("step_size");
    }

    /**
     * The factor of the decay.
     *
     * @return {@code gamma}, the factor the learning rate is multiplied by every {@code step_size} epochs
     */
    public double gamma() {
        return setting("gamma");
    }

    /** PyTorch's chainable {@code get_lr()}: {@code lr * gamma} at positive multiples of the step size. */
    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0 || lastEpoch % stepSize() != 0) {
            return lrs;
        }
        double gamma = gamma();
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * gamma;
        }
        return lrs;
    }
}
