package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;

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
 *   <li>FLOAT32 or FLOAT64 class probabilities shaped like the input.</li>
 * </ul>
 * The input is FLOAT32 or FLOAT64; the loss and the input's gradient have its dtype (FLOAT32
 * values are read and written as floats, each row computed in double). A class weight must have
 * the input's dtype (as PyTorch requires with class indices); a probability target may have the
 * other floating dtype, and the loss then has the promoted dtype, as in PyTorch.
 * With class indices, {@link Reduction#MEAN} divides by the sum of the weights of the
 * non-ignored targets (NaN when all are ignored); with probabilities it divides by the number of
 * samples (numel / C). Label smoothing ε mixes the target with the uniform distribution:
 * {@code (1 - ε) nll + ε/C * sum_c w_c (-log p_c)} for indices, target {@code t (1 - ε) + ε/C}
 * for probabilities, exactly as PyTorch.
 *
 * <p>The loss is one fused tape node (its loops are in {@link CrossEntropyKernel}): the plain
 * backward turns the exps of the forward into the gradient in place; a backward that builds its own graph
 * ({@code createGraph}) uses differentiable Tensor ops instead, so second derivatives work.
 *
 * <pre>{@code
 * var criterion = CrossEntropyLoss.builder().labelSmoothing(0.1).build();
 * Tensor loss = criterion.forward(logits, Tensor.of(0, 2, 1));
 * }</pre>
 */
public class CrossEntropyLoss extends ClassIndexLoss {
    private static final String NAME = "CrossEntropyLoss";
    private final double labelSmoothing;

    /** No class weights, ignore index -100, mean reduction, no label smoothing (PyTorch's defaults). */
    public CrossEntropyLoss() {
        this(builder());
    }

    private CrossEntropyLoss(Builder b) {
        super(b);
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

    /** Options for {@link CrossEntropyLoss}: weight, ignoreIndex, reduction and labelSmoothing. */
    public static final class Builder extends ClassIndexLoss.Options<Builder> {
        private double labelSmoothing;

        private Builder() {
            super(NAME);
        }

        @Override
        Builder self() {
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
            LossChecks.checkLabelSmoothing(NAME, labelSmoothing);
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
     * @param input logits (C), (N, C) or (N, C, d1, ...), FLOAT32 or FLOAT64
     * @param target INT64 class indices (), (N) or (N, d1, ...), or FLOAT32/FLOAT64 probabilities
     *     shaped like the input
     * @return the loss
     * @throws IllegalArgumentException for a target out of range, a batch-size or shape
     *     mismatch, a wrong dtype or a weight of the wrong length
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return crossEntropy(NAME, input, target, weight(), ignoreIndex(), reduction(), labelSmoothing);
    }

    // ---------------------------------------------------------------- the fused node

    /** PyTorch's {@code cross_entropy} (log-softmax + NLL, or class probabilities) as one node. */
    static Tensor crossEntropy(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex,
            Reduction reduction, double labelSmoothing) {
        LossChecks.checkReduction(op, reduction);
        LossChecks.checkLabelSmoothing(op, labelSmoothing);
        ClassLayout l = LossChecks.layout(op, input);
        LossChecks.checkWeightDtype(op, weight, input.dtype()); // as PyTorch: "expected scalar type Float but found Double"
        LossChecks.checkNotNull(op, "target", target);
        if (Arrays.equals(target.shape(), l.shape)) {
            if (!target.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException(op + ": a target shaped like the input (" + Shape.str(l.shape)
                        + ") holds class probabilities and must be FLOAT32 or FLOAT64, got " + target.dtype()
                        + "; class indices have shape " + Shape.str(l.rowShape));
            }
            if (ignoreIndex >= 0) {
                throw new IllegalArgumentException(op + ": ignoreIndex " + ignoreIndex + " is not supported for "
                        + "class-probability targets (only for class indices)");
            }
            return probabilities(op, l, input, target, weight, reduction, labelSmoothing);
        }
        double[] w = checkIndexTargetAndWeight(op, l, target, weight, true);
        return indices(op, l, input, target, weight, w, ignoreIndex, reduction, labelSmoothing);
    }

    private static Tensor[] inputs(Tensor input, Tensor target, Tensor weight) {
        return weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
    }

    private static Tensor indices(String op, ClassLayout l, Tensor input, Tensor target, Tensor weight,
            double[] w, int ignoreIndex, Reduction reduction, double eps) {
        Tensor[] inputs = inputs(input, target, weight);
        DType dtype = input.dtype();
        LogitRows x = LogitRows.of(input, l);
        CrossEntropyKernel.Kept kept = kept(inputs, dtype, l);
        CrossEntropyKernel.IndexForward f = CrossEntropyKernel.indexForward(op, l, x, target.doubles(), w,
                ignoreIndex, eps, kept);
        boolean none = reduction == Reduction.NONE;
        Tensor out = none
                ? Tensor.wrap(CrossEntropyKernel.indexRowLosses(f, l.classes, eps), dtype, l.rowShape)
                : Tensor.wrap(new double[] {CrossEntropyKernel.indexReduced(f, l.classes, eps,
                        reduction == Reduction.MEAN)}, dtype);
        if (!kept.forBackward()) {
            return out;
        }
        // d loss / d x = g * (softmax(x) * S - Q) with, per row r,
        // Q[r, j] = m ((1 - eps) w_t [j == t] + eps/C w_j) and S_r = sum_j Q[r, j],
        // m = 1/total for 'mean', 1 otherwise, and Q = S = 0 for ignored rows.
        double scale = reduction == Reduction.MEAN ? 1.0 / f.total : 1.0;
        double[] s = CrossEntropyKernel.rowScales(f.cls, w, l.classes, eps, scale);
        return owned(Tape.record("CrossEntropyBackward", out, inputs, new Tensor[] {input}, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            grads[0] = Autograd.isGradEnabled() // createGraph: differentiable Tensor ops; else the kernel
                    ? input.softmax(l.classDim).mul(Tensor.wrap(s, dtype, l.keepShape))
                            .sub(Tensor.wrap(CrossEntropyKernel.targetWeights(l, f.cls, w, eps, scale), dtype, l.shape))
                            .mul(none ? g.reshape(l.keepShape) : g)
                    : CrossEntropyKernel.indexBackward(l, kept, x, dtype, f.cls, w, eps, scale, s, g.doubles(), none);
            return grads;
        }), 0);
    }

    private static Tensor probabilities(String op, ClassLayout l, Tensor input, Tensor target, Tensor weight,
            Reduction reduction, double eps) {
        double[] w = classWeights(op, weight, l);
        Tensor[] inputs = inputs(input, target, weight);
        LogitRows x = LogitRows.of(input, l);
        LogitRows t = LogitRows.of(target, l);
        CrossEntropyKernel.Kept kept = kept(inputs, input.dtype(), l);
        double[] loss = CrossEntropyKernel.probabilityForward(l, x, t, w, eps, kept);
        int n = l.rows(); // batch elements: numel / C
        // PyTorch computes this case with promoting Tensor ops: the loss has the promoted dtype.
        DType dtype = DType.promote(input.dtype(), target.dtype());
        Tensor out = LossReduction.rows(loss, l.rowShape, reduction, n);
        out = dtype == DType.FLOAT64 ? out : out.to(dtype);
        if (!kept.forBackward()) {
            return out;
        }
        // loss_r = -sum_j Q[r, j] logp[r, j] with Q = w * (t (1 - eps) + eps / C):
        // d/dx = g (softmax(x) sum_j Q - Q); d/dt = -g (1 - eps) w logp; d/dw = -sum g t' logp.
        return owned(Tape.record("CrossEntropyBackward", out, inputs, inputs(input, target, weight), g -> {
            boolean[] want = {input.requiresGrad(), target.requiresGrad(), weight != null && weight.requiresGrad()};
            Tensor[] grads = Autograd.isGradEnabled() // createGraph: differentiable Tensor ops; else the kernel
                    ? probabilityGradsViaTensorOps(l, input, target, weight, reduction, eps, g, want)
                    : CrossEntropyKernel.probabilityBackward(l, kept, input, x, target, t, weight, w, eps, g.doubles(),
                            reduction, want);
            return weight == null ? Arrays.copyOf(grads, 2) : grads;
        }), weight == null ? new int[] {0, 1} : new int[] {0, 1, 2});
    }

    /** The probability-target gradients (x, t, w; null where not wanted) as differentiable Tensor ops. */
    private static Tensor[] probabilityGradsViaTensorOps(ClassLayout l, Tensor input, Tensor target, Tensor weight,
            Reduction reduction, double eps, Tensor g, boolean[] want) {
        int c = l.classes;
        Tensor[] grads = new Tensor[3];
        Tensor gr = reduction == Reduction.NONE ? g.reshape(l.keepShape) : g;
        if (reduction == Reduction.MEAN) {
            gr = gr.div(l.rows());
        }
        Tensor tq = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
        Tensor wb = weight == null ? null : weight.reshape(l.weightShape);
        if (want[0]) {
            Tensor q = wb == null ? tq : tq.mul(wb);
            grads[0] = input.softmax(l.classDim).mul(q.sum(l.classDim, true)).sub(q).mul(gr);
        }
        if (want[1] || want[2]) {
            Tensor nlg = input.logSoftmax(l.classDim).mul(gr).neg();
            if (want[1]) {
                Tensor gt = wb == null ? nlg : nlg.mul(wb);
                grads[1] = eps > 0 ? gt.mul(1 - eps) : gt;
            }
            if (want[2]) {
                grads[2] = nlg.mul(tq).sumTo(l.weightShape).reshape(c);
            }
        }
        return grads;
    }

    /** What the forward keeps for a plain backward: the exps in the input's dtype, or nothing if no backward. */
    private static CrossEntropyKernel.Kept kept(Tensor[] inputs, DType dtype, ClassLayout l) {
        return Tape.needed(inputs) ? CrossEntropyKernel.Kept.forBackward(dtype, l) : CrossEntropyKernel.Kept.none();
    }

    /**
     * Declares that the plain backward's gradients for these inputs are fresh arrays (they are,
     * each call), so a leaf's first grad can be that array rather than a copy of it.
     */
    private static Tensor owned(Tensor out, int... inputs) {
        if (out.gradFn() != null) {
            out.gradFn().ownsGradients(inputs);
        }
        return out;
    }
}
