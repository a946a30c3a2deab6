package jgrad.ops;

import java.util.Objects;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * Ops that pick each element from one of their inputs: {@code where}, {@code clamp},
 * {@code minimum}, {@code maximum}; each forward next to its backward, which routes the gradient
 * to the input picked (with PyTorch's rules at ties and bounds). NaN propagates.
 */
public final class Selection {
    private Selection() {}

    private static final Tensor ZERO = Tensor.zeros(DType.FLOAT64);
    private static final Tensor ZERO32 = Tensor.zeros(DType.FLOAT32);

    /** A 0-D zero of {@code g}'s dtype: a FLOAT64 zero would promote a 0-D FLOAT32 gradient. */
    private static Tensor zero(Tensor g) {
        return g.dtype() == DType.FLOAT32 ? ZERO32 : ZERO;
    }

    /**
     * {@code torch.where(cond, x, y)}: {@code x} where {@code cond} is true, else {@code y},
     * broadcasting all three; gradients flow to {@code x} where true and to {@code y} where false.
     *
     * @param cond the BOOL condition
     * @param x the values where {@code cond} is true
     * @param y the values where {@code cond} is false
     * @return a new tensor of the broadcast shape, of the promoted dtype of {@code x} and {@code y}
     */
    public static Tensor where(Tensor cond, Tensor x, Tensor y) {
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: the condition must be BOOL, got " + cond.dtype() + " of shape "
                    + Shape.str(cond.shapeArray()) + "; make it with a comparison such as gt(0), or with to(DType.BOOL)");
        }
        int[] xs = x.shapeArray();
        int[] ys = y.shapeArray();
        int[] shape;
        try {
            shape = Shape.broadcast("where", cond.shapeArray(), Shape.broadcast("where", xs, ys));
        } catch (IllegalArgumentException e) {
            throw Shape.error("where", "condition of shape " + Shape.str(cond.shapeArray()) + ", input of shape "
                    + Shape.str(xs) + " and other of shape " + Shape.str(ys) + " do not broadcast together");
        }
        double[] c = Compare.spread(cond, shape);
        double[] a = Compare.spread(x, shape);
        double[] b = Compare.spread(y, shape);
        double[] r = new double[c.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = c[i] != 0 ? a[i] : b[i];
        }
        Tensor out = TensorInternals.wrap(r, DType.resultType(x.dtype(), x.dim(), y.dtype(), y.dim()), shape);
        return Tape.record("WhereBackward", out, new Tensor[] {x, y}, new Tensor[] {cond}, (g, node) -> new Tensor[] {
                node.needsInputGrad(0) ? where(cond, g, zero(g)) : null,
                node.needsInputGrad(1) ? where(cond, zero(g), g) : null});
    }

    /**
     * {@code min(max(a, lo), hi)} (so {@code hi} wins when {@code lo > hi}, as in PyTorch); NaN
     * stays NaN. The gradient passes where {@code lo <= a <= hi} (bounds included) and is 0
     * elsewhere, NaN included.
     *
     * @param op the op's name, for the record
     * @param a the input
     * @param lo the lower bound ({@code -infinity} for none)
     * @param hi the upper bound ({@code +infinity} for none)
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor clamp(String op, Tensor a, double lo, double hi) {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException(op + ": a bound is NaN (min " + lo + ", max " + hi + ")");
        }
        double[] x = a.doubles();
        double[] r = new double[x.length];
        double[] pass = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            r[i] = v != v ? v : clampValue(v, lo, hi);
            pass[i] = v >= lo && v <= hi ? 1.0 : 0.0;
        }
        Tensor mask = TensorInternals.wrap(pass, DType.BOOL, a.shapeArray());
        return Tape.record("ClampBackward", TensorInternals.wrap(r, a.dtype().toFloating(), a.shapeArray()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {where(mask, g, zero(g))});
    }

    /**
     * {@code min(max(a, lo), hi)} with tensor bounds, broadcasting all three, like
     * {@code torch.clamp(a, lo, hi)}; either bound may be null (not both). NaN in any of them
     * gives NaN. PyTorch's gradients: to {@code a} where {@code lo <= a <= hi}; to {@code lo} where
     * {@code a < lo < hi}; to {@code hi} where {@code a > hi} or {@code hi < lo}.
     *
     * @param a the input
     * @param lo the lower bounds, or null
     * @param hi the upper bounds, or null
     * @return a new tensor of the broadcast shape and promoted dtype
     */
    public static Tensor clamp(Tensor a, Tensor lo, Tensor hi) {
        if (lo == null && hi == null) {
            throw new IllegalArgumentException("clamp: at least one of min and max must be given (both are null)");
        }
        int[] as = a.shapeArray();
        int[] shape = lo == null ? as : Shape.broadcast("clamp", as, lo.shapeArray());
        shape = hi == null ? shape : Shape.broadcast("clamp", shape, hi.shapeArray());
        double[] x = Compare.spread(a, shape);
        double[] l = lo == null ? null : Compare.spread(lo, shape);
        double[] h = hi == null ? null : Compare.spread(hi, shape);
        double[] r = new double[x.length];
        double[] toA = new double[x.length];
        double[] toLo = new double[x.length];
        double[] toHi = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            double p = l == null ? Double.NEGATIVE_INFINITY : l[i];
            double q = h == null ? Double.POSITIVE_INFINITY : h[i];
            r[i] = v != v || p != p || q != q ? Double.NaN : clampValue(v, p, q);
            toA[i] = v >= p && v <= q ? 1.0 : 0.0;
            // PyTorch compares the bounds only when both are given: with lo alone, lo = +inf still
            // takes the gradient where a < lo (so does hi = -inf alone where a > hi)
            toLo[i] = v < p && (h == null || p < q) ? 1.0 : 0.0;
            toHi[i] = v > q || (l != null && q < p) ? 1.0 : 0.0;
        }
        DType dt = a.dtype();
        dt = lo == null ? dt : DType.promote(dt, lo.dtype());
        dt = hi == null ? dt : DType.promote(dt, hi.dtype());
        Tensor ma = TensorInternals.wrap(toA, DType.BOOL, shape);
        Tensor ml = TensorInternals.wrap(toLo, DType.BOOL, shape);
        Tensor mh = TensorInternals.wrap(toHi, DType.BOOL, shape);
        // the node's inputs are the tensors given (no null entries), each with its mask
        Tensor[] in = Stream.of(a, lo, hi).filter(Objects::nonNull).toArray(Tensor[]::new);
        Tensor[] masks = Stream.of(ma, lo == null ? null : ml, hi == null ? null : mh)
                .filter(Objects::nonNull).toArray(Tensor[]::new);
        return Tape.record("ClampBackward", TensorInternals.wrap(r, dt, shape), in, Tape.NO_TENSORS, (g, node) -> {
            Tensor[] grads = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                grads[k] = node.needsInputGrad(k) ? where(masks[k], g, zero(g)) : null;
            }
            return grads;
        });
    }

    /**
     * {@code min(max(v, lo), hi)} as PyTorch computes it for numbers that are not NaN: a bound
     * replaces {@code v} only when strictly beyond it, so {@code -0.0} clamped to {@code [0, 1]}
     * stays {@code -0.0} (Java's {@code Math.max} would make it {@code 0.0}).
     */
    private static double clampValue(double v, double lo, double hi) {
        double m = v < lo ? lo : v;
        return m > hi ? hi : m;
    }

    /**
     * Elementwise minimum ({@code max} false) or maximum ({@code max} true), broadcasting; NaN
     * wins. PyTorch's gradient: to the input picked, half to each where they are equal, and all
     * of it to both where either is NaN.
     *
     * @param max whether to take the maximum
     * @param a one operand
     * @param b the other operand
     * @return a new tensor of the broadcast shape and promoted dtype
     */
    public static Tensor extremum(boolean max, Tensor a, Tensor b) {
        String op = max ? "maximum" : "minimum";
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int[] shape = Shape.broadcast(op, as, bs);
        double[] x = Compare.spread(a, shape);
        double[] y = Compare.spread(b, shape);
        double[] r = new double[x.length];
        double[] fa = new double[x.length]; // the share of the gradient that goes to a: 1, 0.5 or 0
        double[] fb = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double p = x[i];
            double q = y[i];
            boolean aLoses = max ? p < q : p > q;
            boolean bLoses = max ? p > q : p < q;
            r[i] = p != p || q != q ? Double.NaN : aLoses ? q : p;
            fa[i] = aLoses ? 0.0 : p == q ? 0.5 : 1.0;
            fb[i] = bLoses ? 0.0 : p == q ? 0.5 : 1.0;
        }
        DType dt = DType.resultType(a.dtype(), a.dim(), b.dtype(), b.dim());
        Tensor out = TensorInternals.wrap(r, dt, shape);
        Tensor sa = TensorInternals.wrap(fa, dt.toFloating(), shape);
        Tensor sb = TensorInternals.wrap(fb, dt.toFloating(), shape);
        return Tape.record(max ? "MaximumBackward" : "MinimumBackward", out, new Tensor[] {a, b}, Tape.NO_TENSORS,
                (g, node) -> new Tensor[] {
                    node.needsInputGrad(0) ? share(g, sa) : null,
                    node.needsInputGrad(1) ? share(g, sb) : null});
    }

    /** {@code g * f} where {@code f} is nonzero, exactly 0 elsewhere (even where g is infinite or NaN). */
    private static Tensor share(Tensor g, Tensor f) {
        return where(f.ne(0.0), g.mul(f), zero(g));
    }
}
