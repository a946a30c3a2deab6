package jgrad.kernel;

import jgrad.Shape;

/**
 * The raw loops of logSumExp, softmax and logSoftmax on {@code double[]}, with no autograd (the
 * ops and their tape nodes are in {@code jgrad.ops.SoftmaxOps}). Every loop works on the rows
 * along one dim d of a shape s: {@code outer} blocks of {@code n x inner}, row (o, i) holding
 * {@code x[base + k * inner]} for {@code k < n}, {@code base = o * n * inner + i}; a 0-D input is
 * one row of one value.
 *
 * <p>The forward pays one {@link Math#exp} per element, all in {@link #expSum}, and can keep
 * those exps with each row's shift and sum in a {@link Kept}, so the plain backward loops
 * ({@link #logSumExpBackward}, {@link #logSoftmaxBackward}) need no exp per element;
 * {@link #softmaxBackward} reads the forward's result.
 */
public final class SoftmaxKernel {
    private SoftmaxKernel() {}

    /** What {@link #forward} computes. */
    public enum Mode {
        /** log(sum(exp(x))) over the dim: one value per reduced row. */
        LSE,
        /** exp(x) / sum(exp(x)) over the dim: one value per element. */
        SOFTMAX,
        /** x - log(sum(exp(x))) over the dim: one value per element. */
        LOG_SOFTMAX
    }

    /**
     * What a forward keeps for the plain backward: exp(x - shift) per element and each row's
     * shift and sum of those exps.
     *
     * @param exps exp(x - shift) per element, indexed like x (not filled for {@link Mode#SOFTMAX},
     *     whose result is built from them)
     * @param shifts each row's shift, indexed {@code o * inner + i}
     * @param sums each row's sum of exps, indexed like {@code shifts}
     */
    public record Kept(double[] exps, double[] shifts, double[] sums) {
        /**
         * Empty arrays for an input of shape {@code s} reduced along {@code d}.
         *
         * @param s the input's shape
         * @param d the dim, already normalised (non-negative)
         * @return arrays for the forward to fill
         */
        public static Kept of(int[] s, int d) {
            int rows = Rows.along(s, d).count();
            return new Kept(new double[Shape.numel(s)], new double[rows], new double[rows]);
        }
    }

    /** The rows along dim d of shape s (see the class comment). */
    private record Rows(int outer, int n, int inner) {
        static Rows along(int[] s, int d) {
            return s.length == 0 ? new Rows(1, 1, 1) : new Rows(Shape.outer(s, d), s[d], Shape.inner(s, d));
        }

        int count() {
            return outer * inner;
        }
    }

    /** What one loop does with one row. */
    @FunctionalInterface
    interface RowLoop {
        /**
         * Works on one row.
         *
         * @param base the index of the row's first value; the row is {@code base + k * inner}, k < n
         * @param row the row's own index, {@code o * inner + i}, for per-row arrays
         * @param n the number of values in the row
         * @param inner the distance between consecutive values of the row
         */
        void row(int base, int row, int n, int inner);
    }

