package jgrad.optim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * Reduces each group's learning rate when a metric has stopped improving, like
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau}: call {@link #step(double)} once per epoch
 * with, e.g., the validation loss.
 *
 * <p>Each step, exactly as PyTorch: the metric is better than the best so far if it is below
 * {@code best * (1 - threshold)} (mode MIN, threshold mode REL), below {@code best - threshold}
 * (MIN, ABS), above {@code best * (1 + threshold)} (MAX, REL) or above {@code best + threshold}
 * (MAX, ABS); a better metric becomes the best and resets the count of bad epochs, any other
 * (NaN included) adds one. During a cooldown the counter of cooldown epochs goes down and bad
 * epochs are not counted. When there have been more than {@code patience} bad epochs, each
 * group's learning rate becomes {@code max(lr * factor, minLr)} if that lowers it by more than
 * {@code eps}, the cooldown starts and the count restarts.
 *
 * <pre>{@code
 * var plateau = ReduceLROnPlateau.builder(optimizer).factor(0.5).patience(3).build();
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     train(...);
 *     plateau.step(validationLoss());
 * }
 * }</pre>
 *
 * <p>Unlike the {@link LRScheduler}s, it does not record {@code initial_lr} and does not change the
 * learning rates on construction.
 */
public final class ReduceLROnPlateau {
    /** Whether a lower or a higher metric is better. */
    public enum Mode {
        /** Lower is better (a loss); PyTorch's {@code "min"}. */
        MIN,
        /** Higher is better (an accuracy); PyTorch's {@code "max"}. */
        MAX
    }

    /** How the threshold is applied to the best metric so far. */
    public enum ThresholdMode {
        /** Relative: better means beyond {@code best * (1 -/+ threshold)}; PyTorch's {@code "rel"}. */
        REL,
        /** Absolute: better means beyond {@code best -/+ threshold}; PyTorch's {@code "abs"}. */
        ABS
    }

    private final Optimizer optimizer;
    Mode mode;
    double factor;
    int patience;
    double threshold;
    ThresholdMode thresholdMode;
    int cooldown;
    double[] minLrs;
    double eps;
    double best;
    int numBadEpochs;
    int cooldownCounter;
    int lastEpoch;
    double[] lastLr;

    /**
     * A ReduceLROnPlateau with PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold
     * 1e-4 (REL), no cooldown, minimum learning rate 0, eps 1e-8.
     *
     * @param optimizer the optimizer whose learning rates to reduce
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(new Builder(optimizer));
    }

    private ReduceLROnPlateau(Builder b) {
        if (b.optimizer == null) {
            throw new IllegalArgumentException("ReduceLROnPlateau: the optimizer is null");
        }
        int groups = b.optimizer.paramGroups().size();
        double[] mins = b.minLrs != null ? b.minLrs.clone() : filled(groups, b.minLr);
        if (mins.length != groups) {
            throw new IllegalArgumentException("ReduceLROnPlateau: expected " + groups + " min_lrs, got "
                    + mins.length);
        }
        if (b.mode == null || b.thresholdMode == null) {
            throw new IllegalArgumentException("ReduceLROnPlateau: mode and threshold mode must not be null");
        }
        check(b.factor, b.patience, b.threshold, b.cooldown, mins, b.eps);
        this.optimizer = b.optimizer;
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.thresholdMode = b.thresholdMode;
        this.cooldown = b.cooldown;
        this.minLrs = mins;
        this.eps = b.eps;
        this.best = worst(b.mode);
        this.lastLr = LRScheduler.lrsOf(optimizer);
    }

    /**
     * A builder with PyTorch's defaults.
     *
     * @param optimizer the optimizer whose learning rates to reduce
     * @return a new builder
     */
    public static Builder builder(Optimizer optimizer) {
        return new Builder(optimizer);
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    private static double worst(Mode mode) {
        return mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    static void check(double factor, double patience, double threshold, double cooldown, double[] minLrs,
            double eps) {
        if (!(factor >= 0 && factor < 1.0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in [0, 1) (PyTorch: Factor should be"
                    + " < 1.0.), got " + factor);
        }
        checkCount("patience", patience);
        checkCount("cooldown", cooldown);
        checkFiniteNonNegative("threshold", threshold);
        checkFiniteNonNegative("eps", eps);
        for (int i = 0; i < minLrs.length; i++) {
            checkFiniteNonNegative("min_lr of group " + i, minLrs[i]);
        }
    }

    private static void checkCount(String name, double v) {
        if (!LRScheduler.isCount(v, 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: " + name + " must be a whole number at least 0, got "
                    + v);
        }
    }

    private static void checkFiniteNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: " + name + " must be finite and at least 0, got "
                    + v);
        }
    }

