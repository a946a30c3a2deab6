package jgrad.nn;

import jgrad.ops.SoftmaxOps;

/**
 * The raw loops of the fused cross-entropy, on {@code double[]}, with no autograd (the node is
 * recorded by {@link CrossEntropyLoss}). Each forward pays one {@link Math#exp} per element (in
 * {@link SoftmaxOps#expSum}, on x - row max) and, when a backward will read them, keeps those
 * exps and each row's max and sum in a {@link Kept}; the plain backward loops then use softmax =
 * exp / sum and log-softmax = x - max - log(sum), with no exp per element.
 */
final class CrossEntropyKernel {
    private CrossEntropyKernel() {}

    /**
     * Each row's max and sum of exp(x - max) and each element's exp(x - max), kept when a plain
     * backward will read them; otherwise only the current row's max and sum (nothing per element).
     */
    static final class Kept {
        final double[] exps;
        final double[] maxes;
        final double[] sums;

        Kept(int numel, int rows, boolean forBackward) {
            exps = forBackward ? new double[numel] : null;
            maxes = new double[forBackward ? rows : 1];
            sums = new double[forBackward ? rows : 1];
        }

        boolean forBackward() {
            return exps != null;
        }

        /** Where row r's max and sum are: r when kept, else the one slot reused by every row. */
        int slot(int r) {
            return exps != null ? r : 0;
        }
    }

    /**
     * Computes row r's max and exp-sum (and its exps, if kept) into the row's {@link Kept#slot}
     * and returns the slot: the one place the forwards pay exp.
     */
    private static int rowStats(ClassLayout l, double[] x, int r, Kept kept) {
        int base = l.base(r);
        int slot = kept.slot(r);
        double m = SoftmaxOps.rowMax(x, base, l.classes, l.inner);
        kept.maxes[slot] = m;
        kept.sums[slot] = SoftmaxOps.expSum(x, base, l.classes, l.inner, m, kept.exps);
        return slot;
    }

    /** The index-target forward's per-row results and sums. */
    static final class IndexForward {
        /** Each row's class, {@code Long.MIN_VALUE} for an ignored row. */
        final long[] cls;
        /** Per row {@code -w_t log p_t}. */
        final double[] nll;
        /** Per row {@code -sum_j w_j log p_j} (only with label smoothing). */
        final double[] smooth;
        double total;
        double nllSum;
        double smoothSum;

        IndexForward(int rows) {
            cls = new long[rows];
            nll = new double[rows];
            smooth = new double[rows];
        }
    }

