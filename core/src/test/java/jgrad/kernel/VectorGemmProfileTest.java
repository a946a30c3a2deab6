package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On JDK 17, in about one JVM in five, C2 compiled the Vector API micro-kernel
 * ({@code VectorGemm.kernel6}) with some of the stores after its k loop not intrinsified (the
 * accumulators' exact class not yet known where the stores were expanded), so the accumulators
 * stayed heap objects and every FMA allocated: an MNIST MLP step at batch 1024 allocated 630 MB
 * instead of 2.3 MB, for the life of that JVM. The kernels now check each accumulator's class
 * before storing it. This runs products through both kernels once they are warm and checks that
 * they allocate no more than their results (boxed vectors: 22-66 MB per round). Only in the
 * Vector API run. As the bug showed in one JVM of about five, one run catches its return about
 * one time in five (the old kernels failed it in 2 JVMs of 12, these in none of 14).
 */
class VectorGemmProfileTest {
    /** Bytes allocated so far by all live threads (the products are shared with the GEMM team's). */
    private static long allocated() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            sum += Math.max(0, bytes); // -1 for a thread that ended meanwhile
        }
        return sum;
    }

    @Test
    void productsAllocateOnlyTheirResultsOnceTheKernelsAreCompiled() throws InterruptedException {
        assumeTrue(Simd.active(), "plain run");
        // The first layer of an MNIST MLP at batch 64 (with products of 12 x 96 x 784 on this
        // thread only, the old kernels were never seen boxing; with these, in 2 JVMs of 12).
        int m = 64;
        int k = 784;
        int n = 128;
        Random r = new Random(5);
        double[] x = r.doubles((long) m * k, -1, 1).toArray();
        double[] w = r.doubles((long) n * k, -1, 1).toArray();
        double[] g = r.doubles((long) m * n, -1, 1).toArray();
        double[] dw = new double[n * k];
        float[] xf = toFloats(x);
        float[] wf = toFloats(w);
        float[] gf = toFloats(g);
        float[] dwf = new float[n * k];
        Runnable products = () -> {
            Gemm.multiply(x, m, k, false, w, n, k, true); // a layer's forward product
            Gemm.multiplyAdd(g, m, n, true, x, m, k, false, dw); // its weights' gradient
            Gemm.multiply(xf, m, k, false, wf, n, k, true);
            Gemm.multiplyAdd(gf, m, n, true, xf, m, k, false, dwf);
        };
        long deadline = System.nanoTime() + 120_000_000_000L;
        int rounds = 0;
        while ((!Simd.KERNELS.ready() || rounds < 200) && System.nanoTime() < deadline) {
            products.run();
            rounds++;
        }
        assertTrue(Simd.KERNELS.ready(), "the warm-up thread did not finish in 2 minutes");
        for (int i = 0; i < 3000; i++) {
            products.run();
        }
        int calls = 200;
        long before = allocated();
        for (int i = 0; i < calls; i++) {
            products.run();
        }
        long perCall = (allocated() - before) / calls;
        long results = 16L + 8L * m * n + 16L + 4L * m * n;
        assertTrue(perCall < results + 262_144, "four products of 64 x 128 x 784 (float64 and float32) allocated "
                + perCall + " bytes per round; their results are " + results + " (boxed vectors?)");
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
