package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.kernel.Broadcast;
import jgrad.internal.TensorInternals;

/**
 * The comparisons ({@code gt}, {@code lt}, {@code ge}, {@code le}, {@code eq}, {@code ne}), the
 * logical ops and {@code isclose}/{@code allclose}: BOOL masks, never recorded on the tape (PyTorch
 * gives them no gradient). Binary ones broadcast; a comparison with NaN is false except
 * {@code ne}, which is true, as in IEEE 754 and PyTorch.
 */
public final class Compare {
    /** Comparison codes for {@link #compare} and {@link #compareScalar}. */
    public static final int GT = 0, LT = 1, GE = 2, LE = 3, EQ = 4, NE = 5;

    private static final String[] NAMES = {"gt", "lt", "ge", "le", "eq", "ne"};

    private Compare() {}

    /**
     * {@code t}'s values broadcast to {@code to} (shared, not copied, when no broadcast is needed).
     * Multiplying by 1 keeps every value as it is, -0.0 and NaN included.
     *
     * @param t the tensor, whose shape broadcasts to {@code to}
     * @param to the target shape
     * @return {@code numel(to)} values, row-major
     */
    public static double[] spread(Tensor t, int[] to) {
        if (t.numel() == Shape.numel(to)) {
            return t.doubles();
        }
        return Broadcast.binary(Broadcast.MUL, t.doubles(), t.shapeArray(), new double[] {1.0}, new int[0], to);
    }

    private static double test(int code, double x, double y) {
        boolean r = switch (code) {
            case GT -> x > y;
            case LT -> x < y;
            case GE -> x >= y;
            case LE -> x <= y;
            case EQ -> x == y;
            default -> x != y;
        };
        return r ? 1.0 : 0.0;
    }

    /**
     * {@code a op b} elementwise, broadcasting, as a BOOL mask. Compared in the operands' common
     * dtype, as PyTorch: where that is FLOAT32 (a 0-D FLOAT64 operand does not count), both sides
     * are rounded to float first, so {@code float32 0.1 <= float64 0-D 0.1} is true.
     *
     * @param code {@link #GT}, {@link #LT}, {@link #GE}, {@link #LE}, {@link #EQ} or {@link #NE}
     * @param a the left operand
     * @param b the right operand
     * @return a new BOOL tensor of the broadcast shape
     */
    public static Tensor compare(int code, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(NAMES[code], a.shapeArray(), b.shapeArray());
        double[] x = spread(a, shape);
        double[] y = spread(b, shape);
        double[] r = new double[x.length];
        boolean f32 = DType.resultType(a.dtype(), a.dim(), b.dtype(), b.dim()) == DType.FLOAT32;
        for (int i = 0; i < r.length; i++) {
            r[i] = f32 ? test(code, (float) x[i], (float) y[i]) : test(code, x[i], y[i]);
        }
        return TensorInternals.wrap(r, DType.BOOL, shape);
    }

    /**
     * {@code a op s} elementwise, as a BOOL mask; for a FLOAT32 tensor {@code s} is rounded to
     * float first, as PyTorch casts the scalar to the tensor's dtype.
     *
     * @param code {@link #GT}, {@link #LT}, {@link #GE}, {@link #LE}, {@link #EQ} or {@link #NE}
     * @param a the tensor
     * @param s the scalar
     * @return a new BOOL tensor of {@code a}'s shape
     */
    public static Tensor compareScalar(int code, Tensor a, double s) {
        double v = a.dtype() == DType.FLOAT32 ? (float) s : s;
        double[] x = a.doubles();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = test(code, x[i], v);
        }
        return TensorInternals.wrap(r, DType.BOOL, a.shapeArray());
    }

    /**
     * Elementwise not: true where {@code a} is zero (NaN is nonzero).
     *
     * @param a a tensor of any dtype
     * @return a new BOOL tensor of {@code a}'s shape
     */
    public static Tensor logicalNot(Tensor a) {
        double[] x = a.doubles();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] == 0 ? 1.0 : 0.0;
        }
        return TensorInternals.wrap(r, DType.BOOL, a.shapeArray());
    }

    /**
     * Elementwise and ({@code or} false) or or ({@code or} true) of nonzero-ness, broadcasting.
     *
     * @param op the op's name, for errors
     * @param or whether to compute or instead of and
     * @param a one operand, any dtype
     * @param b the other operand, any dtype
     * @return a new BOOL tensor of the broadcast shape
     */
    public static Tensor logical(String op, boolean or, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast(op, a.shapeArray(), b.shapeArray());
        double[] x = spread(a, shape);
        double[] y = spread(b, shape);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            boolean p = x[i] != 0;
            boolean q = y[i] != 0;
            r[i] = (or ? p || q : p && q) ? 1.0 : 0.0;
        }
        return TensorInternals.wrap(r, DType.BOOL, shape);
    }

    /**
     * PyTorch's {@code isclose} with {@code equal_nan=False}: {@code a == b}, or both finite
     * apart and {@code |a - b| <= atol + |rtol * b|}; NaN is never close.
     *
     * @param op the op's name, for errors
     * @param a the tensor
     * @param b the tensor to compare with; same dtype as {@code a}, broadcasting
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @return a new BOOL tensor of the broadcast shape
     */
    public static Tensor isclose(String op, Tensor a, Tensor b, double rtol, double atol) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": both tensors must have the same dtype, got " + a.dtype()
                    + " of shape " + Shape.str(a.shapeArray()) + " and " + b.dtype() + " of shape "
                    + Shape.str(b.shapeArray()) + "; convert one with to(DType)");
        }
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException(op + ": rtol and atol must be at least 0, got rtol " + rtol + ", atol "
                    + atol);
        }
        int[] shape = Shape.broadcast(op, a.shapeArray(), b.shapeArray());
        double[] x = spread(a, shape);
        double[] y = spread(b, shape);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double diff = Math.abs(x[i] - y[i]);
            boolean close = x[i] == y[i] || (Double.isFinite(diff) && diff <= atol + Math.abs(rtol * y[i]));
            r[i] = close ? 1.0 : 0.0;
        }
        return TensorInternals.wrap(r, DType.BOOL, shape);
    }

    /**
     * Whether every element of {@link #isclose} is true, like {@code torch.allclose}.
     *
     * @param a the tensor
     * @param b the tensor to compare with; same dtype as {@code a}, broadcasting
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @return true if all elements are close (also for empty tensors)
     */
    public static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        for (double v : isclose("allclose", a, b, rtol, atol).doubles()) {
            if (v == 0) {
                return false;
            }
        }
        return true;
    }
}
