package jgrad.nn;

/** The raw loop of softplus(-x), on {@code double[]}, with no autograd (recorded by {@link BCEWithLogitsLoss}). */
final class SoftplusKernel {
    private SoftplusKernel() {}

    /** softplus(-x) = -log(sigmoid(x)) = max(-x, 0) + log1p(exp(-|x|)), exact for logits of any size. */
    static double[] softplusOfNegative(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double a = v[i];
            r[i] = Math.max(-a, 0.0) + Math.log1p(Math.exp(-Math.abs(a)));
        }
        return r;
    }
}
