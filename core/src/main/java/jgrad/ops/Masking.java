package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * Ops that overwrite the elements a mask picks: {@code maskedFill} (a BOOL mask) and
 * {@code tril}/{@code triu} (a triangle of the last two dims); each forward next to its
 * backward, which zeroes the gradient where the forward wrote a constant.
 */
public final class Masking {
    private Masking() {}

    /**
     * {@code torch.masked_fill(a, mask, value)}: {@code value} where {@code mask} is true, {@code a}
     * elsewhere, broadcasting {@code a} and {@code mask} together (the out-of-place op's rule); the
     * gradient is {@code g} where the mask is false and 0 where it is true, summed back to
     * {@code a}'s shape.
     *
     * @param a the input
     * @param mask the BOOL mask
     * @param value the value written where the mask is true (rounded to {@code a}'s dtype: truncated
     *     toward zero for INT64, nonzero means true for BOOL)
     * @return a new tensor of the broadcast shape and {@code a}'s dtype
     */
    public static Tensor maskedFill(Tensor a, Tensor mask, double value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("maskedFill: the mask must be BOOL, got " + mask.dtype() + " of shape "
                    + Shape.str(mask.shapeArray()) + " (input of shape " + Shape.str(a.shapeArray())
                    + "); make it with a comparison such as gt(0), or with to(DType.BOOL)");
        }
        int[] as = a.shapeArray();
        int[] shape;
        try {
            shape = Shape.broadcast("maskedFill", as, mask.shapeArray());
        } catch (IllegalArgumentException e) {
            throw Shape.error("maskedFill", "mask of shape " + Shape.str(mask.shapeArray())
                    + " does not broadcast with the input of shape " + Shape.str(as));
        }
        DType dt = a.dtype();
        if (dt == DType.INT64 && !(Math.abs(value) < 0x1p63)) {
            throw new IllegalArgumentException("maskedFill: value " + value + " does not fit an INT64 input of shape "
                    + Shape.str(as));
        }
        double fill = dt == DType.INT64 ? (double) (long) value : dt == DType.BOOL ? (value != 0 ? 1.0 : 0.0) : value;
        double[] m = Compare.spread(mask, shape);
        double[] x = Compare.spread(a, shape);
        double[] r = new double[m.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = m[i] != 0 ? fill : x[i];
        }
        Tensor out = TensorInternals.wrap(r, dt, shape);
        return Tape.record("MaskedFillBackward", out, new Tensor[] {a}, new Tensor[] {mask},
                g -> new Tensor[] {Selection.where(mask, Tensor.zeros(g.dtype()), g).sumTo(as)});
    }

    /**
     * The lower ({@code upper} false) or upper triangle of the last two dims, like
     * {@code torch.tril}/{@code torch.triu}: element (i, j) is kept where {@code j - i <= diagonal}
     * (tril) or {@code j - i >= diagonal} (triu), else 0; the gradient is the same triangle of
     * {@code g}.
     *
     * @param upper whether to keep the upper triangle (triu) rather than the lower (tril)
     * @param a the input, with at least 2 dims (any leading dims are batch dims)
     * @param diagonal which diagonal bounds the triangle: 0 the main one, positive above it, negative below
     * @return a new tensor of {@code a}'s shape and dtype
     */
    public static Tensor triangle(boolean upper, Tensor a, int diagonal) {
        String op = upper ? "triu" : "tril";
        int[] s = a.shapeArray();
        if (s.length < 2) {
            throw Shape.error(op, "the input must have at least 2 dims, got shape " + Shape.str(s));
        }
        int rows = s[s.length - 2];
        int cols = s[s.length - 1];
        double[] x = a.doubles();
        double[] r = new double[x.length];
        for (int at = 0; at < x.length; at += rows * cols) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    long d = (long) j - i;
                    boolean keep = upper ? d >= diagonal : d <= diagonal;
                    r[at + i * cols + j] = keep ? x[at + i * cols + j] : 0.0;
                }
            }
        }
        return Tape.record(upper ? "TriuBackward" : "TrilBackward", TensorInternals.wrap(r, a.dtype(), s),
                new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {triangle(upper, g, diagonal)});
    }
}
