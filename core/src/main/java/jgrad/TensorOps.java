package jgrad;

import jgrad.ops.Arithmetic;
import jgrad.ops.Selection;
import jgrad.ops.Unary;

/**
 * The elementwise math of {@link Tensor} (arithmetic, unary functions, clamp, minimum and
 * maximum): each a one-line call
 * into {@code jgrad.ops}, where the op's forward and backward sit side by side.
 * Package-private: every method here is a public method of {@link Tensor}.
 */
abstract sealed class TensorOps extends TensorValues permits TensorCompareOps {
    TensorOps(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        super(data, fdata, shape, dtype, version);
    }

    // ---------------------------------------------------------------- arithmetic and unary functions

    /**
     * A scalar operand as PyTorch casts it to the op's dtype: rounded to float when the result is
     * FLOAT32, so {@code x.mul(0.1)} multiplies by {@code 0.1f} (and a bound of {@code clampMin}
     * is compared as a float).
     */
    private double asOperand(double s) {
        return dtype().toFloating() == DType.FLOAT32 ? (float) s : s;
    }

    /**
     * {@code this + o}, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor add(Tensor o) {
        return Arithmetic.add(self(), o);
    }

    /**
     * {@code this + s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor add(double s) {
        return Arithmetic.addScalar(self(), asOperand(s));
    }

    /**
     * {@code this - o}, broadcasting.
     *
     * @param o the operand to subtract
     * @return a new tensor of the broadcast shape
     */
    public Tensor sub(Tensor o) {
        return Arithmetic.sub(self(), o);
    }

    /**
     * {@code this - s}.
     *
     * @param s the scalar to subtract
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sub(double s) {
        return Arithmetic.subScalar(self(), asOperand(s));
    }

    /**
     * {@code this * o} elementwise, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor mul(Tensor o) {
        return Arithmetic.mul(self(), o);
    }

    /**
     * {@code this * s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor mul(double s) {
        return Arithmetic.mulScalar(self(), asOperand(s));
    }

    /**
     * {@code this / o} elementwise (true division), broadcasting.
     *
     * @param o the divisor
     * @return a new FLOAT64 tensor of the broadcast shape
     */
    public Tensor div(Tensor o) {
        return Arithmetic.div(self(), o);
    }

    /**
     * {@code this / s}.
     *
     * @param s the divisor
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor div(double s) {
        return Arithmetic.divScalar(self(), asOperand(s));
    }

    /**
     * {@code -this}.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor neg() {
        return Arithmetic.neg(self());
    }

    /**
     * {@code this ** exponent}.
     *
     * @param exponent the power to raise each element to
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor pow(double exponent) {
        return Arithmetic.pow(self(), exponent);
    }

    /**
     * Elementwise e<sup>x</sup>.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor exp() {
        return Unary.exp(self());
    }

    /**
     * Elementwise natural log.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor log() {
        return Unary.log(self());
    }

    /**
     * Elementwise square root.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sqrt() {
        return Unary.sqrt(self());
    }

    /**
     * Elementwise absolute value.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor abs() {
        return Unary.abs(self());
    }

    /**
     * Elementwise max(x, 0).
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor relu() {
        return Unary.relu(self());
    }

    /**
     * Elementwise 1 / (1 + e<sup>-x</sup>).
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sigmoid() {
        return Unary.sigmoid(self());
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor tanh() {
        return Unary.tanh(self());
    }

    /**
     * Elementwise sine.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sin() {
        return Unary.sin(self());
    }

    /**
     * Elementwise cosine.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor cos() {
        return Unary.cos(self());
    }

    /**
     * Elementwise ln(1 + x), accurate for small x, like {@code torch.log1p}.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor log1p() {
        return Unary.log1p(self());
    }

    /**
     * Elementwise e<sup>x</sup> - 1, accurate for small x, like {@code torch.expm1}.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor expm1() {
        return Unary.expm1(self());
    }

    /**
     * Elementwise error function, like {@code torch.erf} (what exact GELU needs): odd, in
     * [-1, 1], +-1 at +-infinity, NaN for NaN. Gradient {@code 2/sqrt(pi) exp(-x^2)}.
     *
     * @return a new tensor of this shape and floating type (FLOAT64 for INT64 or BOOL)
     */
    public Tensor erf() {
        return Unary.erf(self());
    }

    // ---------------------------------------------------------------- clamp, minimum, maximum

    /**
     * Each element limited to {@code [min, max]}, like {@code torch.clamp}: {@code min(max(x, min), max)},
     * so {@code max} wins when {@code min > max}; NaN stays NaN. The gradient passes where
     * {@code min <= x <= max} (bounds included), as in PyTorch.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return a new FLOAT64 tensor of this shape
     * @throws IllegalArgumentException if a bound is NaN
     */
    public Tensor clamp(double min, double max) {
        return Selection.clamp("clamp", self(), asOperand(min), asOperand(max));
    }

    /**
     * Each element limited by tensor bounds, like {@code torch.clamp(x, min, max)} with tensors:
     * all three broadcast, and either bound may be null (not both); NaN anywhere gives NaN. As in
     * PyTorch, the gradient goes to this tensor where {@code min <= x <= max}, to {@code min} where
     * {@code x < min < max}, and to {@code max} where {@code x > max} or {@code max < min}.
     *
     * @param min the lower bounds, or null for none
     * @param max the upper bounds, or null for none
     * @return a new tensor of the broadcast shape
     * @throws IllegalArgumentException if both bounds are null or the shapes do not broadcast
     */
    public Tensor clamp(Tensor min, Tensor max) {
        return Selection.clamp(self(), min, max);
    }

    /**
     * Each element at least {@code min}, like {@code torch.clamp_min}; the gradient passes where
     * {@code x >= min}.
     *
     * @param min the lower bound
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor clampMin(double min) {
        return Selection.clamp("clampMin", self(), asOperand(min), Double.POSITIVE_INFINITY);
    }

    /**
     * Each element at most {@code max}, like {@code torch.clamp_max}; the gradient passes where
     * {@code x <= max}.
     *
     * @param max the upper bound
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor clampMax(double max) {
        return Selection.clamp("clampMax", self(), Double.NEGATIVE_INFINITY, asOperand(max));
    }

    /**
     * The elementwise minimum, broadcasting, like {@code torch.minimum}; NaN propagates. Where
     * the two are equal the gradient is split in half between them, as in PyTorch.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor minimum(Tensor o) {
        return Selection.extremum(false, self(), o);
    }

    /**
     * The elementwise maximum, broadcasting, like {@code torch.maximum}; NaN propagates. Where
     * the two are equal the gradient is split in half between them, as in PyTorch.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor maximum(Tensor o) {
        return Selection.extremum(true, self(), o);
    }
}
