package jgrad.kernel;

import java.lang.System.Logger.Level;
import java.util.SplittableRandom;

/**
 * Compiles the Vector API kernels before {@link Gemm} uses them. Until C2 has compiled it,
 * Vector API code runs with every vector a heap object: measured here 10-100x slower than the
 * plain kernels, and for as long as several seconds on a loaded machine (the small products of
 * an MNIST step at batch 32 ran at 113 ms instead of 3.4 ms per step after a second of JMH
 * warm-up). So a daemon thread runs small products through {@link VectorGemm} and
 * {@link VectorGemmFloat} (all three
 * transposes, full and edge tiles, 6-row and 1-row kernels) and {@link VectorExp} until the time
 * per round stops falling, then sets {@link #hot}; until then {@link Gemm} keeps to its plain
 * kernels. Both give the same bits, so when the switch happens does not change any result.
 * (exp is not switched: its last bits differ, and a result must not depend on timing.)
 */
final class VectorWarmUp {
    private VectorWarmUp() {}

    /** Rounds at most, if the time never settles (e.g. -Xint): then the kernels are used as they are. */
    private static final int MAX_ROUNDS = 400;

    /** The longest the warm-up runs (10 s), if the time never settles. */
    private static final long MAX_NANOS = 10_000_000_000L;

    private static volatile boolean hot;

    /** @return whether the kernels have been compiled (or the warm-up gave up waiting) */
    static boolean hot() {
        return hot;
    }

    /** Starts the warm-up thread (once: called from the constructor of the one {@link VectorKernels}). */
    static void start() {
        Thread t = new Thread(VectorWarmUp::run, "jgrad-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private static void run() {
        try {
            SplittableRandom r = new SplittableRandom(15);
            // 8 tiles of 6 rows and 5 single rows: both kernels called often enough to be compiled on
            // their own (with one spare row, the 1-row kernel was compiled only after the switch, and
            // products of 64 rows ran boxed vectors for 0.4 s).
            int m = 53;
            int k = 300; // two k-panels: starting from zero and continuing from C
            int n = 4 * VectorGemm.NR + 8; // full tiles and an edge tile
            double[] a = r.doubles((long) m * k, -1, 1).toArray();
            double[] b = r.doubles((long) k * n, -1, 1).toArray();
            double[] c = new double[m * n];
            // The float32 kernels' tiles are twice as wide (n in floats covers the same tile shapes).
            int nf = 4 * VectorGemmFloat.NR + 8;
            float[] af = toFloats(a);
            float[] bf = toFloats(r.doubles((long) k * nf, -1, 1).toArray());
            float[] cf = new float[m * nf];
            double[] e = new double[a.length]; // exps are stored at the same indices as a
            long first = 0;
            long best = Long.MAX_VALUE;
            int settled = 0;
            long deadline = System.nanoTime() + MAX_NANOS;
            for (int round = 0; round < MAX_ROUNDS && settled < 5 && System.nanoTime() < deadline; round++) {
                long t0 = System.nanoTime();
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    // On this thread only (not the shared team, which the caller's products use).
                    VectorGemm.block(a, ta ? m : k, ta, b, tb ? k : n, tb, c, n, k, 0, m, 0, n);
                    VectorGemmFloat.block(af, ta ? m : k, ta, bf, tb ? k : nf, tb, cf, nf, k, 0, m, 0, nf);
                    if (t == 0) { // adding into C (multiplyAdd)
                        VectorGemm.blockAdd(a, k, false, b, n, false, c, n, k, 0, m, 0, n);
                        VectorGemmFloat.blockAdd(af, k, false, bf, nf, false, cf, nf, k, 0, m, 0, nf);
                    }
                }
                // exp does not wait for this, but is compiled sooner for it (rows of 10 and 1000).
                for (int i = 0; i < 50; i++) {
                    VectorExp.expSum(a, i, 10, 1.0, i % 2 == 0 ? e : null);
                }
                for (int i = 0; i < 4; i++) {
                    VectorExp.expSum(a, i, 1000, 1.0, i % 2 == 0 ? e : null);
                }
                long dt = System.nanoTime() - t0;
                first = round == 0 ? dt : first;
                best = Math.min(best, dt);
                // Settled: at least 30 rounds, compiled (a round 5x faster than the first, all
                // interpreted or C1 code), then five rounds in a row no faster than 0.9x the best.
                settled = round >= 30 && best * 5 < first && dt * 10 > best * 9 ? settled + 1 : 0;
            }
        } catch (RuntimeException | Error ex) {
            System.getLogger(Simd.class.getName()).log(Level.WARNING, "jgrad: Vector API warm-up failed", ex);
        } finally {
            hot = true;
        }
    }
}
