package jgrad.kernel;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM with the Vector API: a register-blocked micro-kernel of {@link #MR} rows of C by four
 * vectors ({@link #NR} columns), its k loop inside, the shape measured best on this project's
 * AVX-512 machine (see /work/shared/PERF-NOTES.md: ~70% of FMA peak against ~30% for the plain
 * kernel). The driver is the classic one (GotoBLAS, BLIS): for each panel of at most {@link #NC}
 * columns and {@link #KC} k-steps, B is packed into micro-panels of {@link #NR} columns, k-major
 * and zero-padded to full width; then for each block of {@link #MC} rows, each micro-panel is
 * swept by every micro-tile of rows, which read op(A) in place (a transposed A is read down its
 * columns: consecutive rows of op(A) are neighbouring values), one broadcast per row and k-step.
 * C is updated in place; a tile at C's right edge goes through a full-width scratch tile.
 * {@link VectorGemmFloat} is the float32 twin (16 floats per 512-bit vector against 8 doubles).
 *
 * <p>Bits: every element of C is one chain of FMAs in increasing k, starting from +0.0 (or
 * continuing from C after the first k-panel), exactly as {@link Gemm}'s plain path computes it,
 * so both paths give the same bits whatever the blocking and the threads. The work is shared
 * with {@link GemmTeam.Shared#TEAM} as on the plain path ({@link #share}).
 */
final class VectorGemm {
    private VectorGemm() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /**
     * The class of S's vectors, a constant. Each accumulator is checked to be one before it is
     * stored: a comparison with a constant class tells C2 the exact class where it parses the
     * store. Without it, JDK 17's C2 could rely only on the k loop's phis being re-typed (by an
     * IGVN pass) before it expanded the stores, which are late-inlined intrinsics; in about one
     * JVM in five it expanded some stores first: they failed to intrinsify ("failed to inline
     * (intrinsic)" for {@code VectorSupport::store}), those accumulators stayed heap objects and
     * their FMAs allocated in every k-step, for the life of the JVM (MNIST steps up to 8x
     * slower). {@code VectorGemmProfileTest} guards it.
     */
    private static final Class<?> V = S.vectorType();
    /** Doubles per vector. */
    private static final int L = S.length();
    /** Columns of a micro-tile: four vectors. */
    static final int NR = 4 * L;
    /** Rows of a micro-tile: 24 accumulators, 4 B vectors and a broadcast fit 32 registers. */
    static final int MR = 6;
    /** k-steps per packed panel of B. */
    static final int KC = 256;
    /** Rows of C per block swept over one micro-panel of B. */
    static final int MC = 96;
    /** Columns per packed panel of B (KC x NC doubles: 1 MB, within a core's L2). */
    static final int NC = 512;

    /** Per-thread buffers: the packed B panel, an edge tile and (for adding into C) a block of sums. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Columns of a row of the block of sums: {@link #NC} rounded up to whole micro-tiles. */
    private static final int SUM_COLS = (NC + NR - 1) / NR * NR;

    private static final class Scratch {
        final double[] bp = new double[KC * SUM_COLS];
        final double[] tile = new double[MR * NR];
        private double[] sums;

        /** {@link #MC} x {@link #SUM_COLS}, made on first use (only {@code multiplyAdd} needs it). */
        double[] sums() {
            if (sums == null) {
                sums = new double[MC * SUM_COLS];
            }
            return sums;
        }
    }

    /**
     * See {@link SimdKernels#gemm(double[], int, boolean, double[], int, boolean, double[], int, int, int,
     * boolean)}.
     */
    static void gemm(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int m, int n,
            int k, boolean add) {
        share(m, n, k, MR, NR, MC, NC, (i0, i1, j0, j1) -> {
            if (add) {
                blockAdd(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1);
            } else {
                block(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1);
            }
        });
    }

    /**
     * How both Vector API products (float64 here, float32 in {@link VectorGemmFloat}) share a
     * product of {@code m x n x k} out on {@link GemmTeam.Shared#TEAM}, given their tile ({@code mr
     * x nr}) and block sizes: by panels of whole micro-tiles of columns when C is at least as wide
     * as tall, otherwise by blocks of rows (each then packs its own copy of B, ~1% of the work).
     */
    static void share(int m, int n, int k, int mr, int nr, int mc, int nc, Gemm.Block block) {
        GemmTeam team = GemmTeam.Shared.TEAM;
        int threads = team.size();
        if (threads == 1 || (long) m * n * k < Gemm.PARALLEL_WORK) {
            block.run(0, m, 0, n);
            return;
        }
        int colTiles = (n + nr - 1) / nr;
        int rowTiles = (m + mr - 1) / mr;
        if ((n >= m && colTiles >= 2 * threads) || rowTiles < 2 * threads) {
            int chunks = Math.min(colTiles, Math.max(2 * threads, (n + nc - 1) / nc));
            int width = (colTiles + chunks - 1) / chunks * nr;
            team.run((n + width - 1) / width, i -> block.run(0, m, i * width, Math.min(n, (i + 1) * width)));
        } else {
            int chunks = Math.min(rowTiles, Math.max(2 * threads, (m + mc - 1) / mc));
            int height = (rowTiles + chunks - 1) / chunks * mr;
            team.run((m + height - 1) / height, i -> block.run(i * height, Math.min(m, (i + 1) * height), 0, n));
        }
    }

    /**
     * {@code c[i0..i1) x [j0..j1) = op(A) op(B)} for that block of C, on the calling thread; that
     * block of {@code c} is overwritten.
     */
    static void block(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c, int n,
            int k, int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        int ai = ta ? 1 : lda; // op(A)[i][p] = a[i * ai + p * ap]
        int ap = ta ? lda : 1;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, ldb, tb, s.bp, pc, kc, jc, nc);
                for (int ic = i0; ic < i1; ic += MC) {
                    int ie = Math.min(i1, ic + MC);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = ic; ir < ie; ir += MR) {
                            tile(a, ir * ai + pc * ap, ai, ap, s.bp, jr * kc, kc, c, ir * n + jc + jr, n,
                                    Math.min(MR, ie - ir), cols, pc > 0, s.tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code c[i0..i1) x [j0..j1) += op(A) op(B)}, with no array of C's size: each block of
     * {@link #MC} rows by {@link #NC} columns is computed from zero into the thread's block of sums
     * (the k-panels in turn, so B is packed once per block of rows instead of once per column
     * panel), then added to C, so each element gets its whole FMA chain added in one rounding, as
     * on the plain path.
     */
    static void blockAdd(double[] a, int lda, boolean ta, double[] b, int ldb, boolean tb, double[] c,
            int n, int k, int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        double[] sums = s.sums();
        int ai = ta ? 1 : lda;
        int ap = ta ? lda : 1;
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int ic = i0; ic < i1; ic += MC) {
                int ie = Math.min(i1, ic + MC);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    packB(b, ldb, tb, s.bp, pc, kc, jc, nc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = ic; ir < ie; ir += MR) {
                            // Whole micro-tiles: the block of sums is SUM_COLS wide, B zero-padded.
                            rows(a, ir * ai + pc * ap, ai, ap, s.bp, jr * kc, kc, sums, (ir - ic) * SUM_COLS + jr,
                                    SUM_COLS, Math.min(MR, ie - ir), pc > 0);
                        }
                    }
                }
                for (int i = ic; i < ie; i++) {
                    for (int j = 0, o = i * n + jc, q = (i - ic) * SUM_COLS; j < nc; j++) {
                        c[o + j] += sums[q + j];
                    }
                }
            }
        }
    }

    /**
     * One tile of {@code rows x cols} of C at {@code co}, from the micro-panel of packed B at
     * {@code bo}; {@code load}: continue from C's values, else start from zero.
     */
    private static void tile(double[] a, int ao, int ai, int ap, double[] bp, int bo, int kc, double[] c, int co,
            int ldc, int rows, int cols, boolean load, double[] t) {
        if (cols == NR) {
            rows(a, ao, ai, ap, bp, bo, kc, c, co, ldc, rows, load);
            return;
        }
        if (load) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, co + r * ldc, t, r * NR, cols);
            }
        }
        rows(a, ao, ai, ap, bp, bo, kc, t, 0, NR, rows, load);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t, r * NR, c, co + r * ldc, cols);
        }
    }

    private static void rows(double[] a, int ao, int ai, int ap, double[] bp, int bo, int kc, double[] c, int co,
            int ldc, int rows, boolean load) {
        if (rows == MR) {
            kernel6(a, ao, ai, ap, bp, bo, kc, c, co, ldc, load);
        } else {
            for (int r = 0; r < rows; r++) {
                kernel1(a, ao + r * ai, ap, bp, bo, kc, c, co + r * ldc, load);
            }
        }
    }

    /** Six rows of C by {@link #NR} columns, over {@code kc} k-steps. */
    private static void kernel6(double[] a, int ao, int ai, int ap, double[] bp, int bo, int kc, double[] c, int co,
            int ldc, boolean load) {
        DoubleVector r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33, r40, r41, r42, r43, r50, r51, r52, r53;
        if (load) {
            r00 = DoubleVector.fromArray(S, c, co);
            r01 = DoubleVector.fromArray(S, c, co + 1 * L);
            r02 = DoubleVector.fromArray(S, c, co + 2 * L);
            r03 = DoubleVector.fromArray(S, c, co + 3 * L);
            r10 = DoubleVector.fromArray(S, c, co + 1 * ldc);
            r11 = DoubleVector.fromArray(S, c, co + 1 * ldc + 1 * L);
            r12 = DoubleVector.fromArray(S, c, co + 1 * ldc + 2 * L);
            r13 = DoubleVector.fromArray(S, c, co + 1 * ldc + 3 * L);
            r20 = DoubleVector.fromArray(S, c, co + 2 * ldc);
            r21 = DoubleVector.fromArray(S, c, co + 2 * ldc + 1 * L);
            r22 = DoubleVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            r23 = DoubleVector.fromArray(S, c, co + 2 * ldc + 3 * L);
            r30 = DoubleVector.fromArray(S, c, co + 3 * ldc);
            r31 = DoubleVector.fromArray(S, c, co + 3 * ldc + 1 * L);
            r32 = DoubleVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            r33 = DoubleVector.fromArray(S, c, co + 3 * ldc + 3 * L);
            r40 = DoubleVector.fromArray(S, c, co + 4 * ldc);
            r41 = DoubleVector.fromArray(S, c, co + 4 * ldc + 1 * L);
            r42 = DoubleVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            r43 = DoubleVector.fromArray(S, c, co + 4 * ldc + 3 * L);
            r50 = DoubleVector.fromArray(S, c, co + 5 * ldc);
            r51 = DoubleVector.fromArray(S, c, co + 5 * ldc + 1 * L);
            r52 = DoubleVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            r53 = DoubleVector.fromArray(S, c, co + 5 * ldc + 3 * L);
        } else {
            DoubleVector z = DoubleVector.zero(S);
            r00 = z; r01 = z; r02 = z; r03 = z;
            r10 = z; r11 = z; r12 = z; r13 = z;
            r20 = z; r21 = z; r22 = z; r23 = z;
            r30 = z; r31 = z; r32 = z; r33 = z;
            r40 = z; r41 = z; r42 = z; r43 = z;
            r50 = z; r51 = z; r52 = z; r53 = z;
        }
        for (int p = 0, o = bo, q = ao; p < kc; p++, o += NR, q += ap) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, o);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, o + 1 * L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, o + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, bp, o + 3 * L);
            DoubleVector x0 = DoubleVector.broadcast(S, a[q]);
            r00 = b0.fma(x0, r00); r01 = b1.fma(x0, r01); r02 = b2.fma(x0, r02); r03 = b3.fma(x0, r03);
            DoubleVector x1 = DoubleVector.broadcast(S, a[q + ai]);
            r10 = b0.fma(x1, r10); r11 = b1.fma(x1, r11); r12 = b2.fma(x1, r12); r13 = b3.fma(x1, r13);
            DoubleVector x2 = DoubleVector.broadcast(S, a[q + 2 * ai]);
            r20 = b0.fma(x2, r20); r21 = b1.fma(x2, r21); r22 = b2.fma(x2, r22); r23 = b3.fma(x2, r23);
            DoubleVector x3 = DoubleVector.broadcast(S, a[q + 3 * ai]);
            r30 = b0.fma(x3, r30); r31 = b1.fma(x3, r31); r32 = b2.fma(x3, r32); r33 = b3.fma(x3, r33);
            DoubleVector x4 = DoubleVector.broadcast(S, a[q + 4 * ai]);
            r40 = b0.fma(x4, r40); r41 = b1.fma(x4, r41); r42 = b2.fma(x4, r42); r43 = b3.fma(x4, r43);
            DoubleVector x5 = DoubleVector.broadcast(S, a[q + 5 * ai]);
            r50 = b0.fma(x5, r50); r51 = b1.fma(x5, r51); r52 = b2.fma(x5, r52); r53 = b3.fma(x5, r53);
        }
        // Stored only once C2 knows each vector's exact class (see V).
        if (r00.getClass() != V || r01.getClass() != V || r02.getClass() != V || r03.getClass() != V
                || r10.getClass() != V || r11.getClass() != V || r12.getClass() != V || r13.getClass() != V
                || r20.getClass() != V || r21.getClass() != V || r22.getClass() != V || r23.getClass() != V
                || r30.getClass() != V || r31.getClass() != V || r32.getClass() != V || r33.getClass() != V
                || r40.getClass() != V || r41.getClass() != V || r42.getClass() != V || r43.getClass() != V
                || r50.getClass() != V || r51.getClass() != V || r52.getClass() != V || r53.getClass() != V) {
            throw new AssertionError("not the preferred species");
        }
        r00.intoArray(c, co);
        r01.intoArray(c, co + 1 * L);
        r02.intoArray(c, co + 2 * L);
        r03.intoArray(c, co + 3 * L);
        r10.intoArray(c, co + 1 * ldc);
        r11.intoArray(c, co + 1 * ldc + 1 * L);
        r12.intoArray(c, co + 1 * ldc + 2 * L);
        r13.intoArray(c, co + 1 * ldc + 3 * L);
        r20.intoArray(c, co + 2 * ldc);
        r21.intoArray(c, co + 2 * ldc + 1 * L);
        r22.intoArray(c, co + 2 * ldc + 2 * L);
        r23.intoArray(c, co + 2 * ldc + 3 * L);
        r30.intoArray(c, co + 3 * ldc);
        r31.intoArray(c, co + 3 * ldc + 1 * L);
        r32.intoArray(c, co + 3 * ldc + 2 * L);
        r33.intoArray(c, co + 3 * ldc + 3 * L);
        r40.intoArray(c, co + 4 * ldc);
        r41.intoArray(c, co + 4 * ldc + 1 * L);
        r42.intoArray(c, co + 4 * ldc + 2 * L);
        r43.intoArray(c, co + 4 * ldc + 3 * L);
        r50.intoArray(c, co + 5 * ldc);
        r51.intoArray(c, co + 5 * ldc + 1 * L);
        r52.intoArray(c, co + 5 * ldc + 2 * L);
        r53.intoArray(c, co + 5 * ldc + 3 * L);
    }

    /** One row of C by {@link #NR} columns (the rows left over below the last six). */
    private static void kernel1(double[] a, int ao, int ap, double[] bp, int bo, int kc, double[] c, int co,
            boolean load) {
        DoubleVector r0;
        DoubleVector r1;
        DoubleVector r2;
        DoubleVector r3;
        if (load) {
            r0 = DoubleVector.fromArray(S, c, co);
            r1 = DoubleVector.fromArray(S, c, co + L);
            r2 = DoubleVector.fromArray(S, c, co + 2 * L);
            r3 = DoubleVector.fromArray(S, c, co + 3 * L);
        } else {
            r0 = DoubleVector.zero(S);
            r1 = r0;
            r2 = r0;
            r3 = r0;
        }
        for (int p = 0, o = bo, q = ao; p < kc; p++, o += NR, q += ap) {
            DoubleVector x = DoubleVector.broadcast(S, a[q]);
            r0 = DoubleVector.fromArray(S, bp, o).fma(x, r0);
            r1 = DoubleVector.fromArray(S, bp, o + L).fma(x, r1);
            r2 = DoubleVector.fromArray(S, bp, o + 2 * L).fma(x, r2);
            r3 = DoubleVector.fromArray(S, bp, o + 3 * L).fma(x, r3);
        }
        if (r0.getClass() != V || r1.getClass() != V || r2.getClass() != V || r3.getClass() != V) {
            throw new AssertionError("not the preferred species");
        }
        r0.intoArray(c, co);
        r1.intoArray(c, co + L);
        r2.intoArray(c, co + 2 * L);
        r3.intoArray(c, co + 3 * L);
    }

    /**
     * Packs {@code op(B)[pc..pc+kc) x [jc..jc+nc)} into micro-panels of {@link #NR} columns: the
     * one of columns {@code jr..} starts at {@code jr * kc}, and holds k-row p at {@code + p * NR};
     * columns beyond {@code nc} are zeros.
     */
    private static void packB(double[] b, int ldb, boolean tb, double[] bp, int pc, int kc, int jc, int nc) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int o = jr * kc;
            if (!tb) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, (pc + p) * ldb + jc + jr, bp, o + p * NR, cols);
                }
            } else {
                // op(B)[p][j] = b[j * ldb + p]: each stored row of b is read along.
                for (int j = 0; j < cols; j++) {
                    for (int p = 0, src = (jc + jr + j) * ldb + pc, d = o + j; p < kc; p++, d += NR) {
                        bp[d] = b[src + p];
                    }
                }
            }
            if (cols < NR) {
                for (int p = 0; p < kc; p++) {
                    Arrays.fill(bp, o + p * NR + cols, o + (p + 1) * NR, 0.0);
                }
            }
        }
    }
}
