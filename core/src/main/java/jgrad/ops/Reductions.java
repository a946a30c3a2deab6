package jgrad.ops;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.kernel.Broadcast;
import jgrad.kernel.BroadcastFloat;
import jgrad.internal.TensorInternals;

/**
 * sum, mean, max, argmax, and the broadcast pair expand / sumTo. A reduction over one dim
 * sees the tensor as (outer, n, inner) and loops over that.
 */
public final class Reductions {
    private Reductions() {}

    /**
     * Broadcasts {@code a} to {@code shape}; gradient: sum back to a's shape. A size of -1 keeps
     * the size of that dim (not allowed in a new leading dim), as in PyTorch.
     *
     * @param a the input
     * @param shape the target shape, which {@code a}'s shape must broadcast to
     * @return a new tensor of that shape, or {@code a} itself if it already has that shape
     */
    public static Tensor expand(Tensor a, int[] shape) {
        int[] from = a.shapeArray();
        int[] to = Shape.check("expand", expandSizes(from, shape));
        if (!Shape.broadcastsTo(from, to)) {
            throw Shape.error("expand", "a tensor of shape " + Shape.str(from) + " cannot be expanded to shape "
                    + Shape.str(shape));
        }
        if (Arrays.equals(from, to)) {
            return a;
        }
        Tensor out = a.dtype() == DType.FLOAT32
                ? TensorInternals.wrapFloat(BroadcastFloat.expand(a.floatStorage(), from, to), to)
                : TensorInternals.wrap(Broadcast.expand(a.doubles(), from, to), a.dtype(), to);
        return Tape.record("ExpandBackward", out, new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {g});
    }

