package jgrad.optim;

import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every epoch, like
 * {@code torch.optim.lr_scheduler.ExponentialLR}: epoch {@code t} has {@code base * gamma^t}
 * when only this scheduler sets the rate.
 *
 * <p>Uses PyTorch's chainable form: at epoch 0 the learning rates are left as they are; at every
 * later epoch each group's current learning rate is multiplied by {@code gamma}.
 */
public final class ExponentialLR extends LRScheduler {
    /**
     * An ExponentialLR.
     *
     * @param optimizer the optimizer to schedule
     * @param gamma the factor of the decay per epoch: finite and at least 0
     * @throws IllegalArgumentException if {@code gamma} is negative, NaN or infinite (PyTorch
     *     accepts it and fails later, or makes a negative learning rate)
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer, Map.of("gamma", gamma));
        initialStep();
    }

    /** {@code "gamma"} must be finite and at least 0. */
    @Override
    protected void checkSettings(Map<String, Double> values) {
        double gamma = values.get("gamma");
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("ExponentialLR: gamma must be finite and at least 0, got " + gamma);
        }
    }

    /**
     * The factor of the decay per epoch.
     *
     * @return {@code gamma}
     */
    public double gamma() {
        return setting("gamma");
    }

    /** PyTorch's chainable {@code get_lr()}: {@code lr * gamma} after epoch 0. */
    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            return lrs;
        }
        double gamma = gamma();
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = lrs[i] * gamma;
        }
        return lrs;
    }
}
