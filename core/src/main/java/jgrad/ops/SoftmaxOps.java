package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;
import jgrad.kernel.Simd;

/**
 * logSumExp, softmax and logSoftmax over one dim, all by the subtract-the-max trick, so logits
 * of +-1000 (or +-1e300) give finite values and gradients.
 */
public final class SoftmaxOps {
    private SoftmaxOps() {}

    /**
     * log(sum(exp(a))) over dim; gradient g * exp(a - result), as PyTorch computes it. When the
     * result is recorded, the forward keeps exp(a - shift) and each row's shift, so a plain
     * backward (one that does not build its own graph) pays one exp per row instead of one per
     * element (except in rows whose result is +-inf or NaN); a create-graph backward uses
     * differentiable Tensor ops.
     *
     * @param a the input
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public static Tensor logSumExp(Tensor a, int dim, boolean keepDim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSumExp", dim, s.length);
        double[] x = a.storage();
        boolean keep = Tape.needed(a);
        double[] exps = keep ? new double[x.length] : null;
        double[] shifts = keep ? new double[Rows.along(s, d).count()] : null;
        double[] r = kernel(x, s, d, Mode.LSE, exps, shifts, null);
        Tensor out = TensorInternals.wrap(r, DType.FLOAT64, Shape.reduced(s, d, keepDim));
        return Tape.record("LogsumexpBackward", out, new Tensor[] {a}, new Tensor[] {a, out}, g -> {
            if (Autograd.isGradEnabled() || exps == null) {
                Tensor o = Reductions.unreduce(out, s, d, keepDim);
                return new Tensor[] {Reductions.unreduce(g, s, d, keepDim).mul(a.sub(o).exp())};
            }
            return new Tensor[] {TensorInternals.wrap(logSumExpBackward(g.storage(), x, exps, shifts, r, s, d),
                    DType.FLOAT64, s)};
        });
    }

    /**
     * Plain logSumExp backward: g * exp(x - out) = g * exp(x - shift) * exp(shift - out), from
     * the exps forward kept and one exp per row. Factoring through the shift keeps PyTorch's
     * values even where out absorbs log(sum) (rows of +-1e300 give exp(0) = 1, not 1 / sum). A
     * row whose out is not finite (its max is +-inf or NaN, so the shift was 0 and the kept exps
     * may have overflowed) takes exp(x - out) per element as it is.
     */
    private static double[] logSumExpBackward(double[] g, double[] x, double[] exps, double[] shifts,
            double[] out, int[] s, int d) {
        Rows rows = Rows.along(s, d);
        int outer = rows.outer();
        int n = rows.n();
        int inner = rows.inner();
        double[] grad = new double[exps.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int row = o * inner + i;
                int base = o * n * inner + i;
                double lse = out[row];
                if (Double.isFinite(lse)) {
                    double f = g[row] * Math.exp(shifts[row] - lse);
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
            }
        }
        return grad;
    }

