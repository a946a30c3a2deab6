package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.ops.SoftmaxOps;

/**
 * The losses' forward kernels, validation and fused tape nodes. {@link NLLLoss} and
 * {@link CrossEntropyLoss} (and their {@link Functional} forms) each record one node: the forward
 * is a plain loop (the stable log-softmax of {@link SoftmaxOps#kernel} for cross-entropy) and the
 * backward is a few differentiable Tensor ops, so second derivatives work.
 */
final class LossKernels {
    /** PyTorch's default {@code ignore_index}. */
    static final int DEFAULT_IGNORE_INDEX = -100;

    private LossKernels() {}

    /**
     * How a classification input is laid out: (outer, C, inner) around the class dim, which is
     * dim 1, or dim 0 for a 1-D input (C).
     */
    private static final class Layout {
        final int[] shape;
        final int classDim;
        final int outer;
        final int classes;
        final int inner;
        /** The input shape without the class dim: the shape of index targets and of 'none' losses. */
        final int[] rowShape;
        /** The input shape with the class dim set to 1: per-row values broadcast against the input. */
        final int[] keepShape;
        /** The shape a class weight broadcasts with: (C) for 1-D input, (1, C, 1, ...) otherwise. */
        final int[] weightShape;

        Layout(int[] shape) {
            this.shape = shape;
            this.classDim = shape.length == 1 ? 0 : 1;
            this.outer = Shape.outer(shape, classDim);
            this.classes = shape[classDim];
            this.inner = Shape.inner(shape, classDim);
            this.rowShape = Shape.reduced(shape, classDim, false);
            this.keepShape = Shape.reduced(shape, classDim, true);
            this.weightShape = new int[shape.length];
            Arrays.fill(weightShape, 1);
            weightShape[classDim] = classes;
        }

        int rows() {
            return outer * inner;
        }
    }

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

