package jgrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp over a row with the Vector API's {@code lanewise(EXP)} (on x86 an intrinsic, ~6x faster
 * than {@link Math#exp} per element here; within 1 ulp of it, as {@code ExpAccuracyTest} checks
 * over the whole range, infinities, NaN and subnormal results). The tail shorter than a vector
 * uses {@link Math#exp}.
 */
final class VectorExp {
    private VectorExp() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** See {@link SimdKernels#expSum}. Lanes are summed separately, then added together. */
    static double expSum(double[] x, int from, int n, double shift, double[] out) {
        int l = S.length();
        DoubleVector sh = DoubleVector.broadcast(S, shift);
        DoubleVector acc = DoubleVector.zero(S);
        int i = 0;
        if (out == null) {
            for (; i <= n - l; i += l) {
                acc = acc.add(DoubleVector.fromArray(S, x, from + i).sub(sh).lanewise(VectorOperators.EXP));
            }
        } else {
            for (; i <= n - l; i += l) {
                DoubleVector e = DoubleVector.fromArray(S, x, from + i).sub(sh).lanewise(VectorOperators.EXP);
                e.intoArray(out, from + i);
                acc = acc.add(e);
            }
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double e = Math.exp(x[from + i] - shift);
            if (out != null) {
                out[from + i] = e;
            }
            sum += e;
        }
        return sum;
    }
}
