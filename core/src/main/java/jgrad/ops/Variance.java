package jgrad.ops;

import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * {@code var} and {@code std} over one dim, each forward next to its backward, with PyTorch's
 * {@code correction}: the sum of squared deviations is divided by {@code max(0, n - correction)}
 * (1 gives the unbiased estimate, PyTorch's default), so a reduction of one element with
 * correction 1 is 0/0 = NaN, as in PyTorch. The forward takes two passes (the mean, then the
 * squared deviations from it) in double.
 */
public final class Variance {
    private Variance() {}

    /**
     * The variance over one dim, like {@code torch.var(a, dim, correction=c, keepdim=k)}. Gradient
     * as PyTorch's: {@code g * 2 (a - mean) / (n - correction)} (without the forward's {@code max}:
     * finite when the correction exceeds n, where the output is infinite).
     *
     * @param a the floating input
     * @param dim the dim to reduce; negative dims count from the end
     * @param correction subtracted from the count of elements in the divisor
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of {@code a}'s dtype
     */
    public static Tensor var(Tensor a, int dim, int correction, boolean keepDim) {
        return reduce(false, a, dim, correction, keepDim);
    }

    /**
     * The standard deviation over one dim, the square root of {@link #var}, like
     * {@code torch.std}. Gradient as PyTorch's: {@code var}'s gradient of {@code g / (2 out)},
     * with 0 where the output is 0.
     *
     * @param a the floating input
     * @param dim the dim to reduce; negative dims count from the end
     * @param correction subtracted from the count of elements in the divisor
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of {@code a}'s dtype
     */
    public static Tensor std(Tensor a, int dim, int correction, boolean keepDim) {
        return reduce(true, a, dim, correction, keepDim);
    }

    /**
     * {@link #var} or {@link #std} of all elements, 0-D, like {@code torch.var(a)}.
     *
     * @param root whether to take the square root (std)
     * @param a the floating input
     * @param correction subtracted from the count of elements in the divisor
     * @return a new 0-D tensor of {@code a}'s dtype
     */
    public static Tensor all(boolean root, Tensor a, int correction) {
        Reductions.requireFloat(root ? "std" : "var", a);
        return reduce(root, a.reshape(-1), 0, correction, false);
    }

    private static Tensor reduce(boolean root, Tensor a, int dim, int correction, boolean keepDim) {
        String op = root ? "std" : "var";
        Reductions.requireFloat(op, a);
        int[] s = a.shapeArray();
        int d = Shape.dim(op, dim, s);
        int n = s.length == 0 ? 1 : s[d];
        int inner = 1;
        for (int k = d + 1; k < s.length; k++) {
            inner *= s[k];
        }
        int outer = n == 0 || inner == 0 ? 0 : a.numel() / (n * inner);
        double div = Math.max(0.0, (double) n - correction);
        double[] x = a.doubles();
        double[] r = new double[Shape.numel(Shape.reduced(s, d, keepDim))];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double sum = 0.0;
                for (int k = 0; k < n; k++) {
                    sum += x[base + k * inner];
                }
                double mean = sum / n;
                double sq = 0.0;
                for (int k = 0; k < n; k++) {
                    double dev = x[base + k * inner] - mean;
                    sq += dev * dev;
                }
                r[o * inner + i] = root ? Math.sqrt(sq / div) : sq / div;
            }
        }
        if (n == 0) {
            java.util.Arrays.fill(r, Double.NaN); // the mean of nothing, as in PyTorch
        }
        Tensor out = TensorInternals.wrap(r, a.dtype(), Shape.reduced(s, d, keepDim));
        return Tape.record(root ? "StdBackward" : "VarBackward", out, new Tensor[] {a}, new Tensor[] {out}, g -> {
            Tensor gv = root ? Selection.where(out.eq(0.0), Tensor.zeros(g.dtype()), g.div(out.mul(2.0))) : g;
            Tensor dev = a.sub(a.mean(d, true));
            double scale = 2.0 / ((double) n - correction);
            return new Tensor[] {Reductions.unreduce(gv, s, d, keepDim).mul(dev).mul(scale)};
        });
    }
}
