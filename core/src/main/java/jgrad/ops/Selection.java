package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/**
 * Ops that pick each element from one of their inputs: {@code where}, {@code clamp},
 * {@code minimum}, {@code maximum}; each forward next to its backward, which routes the gradient
 * to the input picked (with PyTorch's rules at ties and bounds). NaN propagates.
 */
public final class Selection {
    private Selection() {}

    private static final Tensor ZERO = Tensor.scalar(0.0);

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
        Tensor out = Tensor.wrapUnchecked(r, DType.promote(x.dtype(), y.dtype()), shape);
        return Tape.record("WhereBackward", out, new Tensor[] {x, y}, new Tensor[] {cond}, g -> new Tensor[] {
                x.requiresGrad() ? where(cond, g, ZERO).sumTo(xs) : null,
                y.requiresGrad() ? where(cond, ZERO, g).sumTo(ys) : null});
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
        double[] x = a.storage();
        double[] r = new double[x.length];
        double[] pass = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            r[i] = v != v ? v : Math.min(Math.max(v, lo), hi);
            pass[i] = v >= lo && v <= hi ? 1.0 : 0.0;
        }
        Tensor mask = Tensor.wrapUnchecked(pass, DType.BOOL, a.shapeArray());
        return Tape.record("ClampBackward", Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {where(mask, g, ZERO)});
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
        Tensor out = Tensor.wrapUnchecked(r, DType.promote(a.dtype(), b.dtype()), shape);
        Tensor sa = Tensor.wrapUnchecked(fa, DType.FLOAT64, shape);
        Tensor sb = Tensor.wrapUnchecked(fb, DType.FLOAT64, shape);
        return Tape.record(max ? "MaximumBackward" : "MinimumBackward", out, new Tensor[] {a, b}, Tape.NO_TENSORS,
                g -> new Tensor[] {
                    a.requiresGrad() ? share(g, sa).sumTo(as) : null,
                    b.requiresGrad() ? share(g, sb).sumTo(bs) : null});
    }

    /** {@code g * f} where {@code f} is nonzero, exactly 0 elsewhere (even where g is infinite or NaN). */
    private static Tensor share(Tensor g, Tensor f) {
        return where(f.ne(0.0), g.mul(f), ZERO);
    }
}
