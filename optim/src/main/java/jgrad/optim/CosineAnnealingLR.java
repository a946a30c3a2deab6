package jgrad.optim;

import java.util.Map;

/**
 * Cosine annealing of each group's learning rate from its base value down to {@code etaMin}
 * over {@code tMax} epochs, like {@code torch.optim.lr_scheduler.CosineAnnealingLR}.
 *
 * <p>If only this scheduler sets the learning rate, epoch {@code t} has
 * {@code etaMin + (base - etaMin) * (1 + cos(pi * t / tMax)) / 2}; after {@code tMax} epochs the
 * rate climbs back (a cosine, not a restart). Like PyTorch, {@link #step()} computes it with the
 * recursive (chainable) formula from the group's current learning rate:
 * <pre>
 * epoch 0:                          lr
 * (epoch - 1 - tMax) % (2 tMax) == 0:  lr + (base - etaMin) * (1 - cos(pi / tMax)) / 2
 * otherwise:                        (1 + cos(pi * epoch / tMax)) / (1 + cos(pi * (epoch - 1) / tMax))
 *                                       * (lr - etaMin) + etaMin
 * </pre>
 * so its numbers follow PyTorch's, rounding included.
 */
public final class CosineAnnealingLR extends LRScheduler {
    /**
     * Cosine annealing down to 0.
     *
     * @param optimizer the optimizer to schedule
     * @param tMax the number of epochs of the half cosine, at least 1
     * @throws IllegalArgumentException if {@code tMax} is less than 1
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * Cosine annealing down to {@code etaMin}.
     *
     * @param optimizer the optimizer to schedule
     * @param tMax the number of epochs of the half cosine, at least 1
     * @param etaMin the minimum learning rate
     * @throws IllegalArgumentException if {@code tMax} is less than 1
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer, settings("T_max", tMax, "eta_min", etaMin));
        initialStep();
    }

    /** {@code "T_max"} must be a positive integer (up to half the int range); {@code "eta_min"} is not checked. */
    @Override
    protected void checkSettings(Map<String, Double> values) {
        checkPositiveInt(values, "T_max", Integer.MAX_VALUE / 2);
    }

    /**
     * The number of epochs of the half cosine.
     *
     * @return {@code T_max}, in epochs
     */
    public int tMax() {
        return (int) setting("T_max");
    }

    /**
     * The minimum learning rate.
     *
     * @return {@code eta_min}
     */
    public double etaMin() {
        return setting("eta_min");
    }

    /** PyTorch's chainable {@code get_lr()} (see the class comment). */
    @Override
    protected double[] computeLr() {
        double[] lrs = groupLrs();
        if (lastEpoch == 0) {
            return lrs;
        }
        int tMax = tMax();
        double etaMin = etaMin();
        if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
            double rise = 1 - StrictMath.cos(Math.PI / tMax);
            for (int i = 0; i < lrs.length; i++) {
                lrs[i] = lrs[i] + (baseLrs[i] - etaMin) * rise / 2;
            }
            return lrs;
        }
        double ratio = (1 + StrictMath.cos(Math.PI * lastEpoch / tMax))
                / (1 + StrictMath.cos(Math.PI * (lastEpoch - 1) / tMax));
        for (int i = 0; i < lrs.length; i++) {
            lrs[i] = ratio * (lrs[i] - etaMin) + etaMin;
        }
        return lrs;
    }
}
