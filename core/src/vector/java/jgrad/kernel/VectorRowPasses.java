package jgrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowPasses} with the Vector API: the max by lanewise {@code MAX} (which has
 * {@link Math#max}'s semantics, so NaN propagates), the lanes reduced at the end; widening and
 * narrowing by {@code F2D}/{@code D2F} conversions between a vector of doubles and a vector of as
 * many floats (half its width). Tails shorter than a vector are plain loops.
 */
final class VectorRowPasses implements RowPasses.Kernel {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    @Override
    public double max(double[] x, int from, int n) {
        int l = D.length();
        int i = 0;
        double m = Double.NEGATIVE_INFINITY;
        if (n >= l) {
            DoubleVector acc = DoubleVector.fromArray(D, x, from);
            for (i = l; i <= n - l; i += l) {
                acc = acc.lanewise(VectorOperators.MAX, DoubleVector.fromArray(D, x, from + i));
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, x[from + i]);
        }
        return m;
    }

    // widen and narrow stay scalar loops (C2 vectorises them well enough): a second FloatVector
    // species here (256-bit, to pair with the 512-bit DoubleVector) made the JDK's shared
    // FloatVector call sites bimorphic, and on JDK 17 the 512-bit SGEMM kernel then lost its
    // intrinsics and boxed every vector (about 40 MB per MNIST step at batch 32, 6x slower).
    @Override
    public void widen(float[] src, int from, double[] dst, int n) {
        for (int i = 0; i < n; i++) {
            dst[i] = src[from + i];
        }
    }

    @Override
    public void narrow(double[] src, float[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] = (float) src[i];
        }
    }
}
