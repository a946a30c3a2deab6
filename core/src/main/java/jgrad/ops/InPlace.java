package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.kernel.Broadcast;
import jgrad.internal.TensorInternals;

/**
 * In-place updates for optimizers and users. Rules, as in PyTorch: a tensor made by a recorded
 * op cannot be modified in place; a leaf that requires grad only under {@link Autograd#noGrad()};
 * every update bumps the version counter, so a backward that needs the old values fails loudly.
 */
public final class InPlace {
    private InPlace() {}

    private static void check(String op, Tensor t) {
        if (t.gradFn() != null) {
            throw new IllegalStateException(op + ": in-place ops are allowed on leaves only; this tensor of shape "
                    + Shape.str(t.shape()) + " was made by " + t.gradFn().name());
        }
        if (t.requiresGrad() && Autograd.isGradEnabled()) {
            throw new IllegalStateException(op + ": a leaf tensor that requires grad (shape " + Shape.str(t.shape())
                    + ") is being modified in place; do it inside try (var s = Autograd.noGrad()) { ... }");
        }
    }

    private static double[] operand(String op, Tensor t, Tensor o) {
        int[] ts = t.shape();
        if (!Shape.broadcastsTo(o.shape(), ts)) {
            throw Shape.error(op, "cannot apply an operand of shape " + Shape.str(o.shape())
                    + " in place to a tensor of shape " + Shape.str(ts));
        }
        if (t.dtype() == DType.INT64 && o.dtype().isFloatingPoint()
                || t.dtype() == DType.BOOL && o.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": a " + o.dtype() + " operand cannot be written into a"
                    + (t.dtype() == DType.INT64 ? "n " : " ") + t.dtype() + " tensor");
        }
        return o.numel() == t.numel() ? o.doubles() : Broadcast.expand(o.doubles(), o.shape(), ts);
    }

    /**
     * t += alpha * o.
     *
     * @param t the tensor to modify
     * @param o the operand; its shape must broadcast to {@code t}'s shape
     * @param alpha the factor {@code o} is multiplied by
     * @return {@code t}
     */
    public static Tensor add(Tensor t, Tensor o, double alpha) {
        check("addInPlace", t);
        if (alpha != 1.0) { // subtracting masks is refused, as PyTorch refuses - on bool tensors
            Arithmetic.rejectBool(alpha == -1.0 ? "subInPlace" : "addInPlace", t, "subtraction with");
            Arithmetic.rejectBool(alpha == -1.0 ? "subInPlace" : "addInPlace", o, "subtraction with");
        }
        if (t.dtype() == DType.FLOAT32 && o.dtype() == DType.FLOAT32 && o.numel() == t.numel()
                && java.util.Arrays.equals(t.shapeArray(), o.shapeArray())) {
            float[] x = t.floatStorage();
            float[] y = o.floatStorage();
            float a = (float) alpha;
            for (int i = 0; i < x.length; i++) {
                x[i] += a * y[i];
            }
            TensorInternals.bumpVersion(t);
            return t;
        }
        double[] y = operand("addInPlace", t, o);
        double[] x = t.doubles();
        if (t.dtype() == DType.BOOL) {
            for (int i = 0; i < x.length; i++) {
                x[i] = x[i] + y[i] != 0 ? 1.0 : 0.0; // True + True is True
            }
        } else if (alpha == 1.0) {
            for (int i = 0; i < x.length; i++) {
                x[i] += y[i];
            }
        } else if (alpha == -1.0) {
            for (int i = 0; i < x.length; i++) {
                x[i] -= y[i];
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x[i] += alpha * y[i];
            }
        }
        TensorInternals.store(t, x);
        TensorInternals.bumpVersion(t);
        return t;
    }

    /**
     * t *= s.
     *
     * @param t the tensor to modify
     * @param s the factor (a whole number if {@code t} is INT64)
     * @return {@code t}
     */
    public static Tensor mulScalar(Tensor t, double s) {
        check("mulInPlace", t);
        if (t.dtype() == DType.INT64 && s != Math.rint(s) || t.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("mulInPlace: cannot multiply a" + (t.dtype() == DType.INT64 ? "n " : " ")
                    + t.dtype() + " tensor by " + s + " in place");
        }
        if (t.dtype() == DType.FLOAT32) { // in the float storage: the values below, rounded, no copies
            float[] x = t.floatStorage();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * s);
            }
            TensorInternals.bumpVersion(t);
            return t;
        }
        double[] x = t.doubles();
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        TensorInternals.store(t, x);
        TensorInternals.bumpVersion(t);
        return t;
    }

    /**
     * t *= o.
     *
     * @param t the tensor to modify
     * @param o the operand; its shape must broadcast to {@code t}'s shape
     * @return {@code t}
     */
    public static Tensor mul(Tensor t, Tensor o) {
        check("mulInPlace", t);
        double[] y = operand("mulInPlace", t, o);
        double[] x = t.doubles();
        for (int i = 0; i < x.length; i++) {
            x[i] *= y[i];
        }
        TensorInternals.store(t, x);
        TensorInternals.bumpVersion(t);
        return t;
    }

    /**
     * t /= o.
     *
     * @param t the floating tensor to modify
     * @param o the divisor; its shape must broadcast to {@code t}'s shape
     * @return {@code t}
     */
    public static Tensor div(Tensor t, Tensor o) {
        check("divInPlace", t);
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("divInPlace: true division cannot be written into a"
                    + (t.dtype() == DType.INT64 ? "n " : " ") + t.dtype() + " tensor");
        }
        double[] y = operand("divInPlace", t, o);
        double[] x = t.doubles();
        for (int i = 0; i < x.length; i++) {
            x[i] /= y[i];
        }
        TensorInternals.store(t, x);
        TensorInternals.bumpVersion(t);
        return t;
    }

    /**
     * t = src (broadcast).
     *
     * @param t the tensor to modify
     * @param src the values; their shape must broadcast to {@code t}'s shape
     * @return {@code t}
     */
    public static Tensor copy(Tensor t, Tensor src) {
        check("copyFrom", t);
        double[] y = operand("copyFrom", t, src);
        TensorInternals.store(t, y);
        TensorInternals.bumpVersion(t);
        return t;
    }

    /**
     * t = value everywhere.
     *
     * @param t the tensor to modify
     * @param value the value for every element (for BOOL, whether it is nonzero)
     * @return {@code t}
     */
    public static Tensor fill(Tensor t, double value) {
        check("fill", t);
        double v = t.dtype() == DType.BOOL ? (value != 0 ? 1.0 : 0.0) : value;
        if (t.dtype() == DType.FLOAT32) {
            java.util.Arrays.fill(t.floatStorage(), (float) v);
        } else {
            java.util.Arrays.fill(t.storage(), v);
        }
        TensorInternals.bumpVersion(t);
        return t;
    }
}
