package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The choice between the plain and the Vector API kernels, and the Vector API GEMM against the
 * plain one. core's tests run twice (core/pom.xml): once plain, once with
 * {@code --add-modules jdk.incubator.vector} and {@code jgrad.test.simd=vector}; the comparisons
 * run in the second.
 */
class SimdTest {
    private static final boolean VECTOR_RUN = "vector".equals(System.getProperty("jgrad.test.simd"));

    @Test
    void theVectorKernelsAreInUseExactlyWhenTheModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean off = "off".equals(System.getProperty(Simd.PROPERTY));
        assertEquals(present && !off, Simd.active(), Simd.status());
        if (VECTOR_RUN) {
            assertTrue(Simd.active(), "the vector-tests execution must run the Vector API kernels: " + Simd.status());
            assertTrue(Simd.status().startsWith("Vector API kernels ("), Simd.status());
        } else if (!present) {
            assertTrue(Simd.status().contains("--add-modules jdk.incubator.vector"), Simd.status());
        }
    }

    /**
     * The warm-up thread ends (it gives up after at most 10 s if the time per round never
     * settles), after which products take the vector path. Not a timing test: it only waits.
     */
    @Test
    void productsSwitchToTheVectorKernelsOnceWarm() throws InterruptedException {
        assumeTrue(Simd.active(), "plain run");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Simd.KERNELS.ready() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Simd.KERNELS.ready(), "the warm-up thread did not finish in 2 minutes");
    }

    @Test
    void propertySelectsThePath() {
        assertTrue(Simd.wanted(null, true));
        assertTrue(Simd.wanted("auto", true));
        assertTrue(Simd.wanted(" auto ", true));
        assertFalse(Simd.wanted("auto", false));
        assertFalse(Simd.wanted(null, false));
        assertFalse(Simd.wanted("off", true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Simd.wanted("on", true));
        assertEquals("-Djgrad.simd=on: expected off or auto", e.getMessage());
    }

    @Test
    void expSumNeedsTheVectorKernelsAndChecksItsRange() {
        if (!Simd.active()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Simd.expSum(new double[4], 0, 4, 0, null));
            assertTrue(e.getMessage().startsWith("Simd.expSum: the Vector API kernels are not in use"), e.getMessage());
            return;
        }
        assertThrows(IndexOutOfBoundsException.class, () -> Simd.expSum(new double[4], 1, 4, 0, null));
        assertThrows(IndexOutOfBoundsException.class, () -> Simd.expSum(new double[4], 0, 4, 0, new double[3]));
    }

    /** Shapes across the vector driver's boundaries: MR 6, NR 16 or 32, KC 256, MC 96, NC 512, threads. */
    @ParameterizedTest
    @CsvSource({"17,40,20", "6,256,32", "7,257,33", "97,300,65", "128,784,128", "10,784,128", "200,513,130",
            "64,100,600", "300,200,1030", "1,900,900", "900,900,1"})
    void vectorGemmGivesThePlainBitsForEveryTranspose(int m, int k, int n) {
        assumeTrue(Simd.active(), "plain run");
        SplittableRandom r = new SplittableRandom(m * 31L + k * 7L + n);
        double[] a = random(r, m * k);
        double[] b = random(r, k * n);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            double[] plain = new double[m * n];
            double[] vector = new double[m * n];
            Gemm.plain(a, lda, ta, b, ldb, tb, plain, m, n, k, false);
            Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, vector, m, n, k, false);
            assertArrayEquals(plain, vector, m + "x" + k + "x" + n + " ta " + ta + " tb " + tb);
            double[] plainAdd = random(r, m * n);
            double[] vectorAdd = plainAdd.clone();
            Gemm.plain(a, lda, ta, b, ldb, tb, plainAdd, m, n, k, true);
            Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, vectorAdd, m, n, k, true);
            assertArrayEquals(plainAdd, vectorAdd, "add " + m + "x" + k + "x" + n + " ta " + ta + " tb " + tb);
        }
    }

    /**
     * The float32 kernels: the same bits as the plain float path (one chain of float FMAs in
     * increasing k per element), across the float tile (6 x 64 with 512-bit vectors), KC 256,
     * MC 96, NC 512 and the threads, for every transpose, overwriting and adding.
     */
    @ParameterizedTest
    @CsvSource({"17,40,20", "6,256,64", "7,257,65", "97,300,129", "128,784,128", "10,784,128", "200,513,130",
            "64,100,600", "300,200,1030", "1,900,900", "900,900,1", "95,600,513"})
    void vectorSgemmGivesThePlainBitsForEveryTranspose(int m, int k, int n) {
        assumeTrue(Simd.active(), "plain run");
        SplittableRandom r = new SplittableRandom(m * 31L + k * 7L + n);
        float[] a = randomFloats(r, m * k);
        float[] b = randomFloats(r, k * n);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0;
            boolean tb = (t & 2) != 0;
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            float[] plain = new float[m * n];
            float[] vector = new float[m * n];
            Gemm.plain(a, lda, ta, b, ldb, tb, plain, m, n, k, false);
            Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, vector, m, n, k, false);
            assertArrayEquals(plain, vector, m + "x" + k + "x" + n + " ta " + ta + " tb " + tb);
            float[] plainAdd = randomFloats(r, m * n);
            float[] vectorAdd = plainAdd.clone();
            Gemm.plain(a, lda, ta, b, ldb, tb, plainAdd, m, n, k, true);
            Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, vectorAdd, m, n, k, true);
            assertArrayEquals(plainAdd, vectorAdd, "add " + m + "x" + k + "x" + n + " ta " + ta + " tb " + tb);
        }
    }

    /**
     * Issue #15: adding into C on the Vector API path allocated a temporary of C's size on every
     * call. Now it sums into a per-thread block: the calling thread allocates far less than C
     * (the least over a few calls, so that a call still running cold code does not count).
     */
    @Test
    void vectorMultiplyAddAllocatesNoTemporaryOfCsSize() throws InterruptedException {
        assumeTrue(Simd.active(), "plain run");
        productsSwitchToTheVectorKernelsOnceWarm();
        int m = 200;
        int k = 300;
        int n = 300;
        SplittableRandom r = new SplittableRandom(7);
        double[] a = random(r, m * k);
        double[] b = random(r, k * n);
        double[] c = new double[m * n];
        float[] af = randomFloats(r, m * k);
        float[] bf = randomFloats(r, k * n);
        float[] cf = new float[m * n];
        long leastDouble = Long.MAX_VALUE;
        long leastFloat = Long.MAX_VALUE;
        for (int i = 0; i < 300 && (leastDouble >= 8L * m * n / 10 || leastFloat >= 4L * m * n / 10); i++) {
            leastDouble = Math.min(leastDouble, jgrad.ops.AllocatedBytes.of(
                    () -> Gemm.multiplyAdd(a, m, k, false, b, k, n, false, c)));
            leastFloat = Math.min(leastFloat, jgrad.ops.AllocatedBytes.of(
                    () -> Gemm.multiplyAdd(af, m, k, false, bf, k, n, false, cf)));
        }
        assertTrue(leastDouble < 8L * m * n / 10, "multiplyAdd(double) allocated " + leastDouble + " bytes");
        assertTrue(leastFloat < 4L * m * n / 10, "multiplyAdd(float) allocated " + leastFloat + " bytes");
    }

    @Test
    void vectorGemmKeepsSignedZerosInfinitiesAndNaNsAsThePlainPath() {
        assumeTrue(Simd.active(), "plain run");
        int m = 13;
        int k = 9;
        int n = 40;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        java.util.Arrays.fill(a, -0.0);
        java.util.Arrays.fill(b, 1.0);
        a[k] = Double.POSITIVE_INFINITY;
        a[2 * k + 3] = Double.NaN;
        b[5] = Double.NEGATIVE_INFINITY;
        double[] plain = new double[m * n];
        double[] vector = new double[m * n];
        Gemm.plain(a, k, false, b, n, false, plain, m, n, k, false);
        Simd.KERNELS.gemm(a, k, false, b, n, false, vector, m, n, k, false);
        for (int i = 0; i < plain.length; i++) {
            assertTrue(Double.doubleToLongBits(plain[i]) == Double.doubleToLongBits(vector[i])
                    || (Double.isNaN(plain[i]) && Double.isNaN(vector[i])), "element " + i);
        }
        assertEquals(Double.NEGATIVE_INFINITY, vector[n + 5], "row 1: inf * -inf");
        assertEquals(Double.POSITIVE_INFINITY, vector[n + 6], "row 1: inf * 1");
        assertTrue(Double.isNaN(vector[5]), "row 0: -0.0 * -inf");
        assertTrue(Double.isNaN(vector[2 * n + 7]), "row 2 holds a NaN");
    }

    private static float[] randomFloats(SplittableRandom r, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    private static double[] random(SplittableRandom r, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }
}
