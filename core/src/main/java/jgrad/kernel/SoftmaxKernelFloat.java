package jgrad.kernel;

import jgrad.Shape;
import jgrad.kernel.SoftmaxKernel.Kept;
import jgrad.kernel.SoftmaxKernel.Mode;

/**
 * {@link SoftmaxKernel}'s loops for FLOAT32 tensors: they read the {@code float[]} storage and
 * write a new {@code float[]}, computing each row in double with the double kernel's own
 * arithmetic ({@link SoftmaxKernel#rowMax}, {@link SoftmaxKernel#expSum}, so the Vector API exp
 * too) and rounding each result once. A row is widened into a scratch array of its own length, so
 * no widened copy of the whole input (and no double result) is made; the values are those of the
 * double kernel on the widened input, except that a row along a non-last dim may take the
 * Vector API exp where the double kernel takes {@link Math#exp} (the same to about 1 ulp of
 * double, far below float's). What the forward keeps ({@link Kept}) is in double, as for the
 * double kernel.
 */
public final class SoftmaxKernelFloat {
    private SoftmaxKernelFloat() {}

    /** The longest row along dim d of shape s (the scratch length); 1 for a 0-D shape. */
    private static int rowLength(int[] s, int d) {
        return s.length == 0 ? 1 : s[d];
    }

    /** Copies row (base, n, inner) of {@code x} into {@code row[0 .. n)}. */
    private static void gather(float[] x, int base, int n, int inner, double[] row) {
        for (int k = 0; k < n; k++) {
            row[k] = x[base + k * inner];
        }
    }

    /**
     * {@link SoftmaxKernel#forward} on float values.
     *
     * @param x the input values, row-major
     * @param s the input's shape
     * @param d the dim to work along, already normalised (non-negative)
     * @param mode what to compute
     * @param kept where to keep what a plain backward needs; or null
     * @return a new array: one value per reduced row for {@link Mode#LSE}, otherwise one per
     *     element of {@code x}
     */
    public static float[] forward(float[] x, int[] s, int d, Mode mode, Kept kept) {
        int len = rowLength(s, d);
        float[] r = new float[mode == Mode.LSE ? (s.length == 0 ? 1 : Shape.outer(s, d) * Shape.inner(s, d))
                : x.length];
        double[] row = new double[len];
        double[] e = mode == Mode.SOFTMAX || kept != null ? new double[len] : null;
        SoftmaxKernel.eachRow(s, d, (base, ri, n, inner) -> {
            gather(x, base, n, inner, row);
            double m = SoftmaxKernel.rowMax(row, 0, n, 1);
            if (mode == Mode.LSE && Double.isInfinite(m)) {
                m = 0.0;
            }
            double sum = SoftmaxKernel.expSum(row, 0, n, 1, m, e);
            if (kept != null) {
                kept.shifts()[ri] = m;
                kept.sums()[ri] = sum;
                for (int k = 0; k < n; k++) {
                    kept.exps()[base + k * inner] = e[k];
                }
            }
            switch (mode) {
                case LSE:
                    r[ri] = (float) (Math.log(sum) + m);
                    break;
                case SOFTMAX:
                    for (int k = 0; k < n; k++) {
                        r[base + k * inner] = (float) (e[k] / sum);
                    }
                    break;
                default:
                    double ls = Math.log(sum);
                    for (int k = 0; k < n; k++) {
                        r[base + k * inner] = (float) (row[k] - m - ls);
                    }
            }
        });
        return r;
    }

    /**
     * {@link SoftmaxKernel#logSumExpBackward} on float values. Each row's unrounded result is
     * recomputed from what the forward kept ({@code log(sum) + shift}, the forward's own
     * arithmetic), so the values are the double kernel's.
     *
     * @param g the output's gradient, one value per row
     * @param x the forward's input
     * @param kept what the {@link Mode#LSE} forward kept
     * @param s the input's shape
     * @param d the reduced dim, already normalised (non-negative)
     * @return a new array: the input's gradient, indexed like {@code x}
     */
    public static float[] logSumExpBackward(float[] g, float[] x, Kept kept, int[] s, int d) {
        double[] exps = kept.exps();
        float[] grad = new float[exps.length];
        SoftmaxKernel.eachRow(s, d, (base, row, n, inner) -> {
            double shift = kept.shifts()[row];
            double lse = Math.log(kept.sums()[row]) + shift;
            if (Double.isFinite(lse)) {
                double f = g[row] * Math.exp(shift - lse);
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    grad[j] = (float) (exps[j] * f);
                }
            } else {
                for (int k = 0; k < n; k++) {
                    int j = base + k * inner;
                    grad[j] = (float) (g[row] * Math.exp(x[j] - lse));
                }
            }
        });
        return grad;
    }

    /**
     * {@link SoftmaxKernel#logSoftmaxBackward} on float values, the same arithmetic in double.
     *
     * @param g the output's gradient, indexed like the input
     * @param kept what the {@link Mode#LOG_SOFTMAX} forward kept
     * @param s the input's shape
     * @param d the normalised dim, already non-negative
     * @return a new array: the input's gradient
     */
    public static float[] logSoftmaxBackward(float[] g, Kept kept, int[] s, int d) {
        double[] exps = kept.exps();
        float[] grad = new float[exps.length];
        SoftmaxKernel.eachRow(s, d, (base, row, n, inner) -> {
            double gs = 0;
            for (int k = 0; k < n; k++) {
                gs += g[base + k * inner];
            }
            double f = gs / kept.sums()[row];
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                grad[j] = (float) (g[j] - exps[j] * f);
            }
        });
        return grad;
    }

    /**
     * {@link SoftmaxKernel#softmaxBackward} on float values, the same arithmetic in double (each
     * product of two floats is exact in double).
     *
     * @param g the output's gradient, indexed like y
     * @param y the forward's result
     * @param s the shape of y
     * @param d the normalised dim, already non-negative
     * @return a new array: the input's gradient
     */
    public static float[] softmaxBackward(float[] g, float[] y, int[] s, int d) {
        float[] grad = new float[y.length];
        SoftmaxKernel.eachRow(s, d, (base, row, n, inner) -> {
            double gy = 0;
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                gy += (double) g[j] * y[j];
            }
            for (int k = 0; k < n; k++) {
                int j = base + k * inner;
                grad[j] = (float) ((g[j] - gy) * y[j]);
            }
        });
        return grad;
    }
}
