package jgrad.nn;

import static jgrad.nn.LossKernels.checkIndexTarget;
import static jgrad.nn.LossKernels.checkNotNull;
import static jgrad.nn.LossKernels.checkWeightNoGrad;
import static jgrad.nn.LossKernels.classWeights;
import static jgrad.nn.LossKernels.targetAt;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.ops.SoftmaxOps;

/**
 * PyTorch's {@code cross_entropy} as one fused tape node, for class-index and class-probability
 * targets. The forward pays one {@link Math#exp} per element (in {@link SoftmaxOps#expSum}, on
 * x - row max) and, when the node is recorded, keeps those exps and each row's max and sum. The
 * plain backward (the usual one, which does not build its own graph) is then one loop using
 * softmax = exp / sum and log-softmax = x - max - log(sum), with no exp per element; a backward
 * that builds its own graph ({@code createGraph}) uses differentiable Tensor ops instead, so
 * second derivatives work.
 */
final class CrossEntropyKernels {
    private CrossEntropyKernels() {}

    /** What the forward keeps for a plain backward: per element exp(x - max); per row max and sum. */
    private static final class Kept {
        final double[] exps;
        final double[] maxes;
        final double[] sums;

        Kept(int numel, int rows) {
            exps = new double[numel];
            maxes = new double[rows];
            sums = new double[rows];
        }
    }