    /** The index-target forward; fills {@code kept}. */
    static IndexForward indexForward(String op, ClassLayout l, double[] x, double[] t, double[] w, int ignoreIndex,
            double eps, Kept kept) {
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        IndexForward f = new IndexForward(rows);
        for (int r = 0; r < rows; r++) {
            long k = ClassIndexLoss.targetAt(op, t, r, ignoreIndex, c);
            f.cls[r] = k;
            if (k == Long.MIN_VALUE && !kept.forBackward()) {
                continue; // an ignored row needs no softmax unless backward reads it (NaN stays NaN there)
            }
            int slot = rowStats(l, x, r, kept);
            if (k == Long.MIN_VALUE) {
                continue;
            }
            int base = l.base(r);
            double m = kept.maxes[slot];
            double ls = Math.log(kept.sums[slot]);
            double wt = w == null ? 1.0 : w[(int) k];
            f.nll[r] = -wt * (x[base + (int) k * inner] - m - ls); // -w_t log p_t
            f.nllSum += f.nll[r];
            f.total += wt;
            if (eps > 0) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s -= (w == null ? 1.0 : w[j]) * (x[base + j * inner] - m - ls);
                }
                f.smooth[r] = s;
                f.smoothSum += s;
            }
        }
        return f;
    }

    /** The per-row losses of an index forward ('none'): {@code (1 - eps) nll + eps/C smooth}. */
    static double[] indexRowLosses(IndexForward f, int classes, double eps) {
        if (eps == 0) {
            return f.nll;
        }
        double[] loss = new double[f.nll.length];
        for (int r = 0; r < loss.length; r++) {
            loss[r] = (1 - eps) * f.nll[r] + f.smooth[r] * (eps / classes);
        }
        return loss;
    }

    /** The reduced loss of an index forward ('mean' divides by the total weight, 'sum' by 1). */
    static double indexReduced(IndexForward f, int classes, double eps, boolean mean) {
        double d = mean ? f.total : 1.0;
        double v = f.nllSum / d;
        return eps > 0 ? (1 - eps) * v + (f.smoothSum / d) * (eps / classes) : v;
    }

    /**
     * S of the index-target backward: per row {@code m ((1 - eps) w_t + eps/C sum_j w_j)}, 0 for
     * ignored rows (the backward is g (softmax(x) S - Q), Q from {@link #targetWeights}).
     */
    static double[] rowScales(long[] cls, double[] w, int classes, double eps, double scale) {
        double wSum = 0;
        if (w != null) {
            for (double v : w) {
                wSum += v;
            }
        } else {
            wSum = classes;
        }
        double[] s = new double[cls.length];
        for (int r = 0; r < cls.length; r++) {
            long k = cls[r];
            if (k != Long.MIN_VALUE) {
                double wt = w == null ? 1.0 : w[(int) k];
                s[r] = eps > 0 ? ((1 - eps) * wt + eps / classes * wSum) * scale : wt * scale;
            }
        }
        return s;
    }

    /** Q of the index-target backward: {@code m ((1 - eps) w_t [j == t] + eps/C w_j)}, 0 for ignored rows. */
    static double[] targetWeights(ClassLayout l, long[] cls, double[] w, double eps, double scale) {
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
     * exps / sum from the forward, so no exp here. Returns {@code q}, now the gradient.
     */
    static double[] indexBackward(ClassLayout l, Kept kept, double[] s, double[] q, double[] g, boolean none) {
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
        return q;
    }

    /** The probability-target forward: per row {@code -sum_j w_j t'_j log p_j}, t' = t (1 - eps) + eps/C. */
    static double[] probabilityForward(ClassLayout l, double[] x, double[] t, double[] w, double eps, Kept kept) {
        int rows = l.rows();
        int c = l.classes;
        int inner = l.inner;
        double[] loss = new double[rows];
        for (int r = 0; r < rows; r++) {
            int slot = rowStats(l, x, r, kept);
            int base = l.base(r);
            double m = kept.maxes[slot];
            double ls = Math.log(kept.sums[slot]);
            double acc = 0;
            for (int j = 0; j < c; j++) {
                int p = base + j * inner;
                double tj = eps > 0 ? t[p] * (1 - eps) + eps / c : t[p];
                double term = (x[p] - m - ls) * tj;
                acc += w == null ? term : term * w[j];
            }
            loss[r] = -acc;
        }
        return loss;
    }

    /**
     * The plain probability-target backward: one pass per row with softmax = exps / sum and
     * logp = x - max - log(sum) from the forward, so no exp here (one log per row). Returns
     * {gx, gt, gw}, each null unless {@code want} asks for it: gx and gt shaped like x, gw with one
     * entry per class.
     */
    static double[][] probabilityBackward(ClassLayout l, Kept kept, double[] x, double[] t, double[] w, double eps,
            double[] g, Reduction reduction, boolean[] want) {
        int c = l.classes;
        double[] gx = want[0] ? new double[x.length] : null;
        double[] gt = want[1] ? new double[x.length] : null;
        double[] gw = want[2] ? new double[c] : null;
        int inner = l.inner;
        int rows = l.rows();
        double[] exps = kept.exps;
        for (int r = 0; r < rows; r++) {
            int base = l.base(r);
            double gr = reduction == Reduction.NONE ? g[r] : g[0];
            if (reduction == Reduction.MEAN) {
                gr = gr / rows;
            }
            if (gx != null) {
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
            if (gt != null || gw != null) {
                double m = kept.maxes[r];
                double ls = Math.log(kept.sums[r]);
                for (int j = 0; j < c; j++) {
                    int p = base + j * inner;
                    double nlg = -((x[p] - m - ls) * gr); // -g logp
                    if (gt != null) {
                        double v = w == null ? nlg : nlg * w[j];
                        gt[p] = eps > 0 ? v * (1 - eps) : v;
                    }
                    if (gw != null) {
                        gw[j] += nlg * (eps > 0 ? t[p] * (1 - eps) + eps / c : t[p]);
                    }
                }
            }
        }
        return new double[][] {gx, gt, gw};
    }
}
