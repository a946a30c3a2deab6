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
 * <p>It sits in package {@code jgrad.kernel} to call the package-private {@link GemmKernel}
 * itself (no copy of it: what is measured is the production loop). The question it answers
 * (bench/README.md, "History"):
 * <ul>
 *   <li>What alignment is worth. C2 aligns the vector loop to one of its arrays, so the other
 *       arrays' 32-byte accesses are aligned too only if they start at the same offset modulo 32
 *       bytes. Java code cannot choose where an array starts (objects are aligned to 8 bytes,
 *       and the collector moves them), so these rows start wherever they were put. Run it with
 *       {@code -jvmArgsAppend -XX:ObjectAlignmentInBytes=32}, which starts every object on a
 *       32-byte boundary, to see the kernel with all its accesses aligned (a JVM flag: for
 *       diagnosis only, jgrad never needs one).</li>
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
}
