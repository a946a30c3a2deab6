package jgrad;

import jgrad.ops.Arithmetic;
import jgrad.ops.Unary;

/**
 * The elementwise math of {@link Tensor} (arithmetic, unary functions): each a one-line call
 * into {@code jgrad.ops}, where the op's forward and backward sit side by side.
 * Package-private: every method here is a public method of {@link Tensor}.
 */
abstract sealed class TensorOps extends TensorValues permits TensorShapeOps {
    TensorOps(double[] data, int[] shape, DType dtype, int[] version) {
        super(data, shape, dtype, version);
    }

    // ---------------------------------------------------------------- arithmetic and unary functions

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
        return Arithmetic.addScalar(self(), s);
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
        return Arithmetic.subScalar(self(), s);
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
        return Arithmetic.mulScalar(self(), s);
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
        return Arithmetic.divScalar(self(), s);
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
}
