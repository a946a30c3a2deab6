package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/**
 * The negative log-likelihood loss, like {@code torch.nn.NLLLoss}: for log-probabilities
 * {@code x} (e.g. from {@link LogSoftmax}) and class indices {@code t},
 * {@code loss_i = -w[t_i] x[i, t_i]}, with 0 for targets equal to the ignore index.
 *
 * <p>Input (C), (N, C) or (N, C, d1, ...); target INT64 of shape (), (N) or (N, d1, ...).
 * {@link Reduction#MEAN} divides by the sum of the weights of the non-ignored targets (NaN when
 * every target is ignored, as in PyTorch).
 *
 * <p>The loss is one tape node whose forward is a plain loop ({@link NllKernel}) and whose
 * backward is a differentiable Tensor op, so second derivatives work.
 *
 * <pre>{@code
 * var loss = NLLLoss.builder().weight(Tensor.of(1.0, 2.0, 0.5)).ignoreIndex(0).build();
 * }</pre>
 */
public class NLLLoss extends ClassIndexLoss {
    private static final String NAME = "NLLLoss";

    /** No class weights, ignore index -100, mean reduction (PyTorch's defaults). */
    public NLLLoss() {
        this(builder());
    }

    private NLLLoss(Builder b) {
        super(b);
    }

    /**
     * A builder starting from PyTorch's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for {@link NLLLoss}: weight, ignoreIndex and reduction. */
    public static final class Builder extends ClassIndexLoss.Options<Builder> {
        private Builder() {
            super(NAME);
        }

        @Override
        Builder self() {
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
     * The loss of log-probabilities against class indices.
     *
     * @param input log-probabilities (C), (N, C) or (N, C, d1, ...), FLOAT32 or FLOAT64 (the
     *     loss has its dtype; class weights must have it too, as in PyTorch)
     * @param target INT64 class indices (), (N) or (N, d1, ...)
     * @return the loss
     * @throws IllegalArgumentException for a target out of range, a batch-size or shape
     *     mismatch, a wrong dtype or a weight of the wrong length
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return nll(NAME, input, target, weight(), ignoreIndex(), reduction());
    }

    /** PyTorch's {@code nll_loss} as one node. */
    static Tensor nll(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        LossChecks.checkReduction(op, reduction);
        ClassLayout l = LossChecks.layout(op, input);
        double[] w = checkIndexTargetAndWeight(op, l, target, weight, false);
        NllKernel.Result res = NllKernel.forward(op, l, input.doubles(), target.doubles(), w, ignoreIndex,
                reduction == Reduction.MEAN);
        Tensor out = LossReduction.rows(res.loss, l.rowShape, reduction, res.total, l.dtype);
        Tensor coef = Tensor.wrap(res.coef, l.dtype, l.rowShape);
        Tensor index = Tensor.wrap(res.index, DType.INT64, l.keepShape);
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        return Tape.record("NllLossBackward", out, inputs, new Tensor[0], g -> {
            Tensor[] grads = new Tensor[inputs.length];
            grads[0] = Tensor.zeros(l.dtype, l.shape).scatterAdd(l.classDim, index, g.mul(coef).reshape(l.keepShape));
            return grads;
        });
    }
}
