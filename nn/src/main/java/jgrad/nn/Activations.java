package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * The elementwise activations built from recorded Tensor ops (so twice differentiable), their
 * defaults and argument checks; {@link Functional} and the modules call these.
 */
final class Activations {
    static final double DEFAULT_NEGATIVE_SLOPE = 0.01;
    static final double DEFAULT_BETA = 1.0;
    static final double DEFAULT_THRESHOLD = 20.0;

    private Activations() {}

    static void checkSlope(String op, double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) {
            throw new IllegalArgumentException(op + ": negative_slope must be finite, got " + negativeSlope);
        }
    }

    /**
     * PyTorch takes any beta, but beta 0 only gives inf (and a NaN gradient here), so it is
     * refused; NaN and infinite values too.
     */
    static void checkSoftplus(String op, double beta, double threshold) {
        if (beta == 0.0 || !Double.isFinite(beta)) {
            throw new IllegalArgumentException(op + ": beta must be finite and non-zero (log(1 + exp(beta * x)) / beta), "
                    + "got " + beta);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException(op + ": threshold must be finite, got " + threshold);
        }
    }

    static void checkFloating(String op, Tensor x) {
        LossChecks.checkNotNull(op, "input", x);
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": input must be floating (FLOAT32 or FLOAT64), got " + x.dtype()
                    + " of shape " + Shape.str(x.shape()) + " (PyTorch: not implemented for '"
                    + LossChecks.torchName(x.dtype()) + "')");
        }
    }

    /** {@code where(x > 0, x, slope * x)}: the gradient at 0 is the slope, as PyTorch's. */
    static Tensor leakyRelu(String op, Tensor x, double negativeSlope) {
        checkSlope(op, negativeSlope);
        checkFloating(op, x);
        return Tensor.where(x.gt(0.0), x, x.mul(negativeSlope));
    }

    static Tensor silu(String op, Tensor x) {
        checkFloating(op, x);
        return x.mul(x.sigmoid());
    }

    /**
     * {@code where(beta x > threshold, x, log1p(exp(beta x')) / beta)} with {@code x'} zeroed
     * where the linear branch is taken, so that branch's exp never overflows into a NaN gradient.
     */
    static Tensor softplus(String op, Tensor x, double beta, double threshold) {
        checkSoftplus(op, beta, threshold);
        checkFloating(op, x);
        Tensor bx = x.mul(beta);
        Tensor linear = bx.gt(threshold);
        Tensor safe = Tensor.where(linear, Tensor.zeros(x.dtype()), bx);
        return Tensor.where(linear, x, safe.exp().log1p().div(beta));
    }

    /**
     * Returns the approximate argument if it is {@code "none"} or {@code "tanh"} (PyTorch's two
     * choices), else throws naming the op and the value.
     */
    static String checkApproximate(String op, String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate)) {
            throw new IllegalArgumentException(op + ": approximate must be 'none' or 'tanh', got "
                    + (approximate == null ? "null" : "'" + approximate + "'"));
        }
        return approximate;
    }

    /**
     * Exact {@code 0.5 x (1 + erf(x / sqrt 2))}, or with "tanh"
     * {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, as PyTorch's GELU.
     */
    static Tensor gelu(String op, Tensor x, String approximate) {
        checkApproximate(op, approximate);
        checkFloating(op, x);
        Tensor inner = "none".equals(approximate) ? x.mul(1.0 / Math.sqrt(2.0)).erf()
                : x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2.0 / Math.PI)).tanh();
        return x.mul(0.5).mul(inner.add(1.0));
    }

    /** An integral value as Python prints an int ({@code 20}), any other as a float ({@code 0.5}). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : PyRepr.pyFloat(v);
    }
}
