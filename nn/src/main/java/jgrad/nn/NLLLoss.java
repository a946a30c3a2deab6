package jgrad.nn;

import jgrad.Tensor;

/**
 * The negative log-likelihood loss, like {@code torch.nn.NLLLoss}: for log-probabilities
 * {@code x} (e.g. from {@link LogSoftmax}) and class indices {@code t},
 * {@code loss_i = -w[t_i] x[i, t_i]}, with 0 for targets equal to the ignore index.
 *
 * <p>Input (C), (N, C) or (N, C, d1, ...); target INT64 of shape (), (N) or (N, d1, ...).
 * {@link Reduction#MEAN} divides by the sum of the weights of the non-ignored targets (NaN when
 * every target is ignored, as in PyTorch).
 *
 * <pre>{@code
 * var loss = NLLLoss.builder().weight(Tensor.of(1.0, 2.0, 0.5)).ignoreIndex(0).build();
 * }</pre>
 */
public class NLLLoss extends Loss {
    private final Tensor weight;
    private final int ignoreIndex;
    private final Reduction reduction;

    /** No class weights, ignore index -100, mean reduction (PyTorch's defaults). */
    public NLLLoss() {
        this(builder());
    }

    private NLLLoss(Builder b) {
        this.weight = b.weight;
        this.ignoreIndex = b.ignoreIndex;
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

    /** Options for {@link NLLLoss}. */
    public static final class Builder {
        private Tensor weight;
        private int ignoreIndex = LossKernels.DEFAULT_IGNORE_INDEX;
        private Reduction reduction = Reduction.MEAN;

        private Builder() {}

        /**
         * Per-class weights (a rescaling of each class's loss), or null for none.
         *
         * @param weight a 1-D FLOAT64 tensor with one entry per class, or null
         * @return this builder
         * @throws IllegalArgumentException if weight is not 1-D FLOAT64
         */
        public Builder weight(Tensor weight) {
            LossKernels.checkWeightTensor("NLLLoss", weight);
            this.weight = weight;
            return this;
        }

        /**
         * The target value that contributes neither loss nor gradient (default -100).
         *
         * @param ignoreIndex the ignored class index
         * @return this builder
         */
        public Builder ignoreIndex(int ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
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
            LossKernels.checkReduction("NLLLoss", reduction);
            this.reduction = reduction;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return a new NLLLoss
         */
        public NLLLoss build() {
            return new NLLLoss(this);
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
     * The ignored target value.
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

    /**
     * The loss of log-probabilities against class indices.
     *
     * @param input log-probabilities (C), (N, C) or (N, C, d1, ...), FLOAT64
     * @param target INT64 class indices (), (N) or (N, d1, ...)
     * @return the loss
     * @throws IllegalArgumentException for a target out of range, a batch-size or shape
     *     mismatch, a wrong dtype or a weight of the wrong length
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return LossKernels.nll("NLLLoss", input, target, weight, ignoreIndex, reduction);
    }
}
