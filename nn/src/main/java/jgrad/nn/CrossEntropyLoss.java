package jgrad.nn;

import jgrad.Tensor;

/**
 * Cross-entropy of logits, like {@code torch.nn.CrossEntropyLoss}: log-softmax over the class
 * dim followed by the negative log-likelihood, computed as one fused, numerically stable op
 * (logits of +-1000 or +-1e300 give finite losses and gradients).
 *
 * <p>Input (C), (N, C) or (N, C, d1, ...); the class dim is dim 1 (dim 0 for a 1-D input). The
 * target is either
 * <ul>
 *   <li>INT64 class indices shaped like the input without its class dim: (), (N) or
 *       (N, d1, ...); targets equal to the ignore index contribute nothing; or</li>
 *   <li>FLOAT64 class probabilities shaped like the input.</li>
 * </ul>
 * With class indices, {@link Reduction#MEAN} divides by the sum of the weights of the
 * non-ignored targets (NaN when all are ignored); with probabilities it divides by the number of
 * samples (numel / C). Label smoothing ε mixes the target with the uniform distribution:
 * {@code (1 - ε) nll + ε/C * sum_c w_c (-log p_c)} for indices, target {@code t (1 - ε) + ε/C}
 * for probabilities, exactly as PyTorch.
 *
 * <pre>{@code
 * var criterion = CrossEntropyLoss.builder().labelSmoothing(0.1).build();
 * Tensor loss = criterion.forward(logits, Tensor.of(0, 2, 1));
 * }</pre>
 */
public class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    private final int ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;

    /** No class weights, ignore index -100, mean reduction, no label smoothing (PyTorch's defaults). */
    public CrossEntropyLoss() {
        this(builder());
    }

    private CrossEntropyLoss(Builder b) {
        this.weight = b.weight;
        this.ignoreIndex = b.ignoreIndex;
        this.reduction = b.reduction;
        this.labelSmoothing = b.labelSmoothing;
    }

    /**
     * A builder starting from PyTorch's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link CrossEntropyLoss}. */
    public static final class Builder {
        private Tensor weight;
        private int ignoreIndex = LossKernels.DEFAULT_IGNORE_INDEX;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        private Builder() {}

        /**
         * Per-class weights, or null for none.
         *
         * @param weight a 1-D FLOAT64 tensor with one entry per class, or null
         * @return this builder
         * @throws IllegalArgumentException if weight is not 1-D FLOAT64
         */
        public Builder weight(Tensor weight) {
            LossKernels.checkWeightTensor("CrossEntropyLoss", weight);
            this.weight = weight;
            return this;
        }

        /**
         * The target index that contributes neither loss nor gradient (default -100); only for
         * class-index targets (a non-negative value with probability targets is an error).
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
            LossKernels.checkReduction("CrossEntropyLoss", reduction);
            this.reduction = reduction;
            return this;
        }

        /**
         * Label smoothing ε in [0, 1] (default 0).
         *
         * @param labelSmoothing the amount of smoothing
         * @return this builder
         * @throws IllegalArgumentException if it is outside [0, 1] or NaN
         */
        public Builder labelSmoothing(double labelSmoothing) {
            LossKernels.checkLabelSmoothing("CrossEntropyLoss", labelSmoothing);
            this.labelSmoothing = labelSmoothing;
            return this;
        }

        /**
         * Builds the loss.
         *
         * @return a new CrossEntropyLoss
         */
        public CrossEntropyLoss build() {
            return new CrossEntropyLoss(this);
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

    /**
     * The label smoothing.
     *
     * @return ε in [0, 1]
     */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /**
     * The cross-entropy of logits against class indices or class probabilities.
     *
     * @param input logits (C), (N, C) or (N, C, d1, ...), FLOAT64
     * @param target INT64 class indices (), (N) or (N, d1, ...), or FLOAT64 probabilities shaped
     *     like the input
     * @return the loss
     * @throws IllegalArgumentException for a target out of range, a batch-size or shape
     *     mismatch, a wrong dtype or a weight of the wrong length
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return CrossEntropyKernels.crossEntropy("CrossEntropyLoss", input, target, weight, ignoreIndex, reduction,
                labelSmoothing);
    }
}