    private static Layout layout(String op, Tensor input) {
        checkNotNull(op, "input", input);
        if (input.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException(op + ": input must be FLOAT64, got " + input.dtype() + " of shape "
                    + Shape.str(input.shape()) + "; convert it with to(DType.FLOAT64)");
        }
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must have 1 or more dims ((C), (N, C) or (N, C, d1, ...)),"
                    + " got a 0-D tensor");
        }
        return new Layout(input.shape());
    }

    private static double[] classWeights(String op, Tensor weight, Layout l) {
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
    private static void checkIndexTarget(String op, Layout l, Tensor target, boolean probabilitiesAllowed) {
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

    private static void checkWeightNoGrad(String op, Tensor weight) {
        if (weight != null && weight.requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalArgumentException(op + ": weight requires grad, but with class-index targets the loss is "
                    + "not differentiable with respect to weight (as in PyTorch's nll_loss); pass weight.detach()");
        }
    }

    /** Reads target row r, or returns {@code Long.MIN_VALUE} for an ignored one. */
    private static long targetAt(String op, double[] t, int r, int ignoreIndex, int classes) {
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

    private static Tensor reduceRows(double[] perRow, int[] rowShape, Reduction reduction, double denominator) {
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
        Layout l = layout(op, input);
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

    // ---------------------------------------------------------------- cross-entropy

    /** PyTorch's {@code cross_entropy} (log-softmax + NLL, or class probabilities) as one node. */
    static Tensor crossEntropy(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex,
            Reduction reduction, double labelSmoothing) {
        checkReduction(op, reduction);
        checkLabelSmoothing(op, labelSmoothing);
        Layout l = layout(op, input);
        checkNotNull(op, "target", target);
        if (Arrays.equals(target.shape(), l.shape)) {
            if (target.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException(op + ": a target shaped like the input (" + Shape.str(l.shape)
                        + ") holds class probabilities and must be FLOAT64, got " + target.dtype()
                        + "; class indices have shape " + Shape.str(l.rowShape));
            }
            if (ignoreIndex >= 0) {
                throw new IllegalArgumentException(op + ": ignoreIndex " + ignoreIndex + " is not supported for "
                        + "class-probability targets (only for class indices)");
            }
            return crossEntropyProbabilities(op, l, input, target, weight, reduction, labelSmoothing);
        }
        checkIndexTarget(op, l, target, true);
        double[] w = classWeights(op, weight, l);
        checkWeightNoGrad(op, weight);
        return crossEntropyIndices(op, l, input, target, weight, w, ignoreIndex, reduction, labelSmoothing);
    }

    private static Tensor crossEntropyIndices(String op, Layout l, Tensor input, Tensor target, Tensor weight,
            double[] w, int ignoreIndex, Reduction reduction, double eps) {
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] logp = SoftmaxOps.kernel(input.storage(), l.shape, l.classDim, SoftmaxOps.Mode.LOG_SOFTMAX);
        double[] t = target.storage();
        long[] cls = new long[rows];
        double[] nll = new double[rows];
        double[] smooth = new double[rows];
        double total = 0;
        double nllSum = 0;
        double smoothSum = 0;
        double wSum = 0;
        if (w != null) {
            for (double v : w) {
                wSum += v;
            }
        } else {
            wSum = c;
        }
        for (int r = 0; r < rows; r++) {
            long k = targetAt(op, t, r, ignoreIndex, c);
            cls[r] = k;
            if (k == Long.MIN_VALUE) {
                continue;
            }
            int o = r / inner;
            int base = o * c * inner + (r - o * inner);
            double wt = w == null ? 1.0 : w[(int) k];
            nll[r] = -wt * logp[base + (int) k * inner];
            nllSum += nll[r];
            total += wt;
            if (eps > 0) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s -= (w == null ? 1.0 : w[j]) * logp[base + j * inner];
                }
                smooth[r] = s;
                smoothSum += s;
            }
        }
        Tensor out;
        if (reduction == Reduction.NONE) {
            double[] loss = nll;
            if (eps > 0) {
                loss = new double[rows];
                for (int r = 0; r < rows; r++) {
                    loss[r] = (1 - eps) * nll[r] + smooth[r] * (eps / c);
                }
            }
            out = Tensor.wrap(loss, DType.FLOAT64, l.rowShape);
        } else {
            double d = reduction == Reduction.MEAN ? total : 1.0;
            double v = nllSum / d;
            if (eps > 0) {
                v = (1 - eps) * v + (smoothSum / d) * (eps / c);
            }
            out = Tensor.scalar(v);
        }
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        if (!Tape.needed(inputs)) {
            return out;
        }
        // Backward: d loss / d x = g * (softmax(x) * S - Q) with, per row r,
        // Q[r, j] = m_r ((1 - eps) w_t [j == t] + eps/C w_j) and S_r = sum_j Q[r, j],
        // m_r = 1/total for 'mean', 1 otherwise, and Q = S = 0 for ignored rows.
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            long k = cls[r];
            if (k != Long.MIN_VALUE) {
                double m = reduction == Reduction.MEAN ? 1.0 / total : 1.0;
                double wt = w == null ? 1.0 : w[(int) k];
                s[r] = eps > 0 ? ((1 - eps) * wt + eps / c * wSum) * m : wt * m;
            }
        }
        double scale = reduction == Reduction.MEAN ? 1.0 / total : 1.0;
        int cd = l.classDim;
        int[] keep = l.keepShape;
        int[] shape = l.shape;
        boolean none = reduction == Reduction.NONE;
        return Tape.record("CrossEntropyBackward", out, inputs, new Tensor[] {input}, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            double[] q = targetWeights(cls, w, eps, scale, c, inner, input.numel());
            if (Autograd.isGradEnabled()) { // building the gradient's own graph: Tensor ops
                Tensor gr = none ? g.reshape(keep) : g;
                grads[0] = input.softmax(cd).mul(Tensor.wrap(s, DType.FLOAT64, keep))
                        .sub(Tensor.wrap(q, DType.FLOAT64, shape)).mul(gr);
            } else { // a plain backward: one loop over the log-probabilities forward kept
                double[] gd = g.storage();
                for (int r = 0; r < rows; r++) {
                    int o = r / inner;
                    int base = o * c * inner + (r - o * inner);
                    double gr = none ? gd[r] : gd[0];
                    for (int j = 0; j < c; j++) {
                        int p = base + j * inner;
                        q[p] = gr * (Math.exp(logp[p]) * s[r] - q[p]);
                    }
                }
                grads[0] = Tensor.wrap(q, DType.FLOAT64, shape);
            }
            return grads;
        });
    }

    /** Q of the cross-entropy backward (see above), with Q = 0 for ignored rows. */
    private static double[] targetWeights(long[] cls, double[] w, double eps, double scale, int c, int inner,
            int numel) {
        double[] q = new double[numel];
        for (int r = 0; r < cls.length; r++) {
            long k = cls[r];
            if (k == Long.MIN_VALUE) {
                continue;
            }
            double wt = w == null ? 1.0 : w[(int) k];
            int o = r / inner;
            int base = o * c * inner + (r - o * inner);
            if (eps > 0) {
                double e = eps / c * scale;
                for (int j = 0; j < c; j++) {
                    q[base + j * inner] = e * (w == null ? 1.0 : w[j]);
                }
            }
            q[base + (int) k * inner] += (1 - eps) * wt * scale;
        }
        return q;
    }

    private static Tensor crossEntropyProbabilities(String op, Layout l, Tensor input, Tensor target, Tensor weight,
            Reduction reduction, double eps) {
        double[] w = classWeights(op, weight, l);
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] logp = SoftmaxOps.kernel(input.storage(), l.shape, l.classDim, SoftmaxOps.Mode.LOG_SOFTMAX);
        double[] t = target.storage();
        double[] loss = new double[rows];
        for (int r = 0; r < rows; r++) {
            int o = r / inner;
            int base = o * c * inner + (r - o * inner);
            double acc = 0;
            for (int j = 0; j < c; j++) {
                int p = base + j * inner;
                double tj = eps > 0 ? t[p] * (1 - eps) + eps / c : t[p];
                double term = logp[p] * tj;
                acc += w == null ? term : term * w[j];
            }
            loss[r] = -acc;
        }
        int n = rows; // batch elements: numel / C
        Tensor out = reduceRows(loss, l.rowShape, reduction, n);
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        Tensor[] saved = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        int cd = l.classDim;
        int[] keep = l.keepShape;
        int[] wShape = l.weightShape;
        return Tape.record("CrossEntropyBackward", out, inputs, saved, g -> {
            // loss_r = -sum_j Q[r, j] logp[r, j] with Q = w * (t (1 - eps) + eps / C):
            // d/dx = g (softmax(x) sum_j Q - Q); d/dt = -g (1 - eps) w logp; d/dw = -sum g t' logp.
            Tensor gr = reduction == Reduction.NONE ? g.reshape(keep) : g;
            if (reduction == Reduction.MEAN) {
                gr = gr.div(n);
            }
            Tensor tq = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
            Tensor wb = weight == null ? null : weight.reshape(wShape);
            Tensor[] grads = new Tensor[inputs.length];
            if (input.requiresGrad()) {
                Tensor q = wb == null ? tq : tq.mul(wb);
                grads[0] = input.softmax(cd).mul(q.sum(cd, true)).sub(q).mul(gr);
            }
            boolean wantT = target.requiresGrad();
            boolean wantW = weight != null && weight.requiresGrad();
            if (wantT || wantW) {
                Tensor nlg = input.logSoftmax(cd).mul(gr).neg();
                if (wantT) {
                    Tensor gt = wb == null ? nlg : nlg.mul(wb);
                    grads[1] = eps > 0 ? gt.mul(1 - eps) : gt;
                }
                if (wantW) {
                    grads[2] = nlg.mul(tq).sumTo(wShape).reshape(c);
                }
            }
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
