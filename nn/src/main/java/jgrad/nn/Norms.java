package jgrad.nn;

import java.util.Arrays;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Layer normalisation built from recorded Tensor ops (so twice differentiable), with its argument
 * checks; {@link Functional#layerNorm} and {@link LayerNorm} call it.
 */
final class Norms {
    static final double DEFAULT_EPS = 1e-5;

    private Norms() {}

    static void checkShape(String op, int[] normalizedShape) {
        if (normalizedShape == null || normalizedShape.length == 0) {
            throw new IllegalArgumentException(op + ": normalized_shape must have at least one dim, got "
                    + (normalizedShape == null ? "null" : "()"));
        }
        for (int n : normalizedShape) {
            if (n < 0) {
                throw new IllegalArgumentException(op + ": normalized_shape sizes must be >= 0, got "
                        + tuple(normalizedShape));
            }
        }
    }

    static void checkEps(String op, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be finite and >= 0, got " + eps);
        }
    }

    /** The shape as Python prints a tuple: {@code (4,)}, {@code (3, 4)}. */
    static String tuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /**
     * {@code (x - mean) / sqrt(var + eps) * weight + bias} over the last
     * {@code normalizedShape.length} dims, with the biased variance (correction 0), in x's dtype.
     */
    static Tensor layerNorm(String op, Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        checkShape(op, normalizedShape);
        checkEps(op, eps);
        Activations.checkFloating(op, x);
        int k = normalizedShape.length;
        int[] shape = x.shape();
        if (shape.length < k || !Arrays.equals(normalizedShape, Arrays.copyOfRange(shape, shape.length - k,
                shape.length))) {
            throw new IllegalArgumentException(op + ": given normalized_shape=" + Shape.str(normalizedShape)
                    + ", expected input with shape [*, " + Shape.str(normalizedShape).substring(1) + ", but got input of size "
                    + Shape.str(shape));
        }
        checkAffine(op, "weight", weight, x, normalizedShape);
        checkAffine(op, "bias", bias, x, normalizedShape);
        int m = 1;
        for (int n : normalizedShape) {
            m *= n;
        }
        int[] flatShape = Arrays.copyOf(shape, shape.length - k + 1);
        flatShape[flatShape.length - 1] = m;
        Tensor flat = x.reshape(flatShape);
        int last = flatShape.length - 1;
        Tensor centered = flat.sub(flat.mean(last, true));
        Tensor y = centered.div(flat.var(last, 0, true).add(eps).sqrt()).reshape(shape);
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias != null ? y.add(bias) : y;
    }

    private static void checkAffine(String op, String name, Tensor p, Tensor x, int[] normalizedShape) {
        if (p == null) {
            return;
        }
        if (!Arrays.equals(p.shape(), normalizedShape)) {
            throw new IllegalArgumentException(op + ": " + name + " of shape " + Shape.str(p.shape())
                    + " does not match normalized_shape " + Shape.str(normalizedShape));
        }
        if (p.dtype() != x.dtype()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + p.dtype() + " but the input is " + x.dtype()
                    + " (like PyTorch, no mixed dtypes; convert the module with to(" + x.dtype() + "))");
        }
    }
}
