package jgrad.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API implementation of {@link SimdKernels}, loaded by name by {@link Simd} only when
 * the module {@code jdk.incubator.vector} is present. Compiled from {@code core/src/vector/java}
 * by a second compiler execution (see core/pom.xml): nothing else in the library refers to it or
 * to the incubator API, so the rest runs on a JDK without the module.
 */
final class VectorKernels implements SimdKernels {
    /**
     * Checks that the vectors are wide enough to be worth it, and starts compiling the kernels
     * ({@link VectorWarmUp}).
     *
     * @throws UnsupportedOperationException if the preferred vectors hold fewer than 4 doubles
     *     (where the plain kernels, vectorised by C2, are as fast)
     */
    VectorKernels() {
        if (DoubleVector.SPECIES_PREFERRED.length() < 4) {
            throw new UnsupportedOperationException("preferred vectors hold only "
                    + DoubleVector.SPECIES_PREFERRED.length() + " doubles");
        }
        VectorWarmUp.start();
    }

    @Override
    public boolean ready() {
        return VectorWarmUp.hot();
    }

    @Override
    public void gemm(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n,
            int k, boolean add) {
        VectorGemm.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, add);
    }

    @Override
    public void gemm(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int m, int n,
            int k, boolean add) {
        VectorGemmFloat.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, add);
    }

    @Override
    public double expSum(double[] x, int from, int n, double shift, double[] out) {
        return VectorExp.expSum(x, from, n, shift, out);
    }

    @Override
    public String describe() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors of "
                + DoubleVector.SPECIES_PREFERRED.length() + " doubles or " + FloatVector.SPECIES_PREFERRED.length()
                + " floats";
    }
}
