package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;

/**
 * The losses' validation, the fused NLL node and the regression and binary losses.
 * {@link NLLLoss} records one node whose forward is a plain loop and whose backward is a
 * differentiable Tensor op, so second derivatives work; cross-entropy's fused node is in
 * {@link CrossEntropyKernels}.
 */
final class LossKernels {
    /** PyTorch's default {@code ignore_index}. */
    static final int DEFAULT_IGNORE_INDEX = -100;

    private LossKernels() {}

    // ---------------------------------------------------------------- validation

    static void checkReduction(String op, Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(op + ": reduction must not be null; use Reduction.NONE, MEAN or SUM");
        }
    }

    static void checkLabelSmoothing(String op, double labelSmoothing) {
        if (!(labelSmoothing >= 0.0 && labelSmoothing <= 1.0)) {
            throw new IllegalArgumentException(op + ": label smoothing must be in [0, 1], got " + labelSmoothing);
        }
    }

    /** Checks a class weight's type and rank (its length is checked against the input later). */
    static void checkWeightTensor(String op, Tensor weight) {
        if (weight != null && (weight.dtype() != DType.FLOAT64 || weight.dim() != 1)) {
            throw new IllegalArgumentException(op + ": weight must be a 1-D FLOAT64 tensor with one entry per class, "
                    + "got " + weight.dtype() + " of shape " + Shape.str(weight.shape()));
        }
    }

    static void checkNotNull(String op, String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + what + " must not be null");
        }
    }

    static ClassLayout layout(String op, Tensor input) {
        checkNotNull(op, "input", input);
        if (input.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": input must be FLOAT64, got " + input.dtype() + " of shape "
                    + Shape.str(input.shape()) + "; convert it with to(DType.FLOAT64)");
        }
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must have 1 or more dims ((C), (N, C) or (N, C, d1, ...)),"
                    + " got a 0-D tensor");
        }
        return new ClassLayout(input.shape());
    }

    static double[] classWeights(String op, Tensor weight, ClassLayout l) {
        if (weight == null) {
            return null;
        }
        checkWeightTensor(op, weight);
        if (weight.numel() != l.classes) {
            throw new IllegalArgumentException(op + ": weight of shape " + Shape.str(weight.shape())
                    + " must have one entry per class: the input of shape " + Shape.str(l.shape) + " has "
                    + l.classes + " classes");
        }
        return weight.storage();
    }

    /** Checks index targets: INT64, shaped like the input without its class dim. */
    static void checkIndexTarget(String op, ClassLayout l, Tensor target, boolean probabilitiesAllowed) {
        checkNotNull(op, "target", target);
        int[] ts = target.shape();
        if (l.shape.length >= 2 && ts.length >= 1 && ts[0] != l.shape[0]) {
            throw new IllegalArgumentException(op + ": input batch size " + l.shape[0] + " does not match target batch "
                    + "size " + ts[0] + " (input shape " + Shape.str(l.shape) + ", target shape " + Shape.str(ts)
                    + ")");
        }
        if (!Arrays.equals(ts, l.rowShape)) {
            throw new IllegalArgumentException(op + ": target of shape " + Shape.str(ts) + " does not fit input of shape "
                    + Shape.str(l.shape) + "; expected class indices of shape " + Shape.str(l.rowShape)
                    + (probabilitiesAllowed ? " or class probabilities of shape " + Shape.str(l.shape) : ""));
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": class-index targets must be INT64, got a " + target.dtype()
                    + " target of shape " + Shape.str(ts) + " for input of shape " + Shape.str(l.shape)
                    + (probabilitiesAllowed ? " (class probabilities must have the input's shape "
                    + Shape.str(l.shape) + ")" : ""));
        }
    }

    static void checkWeightNoGrad(String op, Tensor weight) {
        if (weight != null && weight.requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalArgumentException(op + ": weight requires grad, but with class-index targets the loss is "
                    + "not differentiable with respect to weight (as in PyTorch's nll_loss); pass weight.detach()");
        }
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

    static Tensor reduceRows(double[] perRow, int[] rowShape, Reduction reduction, double denominator) {
        if (reduction == Reduction.NONE) {
            return Tensor.wrap(perRow, DType.FLOAT64, rowShape);
        }
        double s = 0;
        for (double v : perRow) {
            s += v;
        }
        return Tensor.scalar(reduction == Reduction.MEAN ? s / denominator : s);
    }

    // ---------------------------------------------------------------- NLL

    /** PyTorch's {@code nll_loss} as one node. */
    static Tensor nll(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        checkReduction(op, reduction);
        ClassLayout l = layout(op, input);
        checkIndexTarget(op, l, target, false);
        double[] w = classWeights(op, weight, l);
        checkWeightNoGrad(op, weight);
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] x = input.storage();
        double[] t = target.storage();
        double[] loss = new double[rows];
        double[] coef = new double[rows]; // d loss_r / d x[r, t_r] per unit of output gradient
        double[] idx = new double[rows];  // t_r; 0 for ignored rows, whose coef stays 0
        boolean[] used = new boolean[rows];
        double total = 0;
        for (int r = 0; r < rows; r++) {
            long k = targetAt(op, t, r, ignoreIndex, c);
            if (k == Long.MIN_VALUE) {
                continue;
            }
            double wt = w == null ? 1.0 : w[(int) k];
            int o = r / inner;
            int i = r - o * inner;
            loss[r] = -wt * x[(o * c + (int) k) * inner + i];
            coef[r] = -wt;
            idx[r] = k;
            used[r] = true;
            total += wt;
        }
        if (reduction == Reduction.MEAN) {
            for (int r = 0; r < rows; r++) {
                if (used[r]) {
                    coef[r] /= total; // a zero total gives inf or NaN here, as PyTorch's w * (g / total)
                }
            }
        }
        Tensor out = reduceRows(loss, l.rowShape, reduction, total);
        Tensor coefT = Tensor.wrap(coef, DType.FLOAT64, l.rowShape);
        Tensor index = Tensor.wrap(idx, DType.INT64, l.keepShape);
        int[] shape = l.shape;
        int cd = l.classDim;
        int[] keep = l.keepShape;
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        return Tape.record("NllLossBackward", out, inputs, new Tensor[0], g -> {
            Tensor[] grads = new Tensor[inputs.length];
            grads[0] = Tensor.zeros(shape).scatterAdd(cd, index, g.mul(coefT).reshape(keep));
            return grads;
        });
    }

    // ---------------------------------------------------------------- regression and binary losses

    static Tensor reduce(Tensor loss, Reduction reduction) {
        switch (reduction) {
            case NONE:
                return loss;
            case SUM:
                return loss.sum();
            default:
                return loss.mean();
        }
    }

    private static void checkFloat(String op, String what, Tensor t) {
        checkNotNull(op, what, t);
        if (t.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": " + what + " must be FLOAT64, got " + t.dtype() + " of shape "
                    + Shape.str(t.shape()));
        }
    }

    /** PyTorch's {@code mse_loss}: (input - target)^2, broadcasting as PyTorch does. */
    static Tensor mse(String op, Tensor input, Tensor target, Reduction reduction) {
        checkReduction(op, reduction);
        checkFloat(op, "input", input);
        checkFloat(op, "target", target);
        Shape.broadcast(op, input.shape(), target.shape());
        return reduce(input.sub(target).pow(2.0), reduction);
    }

    /**
     * PyTorch's {@code binary_cross_entropy_with_logits}:
     * {@code (1 - y) x + (1 + (pos_weight - 1) y) softplus(-x)}, times weight, where
     * softplus(-x) = max(-x, 0) + log1p(exp(-|x|)) is exact for logits of any size.
     */
    static Tensor bceWithLogits(String op, Tensor input, Tensor target, Tensor weight, Tensor posWeight,
            Reduction reduction) {
        checkReduction(op, reduction);
        checkFloat(op, "input", input);
        checkFloat(op, "target", target);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": target size " + Shape.str(target.shape())
                    + " must be the same as input size " + Shape.str(input.shape()));
        }
        if (weight != null) {
            checkFloat(op, "weight", weight);
            Shape.broadcast(op + " (weight)", input.shape(), weight.shape());
        }
        if (posWeight != null) {
            checkFloat(op, "posWeight", posWeight);
            Shape.broadcast(op + " (posWeight)", input.shape(), posWeight.shape());
        }
        Tensor sp = softplusOfNegative(input);
        Tensor logWeighted = posWeight == null ? sp : posWeight.sub(1.0).mul(target).add(1.0).mul(sp);
        Tensor loss = target.neg().add(1.0).mul(input).add(logWeighted);
        if (weight != null) {
            loss = loss.mul(weight);
        }
        return reduce(loss, reduction);
    }

    /** softplus(-x) = -log(sigmoid(x)), stable everywhere; gradient g (sigmoid(x) - 1). */
    static Tensor softplusOfNegative(Tensor x) {
        double[] v = x.storage();
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double a = v[i];
            r[i] = Math.max(-a, 0.0) + Math.log1p(Math.exp(-Math.abs(a)));
        }
        return Tape.record("SoftplusBackward", Tensor.wrap(r, DType.FLOAT64, x.shape()), new Tensor[] {x},
                new Tensor[] {x}, g -> new Tensor[] {g.mul(x.sigmoid().sub(1.0))});
    }
}