    /**
     * Records one epoch's metric and reduces the learning rates if it has not improved for more
     * than {@code patience} epochs (see the class comment).
     *
     * @param metric the epoch's metric, e.g. the validation loss; NaN counts as not better, as in
     *     PyTorch
     * @throws IllegalStateException if parameter groups were added to the optimizer after this
     *     scheduler was made
     */
    public void step(double metric) {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != minLrs.length) {
            throw new IllegalStateException("ReduceLROnPlateau: the optimizer now has " + groups.size()
                    + " parameter groups, but this scheduler was made for " + minLrs.length
                    + "; make a new scheduler after adding groups");
        }
        lastEpoch++;
        if (isBetter(metric)) {
            best = metric;
            numBadEpochs = 0;
        } else {
            numBadEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            numBadEpochs = 0;
        }
        if (numBadEpochs > patience) {
            for (int i = 0; i < groups.size(); i++) {
                double old = groups.get(i).lr();
                double next = Math.max(old * factor, minLrs[i]);
                if (old - next > eps) {
                    groups.get(i).setLr(next);
                }
            }
            cooldownCounter = cooldown;
            numBadEpochs = 0;
        }
        lastLr = LRScheduler.lrsOf(optimizer);
    }

    private boolean isBetter(double a) {
        if (mode == Mode.MIN) {
            return thresholdMode == ThresholdMode.REL ? a < best * (1.0 - threshold) : a < best - threshold;
        }
        return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1.0) : a > best + threshold;
    }

    /**
     * The learning rate of each group after the last {@link #step(double)} (or at construction),
     * like {@code get_last_lr()}.
     *
     * @return an unmodifiable list with one learning rate per parameter group
     */
    public List<Double> getLastLr() {
        return LRScheduler.listOf(lastLr);
    }

    /**
     * The number of {@link #step(double)} calls so far (PyTorch's {@code last_epoch}): 0 after
     * construction.
     *
     * @return the epoch
     */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * The best metric so far: +infinity (MIN) or -infinity (MAX) before the first step.
     *
     * @return the best metric
     */
    public double best() {
        return best;
    }

    /**
     * The number of bad epochs since the last improvement, reduction or cooldown epoch.
     *
     * @return PyTorch's {@code num_bad_epochs}
     */
    public int numBadEpochs() {
        return numBadEpochs;
    }

    /**
     * The optimizer whose learning rates this scheduler reduces.
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The scheduler's state, like PyTorch's {@code state_dict()} (all FLOAT64, 0-D but for the
     * per-group {@code "min_lrs"} and {@code "_last_lr"}): {@code "factor"}, {@code "min_lrs"},
     * {@code "patience"}, {@code "cooldown"}, {@code "cooldown_counter"}, {@code "mode"} (0 for
     * MIN, 1 for MAX), {@code "threshold"}, {@code "threshold_mode"} (0 for REL, 1 for ABS),
     * {@code "best"}, {@code "num_bad_epochs"}, {@code "eps"}, {@code "last_epoch"},
     * {@code "_last_lr"}. Save it with the optimizer's.
     *
     * @return a new ordered map of new tensors
     */
    public Map<String, Tensor> stateDict() {
        return PlateauStateDict.save(this);
    }

    /**
     * Restores state saved by {@link #stateDict()}. It does not change the optimizer's learning
     * rates: restore those with {@link Optimizer#loadStateDict(Map)}.
     *
     * @param state a map as returned by {@link #stateDict()} for an optimizer with as many groups
     * @throws IllegalArgumentException listing missing, unexpected and mis-shaped keys and invalid
     *     values; the scheduler is then unchanged
     */
    public void loadStateDict(Map<String, Tensor> state) {
        PlateauStateDict.load(this, state);
    }

    /** Builds a {@link ReduceLROnPlateau}; the settings start at PyTorch's defaults. */
    public static final class Builder {
        private final Optimizer optimizer;
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private ThresholdMode thresholdMode = ThresholdMode.REL;
        int cooldown;
        private double minLr;
        double[] minLrs;
        private double eps = 1e-8;

        private Builder(Optimizer optimizer) {
            this.optimizer = optimizer;
        }

        /**
         * Whether a lower (MIN, the default) or a higher (MAX) metric is better.
         *
         * @param mode not null
         * @return this builder
         */
        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /**
         * The factor a learning rate is multiplied by (default 0.1).
         *
         * @param factor in [0, 1)
         * @return this builder
         */
        public Builder factor(double factor) {
            this.factor = factor;
            return this;
        }

        /**
         * How many bad epochs are tolerated before a reduction (default 10).
         *
         * @param patience at least 0
         * @return this builder
         */
        public Builder patience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * How much better a metric must be to count as an improvement (default 1e-4).
         *
         * @param threshold finite, at least 0
         * @return this builder
         */
        public Builder threshold(double threshold) {
            this.threshold = threshold;
            return this;
        }

        /**
         * Whether the threshold is relative (REL, the default) or absolute (ABS).
         *
         * @param thresholdMode not null
         * @return this builder
         */
        public Builder thresholdMode(ThresholdMode thresholdMode) {
            this.thresholdMode = thresholdMode;
            return this;
        }

        /**
         * How many epochs to wait after a reduction before counting bad epochs again (default 0).
         *
         * @param cooldown at least 0
         * @return this builder
         */
        public Builder cooldown(int cooldown) {
            this.cooldown = cooldown;
            return this;
        }

        /**
         * The lowest learning rate of every group (default 0).
         *
         * @param minLr finite, at least 0
         * @return this builder
         */
        public Builder minLr(double minLr) {
            this.minLr = minLr;
            this.minLrs = null;
            return this;
        }

        /**
         * The lowest learning rate of each group, in order (PyTorch's {@code min_lr} as a list).
         *
         * @param minLrs one value per parameter group, each finite and at least 0
         * @return this builder
         */
        public Builder minLrs(double... minLrs) {
            this.minLrs = minLrs == null ? null : minLrs.clone();
            return this;
        }

        /**
         * The smallest change of a learning rate that is applied (default 1e-8).
         *
         * @param eps finite, at least 0
         * @return this builder
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Makes the scheduler; it leaves the learning rates as they are.
         *
         * @return a new ReduceLROnPlateau
         * @throws IllegalArgumentException naming the bad setting and value: a null optimizer or
         *     mode, factor not in [0, 1), negative patience or cooldown, negative or non-finite
         *     threshold, eps or minimum learning rate, or not one minimum learning rate per group
         */
        public ReduceLROnPlateau build() {
            return new ReduceLROnPlateau(this);
        }
    }
}
