package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On JDK 17 a second FloatVector species anywhere in jgrad's vector code (the cross-entropy's
 * row conversions once used a 256-bit one beside SGEMM's 512-bit one) made the JDK's shared
 * FloatVector call sites bimorphic, and SGEMM, recompiled after that, boxed every vector: a
 * FLOAT32 MNIST step at batch 32 allocated 41 MB instead of 0.5 MB and ran 6x slower. This runs
 * the row conversions, then the MNIST forward product on the vector kernels once they are warm,
 * and checks the product allocates no more than its result. Only in the Vector API run.
 */
class VectorFloatProfileTest {
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void sgemmKeepsItsIntrinsicsAfterTheRowConversionsRan() throws InterruptedException {
        assumeTrue(Simd.active(), "plain run");
        Random r = new Random(3);
        float[] row = new float[1000];
        double[] wide = new double[1000];
        for (int i = 0; i < row.length; i++) {
            row[i] = r.nextFloat();
        }
        int m = 32;
        int k = 784;
        int n = 128;
        float[] x = new float[m * k];
        float[] w = new float[n * k];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextFloat();
        }
        long deadline = System.nanoTime() + 120_000_000_000L;
        int rounds = 0;
        while ((!Simd.KERNELS.ready() || rounds < 200) && System.nanoTime() < deadline) {
            for (int i = 0; i < 200; i++) {
                RowPasses.widen(row, 0, wide, row.length);
                RowPasses.narrow(wide, row, 0, row.length);
            }
            Gemm.multiply(x, m, k, false, w, n, k, true);
            rounds++;
        }
        assertTrue(Simd.KERNELS.ready(), "the warm-up thread did not finish in 2 minutes");
        for (int i = 0; i < 3000; i++) {
            Gemm.multiply(x, m, k, false, w, n, k, true);
        }
        int calls = 200;
        long before = allocated();
        for (int i = 0; i < calls; i++) {
            Gemm.multiply(x, m, k, false, w, n, k, true);
        }
        long perCall = (allocated() - before) / calls;
        long result = 16L + 4L * m * n;
        assertTrue(perCall < result + 16_384, "a (32 x 784)(784 x 128) float product allocated " + perCall
                + " bytes per call; its result is " + result + " (boxed vectors?)");
    }
}
