package jgrad.kernel;

/**
 * The innermost GEMM loop, kept alone in its own class and method on purpose.
 *
 * <p>What C2's auto-vectoriser (SuperWord) needed on JDK 17, measured on the project's 2-core
 * AVX2 machine (Zen 3) by timing variants of this loop in a throwaway harness that swept a
 * 64 x 256 block of C through packed B, one thread:
 * <ul>
 *   <li>Every array in the loop is indexed by the bare loop counter ({@code c0[j]}, {@code b0[j]}).
 *       Flat arrays at run-time offsets ({@code c[co + j]}) stay scalar.</li>
 *   <li>A small enough loop body. A body of 2 C rows x 4 k-steps (4 B loads, 2 C loads and
 *       stores, 8 FMAs) compiles to packed FMAs and ran at ~27-29 GFLOP/s on one core; bodies with
 *       seven or eight arrays (3x4, 4x4, 2x6, 2x8) fell back to 5-11 GFLOP/s. What limits it is
 *       the body's size, not its number of arrays: C2 unrolls only loop bodies of fewer nodes than
 *       {@code LoopUnrollLimit} (60 by default), and SuperWord packs the unrolled copies into
 *       vectors. Run with that flag at 50 the 2x4 body stayed scalar; the 3x4 body vectorised
 *       from 70 up, and then ran no faster than 2x4 (measured with a 3-row copy of this loop in
 *       {@code KernelBench}, removed since so that the bench holds no copy of the kernel).
 *       The same 2x4 body fed its eight scalars of A as method arguments, one call per
 *       k-quadruple, ran at ~8: the loop over k-quadruples has to be inside this method, reading
 *       the scalars from arrays. (The kernel before this one, 2 x 3 with one call per k-triple,
 *       ran at ~25-29 there; in the whole GEMM the 2 x 4 one is 5-20% faster at most of the MLP's
 *       shapes.)</li>
 *   <li>The loop is not inlined into the blocking driver: inlined there it was not vectorised.
 *       Plain JDK 17 never inlines a method of more than 325 bytecodes ({@code FreqInlineSize});
 *       the checks in {@link #fma2x4} take it over that line. Keep it over 325 when editing
 *       ({@code GemmTest} checks).</li>
 *   <li>Where the arrays start matters: C2 aligns the vector loop to one of its arrays, so the
 *       others' 32-byte accesses are aligned too only when they start at the same offset modulo
 *       32 bytes. With {@code -XX:ObjectAlignmentInBytes=32} (every object 32-byte aligned)
 *       {@code KernelBench} ran 19-24% faster in three of four pairs of runs. Java code cannot
 *       choose where an array starts, and the collector moves arrays, so {@link Gemm} runs at
 *       whatever offsets its scratch rows have.</li>
 *   <li>Manually unrolling the j loop (j, j+1, ...) stops SuperWord from vectorising it, and so
 *       does reading several B rows from one array at constant offsets ({@code bb[j + W]}).</li>
 * </ul>
 * No remainder handling here: callers pad k to a multiple of 4 with zeros (-0.0 in A, +0.0 in B,
 * whose product adds nothing, not even to a signed zero) and pair an odd last row with a
 * padding row of A.
 */
final class GemmKernel {
    private GemmKernel() {}

