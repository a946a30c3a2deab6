package jgrad.kernel;

/**
 * The innermost GEMM loop, kept alone in its own class and method on purpose.
 *
 * <p>What C2's auto-vectoriser (SuperWord) needed on JDK 17 (measured on the project's 2-core
 * AVX2 machine by reading the compiled code and timing it):
 * <ul>
 *   <li>Every array in the loop is indexed by the bare loop counter ({@code c0[j]}, {@code b0[j]}).
 *       Flat arrays at run-time offsets ({@code c[co + j]}) stay scalar.</li>
 *   <li>At most five arrays in the loop. A body of 2 C rows x 3 k-steps (3 B loads, 2 C loads and
 *       stores, 6 FMAs) compiles to clean packed-FMA code. 2 x 4 (six arrays) is vectorised too but
 *       runs out of general registers: an array base is spilled into a loop-carried GPR-XMM round
 *       trip and the loop runs at about a third of the speed (~10 vs ~25-37 GFLOP/s).</li>
 *   <li>One such loop per compiled method: with two or four copies of the loop in one method
 *       only the first one(s) were vectorised.</li>
 *   <li>The loop is not inlined into the blocking driver: inlined there it was not vectorised
 *       at all (~3 GFLOP/s). Plain JDK 17 never inlines a method of more than 325 bytecodes
 *       ({@code FreqInlineSize}); the checks at the top of {@link #fma2x3} take it over that
 *       line (425 bytecodes), whatever order things get compiled in. Keep it over 325 when
 *       editing ({@code GemmTest} checks).</li>
 *   <li>Manually unrolling the j loop (j, j+1, ...) stops SuperWord from vectorising it, and so
 *       does reading several B rows from one array at constant offsets ({@code bb[j + W]}).</li>
 * </ul>
 * No remainder handling here: callers pad k to a multiple of 3 with zeros and pair an odd last
 * row with itself.
 */
final class GemmKernel {
    private GemmKernel() {}

    /**
     * For {@code j < n}: {@code c0[j] += a0[o0] b0[j] + a0[o0 + s] b1[j] + a0[o0 + 2s] b2[j]}
     * with {@code b0..b2 = bp[q..q+2]}, and likewise {@code c1} with {@code a1[o1 + t s]}; each
     * element as a chain of three FMAs in k order.
     *
     * <p>The checks up front cost nothing per element; they also lift the method over the 325
     * bytecodes above which C2 will not inline it into the driver (see the class comment).
     */
    static void fma2x3(double[] c0, double[] c1, double[][] bp, int q, double[] a0, int o0, double[] a1, int o1,
            int s, int n) {
        if (n < 0 || n > c0.length || n > c1.length) {
            throw outOfRange("C row", n, Math.min(c0.length, c1.length));
        }
        if (q < 0 || q + 2 >= bp.length) {
            throw outOfRange("packed B row", q + 2, bp.length);
        }
        if (s < 1 || o0 < 0 || o0 + 2L * s >= a0.length) {
            throw outOfRange("A element", o0 + 2L * s, a0.length);
        }
        if (o1 < 0 || o1 + 2L * s >= a1.length) {
            throw outOfRange("A element", o1 + 2L * s, a1.length);
        }
        double[] b0 = bp[q];
        double[] b1 = bp[q + 1];
        double[] b2 = bp[q + 2];
        if (n > b0.length || n > b1.length || n > b2.length) {
            throw outOfRange("packed B column", n, Math.min(b0.length, Math.min(b1.length, b2.length)));
        }
        if (c0 == c1 || c0 == b0 || c0 == b1 || c0 == b2 || c1 == b0 || c1 == b1 || c1 == b2) {
            throw new IllegalStateException("GemmKernel: a C row aliases another C row or a B row");
        }
        double a00 = a0[o0];
        double a01 = a0[o0 + s];
        double a02 = a0[o0 + 2 * s];
        double a10 = a1[o1];
        double a11 = a1[o1 + s];
        double a12 = a1[o1 + 2 * s];
        for (int j = 0; j < n; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            double x2 = b2[j];
            c0[j] = Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c0[j])));
            c1[j] = Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c1[j])));
        }
    }

    private static IllegalStateException outOfRange(String what, long index, int size) {
        return new IllegalStateException("GemmKernel: " + what + " " + index + " out of range for size " + size);
    }
}
