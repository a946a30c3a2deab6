package jgrad.nn;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.ops.RowKernels;
import jgrad.ops.SoftmaxOps;

/**
 * The raw loops of the fused cross-entropy, row by row over {@link LogitRows} (FLOAT64 or
 * FLOAT32 storage read directly, each row computed in double), with no autograd (the node is
 * recorded by {@link CrossEntropyLoss}). Each forward pays one exp per element (in
 * {@link SoftmaxOps#expSum}, on x - row max ({@link RowKernels#rowMax}), both vectorised on the
 * Vector API path) and, when a
 * backward will read them, keeps those exps, in an array of the input's dtype that the plain
 * backward then turns into the logits' gradient in place (one pass, no other input-sized array),
 * with each row's max and sum in a {@link Kept}: softmax = exp / sum and log-softmax = x - max -
 * log(sum), with no exp per element in the backward.
 */
final class CrossEntropyKernel {
    private CrossEntropyKernel() {}

    /**
     * Each row's max and sum of exp(x - max) and each element's exp(x - max), kept when a plain
     * backward will read them; otherwise only the current row's max and sum (nothing per element).
     */
    static final class Kept {
        private final LogitRows exps;
        final double[] maxes;
        final double[] sums;
        /** Whether a backward has already turned {@link #exps} into a gradient. */
        private boolean taken;

        private Kept(LogitRows exps, int rows) {
            this.exps = exps;
            this.maxes = new double[rows];
            this.sums = new double[rows];
        }

        /** Keeps nothing per element: for a forward that no backward will read. */
        static Kept none() {
            return new Kept(null, 1);
        }

        /** Keeps the exps (in {@code dtype}, the input's) and every row's max and sum. */
        static Kept forBackward(DType dtype, ClassLayout l) {
            return new Kept(LogitRows.fresh(dtype, l), l.rows());
        }

        boolean forBackward() {
            return exps != null;
        }

        /** Where row r's max and sum are: r when kept, else the one slot reused by every row. */
        int slot(int r) {
            return exps != null ? r : 0;
        }

        /**
         * The exps for a plain backward to overwrite with a gradient: the kept ones the first
         * time; afterwards (a retained graph's next backward) the same values again, recomputed
         * from the logits {@code x} and the kept maxes into new rows of {@code dtype}.
         */
        LogitRows take(LogitRows x, ClassLayout l, DType dtype) {
            if (!taken) {
                taken = true;
                return exps;
            }
            LogitRows e = LogitRows.fresh(dtype, l);
            for (int r = 0; r < maxes.length; r++) {
                x.row(r);
                SoftmaxOps.expSum(x.a, x.off, l.classes, 1, maxes[r], e.rowToWrite(r).a);
                e.write(r);
            }
            return e;
        }
    }

