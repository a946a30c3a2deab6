package jgrad.kernel;

import static jgrad.kernel.Gemm.KC;
import static jgrad.kernel.Gemm.MC;
import static jgrad.kernel.Gemm.NC;
import static jgrad.kernel.Gemm.ROW_PAD;

import java.util.Arrays;

/**
 * The blocking driver of {@link Gemm}'s plain path, float64 ({@link GemmBlockedFloat} is the
 * float32 twin, line for line). {@link GemmKernel#fma2x4(double[], double[], double[][], int, int,
 * double[], double[], int)} must not be inlined into it (JDK 17 then stops vectorising the
 * kernel loop); the kernel's size sees to that.
 */
final class GemmBlocked {
    private GemmBlocked() {}

    /** Per-thread packing buffers, grown on demand. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