    /** Runs {@code loop} on each row along dim d of shape s, in order. */
    static void eachRow(int[] s, int d, RowLoop loop) {
        Rows rows = Rows.along(s, d);
        int n = rows.n();
        int inner = rows.inner();
        for (int o = 0; o < rows.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                loop.row(o * n * inner + i, o * inner + i, n, inner);
            }
        }
    }

    /**
     * The max of one row, {@code x[base + k * inner]} for k in [0, n): the shift of the stable
     * softmax family. A NaN anywhere in the row makes it NaN, so NaN propagates as in PyTorch;
     * an empty row gives -inf.
     *
     * @param x the values, row-major
     * @param base the index of the row's first value
     * @param n the number of values in the row
     * @param inner the distance between consecutive values of the row
     * @return the row's max, or NaN
     */
    public static double rowMax(double[] x, int base, int n, int inner) {
        double m = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double v = x[base + k * inner];
            if (v > m || Double.isNaN(v)) {
                m = v;
            }
        }
        return m;
    }

    /**
     * The sum of exp(x - shift) over one row, {@code x[base + k * inner]} for k in [0, n), with
     * one {@link Math#exp} per value: the only exp of the softmax family's forwards. Contiguous
     * rows ({@code inner == 1}) go to {@link Simd#expSum} when the Vector API kernels are in use
     * (each exp within ~1 ulp of {@link Math#exp}, summed in another order). When {@code exps} is
     * not null, each exp(x - shift) is also stored in it at the value's own index, so a caller
     * that later needs softmax(x) = exp(x - shift) / sum need not call exp again.
     *
     * @param x the values, row-major
     * @param base the index of the row's first value
     * @param n the number of values in the row
     * @param inner the distance between consecutive values of the row
     * @param shift the value subtracted before exp, normally {@link #rowMax}
     * @param exps where to store each exp(x - shift), indexed like {@code x}; or null
     * @return the sum of exp(x - shift) over the row
     */
    public static double expSum(double[] x, int base, int n, int inner, double shift, double[] exps) {
        if (inner == 1 && Simd.active()) {
            return Simd.expSum(x, base, n, shift, exps);
        }
        double sum = 0;
        if (exps == null) {
            for (int k = 0; k < n; k++) {
                sum += Math.exp(x[base + k * inner] - shift);
            }
        } else {
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                double e = Math.exp(x[j] - shift);
                exps[j] = e;
                sum += e;
            }
        }
        return sum;
    }

    /**
     * The stable forward: per row the max, then the sum of exp(x - max), one exp per element.
     * For LSE an infinite max is replaced by 0 for the shift, as PyTorch's logsumexp does, so a
     * row of -inf gives -inf; softmax and logSoftmax shift by the max as it is, as PyTorch's
     * kernels do (a row holding +inf gives NaN).
     *
     * @param x the input values, row-major
     * @param s the input's shape
     * @param d the dim to work along, already normalised (non-negative)
     * @param mode what to compute
     * @param kept where to keep what a plain backward needs (see {@link Kept}); or null
     * @return a new array: one value per reduced row for {@link Mode#LSE}, otherwise one per
     *     element of {@code x}
     */
    public static double[] forward(double[] x, int[] s, int d, Mode mode, Kept kept) {
        double[] r = new double[mode == Mode.LSE ? Rows.along(s, d).count() : x.length];
        double[] exps = mode == Mode.SOFTMAX ? r : kept == null ? null : kept.exps();
        eachRow(s, d, (base, row, n, inner) -> {
            double m = rowMax(x, base, n, inner);
            if (mode == Mode.LSE && Double.isInfinite(m)) {
                m = 0.0;
            }
            double sum = expSum(x, base, n, inner, m, exps);
            if (kept != null) {
                kept.shifts()[row] = m;
                kept.sums()[row] = sum;
            }
            switch (mode) {
                case LSE:
                    r[row] = Math.log(sum) + m;
                    break;
                case SOFTMAX:
                    for (int k = 0; k < n; k++) {
                        r[base + k * inner] /= sum;
                    }
                    break;
                default:
                    double ls = Math.log(sum);
                    for (int k = 0; k < n; k++) {
                        int j = base + k * inner;
                        r[j] = x[j] - m - ls;
                    }
            }
        });
        return r;
    }

    /**
     * The plain logSumExp backward, g * exp(x - out) = g * exp(x - shift) * exp(shift - out),
     * from the exps the forward kept and one exp per row. Factoring through the shift keeps
     * PyTorch's values even where out absorbs log(sum) (rows of +-1e300 give exp(0) = 1, not
     * 1 / sum). A row whose out is not finite (its max is +-inf or NaN, so the shift was 0 and
     * the kept exps may have overflowed) takes exp(x - out) per element as it is.
     *
     * @param g the output's gradient, one value per row
     * @param x the forward's input
     * @param kept what the {@link Mode#LSE} forward kept
     * @param out the forward's result, one value per row
     * @param s the input's shape
     * @param d the reduced dim, already normalised (non-negative)
     * @return a new array: the input's gradient, indexed like {@code x}
     */
    public static double[] logSumExpBackward(double[] g, double[] x, Kept kept, double[] out, int[] s, int d) {
        double[] exps = kept.exps();
        double[] grad = new double[exps.length];
        eachRow(s, d, (base, row, n, inner) -> {
            double lse = out[row];
            if (Double.isFinite(lse)) {
                double f = g[row] * Math.exp(kept.shifts()[row] - lse);
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    grad[j] = exps[j] * f;
                }
            } else {
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    grad[j] = g[row] * Math.exp(x[j] - lse);
                }
            }
        });
        return grad;
    }

    /**
     * The plain logSoftmax backward, g - softmax(x) * sum_row(g) with softmax(x) = exp(x - max) /
     * sum_row, from the exps and sums the forward kept: no exp.
     *
     * @param g the output's gradient, indexed like the input
     * @param kept what the {@link Mode#LOG_SOFTMAX} forward kept
     * @param s the input's shape
     * @param d the normalised dim, already non-negative
     * @return a new array: the input's gradient
     */
    public static double[] logSoftmaxBackward(double[] g, Kept kept, int[] s, int d) {
        double[] exps = kept.exps();
        double[] grad = new double[exps.length];
        eachRow(s, d, (base, row, n, inner) -> {
            double gs = 0;
            for (int k = 0; k < n; k++) {
                gs += g[base + k * inner];
            }
            double f = gs / kept.sums()[row];
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                grad[j] = g[j] - exps[j] * f;
            }
        });
        return grad;
    }

    /**
     * The plain softmax backward, (g - sum_row(g * y)) * y, from the forward's result y: no exp.
     * The row sum runs in index order from 0, as {@code Tensor.sum(dim)} does, so the values
     * equal the Tensor-op formula's bit for bit.
     *
     * @param g the output's gradient, indexed like y
     * @param y the forward's result
     * @param s the shape of y
     * @param d the normalised dim, already non-negative
     * @return a new array: the input's gradient
     */
    public static double[] softmaxBackward(double[] g, double[] y, int[] s, int d) {
        double[] grad = new double[y.length];
        eachRow(s, d, (base, row, n, inner) -> {
            double gy = 0;
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                gy += g[j] * y[j];
            }
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                grad[j] = (g[j] - gy) * y[j];
            }
        });
        return grad;
    }
}