    /** The target sizes with each -1 replaced by the size it keeps; explains a size that cannot broadcast. */
    private static int[] expandSizes(int[] from, int[] shape) {
        String both = " (expanding shape " + Shape.str(from) + " to " + Shape.str(shape) + ")";
        int lead = shape.length - from.length;
        if (lead < 0) {
            throw Shape.error("expand", "the number of sizes provided (" + shape.length
                    + ") must be at least the number of dims of the tensor (" + from.length + ")" + both);
        }
        int[] to = shape.clone();
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (i < lead) {
                    throw Shape.error("expand", "size -1 is not allowed in a new leading dim (dim " + i + ")" + both);
                }
                to[i] = from[i - lead];
            } else if (i >= lead && to[i] >= 0 && from[i - lead] != 1 && from[i - lead] != to[i]) {
                throw Shape.error("expand", "size " + to[i] + " at dim " + i + " must match the existing size "
                        + from[i - lead] + " (only a dim of size 1 can be expanded)" + both);
            }
        }
        return to;
    }

    /**
     * Sums broadcast dims so the result has {@code shape}; gradient: expand back.
     *
     * @param a the input
     * @param shape the target shape, which must broadcast to {@code a}'s shape
     * @return a new tensor of that shape, or {@code a} itself if it already has that shape
     */
    public static Tensor sumTo(Tensor a, int[] shape) {
        int[] from = a.shapeArray();
        if (Arrays.equals(from, shape)) {
            return a;
        }
        int[] to = Shape.check("sumTo", shape);
        if (!Shape.broadcastsTo(to, from)) {
            throw Shape.error("sumTo", "a tensor of shape " + Shape.str(from) + " cannot be summed to shape "
                    + Shape.str(to) + " (that shape does not broadcast to it)");
        }
        Tensor out = a.dtype() == DType.FLOAT32
                ? TensorInternals.wrapFloat(BroadcastFloat.sumTo(a.floatStorage(), from, to), to)
                : TensorInternals.wrap(Broadcast.sumTo(a.doubles(), from, to), a.dtype(), to);
        return Tape.record("SumToBackward", out, new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {g.expand(from)});
    }

    /**
     * Sum of all elements, 0-D.
     *
     * @param a the input
     * @return a new 0-D tensor of {@code a}'s dtype (INT64 for BOOL, the count of true values)
     */
    public static Tensor sum(Tensor a) {
        double s = sumAll(a);
        int[] from = a.shapeArray();
        return Tape.record("SumBackward", TensorInternals.wrap(new double[] {s}, sumType(a)), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.expand(from)});
    }

    /**
     * Mean of all elements, 0-D.
     *
     * @param a the floating input
     * @return a new 0-D tensor of {@code a}'s dtype
     */
    public static Tensor mean(Tensor a) {
        requireFloat("mean", a);
        int n = a.numel();
        double s = sumAll(a);
        int[] from = a.shapeArray();
        return Tape.record("MeanBackward", TensorInternals.wrap(new double[] {s / n}, a.dtype()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.div(n).expand(from)});
    }

    /**
     * Sum over one dim.
     *
     * @param a the input
     * @param dim the dim to sum over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of {@code a}'s dtype (INT64 for BOOL)
     */
    public static Tensor sum(Tensor a, int dim, boolean keepDim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("sum", dim, s.length);
        int[] outShape = Shape.reduced(s, d, keepDim);
        double[] r = sumDim(a, s, d);
        return Tape.record("SumBackward", TensorInternals.wrap(r, sumType(a), outShape), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {unreduce(g, s, d, keepDim).expand(s)});
    }

    /**
     * Mean over one dim.
     *
     * @param a the FLOAT64 input
     * @param dim the dim to average over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public static Tensor mean(Tensor a, int dim, boolean keepDim) {
        requireFloat("mean", a);
        int[] s = a.shapeArray();
        int d = Shape.dim("mean", dim, s.length);
        int[] outShape = Shape.reduced(s, d, keepDim);
        int n = s.length == 0 ? 1 : s[d];
        double[] r = sumDim(a, s, d);
        for (int i = 0; i < r.length; i++) {
            r[i] /= n;
        }
        return Tape.record("MeanBackward", TensorInternals.wrap(r, a.dtype(), outShape), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {unreduce(g, s, d, keepDim).div(n).expand(s)});
    }

    /**
     * Maximum over one dim; the gradient goes to the first maximum, as PyTorch's.
     *
     * @param a the input
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of the maxima, of {@code a}'s dtype
     */
    public static Tensor max(Tensor a, int dim, boolean keepDim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("max", dim, s.length);
        double[][] vi = maxDim("max", a.doubles(), s, d);
        int[] outShape = Shape.reduced(s, d, keepDim);
        Tensor out = TensorInternals.wrap(vi[0], a.dtype(), outShape);
        Tensor idx = TensorInternals.wrap(vi[1], DType.INT64, Shape.reduced(s, d, true));
        return Tape.record("MaxBackward", out, new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {
                s.length == 0 ? g : Tensor.zeros(g.dtype(), s).scatterAdd(d, idx, unreduce(g, s, d, keepDim))});
    }

    /**
     * Index of the first maximum over one dim, INT64.
     *
     * @param a the input
     * @param dim the dim to reduce; negative dims count from the end
     * @return a new INT64 tensor of {@code a}'s shape without {@code dim}
     */
    public static Tensor argmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("argmax", dim, s.length);
        return TensorInternals.wrap(maxDim("argmax", a.doubles(), s, d)[1], DType.INT64, Shape.reduced(s, d, false));
    }

    /** Puts the reduced dim back as size 1 (a no-op when it was kept). */
    static Tensor unreduce(Tensor g, int[] inShape, int d, boolean keepDim) {
        return keepDim || inShape.length == 0 ? g : g.unsqueeze(d);
    }

    /** PyTorch sums BOOL (and INT64) into INT64. */
    private static DType sumType(Tensor a) {
        return a.dtype() == DType.BOOL ? DType.INT64 : a.dtype();
    }

    static void requireFloat(String op, Tensor a) {
        if (!a.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": needs a floating (FLOAT32 or FLOAT64) tensor, got " + a.dtype()
                    + " of shape "
                    + Shape.str(a.shapeArray()) + "; convert it with to(DType.FLOAT64)");
        }
    }

    /**
     * The sum of all values in double, in index order; a FLOAT32 tensor's read from its float
     * storage (no widened copy), so the result is the same either way.
     */
    private static double sumAll(Tensor a) {
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floatStorage();
            return BroadcastFloat.sum(x, 0, x.length);
        }
        double s = 0;
        for (double v : a.doubles()) {
            s += v;
        }
        return s;
    }

    /**
     * {@link #sumDim(double[], int[], int)} of a tensor's values; a FLOAT32 tensor's read from its
     * float storage, accumulated in double in the same order (the same sums, no widened copy).
     */
    static double[] sumDim(Tensor a, int[] s, int d) {
        return a.dtype() == DType.FLOAT32 ? sumDim(a.floatStorage(), s, d) : sumDim(a.doubles(), s, d);
    }

    private static double[] sumDim(float[] x, int[] s, int d) {
        if (s.length == 0) {
            return new double[] {x[0]};
        }
        int outer = Shape.outer(s, d);
        int n = s[d];
        int inner = Shape.inner(s, d);
        double[] r = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            int ro = o * inner;
            if (inner == 1) {
                r[ro] = BroadcastFloat.sum(x, base, n);
            } else {
                for (int k = 0; k < n; k++) {
                    int xo = base + k * inner;
                    for (int i = 0; i < inner; i++) {
                        r[ro + i] += x[xo + i];
                    }
                }
            }
        }
        return r;
    }

    static double[] sumDim(double[] x, int[] s, int d) {
        if (s.length == 0) {
            return x.clone();
        }
        int outer = Shape.outer(s, d);
        int n = s[d];
        int inner = Shape.inner(s, d);
        double[] r = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            int ro = o * inner;
            if (inner == 1) {
                double acc = 0;
                for (int k = 0; k < n; k++) {
                    acc += x[base + k];
                }
                r[ro] = acc;
            } else {
                for (int k = 0; k < n; k++) {
                    int xo = base + k * inner;
                    for (int i = 0; i < inner; i++) {
                        r[ro + i] += x[xo + i];
                    }
                }
            }
        }
        return r;
    }

    /** Values and first-argmax indices over dim d; NaN wins, as in PyTorch. */
    static double[][] maxDim(String op, double[] x, int[] s, int d) {
        if (s.length == 0) {
            return new double[][] {x.clone(), new double[] {0}};
        }
        int outer = Shape.outer(s, d);
        int n = s[d];
        int inner = Shape.inner(s, d);
        if (n == 0) { // even when the result would be empty, as PyTorch's max()
            throw new IllegalArgumentException(op + ": cannot reduce over dim " + d + " of size 0 (shape "
                    + Shape.str(s) + ")");
        }
        double[] v = new double[outer * inner];
        double[] ix = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double best = x[base];
                int arg = 0;
                for (int k = 1; k < n && !Double.isNaN(best); k++) {
                    double c = x[base + k * inner];
                    if (c > best || Double.isNaN(c)) {
                        best = c;
                        arg = k;
                    }
                }
                v[o * inner + i] = best;
                ix[o * inner + i] = arg;
            }
        }
        return new double[][] {v, ix};
    }
}