    /**
     * exp(a) / sum(exp(a)) over dim; gradient y * (g - sum(g * y)).
     *
     * @param a the FLOAT64 input
     * @param dim the dim along which the values sum to 1; negative dims count from the end
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor softmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("softmax", dim, s.length);
        Reductions.requireFloat("softmax", a);
        Tensor y = TensorInternals.wrap(kernel(a.storage(), s, d, Mode.SOFTMAX), DType.FLOAT64, s);
        return Tape.record("SoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y},
                g -> new Tensor[] {g.sub(g.mul(y).sum(d, true)).mul(y)});
    }

    /**
     * a - logSumExp(a) over dim; gradient g - exp(y) * sum(g). When the result is recorded, the
     * forward keeps exp(a - max) and the row sums, so a plain backward (one that does not build
     * its own graph) needs no second exp; a create-graph backward uses differentiable Tensor ops.
     *
     * @param a the FLOAT64 input
     * @param dim the dim to normalise over; negative dims count from the end
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor logSoftmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSoftmax", dim, s.length);
        Reductions.requireFloat("logSoftmax", a);
        double[] x = a.storage();
        boolean keep = Tape.needed(a);
        double[] exps = keep ? new double[x.length] : null;
        double[] sums = keep ? new double[Rows.along(s, d).count()] : null;
        Tensor y = TensorInternals.wrap(kernel(x, s, d, Mode.LOG_SOFTMAX, exps, null, sums), DType.FLOAT64, s);
        return Tape.record("LogSoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> {
            if (Autograd.isGradEnabled() || exps == null) {
                return new Tensor[] {g.sub(y.exp().mul(g.sum(d, true)))};
            }
            return new Tensor[] {TensorInternals.wrap(logSoftmaxBackward(g.storage(), exps, sums, s, d),
                    DType.FLOAT64, s)};
        });
    }

    /** Plain logSoftmax backward: g - exp(x - max) / sum_row * sum_row(g), from the values forward kept. */
    private static double[] logSoftmaxBackward(double[] g, double[] exps, double[] sums, int[] s, int d) {
        Rows rows = Rows.along(s, d);
        int outer = rows.outer();
        int n = rows.n();
        int inner = rows.inner();
        double[] grad = new double[exps.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double gs = 0;
                for (int k = 0; k < n; k++) {
                    gs += g[base + k * inner];
                }
                double f = gs / sums[o * inner + i];
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    grad[j] = g[j] - exps[j] * f;
                }
            }
        }
        return grad;
    }

    /**
     * The rows along dim d of shape s: {@code outer} blocks of {@code n x inner}, row (o, i) holding
     * {@code base + k * inner} for {@code k < n}, with {@code base = o * n * inner + i}. A 0-D
     * tensor is one row of one value.
     */
    private record Rows(int outer, int n, int inner) {
        static Rows along(int[] s, int d) {
            return s.length == 0 ? new Rows(1, 1, 1) : new Rows(Shape.outer(s, d), s[d], Shape.inner(s, d));
        }

        int count() {
            return outer * inner;
        }
    }

    /** What {@link #kernel} computes. */
    public enum Mode {
        /** log(sum(exp(x))) over the dim: one value per reduced row. */
        LSE,
        /** exp(x) / sum(exp(x)) over the dim: one value per element. */
        SOFTMAX,
        /** x - log(sum(exp(x))) over the dim: one value per element. */
        LOG_SOFTMAX
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
     * one {@link Math#exp} per value: the only exp of the softmax family. Contiguous rows
     * ({@code inner == 1}) go to {@link Simd#expSum} when the Vector API kernels are in use (each
     * exp within ~1 ulp of {@link Math#exp}, summed in another order). When {@code exps} is
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
     * The shared stable loop over (outer, n, inner): max, then sum of exp(x - max), one exp per
     * element. For LSE an infinite max is replaced by 0 for the shift, as PyTorch's logsumexp
     * does, so a row of -inf gives -inf; softmax and logSoftmax shift by the max as it is, as
     * PyTorch's kernels do (a row holding +inf gives NaN).
     *
     * @param x the input values, row-major
     * @param s the input's shape
     * @param d the dim to work along, already normalised (non-negative)
     * @param mode what to compute
     * @return a new array: one value per reduced row for {@link Mode#LSE}, otherwise one per
     *     element of {@code x}
     */
    public static double[] kernel(double[] x, int[] s, int d, Mode mode) {
        return kernel(x, s, d, mode, null, null, null);
    }

    /**
     * {@link #kernel(double[], int[], int, Mode)}, also keeping what a plain backward needs, in
     * each array that is not null: exp(x - shift) per element in {@code exps}, each row's shift
     * in {@code shifts} and each row's sum of exps in {@code sums} (for SOFTMAX the result itself
     * is built from the exps, so {@code exps} is not filled).
     */
    private static double[] kernel(double[] x, int[] s, int d, Mode mode, double[] exps, double[] shifts,
            double[] sums) {
        Rows rows = Rows.along(s, d);
        int outer = rows.outer();
        int n = rows.n();
        int inner = rows.inner();
        double[] r = new double[mode == Mode.LSE ? outer * inner : x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = rowMax(x, base, n, inner);
                if (mode == Mode.LSE && Double.isInfinite(m)) {
                    m = 0.0;
                }
                double sum = expSum(x, base, n, inner, m, mode == Mode.SOFTMAX ? r : exps);
                if (shifts != null) {
                    shifts[o * inner + i] = m;
                }
                if (sums != null) {
                    sums[o * inner + i] = sum;
                }
                switch (mode) {
                    case LSE:
                        r[o * inner + i] = Math.log(sum) + m;
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
            }
        }
        return r;
    }
}
