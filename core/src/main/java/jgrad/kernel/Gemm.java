package jgrad.kernel;

import java.util.Arrays;

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
        double[] c = new double[check(a, aRows, aCols, ta, b, bRows, bCols, tb, m, n)];
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, false);
        return c;
    }

    /**
     * Accumulates: {@code c += op(A) op(B)}, with {@code c} an {@code m x n} row-major array (at
     * least {@code m * n} long). Operands as in {@link #multiply}. {@code c} must not alias
     * {@code a} or {@code b}.
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
        int size = check(a, aRows, aCols, ta, b, bRows, bCols, tb, m, n);
        if (c.length < size) {
            throw new IllegalArgumentException("Gemm: output has " + c.length + " values, needs " + m + " x " + n);
        }
        run(a, aRows, aCols, ta, b, bCols, tb, c, m, n, true);
    }

    private static int check(double[] a, int aRows, int aCols, boolean ta,
            double[] b, int bRows, int bCols, boolean tb, int m, int n) {
        int ka = ta ? aRows : aCols;
        int kb = tb ? bCols : bRows;
        if (aRows < 0 || aCols < 0 || bRows < 0 || bCols < 0 || ka != kb) {
            throw new IllegalArgumentException("Gemm: cannot multiply " + (ta ? "transposed " : "") + aRows + " x "
                    + aCols + " by " + (tb ? "transposed " : "") + bRows + " x " + bCols);
        }
        if ((long) aRows * aCols > a.length || (long) bRows * bCols > b.length) {
            throw new IllegalArgumentException("Gemm: operand arrays shorter than their shapes");
        }
        long size = (long) m * n;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Gemm: result " + m + " x " + n + " too large for one array");
        }
        return (int) size;
    }

    /** {@code add}: add into {@code c}; otherwise {@code c} is all zeros and is overwritten. */
    private static void run(double[] a, int aRows, int lda, boolean ta, double[] b, int ldb, boolean tb,
            double[] c, int m, int n, boolean add) {
        int k = ta ? aRows : lda;
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        long work = (long) m * n * k;
        if (work <= TINY_WORK) {
            direct(a, lda, ta, b, ldb, tb, c, m, n, k);
            return;
        }
        if (n < NARROW && m >= 2 * NARROW) {
            // C's rows are too short for the vector loop (a layer's 10 logits): compute
            // C^T = op(B)^T op(A)^T, whose rows are long, and transpose it. Each element is the
            // same chain of FMAs with the factors of each product swapped, so the same bits.
            double[] ct = new double[n * m];
            run(b, tb ? n : k, ldb, !tb, a, lda, !ta, ct, n, m, false);
            for (int i = 0; i < m; i++) {
                for (int j = 0, o = i * n; j < n; j++) {
                    c[o + j] = add ? c[o + j] + ct[j * m + i] : ct[j * m + i];
                }
            }
            return;
        }
        if (Simd.KERNELS != null && Simd.KERNELS.ready()) {
            Simd.KERNELS.gemm(a, lda, ta, b, ldb, tb, c, m, n, k, add); // the same bits, faster
        } else {
            plain(a, lda, ta, b, ldb, tb, c, m, n, k, add);
        }
    }

    /** The plain blocked path of {@link #run}, for products neither tiny nor narrow. */
    static void plain(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n,
            int k, boolean add) {
        long work = (long) m * n * k;
        GemmTeam team = GemmTeam.Shared.TEAM;
        int threads = team.size();
        if (threads == 1 || work < PARALLEL_WORK) {
            Blocked.run(a, lda, ta, b, ldb, tb, c, n, k, 0, m, 0, n, add);
        } else if (n > NC || m < 4 * threads) {
            // By columns: chunks of at most NC columns (a multiple of 4), two per thread where C
            // is wide enough; each chunk packs its own panel of B.
            int chunks = Math.max((n + NC - 1) / NC, Math.min(2 * threads, n / 32));
            int width = ((n + chunks - 1) / chunks + 3) & ~3;
            team.run((n + width - 1) / width, i -> Blocked.run(a, lda, ta, b, ldb, tb, c, n, k, 0, m,
                    i * width, Math.min(n, (i + 1) * width), add));
        } else {
            // By rows, C at most one panel wide: B is packed once and shared by every chunk. A chunk
            // streams all of packed B through the cache, so it gets at least 16 rows to reuse it on.
            int rows = Math.min(MC, Math.max(16, ((m + 2 * threads - 1) / (2 * threads) + 1) & ~1));
            Blocked.runSharedB(a, lda, ta, b, ldb, tb, c, m, n, k, add, team, rows);
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

    /**
     * The blocking driver. {@link GemmKernel#fma2x4} must not be inlined into it (JDK 17 then
     * stops vectorising the kernel loop); the kernel's size sees to that.
     */
    static final class Blocked {
        private Blocked() {}

        /** Per-thread packing buffers, grown on demand. */
        private static final ThreadLocal<Blocked.Scratch> SCRATCH = ThreadLocal.withInitial(Blocked.Scratch::new);

        /** Packed B panels of more k-rows than this (~8.6 MB) are not kept between calls. */
        private static final int MAX_KEPT_K = 4096;

        static final class Scratch {
            double[][] bp = new double[0][];
            final double[][] cb = new double[MC][NC + ROW_PAD];
            /** The rows of A for one block of C, zero-padded to a multiple of 4 k-steps. */
            double[][] ap = new double[MC][0];

            double[][] packedB(int kp) {
                if (kp > MAX_KEPT_K) {
                    return new double[kp][NC + ROW_PAD];
                }
                if (bp.length < kp) {
                    double[][] g = Arrays.copyOf(bp, kp);
                    for (int p = bp.length; p < kp; p++) {
                        g[p] = new double[NC + ROW_PAD];
                    }
                    bp = g;
                }
                return bp;
            }

            double[][] packedA(int kp) {
                if (kp > MAX_KEPT_K) {
                    return new double[MC][kp];
                }
                if (ap[0].length < kp) {
                    ap = new double[MC][kp];
                }
                return ap;
            }
        }

        /**
         * {@code c[i0..i1) x [j0..j1) += op(A) op(B)} for that block of C; with {@code add} false that
         * block of {@code c} must be all zeros and is overwritten instead (a copy, not a sum, so a
         * {@code -0.0} comes out as the direct loop computes it).
         *
         * <p>For each block of {@link #MC} C rows, those rows of A are copied into one array per row
         * ({@code ap}), -0.0 beyond k and for the spare row that pairs with an odd last row (whose
         * C row is never written back). The block is then swept in passes of {@link #KC} k-steps,
         * so that those packed rows of B stay in the L1 cache while every pair of C rows uses them.
         */
        static void run(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c,
                int n, int k, int i0, int i1, int j0, int j1, boolean add) {
            int kp = (k + 3) & ~3;
            double[][] bp = SCRATCH.get().packedB(kp);
            // Equal panels of at most NC columns (a multiple of 4 where possible), so no thin last panel.
            int panels = (j1 - j0 + NC - 1) / NC;
            int width = Math.min(NC, ((j1 - j0 + panels - 1) / panels + 3) & ~3);
            for (int jc = j0; jc < j1; jc += width) {
                int nb = Math.min(width, j1 - jc);
                packB(b, ldb, tb, bp, k, kp, jc, nb);
                block(a, lda, ta, bp, c, n, k, kp, jc, nb, i0, i1, add);
            }
        }

        /**
         * All of {@code c} (m x n, n at most {@link #NC}) in chunks of {@code rows} rows on the team,
         * with B packed once (by the team, in slices of k-rows) and read by every chunk.
         */
        static void runSharedB(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c,
                int m, int n, int k, boolean add, GemmTeam team, int rows) {
            int kp = (k + 3) & ~3;
            double[][] bp = SCRATCH.get().packedB(kp);
            // The packing is shared out too: slices of 64 k-rows.
            team.run((kp + 63) / 64, i -> packB(b, ldb, tb, bp, k, i * 64, Math.min(kp, (i + 1) * 64), 0, n));
            team.run((m + rows - 1) / rows, i -> block(a, lda, ta, bp, c, n, k, kp, 0, n, i * rows,
                    Math.min(m, (i + 1) * rows), add));
        }

        /**
         * {@code c[i0..i1) x [jc..jc+nb)}, from the packed panel {@code bp} of those columns of
         * op(B) ({@code kp} rows), with the calling thread's own C and A buffers.
         */
        private static void block(double[] a, int lda, boolean ta, double[][] bp, double[] c, int n, int k, int kp,
                int jc, int nb, int i0, int i1, boolean add) {
            Scratch s = SCRATCH.get();
            int rowStep = ta ? 1 : lda; // op(A)[i][p] = a[i * rowStep + p * as]
            int as = ta ? lda : 1;
            double[][] cb = s.cb;
            double[][] ap = s.packedA(kp);
            for (int ic = i0; ic < i1; ic += MC) {
                int mb = Math.min(MC, i1 - ic);
                int mp = (mb + 1) & ~1;
                for (int r = 0; r < mp; r++) {
                    Arrays.fill(cb[r], 0, nb, 0.0);
                }
                packA(a, rowStep, as, k, kp, ic, mb, mp, ap);
                for (int pc = 0; pc < kp; pc += KC) {
                    int pe = Math.min(kp, pc + KC);
                    for (int r = 0; r < mp; r += 2) {
                        GemmKernel.fma2x4(cb[r], cb[r + 1], bp, pc, pe, ap[r], ap[r + 1], nb);
                    }
                }
                for (int r = 0; r < mb; r++) {
                    double[] cr = cb[r];
                    int co = (ic + r) * n + jc;
                    if (add) {
                        for (int j = 0; j < nb; j++) {
                            c[co + j] += cr[j];
                        }
                    } else {
                        System.arraycopy(cr, 0, c, co, nb);
                    }
                }
            }
        }

        /** {@code ap[r][p] = op(A)[ic + r][p]} for {@code r < mb}, {@code p < k}; -0.0 elsewhere below mp, kp. */
        private static void packA(double[] a, int rowStep, int as, int k, int kp, int ic, int mb, int mp,
                double[][] ap) {
            if (as == 1) {
                for (int r = 0; r < mb; r++) {
                    System.arraycopy(a, (ic + r) * rowStep, ap[r], 0, k);
                }
            } else {
                // A is transposed (so rowStep is 1) and read down its columns: four rows of ap at a
                // time, so that each row of a is read four neighbouring values at a time.
                int r = 0;
                for (; r + 4 <= mb; r += 4) {
                    double[] r0 = ap[r];
                    double[] r1 = ap[r + 1];
                    double[] r2 = ap[r + 2];
                    double[] r3 = ap[r + 3];
                    for (int p = 0, o = ic + r; p < k; p++, o += as) {
                        r0[p] = a[o];
                        r1[p] = a[o + 1];
                        r2[p] = a[o + 2];
                        r3[p] = a[o + 3];
                    }
                }
                for (; r < mb; r++) {
                    double[] row = ap[r];
                    for (int p = 0, o = ic + r; p < k; p++, o += as) {
                        row[p] = a[o];
                    }
                }
            }
            // Padding is -0.0 (B's padding rows are +0.0): fma(-0.0, +0.0, c) is exactly c for every
            // c, a signed zero included, so padded k-steps leave the FMA chain's bits alone.
            for (int r = 0; r < mb; r++) {
                Arrays.fill(ap[r], k, kp, -0.0);
            }
            for (int r = mb; r < mp; r++) {
                Arrays.fill(ap[r], 0, kp, -0.0);
            }
        }

        /** Rows {@code p < kp} of the panel {@code op(B)[.., jc..jc+nb)}, zero for {@code p >= k}. */
        private static void packB(double[] b, int ldb, boolean tb, double[][] bp, int k, int kp, int jc, int nb) {
            packB(b, ldb, tb, bp, k, 0, kp, jc, nb);
        }

        /** Rows {@code p0 <= p < p1} of that panel ({@code p0} a multiple of 4), zero for {@code p >= k}. */
        private static void packB(double[] b, int ldb, boolean tb, double[][] bp, int k, int p0, int p1, int jc,
                int nb) {
            int pk = Math.min(p1, k);
            if (!tb) {
                for (int p = p0; p < pk; p++) {
                    System.arraycopy(b, p * ldb + jc, bp[p], 0, nb);
                }
            } else {
                // op(B)[p][j] = b[(jc + j) * ldb + p]: four k-rows at a time, so that each row of b
                // is read four neighbouring values at a time (~1.7x faster than 8 columns side by side).
                int p = p0;
                for (; p + 4 <= pk; p += 4) {
                    double[] r0 = bp[p];
                    double[] r1 = bp[p + 1];
                    double[] r2 = bp[p + 2];
                    double[] r3 = bp[p + 3];
                    for (int j = 0, o = jc * ldb + p; j < nb; j++, o += ldb) {
                        r0[j] = b[o];
                        r1[j] = b[o + 1];
                        r2[j] = b[o + 2];
                        r3[j] = b[o + 3];
                    }
                }
                for (; p < pk; p++) {
                    double[] row = bp[p];
                    for (int j = 0, o = jc * ldb + p; j < nb; j++, o += ldb) {
                        row[j] = b[o];
                    }
                }
            }
            for (int p = Math.max(p0, k); p < p1; p++) {
                Arrays.fill(bp[p], 0, nb, 0.0);
            }
        }
    }
}