    /**
     * For {@code j < n}: {@code c0[j] += sum over q0 <= q < q1 of a0[q] * bp[q][j]}, and likewise
     * {@code c1} with {@code a1}; each element as one chain of FMAs in increasing q.
     * {@code q1 - q0} must be a multiple of 4 (the driver's padding sees to it). Do not check that
     * here: with {@code ((q1 - q0) & 3) != 0} among the checks the loop ran at a third of the speed.
     *
     * <p>The checks cost nothing per element; they also lift the method over the 325 bytecodes
     * above which C2 will not inline it into the driver (see the class comment).
     */
    static void fma2x4(double[] c0, double[] c1, double[][] bp, int q0, int q1, double[] a0, double[] a1, int n) {
        if (n < 0 || n > c0.length || n > c1.length) {
            throw outOfRange("C column", n, Math.min(c0.length, c1.length));
        }
        if (q0 < 0 || q1 > bp.length || q1 > a0.length || q1 > a1.length) {
            throw outOfRange("k step", q1, Math.min(bp.length, Math.min(a0.length, a1.length)));
        }
        if (c0 == c1) {
            throw new IllegalStateException("GemmKernel: the two C rows are the same array");
        }
        for (int q = q0; q < q1; q += 4) {
            double[] b0 = bp[q];
            double[] b1 = bp[q + 1];
            double[] b2 = bp[q + 2];
            double[] b3 = bp[q + 3];
            if (n > b0.length || n > b1.length || n > b2.length || n > b3.length) {
                throw outOfRange("packed B column", n, b0.length);
            }
            double a00 = a0[q];
            double a01 = a0[q + 1];
            double a02 = a0[q + 2];
            double a03 = a0[q + 3];
            double a10 = a1[q];
            double a11 = a1[q + 1];
            double a12 = a1[q + 2];
            double a13 = a1[q + 3];
            for (int j = 0; j < n; j++) {
                double x0 = b0[j];
                double x1 = b1[j];
                double x2 = b2[j];
                double x3 = b3[j];
                c0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c0[j]))));
                c1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c1[j]))));
            }
        }
    }

    /**
     * The float32 twin of {@link #fma2x4(double[], double[], double[][], int, int, double[],
     * double[], int)}, line for line: the same chains of {@link Math#fma(float, float, float)},
     * each rounded to float. A copy, not shared code: this loop is where the time goes, and only
     * a loop on {@code float[]} itself is vectorised into packed float FMAs (16 lanes per
     * AVX-512 vector against 8 doubles). Edit both together.
     *
     * @param c0 the first C row
     * @param c1 the second C row (another array)
     * @param bp the packed rows of B
     * @param q0 the first k-step
     * @param q1 the end of the k-steps ({@code q1 - q0} a multiple of 4)
     * @param a0 the row of A for {@code c0}
     * @param a1 the row of A for {@code c1}
     * @param n the number of columns
     */
    static void fma2x4(float[] c0, float[] c1, float[][] bp, int q0, int q1, float[] a0, float[] a1, int n) {
        if (n < 0 || n > c0.length || n > c1.length) {
            throw outOfRange("C column", n, Math.min(c0.length, c1.length));
        }
        if (q0 < 0 || q1 > bp.length || q1 > a0.length || q1 > a1.length) {
            throw outOfRange("k step", q1, Math.min(bp.length, Math.min(a0.length, a1.length)));
        }
        if (c0 == c1) {
            throw new IllegalStateException("GemmKernel: the two C rows are the same array");
        }
        for (int q = q0; q < q1; q += 4) {
            float[] b0 = bp[q];
            float[] b1 = bp[q + 1];
            float[] b2 = bp[q + 2];
            float[] b3 = bp[q + 3];
            if (n > b0.length || n > b1.length || n > b2.length || n > b3.length) {
                throw outOfRange("packed B column", n, b0.length);
            }
            float a00 = a0[q];
            float a01 = a0[q + 1];
            float a02 = a0[q + 2];
            float a03 = a0[q + 3];
            float a10 = a1[q];
            float a11 = a1[q + 1];
            float a12 = a1[q + 2];
            float a13 = a1[q + 3];
            for (int j = 0; j < n; j++) {
                float x0 = b0[j];
                float x1 = b1[j];
                float x2 = b2[j];
                float x3 = b3[j];
                c0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c0[j]))));
                c1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c1[j]))));
            }
        }
    }

    private static IllegalStateException outOfRange(String what, long index, int size) {
        return new IllegalStateException("GemmKernel: " + what + " " + index + " out of range for size " + size);
    }
}
