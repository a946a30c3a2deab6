package jgrad.kernel;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) op(B)} where op is identity or
 * transpose. Operands are read in place; a transposed operand is handled while packing, never by
 * materialising a transposed copy.
 *
 * <p>How it is fast in plain Java (JDK 17, no flags): C2 vectorises an axpy-style loop into
 * packed FMAs only when every array in it is indexed by the bare loop counter. So the driver
 * packs a 256-column panel of B into one {@code double[]} per k-row, keeps a block of 64 C rows
 * as one {@code double[]} per row, and feeds pairs of C rows and 16 B rows (four at a time) to
 * {@link GemmKernel#fma2x4} (see there for what the vectoriser needs), with the block's rows of
 * A copied into one array per row. k is padded to a multiple of 4 with zeros and an odd last
 * row is paired with a padding row, so the kernel needs no remainder loop. Large products
 * are cut into chunks that the calling thread and a helper thread take in turn
 * ({@link GemmTeam}): panels of columns when C is wide, blocks of rows sharing one packed B
 * otherwise. Tiny ones use a direct loop. With the Vector API available ({@link Simd}), the
 * blocked part runs {@code VectorGemm} instead, computing the same chains.
 *
 * <p>Every element of {@link #multiply}'s result is one chain of {@link Math#fma} in increasing
 * k order, whichever path computes it, so results do not depend on the number of threads, the
 * blocking or the size class. They differ from a multiply-then-add loop (EJML, PyTorch) by
 * rounding only (~1e-15 relative).
 *
 * <p>float32 ({@code multiply(float[], ...)}, SGEMM): the same paths with {@code float} for
 * {@code double}, each element one chain of {@link Math#fma(float, float, float)} (every step
 * rounded to float, never widened) in increasing k, so float results too are the same bits on
 * every path and any number of threads. What is shared between the two dtypes and what is
 * written twice: see the package documentation.
 */
public final class Gemm {
    private Gemm() {}

    /** Width of a packed panel of B (and of a C block), in columns. */
    static final int NC = 256;
    /**
     * Extra length of every packed row, so that each row array (16-byte header + 8 * 262 bytes)
     * is a whole number of 64-byte lines and rows allocated one after another all start at the
     * same offset in a cache line. The kernel's pre-loop can then align all its loads and stores at
     * once; measured ~+12% over rows of exactly 256.
     */
    static final int ROW_PAD = 6;
    /**
     * {@link #NC} for float32: the same bytes per packed row. With {@link #KC_FLOAT} it ran
     * 10-25% faster than 256 and 16 at n = 1024 (one thread, per CPU-second, four alternating
     * runs on the busy AVX-512 machine).
     */
    static final int NC_FLOAT = 512;
    /** {@link #KC} for float32 (a multiple of 4). */
    static final int KC_FLOAT = 32;
    /** {@link #ROW_PAD} for float rows: 16-byte header + 4 * 524 bytes is 33 cache lines. */
    static final int ROW_PAD_FLOAT = 12;
    /** Rows of C accumulated per block (even). */
    static final int MC = 64;
    /** k-steps per pass over a C block (multiple of 4). */
    static final int KC = 16;
    /** C with fewer columns than this (and at least twice as many rows) is computed transposed. */
    static final int NARROW = 16;
    /** Products with at most this many multiply-adds use the direct loop. */
    static final long TINY_WORK = 16 * 16 * 16;
    /**
     * Multiply-adds below which a product stays on the calling thread (about 80 us of work on
     * one core here; handing chunks to an awake helper costs about a microsecond).
     */
    static final long PARALLEL_WORK = 1L << 20;

    /**
     * Multiplies. {@code a} is stored as {@code aRows x aCols}, {@code b} as {@code bRows x bCols};
     * with the transposes applied the product must be {@code m x n} with inner size {@code k}.
     *
     * @param a the first matrix, row-major
     * @param aRows the number of rows {@code a} is stored with
     * @param aCols the number of columns {@code a} is stored with
     * @param ta whether to use the transpose of {@code a}
     * @param b the second matrix, row-major
     * @param bRows the number of rows {@code b} is stored with
     * @param bCols the number of columns {@code b} is stored with
     * @param tb whether to use the transpose of {@code b}
     * @return a new {@code m x n} row-major array
     */
    public static double[] multiply(double[] a, int aRows, int aCols, boolean ta,
            double[] b, int bRows, int bCols, boolean tb) {
        int m = ta ? aCols : aRows;
        int n = tb ? bRows : bCols;
        double[] c = new double[check(a.length, aRows, aCols, ta, b.length, bRows, bCols, tb)];
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, false);
        return c;
    }

    /**
     * Multiplies in float32 (SGEMM): as {@link #multiply(double[], int, int, boolean, double[],
     * int, int, boolean)}, with every multiply-add rounded to float (one chain of
     * {@link Math#fma(float, float, float)} per element, in increasing k).
     *
     * @param a the first matrix, row-major
     * @param aRows the number of rows {@code a} is stored with
     * @param aCols the number of columns {@code a} is stored with
     * @param ta whether to use the transpose of {@code a}
     * @param b the second matrix, row-major
     * @param bRows the number of rows {@code b} is stored with
     * @param bCols the number of columns {@code b} is stored with
     * @param tb whether to use the transpose of {@code b}
     * @return a new {@code m x n} row-major array
     */
    public static float[] multiply(float[] a, int aRows, int aCols, boolean ta,
            float[] b, int bRows, int bCols, boolean tb) {
        int m = ta ? aCols : aRows;
        int n = tb ? bRows : bCols;
        float[] c = new float[check(a.length, aRows, aCols, ta, b.length, bRows, bCols, tb)];
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, false);
        return c;
    }

    /**
     * Accumulates: {@code c += op(A) op(B)}, with {@code c} an {@code m x n} row-major array (at
     * least {@code m * n} long). Operands as in {@link #multiply(double[], int, int, boolean,
     * double[], int, int, boolean)}. {@code c} must not alias {@code a} or {@code b}. Each element
     * gets its whole product (one FMA chain from zero) added in one rounding.
     *
     * @param a the first matrix, row-major
     * @param aRows the number of rows {@code a} is stored with
     * @param aCols the number of columns {@code a} is stored with
     * @param ta whether to use the transpose of {@code a}
     * @param b the second matrix, row-major
     * @param bRows the number of rows {@code b} is stored with
     * @param bCols the number of columns {@code b} is stored with
     * @param tb whether to use the transpose of {@code b}
     * @param c the {@code m x n} row-major result to add into
     */
    public static void multiplyAdd(double[] a, int aRows, int aCols, boolean ta,
            double[] b, int bRows, int bCols, boolean tb, double[] c) {
        int m = ta ? aCols : aRows;
        int n = tb ? bRows : bCols;
        checkOutput(c.length, check(a.length, aRows, aCols, ta, b.length, bRows, bCols, tb), m, n);
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, true);
    }

    /**
     * Accumulates in float32: {@code c += op(A) op(B)}, as {@link #multiplyAdd(double[], int,
     * int, boolean, double[], int, int, boolean, double[])} with every operation rounded to float.
     *
     * @param a the first matrix, row-major
     * @param aRows the number of rows {@code a} is stored with
     * @param aCols the number of columns {@code a} is stored with
     * @param ta whether to use the transpose of {@code a}
     * @param b the second matrix, row-major
     * @param bRows the number of rows {@code b} is stored with
     * @param bCols the number of columns {@code b} is stored with
     * @param tb whether to use the transpose of {@code b}
     * @param c the {@code m x n} row-major result to add into
     */
    public static void multiplyAdd(float[] a, int aRows, int aCols, boolean ta,
            float[] b, int bRows, int bCols, boolean tb, float[] c) {
        int m = ta ? aCols : aRows;
        int n = tb ? bRows : bCols;
        checkOutput(c.length, check(a.length, aRows, aCols, ta, b.length, bRows, bCols, tb), m, n);
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, true);
    }

    /** Checks the operands' shapes and lengths; returns {@code m * n}. */
    private static int check(int aLength, int aRows, int aCols, boolean ta,
            int bLength, int bRows, int bCols, boolean tb) {
        int ka = ta ? aRows : aCols;
        int kb = tb ? bCols : bRows;
        if (aRows < 0 || aCols < 0 || bRows < 0 || bCols < 0 || ka != kb) {
            throw new IllegalArgumentException("Gemm: cannot multiply " + (ta ? "transposed " : "") + aRows + " x "
                    + aCols + " by " + (tb ? "transposed " : "") + bRows + " x " + bCols);
        }
        if ((long) aRows * aCols > aLength || (long) bRows * bCols > bLength) {
            throw new IllegalArgumentException("Gemm: operand arrays shorter than their shapes");
        }
        long size = (long) (ta ? aCols : aRows) * (tb ? bRows : bCols);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Gemm: result " + (ta ? aCols : aRows) + " x " + (tb ? bRows : bCols)
                    + " too large for one array");
        }
        return (int) size;
    }

    private static void checkOutput(int length, int size, int m, int n) {
        if (length < size) {
            throw new IllegalArgumentException("Gemm: output has " + length + " values, needs " + m + " x " + n);
        }
    }

    /** Which loop computes a product of this size (the same choice for both dtypes). */
    enum Route {
        /** Nothing to compute (an empty C or k = 0). */
        EMPTY,
        /** The direct loop: tiny products. */
        DIRECT,
        /** Narrow C: computed as C^T, whose rows are long, and transposed back. */
        TRANSPOSED,
        /** The blocked kernels (plain or Vector API). */
        BLOCKED;

        static Route of(int m, int n, int k) {
            if (m == 0 || n == 0 || k == 0) {
                return EMPTY;
            }
            if ((long) m * n * k <= TINY_WORK) {
                return DIRECT;
            }
            // C's rows too short for the vector loop (a layer's 10 logits): C^T = op(B)^T op(A)^T.
            // Each element is the same chain of FMAs with the factors of each product swapped.
            return n < NARROW && m >= 2 * NARROW ? TRANSPOSED : BLOCKED;
        }
    }

    /** {@code add}: add into {@code c}; otherwise {@code c} is all zeros and is overwritten. */
    private static void run(double[] a, int aRows, int lda, boolean ta, double[] b, int ldb, boolean tb,
            double[] c, int m, int n, boolean add) {
        int k = ta ? aRows : lda;
        switch (Route.of(m, n, k)) {
            case EMPTY:
                return;
            case DIRECT:
                direct(a, lda, ta, b, ldb, tb, c, m, n, k);
                return;
            case TRANSPOSED:
                double[] ct = new double[n * m];
                run(b, tb ? n : k, ldb, !tb, a, lda, !ta, ct, n, m, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0, o = i * n; j < n; j++) {
                        c[o + j] = add ? c[o + j] + ct[j * m + i] : ct[j * m + i];
                    }
                }
                return;
            default:
                if (Simd.KERNELS != null && Simd.KERNELS.ready()) {
                    Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, add); // the same bits, faster
                } else {
                    plain(a, lda, ta, b, ldb, tb, c, m, n, k, add, GemmTeam.Shared.TEAM);
                }
        }
    }

    /** The float32 twin of the {@code run} above. */
    private static void run(float[] a, int aRows, int lda, boolean ta, float[] b, int ldb, boolean tb,
            float[] c, int m, int n, boolean add) {
        int k = ta ? aRows : lda;
        switch (Route.of(m, n, k)) {
            case EMPTY:
                return;
            case DIRECT:
                direct(a, lda, ta, b, ldb, tb, c, m, n, k);
                return;
            case TRANSPOSED:
                float[] ct = new float[n * m];
                run(b, tb ? n : k, ldb, !tb, a, lda, !ta, ct, n, m, false);
                for (int i = 0; i < m; i++) {
                    for (int j = 0, o = i * n; j < n; j++) {
                        c[o + j] = add ? c[o + j] + ct[j * m + i] : ct[j * m + i];
                    }
                }
                return;
            default:
                if (Simd.KERNELS != null && Simd.KERNELS.ready()) {
                    Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, add); // the same bits, faster
                } else {
                    plain(a, lda, ta, b, ldb, tb, c, m, n, k, add, GemmTeam.Shared.TEAM);
                }
        }
    }

    /** The plain blocked path on the shared team (tests, and {@code SimdCpuTime} in the bench). */
    static void plain(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n,
            int k, boolean add) {
        plain(a, lda, ta, b, ldb, tb, c, m, n, k, add, GemmTeam.Shared.TEAM);
    }

    /** The float32 plain blocked path on the shared team. */
    static void plain(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int m, int n,
            int k, boolean add) {
        plain(a, lda, ta, b, ldb, tb, c, m, n, k, add, GemmTeam.Shared.TEAM);
    }

    /** The plain blocked path of {@link #run}, for products neither tiny nor narrow, on {@code team}. */
    static void plain(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n,
            int k, boolean add, GemmTeam team) {
        share(m, n, k, NC, team,
                (i0, i1, j0, j1) -> GemmBlocked.run(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1, add),
                rows -> GemmBlocked.runSharedB(a, lda, ta, b, ldb, tb, c, m, n, k, add, team, rows));
    }

    /** The float32 plain blocked path, on {@code team}. */
    static void plain(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int m, int n,
            int k, boolean add, GemmTeam team) {
        share(m, n, k, NC_FLOAT, team,
                (i0, i1, j0, j1) -> GemmBlockedFloat.run(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1, add),
                rows -> GemmBlockedFloat.runSharedB(a, lda, ta, b, ldb, tb, c, m, n, k, add, team, rows));
    }

    /** Computes the block {@code [i0, i1) x [j0, j1)} of C on the calling thread. */
    interface Block {
        /**
         * Runs it.
         *
         * @param i0 the first row
         * @param i1 the end of the rows
         * @param j0 the first column
         * @param j1 the end of the columns
         */
        void run(int i0, int i1, int j0, int j1);
    }

    /** Computes all of C (at most one panel wide) in chunks of rows sharing one packed B. */
    interface RowChunks {
        /**
         * Runs it.
         *
         * @param rows the rows per chunk
         */
        void run(int rows);
    }

    /**
     * How the plain path shares a product out (both dtypes): on the calling thread when small, by
     * panels of columns when C is wide (each chunk packs its own panel of B), otherwise by blocks
     * of rows sharing one packed B. {@code nc} is the width of a packed panel.
     */
    private static void share(int m, int n, int k, int nc, GemmTeam team, Block block, RowChunks rowChunks) {
        long work = (long) m * n * k;
        int threads = team.size();
        if (threads == 1 || work < PARALLEL_WORK) {
            block.run(0, m, 0, n);
        } else if (n > nc || m < 4 * threads) {
            // By columns: chunks of at most nc columns (a multiple of 4), two per thread where C
            // is wide enough; each chunk packs its own panel of B.
            int chunks = Math.max((n + nc - 1) / nc, Math.min(2 * threads, n / 32));
            int width = ((n + chunks - 1) / chunks + 3) & ~3;
            team.run((n + width - 1) / width, i -> block.run(0, m, i * width, Math.min(n, (i + 1) * width)));
        } else {
            // By rows, C at most one panel wide: B is packed once and shared by every chunk. A chunk
            // streams all of packed B through the cache, so it gets at least 16 rows to reuse it on.
            rowChunks.run(Math.min(MC, Math.max(16, ((m + 2 * threads - 1) / (2 * threads) + 1) & ~1)));
        }
    }

    /**
     * The direct loop for tiny products. Each element of C is the same FMA chain in k order as on
     * the blocked path, here seeded with C's old value (so {@link #multiply} gives identical bits
     * on both paths; {@link #multiplyAdd} may differ from the blocked path by one rounding).
     */
    static void direct(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb,
            double[] c, int m, int n, int k) {
        int ai = ta ? 1 : lda; // op(A)[i][p] = a[i * ai + p * ap]
        int ap = ta ? lda : 1;
        int bp = tb ? 1 : ldb; // op(B)[p][j] = b[p * bp + j * bj]
        int bj = tb ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double x = a[i * ai + p * ap];
                for (int j = 0, y = p * bp; j < n; j++, y += bj) {
                    c[ci + j] = Math.fma(x, b[y], c[ci + j]);
                }
            }
        }
    }

    /** The float32 direct loop (float FMAs). */
    static void direct(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb,
            float[] c, int m, int n, int k) {
        int ai = ta ? 1 : lda;
        int ap = ta ? lda : 1;
        int bp = tb ? 1 : ldb;
        int bj = tb ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float x = a[i * ai + p * ap];
                for (int j = 0, y = p * bp; j < n; j++, y += bj) {
                    c[ci + j] = Math.fma(x, b[y], c[ci + j]);
                }
            }
        }
    }
}