    /**
     * Points {@code x} at row r and computes the row's max and exp-sum (and its exps, if kept)
     * into the row's {@link Kept#slot}, which it returns: the one place the forwards pay exp.
     */
    private static int rowStats(ClassLayout l, LogitRows x, int r, Kept kept) {
        x.row(r);
        int slot = kept.slot(r);
        double m = RowKernels.rowMax(x.a, x.off, l.classes);
        // The kept rows have the input's dtype and layout, so their row r is at the same offset.
        double[] out = kept.forBackward() ? kept.exps.rowToWrite(r).a : null;
        kept.maxes[slot] = m;
        kept.sums[slot] = SoftmaxOps.expSum(x.a, x.off, l.classes, 1, m, out);
        if (out != null) {
            kept.exps.write(r);
        }
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
    static IndexForward indexForward(String op, ClassLayout l, LogitRows x, double[] t, double[] w, int ignoreIndex,
            double eps, Kept kept) {
        int rows = l.rows();
        int c = l.classes;
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
            double[] xa = x.a;
            int o = x.off;
            double m = kept.maxes[slot];
            double ls = Math.log(kept.sums[slot]);
            double wt = w == null ? 1.0 : w[(int) k];
            f.nll[r] = -wt * (xa[o + (int) k] - m - ls); // -w_t log p_t
            f.nllSum += f.nll[r];
            f.total += wt;
            if (eps > 0) {
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s -= (w == null ? 1.0 : w[j]) * (xa[o + j] - m - ls);
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

    /**
     * Q of the index-target backward, for the Tensor-op backward: {@code m ((1 - eps) w_t [j == t]
     * + eps/C w_j)}, 0 for ignored rows.
     */
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
     * The plain index-target backward, in place over the kept exps: per row {@code g_r (softmax *
     * S_r - Q)} with softmax = exps / sum, so no exp here: one pass scaling the row, then the
     * label-smoothing term (if any) and the target's. Returns the gradient, in the input's dtype.
     */
    static Tensor indexBackward(ClassLayout l, Kept kept, LogitRows x, DType dtype, long[] cls, double[] w,
            double eps, double scale, double[] s, double[] g, boolean none) {
        int c = l.classes;
        LogitRows e = kept.take(x, l, dtype);
        for (int r = 0; r < s.length; r++) {
            double[] a = e.row(r).a;
            int o = e.off;
            double gr = none ? g[r] : g[0];
            double f = gr * s[r] / kept.sums[r];
            for (int j = 0; j < c; j++) {
                a[o + j] *= f;
            }
            long k = cls[r];
            if (k != Long.MIN_VALUE) {
                if (eps > 0) {
                    double ge = gr * (eps / c * scale);
                    for (int j = 0; j < c; j++) {
                        a[o + j] -= w == null ? ge : ge * w[j];
                    }
                }
                a[o + (int) k] -= gr * ((1 - eps) * (w == null ? 1.0 : w[(int) k]) * scale);
            }
            e.write(r);
        }
        return e.tensor();
    }

    /** The probability-target forward: per row {@code -sum_j w_j t'_j log p_j}, t' = t (1 - eps) + eps/C. */
    static double[] probabilityForward(ClassLayout l, LogitRows x, LogitRows t, double[] w, double eps, Kept kept) {
        int rows = l.rows();
        int c = l.classes;
        double[] loss = new double[rows];
        for (int r = 0; r < rows; r++) {
            int slot = rowStats(l, x, r, kept);
            double[] xa = x.a;
            int xo = x.off;
            double[] ta = t.row(r).a;
            int to = t.off;
            double m = kept.maxes[slot];
            double ls = Math.log(kept.sums[slot]);
            double acc = 0;
            for (int j = 0; j < c; j++) {
                double tj = eps > 0 ? ta[to + j] * (1 - eps) + eps / c : ta[to + j];
                double term = (xa[xo + j] - m - ls) * tj;
                acc += w == null ? term : term * w[j];
            }
            loss[r] = -acc;
        }
        return loss;
    }

    /**
     * The plain probability-target backward, one pass per row with softmax = exps / sum (the
     * logits' gradient written over the kept exps) and logp = x - max - log(sum) from the
     * forward, so no exp here (one log per row). Returns {gx, gt, gw}, each null unless
     * {@code want} asks for it: gx in the input's dtype, gt in the target's, gw (one value per
     * class) in the weight's.
     */
    static Tensor[] probabilityBackward(ClassLayout l, Kept kept, Tensor input, LogitRows x, Tensor target,
            LogitRows t, Tensor weight, double[] w, double eps, double[] g, Reduction reduction, boolean[] want) {
        int c = l.classes;
        LogitRows gx = want[0] ? kept.take(x, l, input.dtype()) : null;
        LogitRows gt = want[1] ? LogitRows.fresh(target.dtype(), l) : null;
        double[] gw = want[2] ? new double[c] : null;
        int rows = l.rows();
        for (int r = 0; r < rows; r++) {
            double gr = reduction == Reduction.NONE ? g[r] : g[0];
            if (reduction == Reduction.MEAN) {
                gr = gr / rows;
            }
            double[] ta = t.row(r).a;
            int to = t.off;
            if (gx != null) {
                double sq = 0; // S_r = sum_j Q[r, j]
                for (int j = 0; j < c; j++) {
                    double tj = eps > 0 ? ta[to + j] * (1 - eps) + eps / c : ta[to + j];
                    sq += w == null ? tj : tj * w[j];
                }
                double f = sq / kept.sums[r] * gr;
                double[] a = gx.row(r).a;
                int o = gx.off;
                for (int j = 0; j < c; j++) {
                    double tj = eps > 0 ? ta[to + j] * (1 - eps) + eps / c : ta[to + j];
                    double qj = w == null ? tj : tj * w[j];
                    a[o + j] = a[o + j] * f - qj * gr;
                }
                gx.write(r);
            }
            if (gt != null || gw != null) {
                double m = kept.maxes[r];
                double ls = Math.log(kept.sums[r]);
                double[] xa = x.row(r).a;
                int xo = x.off;
                double[] ga = gt == null ? null : gt.rowToWrite(r).a;
                int go = gt == null ? 0 : gt.off;
                for (int j = 0; j < c; j++) {
                    double nlg = -((xa[xo + j] - m - ls) * gr); // -g logp
                    if (ga != null) {
                        double v = w == null ? nlg : nlg * w[j];
                        ga[go + j] = eps > 0 ? v * (1 - eps) : v;
                    }
                    if (gw != null) {
                        gw[j] += nlg * (eps > 0 ? ta[to + j] * (1 - eps) + eps / c : ta[to + j]);
                    }
                }
                if (gt != null) {
                    gt.write(r);
                }
            }
        }
        return new Tensor[] {
            gx == null ? null : gx.tensor(),
            gt == null ? null : gt.tensor(),
            gw == null ? null : Tensor.wrap(gw, weight.dtype(), c)
        };
    }
}
