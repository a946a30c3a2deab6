package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/**
 * Binary cross-entropy of logits, like {@code torch.nn.BCEWithLogitsLoss}:
 * {@code -w [p y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))]} with {@code p} the positive-class
 * weight, computed in the stable form {@code (1 - y) x + (1 + (p - 1) y) softplus(-x)}, so
 * logits of +-1000 give exact, finite losses and gradients.
 *
 * <p>Target has the input's shape (values in [0, 1]); weight broadcasts against the input;
 * posWeight broadcasts against the last (class) dim, e.g. shape (C) for input (N, C).
 */
public class BCEWithLogitsLoss extends Loss {
    private final Tensor weight;
    private final Tensor posWeight;
    private final Reduction reduction;

    /** No weights, mean reduction (PyTorch's defaults). */
    public BCEWithLogitsLoss() {
        this(builder());
    }

    private BCEWithLogitsLoss(Builder b) {
        this.weight = b.weight;
        this.posWeight = b.posWeight;
        this.reduction = b.reduction;
    }

    /**
     * A builder starting from PyTorch's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link BCEWithLogitsLoss}. */
    public static final class Builder {
        private Tensor weight;
        private Tensor posWeight;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {}

        /**
         * A rescaling weight for each element, broadcast against the input; null for none.
         *
         * @param weight a floating tensor, or null (multiplied into the loss in the loss's dtype)
         * @return this builder
         */
        public Builder weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /**
         * The weight of positive examples, per class (broadcast against the input's last dims);
         * null for none.
         *
         * @param posWeight a floating tensor, or null (taken in the loss's dtype)
         * @return this builder
         */
        public Builder posWeight(Tensor posWeight) {
            this.posWeight = posWeight;
            return this;
        }

        /**
         * The reduction (default MEAN).
         *
         * @param reduction NONE, MEAN or SUM
         * @return this builder
         * @throws IllegalArgumentException if reduction is null
         */
        public Builder reduction(Reduction reduction) {
            LossChecks.checkReduction("BCEWithLogitsLoss", reduction);
            this.reduction = reduction;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return a new BCEWithLogitsLoss
         */
        public BCEWithLogitsLoss build() {
            return new BCEWithLogitsLoss(this);
        }
    }

    /**
     * The element weight.
     *
     * @return the weight tensor, or null
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The positive-class weight.
     *
     * @return the pos_weight tensor, or null
     */
    public Tensor posWeight() {
        return posWeight;
    }

    /**
     * The reduction.
     *
     * @return NONE, MEAN or SUM
     */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The binary cross-entropy of logits.
     *
     * @param input logits, FLOAT32 or FLOAT64
     * @param target probabilities of the positive class, floating, same shape as input
     * @return the loss, of the promoted dtype of input and target (as in PyTorch)
     * @throws IllegalArgumentException if target's size differs from input's, a weight does not
     *     broadcast, or a dtype is INT64
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return bceWithLogits("BCEWithLogitsLoss", input, target, weight, posWeight, reduction);
    }

    /**
     * PyTorch's {@code binary_cross_entropy_with_logits}:
     * {@code (1 - y) x + (1 + (pos_weight - 1) y) softplus(-x)}, times weight, where
     * softplus(-x) = max(-x, 0) + log1p(exp(-|x|)) is exact for logits of any size.
     */
    static Tensor bceWithLogits(String op, Tensor input, Tensor target, Tensor weight, Tensor posWeight,
            Reduction reduction) {
        LossChecks.checkReduction(op, reduction);
        LossChecks.checkFloat(op, "input", input);
        LossChecks.checkFloat(op, "target", target);
        LossChecks.checkSameSize(op, input, target);
        if (weight != null) {
            LossChecks.checkFloat(op, "weight", weight);
            LossChecks.checkBroadcastsTo(op, "weight", weight, input);
        }
        if (posWeight != null) {
            LossChecks.checkFloat(op, "posWeight", posWeight);
            LossChecks.checkBroadcastsTo(op, "posWeight", posWeight, input);
        }
        // PyTorch's dtype: input and target promote; the weights are multiplied in place into the
        // loss, so they take its dtype (a FLOAT64 weight does not widen a FLOAT32 loss)
        DType dtype = DType.promote(input.dtype(), target.dtype());
        Tensor sp = softplusOfNegative(input);
        Tensor logWeighted = posWeight == null ? sp : posWeight.to(dtype).sub(1.0).mul(target).add(1.0).mul(sp);
        Tensor loss = target.neg().add(1.0).mul(input).add(logWeighted);
        if (weight != null) {
            loss = loss.mul(weight.to(dtype));
        }
        return LossReduction.apply(loss, reduction);
    }

    /** softplus(-x) = -log(sigmoid(x)) as one node, stable everywhere; gradient g (sigmoid(x) - 1). */
    static Tensor softplusOfNegative(Tensor x) {
        Tensor out = Tensor.wrap(SoftplusKernel.softplusOfNegative(x.doubles()), x.dtype(), x.shape());
        return Tape.record("SoftplusBackward", out, new Tensor[] {x}, new Tensor[] {x},
                g -> new Tensor[] {g.mul(x.sigmoid().sub(1.0))});
    }
}
