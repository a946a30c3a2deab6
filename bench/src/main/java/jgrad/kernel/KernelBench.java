package jgrad.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GEMM kernel alone, one thread, on data that stays in the caches: a 64 x 256 block of C
 * (rows of 262 doubles, as {@link Gemm}'s scratch) swept through 16 packed rows of B, which is
 * what {@code Gemm} does per pass of {@code KC} k-steps. One call is 64 x 256 x 16 multiply-adds:
 * <b>GFLOP/s = 524288 / score</b> (score in ns).
 *
 * <p>It sits in package {@code jgrad.kernel} to call the package-private {@link GemmKernel}. Two
 * questions it answers (docs/07-performance.md, "Where the per-core gap is"):
 * <ul>
 *   <li>What alignment is worth. C2 aligns the vector loop to one of its arrays, so the other
 *       arrays' 32-byte accesses are aligned too only if they start at the same offset modulo 32
 *       bytes. Java code cannot choose where an array starts (objects are aligned to 8 bytes,
 *       and the collector moves them), so these rows start wherever they were put. Run it with
 *       {@code -jvmArgsAppend -XX:ObjectAlignmentInBytes=32}, which starts every object on a
 *       32-byte boundary, to see the kernel with all its accesses aligned (a JVM flag: for
 *       diagnosis only, jgrad never needs one).</li>
 *   <li>{@link #threeRows}: the same loop with 3 C rows per call instead of 2. Its loop body is
 *       too large for C2's default {@code LoopUnrollLimit} (60) to unroll, so it is not
 *       vectorised; run it with {@code -jvmArgsAppend -XX:LoopUnrollLimit=100} to see it
 *       vectorised.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KernelBench {
    private static final int K = 16;
    private static final int N = 256;
    private static final int ROWS = 64;
    private static final int ROW = N + Gemm.ROW_PAD;

    private double[][] bp;
    private double[][] c;
    private double[][] a;

    /** Random packed rows of A and B; C starts at zero. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        bp = new double[K][ROW];
        c = new double[ROWS + 2][ROW];
        a = new double[ROWS + 2][K];
        for (double[] row : bp) {
            for (int j = 0; j < ROW; j++) {
                row[j] = rng.nextDouble() * 1e-3;
            }
        }
        for (double[] row : a) {
            for (int p = 0; p < K; p++) {
                row[p] = rng.nextDouble() * 1e-3;
            }
        }
    }

    /**
     * {@link GemmKernel#fma2x4} over the block, two C rows per call.
     *
     * @return a value of C
     */
    @Benchmark
    public double twoRows() {
        for (int r = 0; r < ROWS; r += 2) {
            GemmKernel.fma2x4(c[r], c[r + 1], bp, 0, K, a[r], a[r + 1], N);
        }
        return c[0][0];
    }

    /**
     * The same with three C rows per call (the block plus two spare rows: 66 rows, so multiply
     * the GFLOP/s formula by 66/64).
     *
     * @return a value of C
     */
    @Benchmark
    public double threeRows() {
        for (int r = 0; r < ROWS; r += 3) {
            fma3x4(c[r], c[r + 1], c[r + 2], bp, 0, K, a[r], a[r + 1], a[r + 2], N);
        }
        return c[0][0];
    }

    /** {@link GemmKernel#fma2x4}'s loop with a third C row. */
    static void fma3x4(double[] c0, double[] c1, double[] c2, double[][] bp, int q0, int q1, double[] a0,
            double[] a1, double[] a2, int n) {
        if (n < 0 || n > c0.length || n > c1.length || n > c2.length) {
            throw new IllegalStateException("KernelBench: n = " + n);
        }
        if (q0 < 0 || q1 > bp.length || q1 > a0.length || q1 > a1.length || q1 > a2.length) {
            throw new IllegalStateException("KernelBench: q1 = " + q1);
        }
        for (int q = q0; q < q1; q += 4) {
            double[] b0 = bp[q];
            double[] b1 = bp[q + 1];
            double[] b2 = bp[q + 2];
            double[] b3 = bp[q + 3];
            if (n > b0.length || n > b1.length || n > b2.length || n > b3.length) {
                throw new IllegalStateException("KernelBench: B rows shorter than " + n);
            }
            double a00 = a0[q];
            double a01 = a0[q + 1];
            double a02 = a0[q + 2];
            double a03 = a0[q + 3];
            double a10 = a1[q];
            double a11 = a1[q + 1];
            double a12 = a1[q + 2];
            double a13 = a1[q + 3];
            double a20 = a2[q];
            double a21 = a2[q + 1];
            double a22 = a2[q + 2];
            double a23 = a2[q + 3];
            for (int j = 0; j < n; j++) {
                double x0 = b0[j];
                double x1 = b1[j];
                double x2 = b2[j];
                double x3 = b3[j];
                c0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, c0[j]))));
                c1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, c1[j]))));
                c2[j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, c2[j]))));
            }
        }
    }
}
