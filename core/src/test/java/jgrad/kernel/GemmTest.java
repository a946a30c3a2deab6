package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest {
    private static final double RTOL = 1e-12;

    /** A product op(A) op(B) of size m x k x n with its operands stored accordingly. */
    private record Case(int m, int k, int n, boolean ta, boolean tb, double[] a, double[] b) {
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

        double[] gemm() {
            return Gemm.multiply(a, aRows(), aCols(), ta, b, bRows(), bCols(), tb);
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n + (ta ? " tA" : "") + (tb ? " tB" : "");
        }
    }

    private static Case random(int m, int k, int n, boolean ta, boolean tb, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        return new Case(m, k, n, ta, tb, a, b);
    }

    /** EJML's product of the same operands. */
    private static double[] ejml(Case c) {
        DMatrixRMaj ma = DMatrixRMaj.wrap(c.aRows(), c.aCols(), c.a);
        DMatrixRMaj mb = DMatrixRMaj.wrap(c.bRows(), c.bCols(), c.b);
        DMatrixRMaj out = new DMatrixRMaj(c.m, c.n);
        if (c.m > 0 && c.n > 0) {
            if (!c.ta && !c.tb) {
                CommonOps_DDRM.mult(ma, mb, out);
            } else if (c.ta && !c.tb) {
                CommonOps_DDRM.multTransA(ma, mb, out);
            } else if (!c.ta) {
                CommonOps_DDRM.multTransB(ma, mb, out);
            } else {
                CommonOps_DDRM.multTransAB(ma, mb, out);
            }
        }
        return out.data.length == c.m * c.n ? out.data : java.util.Arrays.copyOf(out.data, c.m * c.n);
    }

    /**
     * |got - want| <= 1e-12 * |row i of op(A)| |column j of op(B)| for every element: Cauchy-Schwarz
     * bounds sum_p |a_ip b_pj|, the natural scale of rounding error in element (i, j).
     */
    private static void assertClose(Case c, double[] got) {
        assertEquals(c.m * c.n, got.length, () -> c + ": result length");
        if (got.length == 0) {
            return;
        }
        double[] want = ejml(c);
        double[] rowNorm = new double[c.m];
        double[] colNorm = new double[c.n];
        for (int i = 0; i < c.m; i++) {
            for (int p = 0; p < c.k; p++) {
                double x = c.ta ? c.a[p * c.m + i] : c.a[i * c.k + p];
                rowNorm[i] += x * x;
            }
        }
        for (int j = 0; j < c.n; j++) {
            for (int p = 0; p < c.k; p++) {
                double y = c.tb ? c.b[j * c.k + p] : c.b[p * c.n + j];
                colNorm[j] += y * y;
            }
        }
        for (int i = 0; i < got.length; i++) {
            double tol = RTOL * Math.sqrt(rowNorm[i / c.n] * colNorm[i % c.n]) + Double.MIN_NORMAL;
            if (!(Math.abs(got[i] - want[i]) <= tol)) {
                fail(c + ": element (" + i / c.n + ", " + i % c.n + ") is " + got[i] + ", EJML gives " + want[i]);
            }
        }
    }

    static Stream<Arguments> smallShapes() {
        int[] sizes = {0, 1, 2, 3, 5, 17, 33};
        List<Arguments> out = new ArrayList<>();
        for (int m : sizes) {
            for (int k : sizes) {
                for (int n : sizes) {
                    out.add(Arguments.of(m, k, n));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("smallShapes")
    void smallShapesAllTransposes(int m, int k, int n) {
        for (int t = 0; t < 4; t++) {
            Case c = random(m, k, n, (t & 1) != 0, (t & 2) != 0, 31L * m + 7L * k + n + t);
            assertClose(c, c.gemm());
        }
    }

    static Stream<Arguments> blockShapes() {
        // Around the blocking: 64-row C blocks, 256-column B panels, 12-step k blocks, k padded to 3.
        int[][] shapes = {
            {1, 1, 1}, {1, 300, 1}, {1, 257, 300}, {300, 257, 1}, {1, 1, 300}, {300, 1, 1},
            {63, 63, 63}, {64, 64, 64}, {65, 65, 65}, {17, 255, 257}, {255, 17, 257}, {257, 255, 17},
            {63, 65, 255}, {65, 63, 257}, {255, 257, 300}, {300, 255, 257}, {257, 300, 255},
            {129, 13, 513}, {2, 1000, 3}, {3, 2, 1000}, {128, 784, 128}, {100, 11, 100}, {66, 12, 260},
            {3, 5000, 7}, // more k-rows than the per-thread packing buffer keeps
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
        assertClose(c, c.gemm());
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("largeProducts")
    void largeParallelProduct(int m, int k, int n, boolean ta, boolean tb) {
        // 500 columns: chunks of columns; 200 columns: blocks of rows sharing one packed B. 5 rows:
        // columns too (fewer rows than 4 per thread), an odd row, more k-rows than the packing
        // buffers keep; 301 x 3500 x 270: columns, an odd row, k not a multiple of the k block.
        Case c = random(m, k, n, ta, tb, 42 + n);
        double[] got = c.gemm();
        assertClose(c, got);
        // One thread, one block range, same blocking: the same FMA chain per element, so bit-identical.
        double[] serial = new double[c.m * c.n];
        GemmBlocked.run(c.a, c.aCols(), ta, c.b, c.bCols(), tb, serial, c.n, c.k, 0, c.m, 0, c.n, false);
        assertArrayEquals(serial, got);
    }

    static Stream<Arguments> largeProducts() {
        return Stream.of(new int[] {600, 700, 500}, new int[] {600, 300, 200}, new int[] {5, 40000, 70},
                new int[] {301, 3500, 270})
                .flatMap(s -> transposes().map(t -> Arguments.of(s[0], s[1], s[2], t.get()[0], t.get()[1])));
    }

    static Stream<Arguments> transposes() {
        return Stream.of(Arguments.of(false, false), Arguments.of(true, false), Arguments.of(false, true),
                Arguments.of(true, true));
    }

    @Test
    void directLoopAndBlockedPathGiveIdenticalBits() {
        for (int t = 0; t < 4; t++) {
            Case c = random(37, 29, 41, (t & 1) != 0, (t & 2) != 0, t);
            double[] direct = new double[c.m * c.n];
            Gemm.direct(c.a, c.aCols(), c.ta, c.b, c.bCols(), c.tb, direct, c.m, c.n, c.k);
            double[] blocked = new double[c.m * c.n];
            GemmBlocked.run(c.a, c.aCols(), c.ta, c.b, c.bCols(), c.tb, blocked, c.n, c.k, 0, c.m, 0, c.n, false);
            assertArrayEquals(direct, blocked, c::toString);
            assertArrayEquals(direct, c.gemm(), c::toString);
        }
    }

    @ParameterizedTest(name = "tA={0} tB={1}")
    @MethodSource("transposes")
    void narrowProductIsComputedTransposedWithTheSameBits(boolean ta, boolean tb) {
        // 10 columns, many rows (a layer's logits): computed as C^T and transposed back.
        for (int[] s : new int[][] {{1024, 128, 10}, {64, 33, 15}, {40, 1000, 3}}) {
            Case c = random(s[0], s[1], s[2], ta, tb, s[0] + s[2]);
            assertTrue(c.n < Gemm.NARROW && c.m >= 2 * Gemm.NARROW);
            double[] direct = new double[c.m * c.n];
            Gemm.direct(c.a, c.aCols(), ta, c.b, c.bCols(), tb, direct, c.m, c.n, c.k);
            assertArrayEquals(direct, c.gemm(), c::toString);
            double[] acc = new double[c.m * c.n];
            Arrays.fill(acc, 0.5);
            Gemm.multiplyAdd(c.a, c.aRows(), c.aCols(), ta, c.b, c.bRows(), c.bCols(), tb, acc);
            for (int i = 0; i < acc.length; i++) {
                assertEquals(0.5 + direct[i], acc[i], 0.0, "element " + i);
            }
        }
    }

    @Test
    void negativeZeroFromUnderflowComesOutOnBothPaths() {
        // Every product is -1e-600, which rounds to -0.0: the FMA chain gives -0.0, and multiply's
        // blocked path must copy it out as the direct loop does (0.0 + -0.0 would give +0.0).
        int m = 20;
        int k = 21;
        int n = 22;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        Arrays.fill(a, -1e-300);
        Arrays.fill(b, 1e-300);
        double[] direct = new double[m * n];
        Gemm.direct(a, k, false, b, n, false, direct, m, n, k);
        double[] got = Gemm.multiply(a, m, k, false, b, k, n, false);
        assertTrue((long) m * n * k > Gemm.TINY_WORK, "takes the blocked path");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(direct[0]));
        assertArrayEquals(direct, got);
        // multiplyAdd adds into what is there: -0.0 + (+0.0) is +0.0 by IEEE rules.
        double[] acc = new double[m * n];
        Gemm.multiplyAdd(a, m, k, false, b, k, n, false, acc);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(acc[0]));
    }

    @Test
    void tinyProductExact() {
        // 4x2 . 2x10, like an MLP layer on the README's toy data.
        double[] a = {1, 2, 2, 1, 3, 4, 4, 3};
        double[] b = new double[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = i - 7;
        }
        double[] c = Gemm.multiply(a, 4, 2, false, b, 2, 10, false);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 10; j++) {
                assertEquals(a[2 * i] * b[j] + a[2 * i + 1] * b[10 + j], c[i * 10 + j]);
            }
        }
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        assertArrayEquals(new double[12], Gemm.multiply(new double[0], 3, 0, false, new double[0], 0, 4, false));
        assertArrayEquals(new double[12], Gemm.multiply(new double[0], 0, 3, true, new double[0], 4, 0, true));
        assertEquals(0, Gemm.multiply(new double[0], 0, 5, false, new double[15], 5, 3, false).length);
    }

    @Test
    void multiplyAddAccumulates() {
        for (int[] s : new int[][] {{3, 4, 5}, {70, 80, 300}, {300, 200, 300}}) {
            for (int t = 0; t < 4; t++) {
                Case c = random(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, t + 5);
                double[] product = c.gemm();
                double[] acc = new double[c.m * c.n + 3]; // longer than needed: the tail is left alone
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = i % 7 - 3;
                }
                Gemm.multiplyAdd(c.a, c.aRows(), c.aCols(), c.ta, c.b, c.bRows(), c.bCols(), c.tb, acc);
                for (int i = 0; i < product.length; i++) {
                    double want = (i % 7 - 3) + product[i];
                    assertEquals(want, acc[i], 1e-12 * (Math.abs(want) + c.k), c::toString);
                }
                for (int i = product.length; i < acc.length; i++) {
                    assertEquals(i % 7 - 3, acc[i]);
                }
            }
        }
    }

    @Test
    void infinitiesAndNaNsPropagateLikeEjml() {
        // Odd m and k not a multiple of 3, so zero padding is in play next to the infinities.
        for (int[] s : new int[][] {{3, 5, 4}, {65, 67, 259}}) {
            for (int t = 0; t < 4; t++) {
                Case c = random(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, 9);
                c.a[1] = Double.POSITIVE_INFINITY;
                c.b[c.b.length - 1] = Double.NEGATIVE_INFINITY;
                c.b[0] = Double.NaN;
                double[] got = c.gemm();
                double[] want = ejml(c);
                for (int i = 0; i < got.length; i++) {
                    if (Double.isNaN(want[i]) || Double.isInfinite(want[i])) {
                        assertEquals(want[i], got[i], c + " element " + i);
                    } else {
                        assertTrue(Double.isFinite(got[i]), c + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapesAndShortArrays() {
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new double[6], 2, 3, false, new double[8], 4, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new double[6], 2, 3, true, new double[6], 3, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiply(new double[5], 2, 3, false, new double[6], 3, 2, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.multiplyAdd(new double[6], 2, 3, false, new double[6], 3, 2, false, new double[3]));
    }

    @Test
    void matchesEjmlOnRandomShapes() {
        SplittableRandom r = new SplittableRandom(20261125);
        for (int trial = 0; trial < 200; trial++) {
            Case c = random(r.nextInt(41), r.nextInt(41), r.nextInt(301), r.nextBoolean(), r.nextBoolean(),
                    r.nextLong());
            assertClose(c, c.gemm());
        }
    }

    /**
     * The kernel must stay over C2's FreqInlineSize (325 bytecodes): inlined into the blocking
     * driver, JDK 17 stops vectorising its loop and GEMM runs ~8x slower (see GemmKernel).
     */
    @Test
    void kernelIsTooBigForC2ToInline() throws IOException {
        int[] lengths = bytecodeLengths(GemmKernel.class, "fma2x4");
        assertEquals(2, lengths.length, "the double and the float kernel");
        for (int length : lengths) {
            assertTrue(length > 325, "fma2x4 has " + length + " bytecodes");
        }
    }

    /** Code lengths of the methods of that name (overloads), read from the class file. */
    private static int[] bytecodeLengths(Class<?> cls, String method) throws IOException {
        List<Integer> out = new ArrayList<>();
        for (int skip = 0;; skip++) {
            int length = bytecodeLength(cls, method, skip);
            if (length < 0) {
                return out.stream().mapToInt(Integer::intValue).toArray();
            }
            out.add(length);
        }
    }

    /**
     * Code length of the method of that name after skipping {@code skip} of them, or -1, read from
     * the class file (constant pool, then methods).
     */
    private static int bytecodeLength(Class<?> cls, String method, int skip) throws IOException {
        int seen = 0;
        try (InputStream in = cls.getResourceAsStream(cls.getSimpleName() + ".class")) {
            DataInputStream d = new DataInputStream(in);
            d.readInt(); // magic
            d.readInt(); // minor, major
            int count = d.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = d.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.skipBytes(4);
                    case 5, 6 -> {
                        d.skipBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> d.skipBytes(2);
                    case 15 -> d.skipBytes(3);
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            d.skipBytes(6); // access, this, super
            d.skipBytes(2 * d.readUnsignedShort()); // interfaces
            for (int pass = 0; pass < 2; pass++) { // fields, then methods
                int members = d.readUnsignedShort();
                for (int m = 0; m < members; m++) {
                    d.skipBytes(2);
                    String name = utf8[d.readUnsignedShort()];
                    d.skipBytes(2);
                    int attributes = d.readUnsignedShort();
                    for (int a = 0; a < attributes; a++) {
                        String attr = utf8[d.readUnsignedShort()];
                        int len = d.readInt();
                        if (pass == 1 && name.equals(method) && attr.equals("Code") && seen++ == skip) {
                            d.skipBytes(4); // max_stack, max_locals
                            return d.readInt();
                        }
                        d.skipBytes(len);
                    }
                }
            }
        }
        return -1;
    }
}
