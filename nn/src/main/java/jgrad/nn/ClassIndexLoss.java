package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * What {@link NLLLoss} and {@link CrossEntropyLoss} share: the options of a loss over class-index
 * targets (class weights, ignore index, reduction) with their builder, and the checks of such
 * targets and weights against the input's {@link ClassLayout}.
 */
abstract class ClassIndexLoss extends Loss {
    /** PyTorch's default {@code ignore_index}. */
    static final int DEFAULT_IGNORE_INDEX = -100;

    private final Tensor weight;
    private final int ignoreIndex;
    private final Reduction reduction;

    ClassIndexLoss(Options<?> options) {
        this.weight = options.weight;
        this.ignoreIndex = options.ignoreIndex;
        this.reduction = options.reduction;
    }

    /**
     * The builder options shared by the class-index losses, starting from PyTorch's defaults (no
     * weights, ignore index -100, mean reduction).
     *
     * @param <B> the concrete builder, returned by each setter
     */
    abstract static class Options<B extends Options<B>> {
        private final String op;
        private Tensor weight;
        private int ignoreIndex = DEFAULT_IGNORE_INDEX;
        private Reduction reduction = Reduction.MEAN;

        Options(String op) {
            this.op = op;
        }

        abstract B self();

        /**
         * Per-class weights (a rescaling of each class's loss), or null for none.
         *
         * @param weight a 1-D floating tensor with one entry per class, of the dtype the inputs
         *     will have (checked at forward, as PyTorch does), or null
         * @return this builder
         * @throws IllegalArgumentException if weight is not 1-D FLOAT32 or FLOAT64
         */
        public B weight(Tensor weight) {
            LossChecks.checkWeightTensor(op, weight);
            this.weight = weight;
            return self();
        }

        /**
         * The target index that contributes neither loss nor gradient (default -100); only for
         * class-index targets (with {@link CrossEntropyLoss}'s class-probability targets a
         * non-negative value is an error).
         *
         * @param ignoreIndex the ignored class index
         * @return this builder
         */
        public B ignoreIndex(int ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return self();
        }

        /**
         * The reduction (default MEAN).
         *
         * @param reduction NONE, MEAN or SUM
         * @return this builder
         * @throws IllegalArgumentException if reduction is null
         */
        public B reduction(Reduction reduction) {
            LossChecks.checkReduction(op, reduction);
            this.reduction = reduction;
            return self();
        }
    }

    /**
     * The class weights.
     *
     * @return the weight tensor, or null
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The ignored target index.
     *
     * @return the ignore index
     */
    public int ignoreIndex() {
        return ignoreIndex;
    }

    /**
     * The reduction.
     *
     * @return NONE, MEAN or SUM
     */
    public Reduction reduction() {
        return reduction;
    }

    // ---------------------------------------------------------------- class-index targets and weights

    /**
     * The weight's values after checking it has one entry per class and the input's dtype (as
     * PyTorch requires); null for no weight.
     */
    static double[] classWeights(String op, Tensor weight, ClassLayout l) {
        if (weight == null) {
            return null;
        }
        LossChecks.checkWeightTensor(op, weight);
        LossChecks.checkWeightDtype(op, weight, l.dtype);
        if (weight.numel() != l.classes) {
            throw new IllegalArgumentException(op + ": weight of shape " + Shape.str(weight.shape())
                    + " must have one entry per class: the input of shape " + Shape.str(l.shape) + " has "
                    + l.classes + " classes");
        }
        return weight.doubles();
    }

    /** Checks index targets: INT64, shaped like the input without its class dim. */
    static void checkIndexTarget(String op, ClassLayout l, Tensor target, boolean probabilitiesAllowed) {
        LossChecks.checkNotNull(op, "target", target);
        int[] ts = target.shape();
        if (l.shape.length >= 2 && ts.length >= 1 && ts[0] != l.shape[0]) {
            throw new IllegalArgumentException(op + ": input batch size " + l.shape[0] + " does not match target batch "
                    + "size " + ts[0] + " (input shape " + Shape.str(l.shape) + ", target shape " + Shape.str(ts)
                    + ")");
        }
        if (!Arrays.equals(ts, l.rowShape)) {
            throw new IllegalArgumentException(op + ": target of shape " + Shape.str(ts) + " does not fit input of shape "
                    + Shape.str(l.shape) + (l.shape.length >= 2 ? "; the classes are in dim 1 (input (N, C, d1, ...))"
                    : "") + "; expected class indices of shape " + Shape.str(l.rowShape)
                    + (probabilitiesAllowed ? " or class probabilities of shape " + Shape.str(l.shape) : "")
                    + classesLastHint(l.shape, ts));
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": class-index targets must be INT64, got a " + target.dtype()
                    + " target of shape " + Shape.str(ts) + " for input of shape " + Shape.str(l.shape)
                    + (probabilitiesAllowed ? " (class probabilities must have the input's shape "
                    + Shape.str(l.shape) + ")" : ""));
        }
    }

    /**
     * For the classic mistake, (B, T, C) input with (B, T) targets (classes in the last dim), how
     * to pass it; otherwise empty.
     */
    private static String classesLastHint(int[] shape, int[] ts) {
        int n = shape.length;
        if (n < 3 || ts.length != n - 1 || !Arrays.equals(ts, Arrays.copyOf(shape, n - 1))) {
            return "";
        }
        StringBuilder toDim1 = new StringBuilder(n == 3 ? "input.transpose(1, 2)" : "input.permute(0, " + (n - 1));
        for (int d = 1; n > 3 && d < n - 1; d++) {
            toDim1.append(", ").append(d).append(d == n - 2 ? ")" : "");
        }
        long rows = Shape.numel(ts);
        return ". If the classes are in the last dim, as in (B, T, C) logits with (B, T) targets, flatten both: "
                + "input.view(" + rows + ", " + shape[n - 1] + ") with target.view(" + rows + "), or move them to dim 1: "
                + toDim1;
    }

    /** Class-index losses are not differentiable in the weight (as PyTorch's nll_loss). */
    static void checkWeightNoGrad(String op, Tensor weight) {
        if (weight != null && weight.requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalArgumentException(op + ": weight requires grad, but with class-index targets the loss is "
                    + "not differentiable with respect to weight (as in PyTorch's nll_loss); pass weight.detach()");
        }
    }

    /** The checks every class-index loss makes; returns the weight's values (or null). */
    static double[] checkIndexTargetAndWeight(String op, ClassLayout l, Tensor target, Tensor weight,
            boolean probabilitiesAllowed) {
        checkIndexTarget(op, l, target, probabilitiesAllowed);
        double[] w = classWeights(op, weight, l);
        checkWeightNoGrad(op, weight);
        return w;
    }

    /** Reads target row r, or returns {@code Long.MIN_VALUE} for an ignored one. */
    static long targetAt(String op, double[] t, int r, int ignoreIndex, int classes) {
        long c = (long) t[r];
        if (c == ignoreIndex) {
            return Long.MIN_VALUE;
        }
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException(op + ": target " + c + " is out of range for " + classes + " classes "
                    + "(expected 0.." + (classes - 1) + ", or the ignore index " + ignoreIndex + ")");
        }
        return c;
    }
}
