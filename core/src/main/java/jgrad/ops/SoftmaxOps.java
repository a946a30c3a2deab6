package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/**
 * logSumExp, softmax and logSoftmax over one dim, all by the subtract-the-max trick, so logits
 * of +-1000 (or +-1e300) give finite values and gradients.
 */
public final class SoftmaxOps {
    private SoftmaxOps() {}

    /**
     * log(sum(exp(a))) over dim; gradient g * softmax(a).
     *
     * @param a the input
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public static Tensor logSumExp(Tensor a, int dim, boolean keepDim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSumExp", dim, s.length);
        double[] r = kernel(a.storage(), s, d, Mode.LSE);
        Tensor out = Tensor.wrapUnchecked(r, DType.FLOAT64, Shape.reduced(s, d, keepDim));
        return Tape.record("LogsumexpBackward", out, new Tensor[] {a}, new Tensor[] {a, out}, g -> {
            Tensor o = Reductions.unreduce(out, s, d, keepDim);
            return new Tensor[] {Reductions.unreduce(g, s, d, keepDim).mul(a.sub(o).exp())};
        });
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
        Tensor y = Tensor.wrapUnchecked(kernel(a.storage(), s, d, Mode.SOFTMAX), DType.FLOAT64, s);
        return Tape.record("SoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y},
                g -> new Tensor[] {g.sub(g.mul(y).sum(d, true)).mul(y)});
    }

    /**
     * a - logSumExp(a) over dim; gradient g - exp(y) * sum(g).
     *
     * @param a the FLOAT64 input
     * @param dim the dim to normalise over; negative dims count from the end
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor logSoftmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSoftmax", dim, s.length);
        Reductions.requireFloat("logSoftmax", a);
        Tensor y = Tensor.wrapUnchecked(kernel(a.storage(), s, d, Mode.LOG_SOFTMAX), DType.FLOAT64, s);
        return Tape.record("LogSoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y},
                g -> new Tensor[] {g.sub(y.exp().mul(g.sum(d, true)))});
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
     * The shared stable loop over (outer, n, inner): max, then sum of exp(x - max).
     * For LSE an infinite max is replaced by 0 for the shift, as PyTorch's logsumexp does, so a
     * row of -inf gives -inf; softmax and logSoftmax shift by the max as it is, as PyTorch's
     * kernels do (a row holding +inf gives NaN).
     *
     * @param x the input values, row-major
     * @param s the input's shape
     * @param d the dim to work along, already normalised (non-negative)
     * @param mode what to compute
     * @return a new array: one value per reduced row for {@link Mode#LSE}, otherwise one per
     *     element of {@code x}
     */
    public static double[] kernel(double[] x, int[] s, int d, Mode mode) {
        int outer = s.length == 0 ? 1 : Shape.outer(s, d);
        int n = s.length == 0 ? 1 : s[d];
        int inner = s.length == 0 ? 1 : Shape.inner(s, d);
        double[] r = new double[mode == Mode.LSE ? outer * inner : x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double m = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    double v = x[base + k * inner];
                    if (v > m || Double.isNaN(v)) {
                        m = v;
                    }
                }
                if (mode == Mode.LSE && Double.isInfinite(m)) {
                    m = 0.0;
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += Math.exp(x[base + k * inner] - m);
                }
                switch (mode) {
                    case LSE:
                        r[o * inner + i] = Math.log(sum) + m;
                        break;
                    case SOFTMAX:
                        for (int k = 0; k < n; k++) {
                            int j = base + k * inner;
                            r[j] = Math.exp(x[j] - m) / sum;
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
