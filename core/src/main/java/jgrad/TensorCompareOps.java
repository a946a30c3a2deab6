package jgrad;

import jgrad.ops.Compare;
import jgrad.ops.Selection;

/**
 * The comparisons, logical ops, {@code where} and {@code isclose}/{@code allclose} of
 * {@link Tensor}: each a one-line call into {@code jgrad.ops}. The masks they return are
 * {@link DType#BOOL} and never require grad. Package-private: every method here is a public
 * method of {@link Tensor}.
 */
abstract sealed class TensorCompareOps extends TensorOps permits TensorShapeOps {
    /** PyTorch's default relative tolerance of {@code isclose} and {@code allclose}. */
    private static final double RTOL = 1e-5;
    /** PyTorch's default absolute tolerance of {@code isclose} and {@code allclose}. */
    private static final double ATOL = 1e-8;

    TensorCompareOps(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        super(data, fdata, shape, dtype, version);
    }

    // ---------------------------------------------------------------- comparisons

    /**
     * Where this is greater than {@code o} ({@code this > o}), broadcasting, like {@code torch.gt}; false where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor gt(Tensor o) {
        return Compare.compare(Compare.GT, self(), o);
    }

    /**
     * Where this is greater than {@code s} ({@code this > s}), like {@code torch.gt}; false where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor gt(double s) {
        return Compare.compareScalar(Compare.GT, self(), s);
    }

    /**
     * Where this is less than {@code o} ({@code this < o}), broadcasting, like {@code torch.lt}; false where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor lt(Tensor o) {
        return Compare.compare(Compare.LT, self(), o);
    }

    /**
     * Where this is less than {@code s} ({@code this < s}), like {@code torch.lt}; false where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor lt(double s) {
        return Compare.compareScalar(Compare.LT, self(), s);
    }

    /**
     * Where this is greater than or equal to {@code o} ({@code this >= o}), broadcasting, like {@code torch.ge}; false where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor ge(Tensor o) {
        return Compare.compare(Compare.GE, self(), o);
    }

    /**
     * Where this is greater than or equal to {@code s} ({@code this >= s}), like {@code torch.ge}; false where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor ge(double s) {
        return Compare.compareScalar(Compare.GE, self(), s);
    }

    /**
     * Where this is less than or equal to {@code o} ({@code this <= o}), broadcasting, like {@code torch.le}; false where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor le(Tensor o) {
        return Compare.compare(Compare.LE, self(), o);
    }

    /**
     * Where this is less than or equal to {@code s} ({@code this <= s}), like {@code torch.le}; false where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor le(double s) {
        return Compare.compareScalar(Compare.LE, self(), s);
    }

    /**
     * Where this is equal to {@code o} ({@code this == o}), broadcasting, like {@code torch.eq}; false where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor eq(Tensor o) {
        return Compare.compare(Compare.EQ, self(), o);
    }

    /**
     * Where this is equal to {@code s} ({@code this == s}), like {@code torch.eq}; false where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor eq(double s) {
        return Compare.compareScalar(Compare.EQ, self(), s);
    }

    /**
     * Where this is not equal to {@code o} ({@code this != o}), broadcasting, like {@code torch.ne}; true where either is NaN.
     *
     * @param o the other operand
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor ne(Tensor o) {
        return Compare.compare(Compare.NE, self(), o);
    }

    /**
     * Where this is not equal to {@code s} ({@code this != s}), like {@code torch.ne}; true where either is NaN.
     *
     * @param s the scalar
     * @return a new BOOL mask of this shape
     */
    public Tensor ne(double s) {
        return Compare.compareScalar(Compare.NE, self(), s);
    }

    // ---------------------------------------------------------------- logical ops

    /**
     * Where this is zero, like {@code torch.logical_not} (any dtype; NaN counts as nonzero).
     *
     * @return a new BOOL mask of this shape
     */
    public Tensor logicalNot() {
        return Compare.logicalNot(self());
    }

    /**
     * Where both this and {@code o} are nonzero, broadcasting, like {@code torch.logical_and}.
     *
     * @param o the other operand, any dtype
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor logicalAnd(Tensor o) {
        return Compare.logical("logicalAnd", false, self(), o);
    }

    /**
     * Where this or {@code o} is nonzero, broadcasting, like {@code torch.logical_or}.
     *
     * @param o the other operand, any dtype
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor logicalOr(Tensor o) {
        return Compare.logical("logicalOr", true, self(), o);
    }

    // ---------------------------------------------------------------- where, isclose, allclose

    /**
     * This where {@code condition} is true, else {@code other}: {@code torch.where(condition, this, other)},
     * also written {@code Tensor.where(condition, x, y)}. All three broadcast; the gradient flows
     * to this tensor where the condition is true and to {@code other} where it is false.
     *
     * @param condition the BOOL mask
     * @param other the values where {@code condition} is false
     * @return a new tensor of the broadcast shape, of the promoted dtype of this and {@code other}
     * @throws IllegalArgumentException if {@code condition} is not BOOL, or the shapes do not broadcast
     */
    public Tensor where(Tensor condition, Tensor other) {
        return Selection.where(condition, self(), other);
    }

    /**
     * Where this is close to {@code o}, like {@code torch.isclose(this, o, rtol, atol)}:
     * {@code |this - o| <= atol + rtol * |o|} or equal (infinities of one sign are close); NaN is
     * never close ({@code equal_nan=False}). Broadcasts.
     *
     * @param o the other tensor, of the same dtype
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @return a new BOOL mask of the broadcast shape
     * @throws IllegalArgumentException if the dtypes differ, a tolerance is negative or the shapes do not broadcast
     */
    public Tensor isclose(Tensor o, double rtol, double atol) {
        return Compare.isclose("isclose", self(), o, rtol, atol);
    }

    /**
     * {@link Tensor#isclose(Tensor, double, double)} with PyTorch's defaults, rtol 1e-5 and atol 1e-8.
     *
     * @param o the other tensor, of the same dtype
     * @return a new BOOL mask of the broadcast shape
     */
    public Tensor isclose(Tensor o) {
        return Compare.isclose("isclose", self(), o, RTOL, ATOL);
    }

    /**
     * Whether every element is close to {@code o}, like {@code torch.allclose(this, o, rtol, atol)}:
     * {@link Tensor#isclose(Tensor, double, double)} everywhere, broadcasting; any NaN makes it false.
     *
     * @param o the other tensor, of the same dtype
     * @param rtol the relative tolerance, at least 0
     * @param atol the absolute tolerance, at least 0
     * @return whether all elements are close (true for empty tensors)
     * @throws IllegalArgumentException if the dtypes differ, a tolerance is negative or the shapes do not broadcast
     */
    public boolean allclose(Tensor o, double rtol, double atol) {
        return Compare.allclose(self(), o, rtol, atol);
    }

    /**
     * {@link Tensor#allclose(Tensor, double, double)} with PyTorch's defaults, rtol 1e-5 and atol 1e-8.
     *
     * @param o the other tensor, of the same dtype
     * @return whether all elements are close
     */
    public boolean allclose(Tensor o) {
        return Compare.allclose(self(), o, RTOL, ATOL);
    }
}
