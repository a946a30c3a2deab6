package jgrad.kernel;

/**
 * The kernels that have a Vector API implementation ({@code VectorKernels}, compiled from
 * {@code core/src/vector/java} with {@code --add-modules jdk.incubator.vector}). {@link Simd}
 * loads it only when that module is in the boot layer; otherwise these operations run the plain
 * Java loops of {@link Gemm} and {@code SoftmaxOps}.
 *
 * <p>One method per operation and element type: the float32 kernels are overloads taking
 * {@code float[]}, selected by the same provider.
 */
interface SimdKernels {
    /**
     * {@code c = op(A) op(B)}, or {@code c += op(A) op(B)} with {@code add}, for a product that
     * {@link Gemm} has already checked and found neither tiny nor narrow. Every element of C must
     * be the same chain of FMAs in increasing k as on the plain path (so the two paths give the
     * same bits), and the work may be shared with {@link GemmTeam.Shared#TEAM}.
     *
     * @param a the first operand, row-major, {@code lda} values per stored row
     * @param lda the stored row length of {@code a}
     * @param ta whether op(A) is the transpose of {@code a}
     * @param b the second operand, row-major, {@code ldb} values per stored row
     * @param ldb the stored row length of {@code b}
     * @param tb whether op(B) is the transpose of {@code b}
     * @param c the {@code m x n} result; all zeros unless {@code add}
     * @param m the rows of C
     * @param n the columns of C
     * @param k the inner size
     * @param add whether to add into {@code c}
     */
    void gemm(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n, int k,
            boolean add);

    /**
     * The float32 product (SGEMM), as {@link #gemm(double[], int, boolean, double[], int, boolean,
     * double[], int, int, int, boolean)}: every element of C must be the same chain of float FMAs
     * in increasing k as on the plain float path.
     *
     * @param a the first operand, row-major, {@code lda} values per stored row
     * @param lda the stored row length of {@code a}
     * @param ta whether op(A) is the transpose of {@code a}
     * @param b the second operand, row-major, {@code ldb} values per stored row
     * @param ldb the stored row length of {@code b}
     * @param tb whether op(B) is the transpose of {@code b}
     * @param c the {@code m x n} result; all zeros unless {@code add}
     * @param m the rows of C
     * @param n the columns of C
     * @param k the inner size
     * @param add whether to add into {@code c}
     */
    void gemm(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int m, int n, int k,
            boolean add);

    /**
     * Whether both {@code gemm} methods are compiled yet. The JIT compiles Vector API code only after many
     * calls, and until then it runs many times slower than the plain kernels; {@link Gemm} keeps
     * to the plain path until this turns true (both give the same bits). exp does not wait: its
     * last bits differ from the plain path's, and results must not depend on timing.
     *
     * @return true once the kernels are compiled
     */
    boolean ready();

    /**
     * The sum of exp(x[from + i] - shift) for i in [0, n); when {@code out} is not null each exp
     * is also stored at {@code out[from + i]}. Each exp within about 1 ulp of {@link Math#exp}.
     *
     * @param x the values
     * @param from the index of the first value
     * @param n the number of values
     * @param shift the value subtracted before exp
     * @param out where to store the exps, or null
     * @return the sum of the exps
     */
    double expSum(double[] x, int from, int n, double shift, double[] out);

    /** @return a short description for the start-up line, e.g. "512-bit vectors of 8 doubles" */
    String describe();
}
