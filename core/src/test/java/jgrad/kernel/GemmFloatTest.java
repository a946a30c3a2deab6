package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 product ({@code Gemm.multiply(float[], ...)}), on whichever path this run takes
 * (plain, or Vector API in core's {@code vector-tests} execution once warm). Two references:
 * <ul>
 *   <li>bits: each element must be exactly one chain of float FMAs in increasing k from +0.0,
 *       computed here by a naive loop ({@link #chain});</li>
 *   <li>accuracy: the exact product of the same float inputs (in double, where each product of
 *       two floats is exact), within the bound of a float FMA chain,
 *       {@code (k + 1) 2^-24 sum_p |a_ip b_pj|}, which is also below
 *       {@code 1e-5 sqrt(k) sum_p |a_ip b_pj|} for every k here.</li>
 * </ul>
 */
class GemmFloatTest {
    /** A float product op(A) op(B) of size m x k x n with its operands stored accordingly. */
    private record Case(int m, int k, int n, boolean ta, boolean tb, float[] a, float[] b) {
        int aRows() {
            return ta ? k : m;
        }

        int aCols() {
            return ta ? m : k;
        }

        int bRows() {
            return tb ? n : k;
        }

        int bCols() {
            return tb ? k : n;
        }

        float a(int i, int p) {
            return ta ? a[p * m + i] : a[i * k + p];
        }

        float b(int p, int j) {
            return tb ? b[j * k + p] : b[p * n + j];
        }

        float[] gemm() {
            return Gemm.multiply(a, aRows(), aCols(), ta, b, bRows(), bCols(), tb);
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n + (ta ? " tA" : "") + (tb ? " tB" : "");
        }
    }

    static Case random(int m, int k, int n, boolean ta, boolean tb, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }
        return new Case(m, k, n, ta, tb, a, b);
    }

    /** The reference bits: one chain of float FMAs per element, increasing k, from +0.0f. */
    private static float[] chain(Case c) {
        float[] out = new float[c.m * c.n];
        for (int i = 0; i < c.m; i++) {
            for (int j = 0; j < c.n; j++) {
                float s = 0f;
                for (int p = 0; p < c.k; p++) {
                    s = Math.fma(c.a(i, p), c.b(p, j), s);
                }
                out[i * c.n + j] = s;
            }
        }
        return out;
    }

    /** Same bits as {@link #chain}, and within float accumulation error of the exact product. */
    private static void assertProduct(Case c, float[] got) {
        assertEquals(c.m * c.n, got.length, () -> c + ": result length");
        float[] want = chain(c);
        for (int i = 0; i < c.m; i++) {
            for (int j = 0; j < c.n; j++) {
                double exact = 0;
                double scale = 0;
                for (int p = 0; p < c.k; p++) {
                    double x = (double) c.a(i, p) * c.b(p, j); // exact: 24 + 24 bits
                    exact += x;
                    scale += Math.abs(x);
                }
                float g = got[i * c.n + j];
                double tol = (c.k + 1) * 0x1p-24 * scale + Float.MIN_VALUE;
                assertTrue(tol <= 1e-5 * Math.sqrt(Math.max(1, c.k)) * scale + Float.MIN_VALUE, "bound");
                if (!(Math.abs(g - exact) <= tol)) {
                    fail(c + ": element (" + i + ", " + j + ") is " + g + ", exact " + exact + ", tolerance " + tol);
                }
                if (Float.floatToRawIntBits(g) != Float.floatToRawIntBits(want[i * c.n + j])) {
                    fail(c + ": element (" + i + ", " + j + ") is " + g + ", the FMA chain gives "
                            + want[i * c.n + j]);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("jgrad.kernel.GemmTest#smallShapes")
    void smallShapesAllTransposes(int m, int k, int n) {
        for (int t = 0; t < 4; t++) {
            Case c = random(m, k, n, (t & 1) != 0, (t & 2) != 0, 31L * m + 7L * k + n + t);
            assertProduct(c, c.gemm());
        }
    }

    /**
     * Around both paths' blocking: plain (64-row blocks, 512-column panels, 32 k-steps, k padded
     * to 4, narrow C below 16 columns) and Vector API (6-row tiles, 64-column tiles of floats with
     * 512-bit vectors, 256 k-steps, 96-row blocks, 512-column panels), 1 x N and N x 1.
     */
    static Stream<Arguments> blockShapes() {
        int[][] shapes = {
            {1, 300, 1}, {1, 257, 300}, {300, 257, 1}, {1, 1, 700}, {700, 1, 1}, {1, 1000, 600},
            {63, 65, 255}, {65, 63, 257}, {6, 256, 64}, {7, 257, 65}, {97, 300, 129}, {13, 17, 15},
            {40, 1000, 3}, {1024, 128, 10}, {200, 513, 130}, {95, 511, 513}, {128, 784, 128}, {65, 33, 1030},
            {3, 5000, 7}, // more k-rows than the plain path's packing buffer keeps
        };
        List<Arguments> out = new ArrayList<>();
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("blockShapes")
    void shapesAcrossBlockBoundaries(int m, int k, int n, boolean ta, boolean tb) {
        Case c = random(m, k, n, ta, tb, 1000L * m + 10L * k + n + (ta ? 1 : 0) + (tb ? 2 : 0));
        assertProduct(c, c.gemm());
    }

    @Test
    void matchesTheChainOnRandomShapes() {
        SplittableRandom r = new SplittableRandom(20261206);
        for (int trial = 0; trial < 150; trial++) {
            Case c = random(r.nextInt(41), r.nextInt(41), r.nextInt(301), r.nextBoolean(), r.nextBoolean(),
                    r.nextLong());
            assertProduct(c, c.gemm());
        }
    }

    /**
     * The plain float path on teams of 1 to 4 threads (each way of sharing out: on the caller,
     * by panels of columns, by rows sharing one packed B): the same bits as the chain every time.
     */
    @ParameterizedTest(name = "{0} threads")
    @MethodSource("teamSizes")
    void plainPathGivesTheSameBitsOnAnyTeam(int threads) {
        GemmTeam team = new GemmTeam(threads);
        for (int[] s : new int[][] {{600, 300, 500}, {300, 200, 200}, {5, 4000, 70}, {301, 350, 270}}) {
            for (int t = 0; t < 4; t++) {
                Case c = random(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, s[0] + t);
                float[] got = new float[c.m * c.n];
                Gemm.plain(c.a, c.aCols(), c.ta, c.b, c.bCols(), c.tb, got, c.m, c.n, c.k, false, team);
                assertArrayEquals(chain(c), got, () -> c + " on " + threads + " threads");
            }
        }
    }

    static Stream<Integer> teamSizes() {
        return Stream.of(1, 2, 3, 4);
    }

    @Test
    void multiplyAddAddsEachWholeChainOnce() {
        for (int[] s : new int[][] {{3, 4, 5}, {70, 80, 300}, {300, 600, 300}, {1024, 64, 10}}) {
            for (int t = 0; t < 4; t++) {
                Case c = random(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, t + 5);
                float[] product = chain(c);
                float[] acc = new float[c.m * c.n + 3]; // longer than needed: the tail is left alone
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = i % 7 - 3;
                }
                Gemm.multiplyAdd(c.a, c.aRows(), c.aCols(), c.ta, c.b, c.bRows(), c.bCols(), c.tb, acc);
                boolean tiny = (long) c.m * c.n * c.k <= Gemm.TINY_WORK; // seeded with C: one rounding apart
                for (int i = 0; i < product.length; i++) {
                    float want = (i % 7 - 3) + product[i];
                    assertEquals(want, acc[i], tiny ? 1e-5f * (Math.abs(want) + c.k) : 0f, c::toString);
                }
                for (int i = product.length; i < acc.length; i++) {
                    assertEquals(i % 7 - 3, acc[i]);
                }
            }
        }
    }

    @Test
    void floatRangeIsKeptNotWidened() {
        // 3e38 * 2 overflows float (as PyTorch's float32 mm does) though it fits a double; 1e-30 *
        // 1e-30 underflows to zero in float.
        float[] a = {3e38f, 1e-30f, 0, 0};
        float[] b = {2, 0, 0, 1e-30f};
        float[] c = Gemm.multiply(a, 2, 2, false, b, 2, 2, false);
        assertEquals(Float.POSITIVE_INFINITY, c[0]);
        assertEquals(0f, c[1]);
        float[] big = new float[40 * 40];
        Arrays.fill(big, 3e38f);
        float[] cb = Gemm.multiply(big, 40, 40, false, big, 40, 40, true);
        assertEquals(Float.POSITIVE_INFINITY, cb[0], "the blocked path overflows too");
    }

    @Test
    void signedZerosInfinitiesAndNaNs() {
        int m = 65;
        int k = 67;
        int n = 259;
        Case c = random(m, k, n, false, false, 3);
        Arrays.fill(c.a, 0, k, -0f); // row 0 of A: -0.0, so row 0 of C is the chain of -0.0 * b
        c.a[k] = Float.POSITIVE_INFINITY;
        c.a[2 * k + 3] = Float.NaN;
        float[] got = c.gemm();
        float[] want = chain(c);
        for (int i = 0; i < got.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(got[i]), "element " + i);
        }
        assertTrue(Float.isNaN(got[2 * n]), "row 2 holds a NaN");
        assertTrue(Float.isInfinite(got[n]) || Float.isNaN(got[n]), "row 1 holds an infinity");
    }

    @Test
    void emptyProductsAndBadShapes() {
        assertArrayEquals(new float[12], Gemm.multiply(new float[0], 3, 0, false, new float[0], 0, 4, false));
        assertEquals(0, Gemm.multiply(new float[0], 0, 5, false, new float[15], 5, 3, false).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new float[6], 2, 3, false, new float[8], 4, 2, false));
        assertEquals("Gemm: cannot multiply 2 x 3 by 4 x 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new float[5], 2, 3, false, new float[6], 3, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyAdd(new float[6], 2, 3, false, new float[6], 3, 2, false, new float[3]));
    }
}
