package jgrad.kernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The plain and the Vector API kernels side by side in one JVM, alternating, timed by the
 * thread's CPU time (not the wall clock): on a machine shared with other busy processes this
 * gives one core's rate while descheduled time is left out, which JMH's wall-clock scores
 * cannot. One thread ({@code -Djgrad.gemm.threads=1}). Not JMH: a quick check, medians of
 * {@code rounds} rounds after three warm-up rounds of each.
 *
 * <pre>
 * java -Djgrad.gemm.threads=1 --add-modules jdk.incubator.vector \
 *     -cp bench/target/benchmarks.jar jgrad.kernel.SimdCpuTime "1024,1024,1024,N,N;128,784,128,N,N" 5
 * </pre>
 *
 * Each shape is {@code m,k,n,ta,tb} with N or T for each transpose, and an optional sixth field
 * {@code F} for the float32 product (SGEMM) on the same values rounded to float. It also times exp over
 * 256 rows of 1000 (store and sum, as the cross-entropy's forward does): {@link Math#exp}
 * against the Vector API's.
 */
public final class SimdCpuTime {
    private SimdCpuTime() {}

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    /**
     * Runs it.
     *
     * @param args the shapes, separated by {@code ;}, and the number of rounds
     */
    public static void main(String[] args) {
        if (Simd.KERNELS == null) {
            throw new IllegalStateException("run with --add-modules jdk.incubator.vector: " + Simd.status());
        }
        int rounds = Integer.parseInt(args[1]);
        SplittableRandom r = new SplittableRandom(1);
        for (String shape : args[0].split(";")) {
            String[] f = shape.split(",");
            int m = Integer.parseInt(f[0]);
            int k = Integer.parseInt(f[1]);
            int n = Integer.parseInt(f[2]);
            boolean ta = f[3].equals("T");
            boolean tb = f[4].equals("T");
            double[] a = r.doubles((long) m * k, -1, 1).toArray();
            double[] b = r.doubles((long) k * n, -1, 1).toArray();
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            double flops = 2.0 * m * n * k;
            int reps = (int) Math.max(1, 2e8 / flops);
            double[][] us;
            if (f.length > 5 && f[5].equals("F")) { // float32: the same values rounded to float
                float[] af = toFloats(a);
                float[] bf = toFloats(b);
                float[] c = new float[m * n];
                us = compare(rounds, reps, () -> {
                    Arrays.fill(c, 0);
                    Gemm.plain(af, lda, ta, bf, ldb, tb, c, m, n, k, false);
                }, () -> {
                    Arrays.fill(c, 0);
                    Simd.KERNELS.gemm(af, lda, ta, bf, ldb, tb, c, m, n, k, false);
                });
            } else {
                double[] c = new double[m * n];
                us = compare(rounds, reps, () -> {
                    Arrays.fill(c, 0);
                    Gemm.plain(a, lda, ta, b, ldb, tb, c, m, n, k, false);
                }, () -> {
                    Arrays.fill(c, 0);
                    Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, false);
                });
            }
            System.out.printf("%s: plain %.1f GFLOP/s, vector %.1f GFLOP/s (per CPU-second, medians)%n", shape,
                    flops / us[0][rounds / 2] / 1e3, flops / us[1][rounds / 2] / 1e3);
        }
        double[] x = r.doubles(256 * 1000, -20, 0).toArray();
        double[] out = new double[x.length];
        double[][] us = compare(rounds, 20, () -> {
            for (int row = 0; row < 256; row++) {
                double s = 0;
                for (int j = row * 1000; j < row * 1000 + 1000; j++) {
                    out[j] = Math.exp(x[j]);
                    s += out[j];
                }
                out[row] += s;
            }
        }, () -> {
            for (int row = 0; row < 256; row++) {
                out[row] += Simd.KERNELS.expSum(x, row * 1000, 1000, 0.0, out);
            }
        });
        System.out.printf("exp, 256 x 1000, stored and summed: Math.exp %.2f ns, vector %.2f ns per element (medians)%n",
                us[0][rounds / 2] * 1e3 / 256000, us[1][rounds / 2] * 1e3 / 256000);
    }

    private static float[] toFloats(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    /** Sorted CPU microseconds per call of each, alternating. */
    private static double[][] compare(int rounds, int reps, Runnable plain, Runnable vector) {
        for (int w = 0; w < 3; w++) {
            time(plain, reps * 3);
            time(vector, reps * 3);
        }
        double[][] us = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            us[0][i] = time(plain, reps);
            us[1][i] = time(vector, reps);
        }
        Arrays.sort(us[0]);
        Arrays.sort(us[1]);
        return us;
    }

    private static double time(Runnable op, int reps) {
        long t = MX.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            op.run();
        }
        return (MX.getCurrentThreadCpuTime() - t) / 1e3 / reps;
    }
}
