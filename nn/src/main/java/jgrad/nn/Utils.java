package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * Helpers for training loops, like {@code torch.nn.utils}: {@link #clipGradNorm}.
 *
 * <pre>{@code
 * loss.backward();
 * Utils.clipGradNorm(model.parameters(), 1.0);   // torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
 * optimizer.step();
 * }</pre>
 */
public final class Utils {
    private Utils() {}

    /**
     * Scales the gradients in place so that their total 2-norm is at most {@code maxNorm}, like
     * {@code clip_grad_norm_(parameters, max_norm)}.
     *
     * @param params the parameters; those whose grad is null are skipped
     * @param maxNorm the largest total norm kept
     * @return the total norm of the gradients before clipping, 0-D
     * @throws IllegalArgumentException if params or one of them is null
     * @see #clipGradNorm(List, double, double, boolean)
     */
    public static Tensor clipGradNorm(List<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    /**
     * Scales the gradients in place so that their total {@code normType}-norm is at most
     * {@code maxNorm}, like {@code clip_grad_norm_(parameters, max_norm, norm_type)}.
     *
     * @param params the parameters; those whose grad is null are skipped
     * @param maxNorm the largest total norm kept
     * @param normType the p of the p-norm, e.g. 2.0, 1.0, or {@code Double.POSITIVE_INFINITY}
     *     for the largest absolute value
     * @return the total norm of the gradients before clipping, 0-D
     * @throws IllegalArgumentException if params or one of them is null, or normType is NaN
     * @see #clipGradNorm(List, double, double, boolean)
     */
    public static Tensor clipGradNorm(List<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales the gradients in place so that their total norm is at most {@code maxNorm}, like
     * {@code torch.nn.utils.clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)}.
     * As in PyTorch: the total norm is the {@code normType}-norm of the per-parameter norms (for
     * infinity, the largest absolute value); every grad is multiplied, under
     * {@link Autograd#noGrad()}, by {@code min(1, maxNorm / (total + 1e-6))}; parameters whose grad
     * is null are skipped, and with none left the total is 0.
     *
     * @param params the parameters; those whose grad is null are skipped
     * @param maxNorm the largest total norm kept
     * @param normType the p of the p-norm (any value but NaN; {@code Double.POSITIVE_INFINITY}
     *     for the largest absolute value, 0 for the count of non-zero entries, as torch.norm)
     * @param errorIfNonfinite throw instead of scaling when the total norm is NaN or infinite
     *     (PyTorch's default is false)
     * @return the total norm of the gradients before clipping, 0-D, in the gradients' dtype (their
     *     promoted dtype if they differ; the default dtype when no parameter has a grad)
     * @throws IllegalArgumentException if params or one of them is null, normType is NaN, or,
     *     with errorIfNonfinite, the total norm is not finite
     */
    public static Tensor clipGradNorm(List<Tensor> params, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        if (params == null) {
            throw new IllegalArgumentException("clipGradNorm: params must not be null");
        }
        if (Double.isNaN(normType)) {
            throw new IllegalArgumentException("clipGradNorm: normType must not be NaN");
        }
        List<Tensor> grads = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException("clipGradNorm: params[" + i + "] is null");
            }
            if (p.grad() != null) {
                grads.add(p.grad());
            }
        }
        if (grads.isEmpty()) {
            return Tensor.scalar(0.0);
        }
        // PyTorch's dtypes: each norm in its grad's dtype, the total in their promoted dtype, the
        // coefficient computed from that total (rounded once to FLOAT32 where the total is FLOAT32)
        DType dtype = grads.get(0).dtype();
        double[] norms = new double[grads.size()];
        for (int i = 0; i < norms.length; i++) {
            Tensor g = grads.get(i);
            norms[i] = rounded(norm(g.doubles(), normType), g.dtype());
            dtype = DType.promote(dtype, g.dtype());
        }
        double total = rounded(norms.length == 1 ? norms[0] : norm(norms, normType), dtype);
        if (errorIfNonfinite && !Double.isFinite(total)) {
            throw new IllegalArgumentException("clipGradNorm: the total norm of order " + normType + " for gradients "
                    + "from params is " + total + ", so it cannot be clipped; to scale the gradients by the "
                    + "non-finite norm anyway, pass errorIfNonfinite = false");
        }
        double coef = rounded(Math.min(maxNorm / (total + 1e-6), 1.0), dtype);
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Tensor g : grads) {
                g.detach().mulInPlace(coef);
            }
        }
        return Tensor.full(total, dtype);
    }

    /** {@code v} rounded to float for FLOAT32, as is otherwise. */
    private static double rounded(double v, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    /** torch.norm(v, p) of a flat array: max or min |v| for +-inf, the non-zero count for 0. */
    static double norm(double[] v, double p) {
        if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
            double m = p > 0 ? 0.0 : Double.POSITIVE_INFINITY;
            for (double x : v) {
                double a = Math.abs(x);
                m = Double.isNaN(a) || (p > 0 ? a > m : a < m) ? a : m;
                if (Double.isNaN(m)) {
                    return m;
                }
            }
            return m;
        }
        double s = 0;
        if (p == 0) {
            for (double x : v) {
                s += x != 0 ? 1 : 0;
            }
            return s;
        }
        if (p == 2) {
            for (double x : v) {
                s += x * x;
            }
            return Math.sqrt(s);
        }
        if (p == 1) {
            for (double x : v) {
                s += Math.abs(x);
            }
            return s;
        }
        for (double x : v) {
            s += Math.pow(Math.abs(x), p);
        }
        return Math.pow(s, 1.0 / p);
    }
}