    /** PyTorch's {@code cross_entropy} (log-softmax + NLL, or class probabilities) as one node. */
    static Tensor crossEntropy(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex,
            Reduction reduction, double labelSmoothing) {
        LossKernels.checkReduction(op, reduction);
        LossKernels.checkLabelSmoothing(op, labelSmoothing);
        ClassLayout l = LossKernels.layout(op, input);
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
            return probabilities(op, l, input, target, weight, reduction, labelSmoothing);
        }
        checkIndexTarget(op, l, target, true);
        double[] w = classWeights(op, weight, l);
        checkWeightNoGrad(op, weight);
        return indices(op, l, input, target, weight, w, ignoreIndex, reduction, labelSmoothing);
    }

    // ---------------------------------------------------------------- class-index targets

    private static Tensor indices(String op, ClassLayout l, Tensor input, Tensor target, Tensor weight,
            double[] w, int ignoreIndex, Reduction reduction, double eps) {
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] x = input.storage();
        double[] t = target.storage();
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        Kept kept = Tape.needed(inputs) ? new Kept(x.length, rows) : null;
        double[] exps = kept == null ? null : kept.exps;
        long[] cls = new long[rows];
        double[] nll = new double[rows];
        double[] smooth = new double[rows];
        double total = 0;
        double nllSum = 0;
        double smoothSum = 0;
        for (int r = 0; r < rows; r++) {
            long k = targetAt(op, t, r, ignoreIndex, c);
            cls[r] = k;
            if (k == Long.MIN_VALUE && kept == null) {
                continue; // an ignored row needs no softmax unless backward reads it (NaN stays NaN there)
            }
            int base = l.base(r);
            double m = SoftmaxOps.rowMax(x, base, c, inner);
            double sum = SoftmaxOps.expSum(x, base, c, inner, m, exps);
            if (kept != null) {
                kept.maxes[r] = m;
                kept.sums[r] = sum;
            }
            if (k == Long.MIN_VALUE) {
                continue;
            }
            double ls = Math.log(sum);
            double wt = w == null ? 1.0 : w[(int) k];
            nll[r] = -wt * (x[base + (int) k * inner] - m - ls); // -w_t log p_t
            nllSum += nll[r];
            total += wt;
            if (eps > 0) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s -= (w == null ? 1.0 : w[j]) * (x[base + j * inner] - m - ls);
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
        if (kept == null) {
            return out;
        }
        // Backward: d loss / d x = g * (softmax(x) * S - Q) with, per row r,
        // Q[r, j] = m_r ((1 - eps) w_t [j == t] + eps/C w_j) and S_r = sum_j Q[r, j],
        // m_r = 1/total for 'mean', 1 otherwise, and Q = S = 0 for ignored rows.
        double scale = reduction == Reduction.MEAN ? 1.0 / total : 1.0;
        double wSum = 0;
        if (w != null) {
            for (double v : w) {
                wSum += v;
            }
        } else {
            wSum = c;
        }
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            long k = cls[r];
            if (k != Long.MIN_VALUE) {
                double wt = w == null ? 1.0 : w[(int) k];
                s[r] = eps > 0 ? ((1 - eps) * wt + eps / c * wSum) * scale : wt * scale;
            }
        }
        int cd = l.classDim;
        int[] keep = l.keepShape;
        int[] shape = l.shape;
        boolean none = reduction == Reduction.NONE;
        return Tape.record("CrossEntropyBackward", out, inputs, new Tensor[] {input}, g -> {
            Tensor[] grads = new Tensor[inputs.length];
            double[] q = targetWeights(l, cls, w, eps, scale);
            if (Autograd.isGradEnabled()) { // building the gradient's own graph: Tensor ops
                Tensor gr = none ? g.reshape(keep) : g;
                grads[0] = input.softmax(cd).mul(Tensor.wrap(s, DType.FLOAT64, keep))
                        .sub(Tensor.wrap(q, DType.FLOAT64, shape)).mul(gr);
            } else {
                indexBackward(l, kept, s, q, g.storage(), none);
                grads[0] = Tensor.wrap(q, DType.FLOAT64, shape);
            }
            return grads;
        });
    }

    /** Q of the index-target backward (see above), with Q = 0 for ignored rows. */
    private static double[] targetWeights(ClassLayout l, long[] cls, double[] w, double eps, double scale) {
        int c = l.classes;
        int inner = l.inner;
        double[] q = new double[l.rows() * c];
        for (int r = 0; r < cls.length; r++) {
            long k = cls[r];
            if (k == Long.MIN_VALUE) {
                continue;
            }
            double wt = w == null ? 1.0 : w[(int) k];
            int base = l.base(r);
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

    /**
     * The plain index-target backward, in place over Q: g_r (softmax * S_r - Q) with softmax =
     * exps / sum from the forward, so no exp here.
     */
    private static void indexBackward(ClassLayout l, Kept kept, double[] s, double[] q, double[] g, boolean none) {
        int c = l.classes;
        int inner = l.inner;
        double[] exps = kept.exps;
        for (int r = 0; r < s.length; r++) {
            int base = l.base(r);
            double gr = none ? g[r] : g[0];
            double f = s[r] / kept.sums[r];
            for (int j = 0; j < c; j++) {
                int p = base + j * inner;
                q[p] = gr * (exps[p] * f - q[p]);
            }
        }
    }

    // ---------------------------------------------------------------- class-probability targets

    private static Tensor probabilities(String op, ClassLayout l, Tensor input, Tensor target, Tensor weight,
            Reduction reduction, double eps) {
        double[] w = classWeights(op, weight, l);
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] x = input.storage();
        double[] t = target.storage();
        Tensor[] inputs = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        Kept kept = Tape.needed(inputs) ? new Kept(x.length, rows) : null;
        double[] exps = kept == null ? null : kept.exps;
        double[] loss = new double[rows];
        for (int r = 0; r < rows; r++) {
            int base = l.base(r);
            double m = SoftmaxOps.rowMax(x, base, c, inner);
            double sum = SoftmaxOps.expSum(x, base, c, inner, m, exps);
            if (kept != null) {
                kept.maxes[r] = m;
                kept.sums[r] = sum;
            }
            double ls = Math.log(sum);
            double acc = 0;
            for (int j = 0; j < c; j++) {
                int p = base + j * inner;
                double tj = eps > 0 ? t[p] * (1 - eps) + eps / c : t[p];
                double term = (x[p] - m - ls) * tj;
                acc += w == null ? term : term * w[j];
            }
            loss[r] = -acc;
        }
        int n = rows; // batch elements: numel / C
        Tensor out = LossKernels.reduceRows(loss, l.rowShape, reduction, n);
        if (kept == null) {
            return out;
        }
        Tensor[] saved = weight == null ? new Tensor[] {input, target} : new Tensor[] {input, target, weight};
        int cd = l.classDim;
        int[] keep = l.keepShape;
        int[] wShape = l.weightShape;
        return Tape.record("CrossEntropyBackward", out, inputs, saved, g -> {
            // loss_r = -sum_j Q[r, j] logp[r, j] with Q = w * (t (1 - eps) + eps / C):
            // d/dx = g (softmax(x) sum_j Q - Q); d/dt = -g (1 - eps) w logp; d/dw = -sum g t' logp.
            boolean wantX = input.requiresGrad();
            boolean wantT = target.requiresGrad();
            boolean wantW = weight != null && weight.requiresGrad();
            if (!Autograd.isGradEnabled()) {
                return probabilityBackward(l, kept, x, t, w, eps, g.storage(), reduction, inputs.length, wantX,
                        wantT, wantW);
            }
            // Building the gradient's own graph: Tensor ops.
            Tensor gr = reduction == Reduction.NONE ? g.reshape(keep) : g;
            if (reduction == Reduction.MEAN) {
                gr = gr.div(n);
            }
            Tensor tq = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
            Tensor wb = weight == null ? null : weight.reshape(wShape);
            Tensor[] grads = new Tensor[inputs.length];
            if (wantX) {
                Tensor q = wb == null ? tq : tq.mul(wb);
                grads[0] = input.softmax(cd).mul(q.sum(cd, true)).sub(q).mul(gr);
            }
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

    /**
     * The plain probability-target backward: one pass per row with softmax = exps / sum and
     * logp = x - max - log(sum) from the forward, so no exp here (one log per row).
     */
    private static Tensor[] probabilityBackward(ClassLayout l, Kept kept, double[] x, double[] t, double[] w,
            double eps, double[] g, Reduction reduction, int count, boolean wantX, boolean wantT, boolean wantW) {
        int c = l.classes;
        int inner = l.inner;
        int rows = l.rows();
        double[] exps = kept.exps;
        double[] gx = wantX ? new double[x.length] : null;
        double[] gt = wantT ? new double[x.length] : null;
        double[] gw = wantW ? new double[c] : null;
        for (int r = 0; r < rows; r++) {
            int base = l.base(r);
            double gr = reduction == Reduction.NONE ? g[r] : g[0];
            if (reduction == Reduction.MEAN) {
                gr = gr / rows;
            }
            if (wantX) {
                double sq = 0; // S_r = sum_j Q[r, j]
                for (int j = 0; j < c; j++) {
                    int p = base + j * inner;
                    double tj = eps > 0 ? t[p] * (1 - eps) + eps / c : t[p];
                    sq += w == null ? tj : tj * w[j];
                }
                double f = sq / kept.sums[r];
                for (int j = 0; j < c; j++) {
                    int p = base + j * inner;
                    double tj = eps > 0 ? t[p] * (1 - eps) + eps / c : t[p];
                    double qj = w == null ? tj : tj * w[j];
                    gx[p] = (exps[p] * f - qj) * gr;
                }
            }
            if (wantT || wantW) {
                double m = kept.maxes[r];
                double ls = Math.log(kept.sums[r]);
                for (int j = 0; j < c; j++) {
                    int p = base + j * inner;
                    double nlg = -((x[p] - m - ls) * gr); // -g logp
                    if (wantT) {
                        double v = w == null ? nlg : nlg * w[j];
                        gt[p] = eps > 0 ? v * (1 - eps) : v;
                    }
                    if (wantW) {
                        gw[j] += nlg * (eps > 0 ? t[p] * (1 - eps) + eps / c : t[p]);
                    }
                }
            }
        }
        Tensor[] grads = new Tensor[count];
        if (wantX) {
            grads[0] = Tensor.wrap(gx, DType.FLOAT64, l.shape);
        }
        if (wantT) {
            grads[1] = Tensor.wrap(gt, DType.FLOAT64, l.shape);
        }
        if (wantW) {
            grads[2] = Tensor.wrap(gw, DType.FLOAT64, c);
        }
        return grads;
    }
}
