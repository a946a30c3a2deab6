package jgrad.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SGEMM with the Vector API: {@link VectorGemm} line for line with {@code float} for
 * {@code double} ({@code FloatVector} of the preferred species: twice the lanes, so a micro-tile
 * of {@link #MR} rows by four vectors is {@link #NR} = 64 columns with 512-bit vectors). The same
 * blocking, k order and sharing out ({@link VectorGemm#share}), so every element of C is one
 * chain of float FMAs in increasing k from +0.0, as on the plain float path
 * ({@link GemmBlockedFloat}): the two give the same bits. A copy, not shared code: the species,
 * the vector class and the arrays are types in every line of the kernel, and the Vector API's
 * code is fast only when they are constants. An edit to one belongs in the other.
 */
final class VectorGemmFloat {
    private VectorGemmFloat() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** The class of S's vectors, checked before each store as in {@link VectorGemm} (see its V). */
    private static final Class<?> V = S.vectorType();
    /** Floats per vector. */
    private static final int L = S.length();
    /** Columns of a micro-tile: four vectors. */
    static final int NR = 4 * L;
    /** Rows of a micro-tile: 24 accumulators, 4 B vectors and a broadcast fit 32 registers. */
    static final int MR = 6;
    /** k-steps per packed panel of B. */
    static final int KC = 256;
    /** Rows of C per block swept over one micro-panel of B. */
    static final int MC = 96;
    /** Columns per packed panel of B (KC x NC floats: 512 KB, within a core's L2). */
    static final int NC = 512;

    /** Per-thread buffers: the packed B panel, an edge tile and (for adding into C) a block of sums. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Columns of a row of the block of sums: {@link #NC} rounded up to whole micro-tiles. */
    private static final int SUM_COLS = (NC + NR - 1) / NR * NR;

    private static final class Scratch {
        final float[] bp = new float[KC * SUM_COLS];
        final float[] tile = new float[MR * NR];
        private float[] sums;

        /** {@link #MC} x {@link #SUM_COLS}, made on first use (only {@code multiplyAdd} needs it). */
        float[] sums() {
            if (sums == null) {
                sums = new float[MC * SUM_COLS];
            }
            return sums;
        }
    }

    /**
     * See {@link SimdKernels#gemm(float[], int, boolean, float[], int, boolean, float[], int, int, int,
     * boolean)}.
     */
    static void gemm(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int m, int n,
            int k, boolean add) {
        VectorGemm.share(m, n, k, MR, NR, MC, NC, (i0, i1, j0, j1) -> {
            if (add) {
                blockAdd(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1);
            } else {
                block(a, lda, ta, b, ldb, tb, c, n, k, i0, i1, j0, j1);
            }
        });
    }

    /**
     * {@code c[i0..i1) x [j0..j1) = op(A) op(B)} for that block of C, on the calling thread; that
     * block of {@code c} is overwritten.
     */
    static void block(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c, int n,
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
    static void blockAdd(float[] a, int lda, boolean ta, float[] b, int ldb, boolean tb, float[] c,
            int n, int k, int i0, int i1, int j0, int j1) {
        Scratch s = SCRATCH.get();
        float[] sums = s.sums();
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
    private static void tile(float[] a, int ao, int ai, int ap, float[] bp, int bo, int kc, float[] c, int co,
            int ldc, int rows, int cols, boolean load, float[] t) {
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

    private static void rows(float[] a, int ao, int ai, int ap, float[] bp, int bo, int kc, float[] c, int co,
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
    private static void kernel6(float[] a, int ao, int ai, int ap, float[] bp, int bo, int kc, float[] c, int co,
            int ldc, boolean load) {
        FloatVector r00, r01, r02, r03, r10, r11, r12, r13, r20, r21, r22, r23, r30, r31, r32, r33, r40, r41, r42, r43, r50, r51, r52, r53;
        if (load) {
            r00 = FloatVector.fromArray(S, c, co);
            r01 = FloatVector.fromArray(S, c, co + 1 * L);
            r02 = FloatVector.fromArray(S, c, co + 2 * L);
            r03 = FloatVector.fromArray(S, c, co + 3 * L);
            r10 = FloatVector.fromArray(S, c, co + 1 * ldc);
            r11 = FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L);
            r12 = FloatVector.fromArray(S, c, co + 1 * ldc + 2 * L);
            r13 = FloatVector.fromArray(S, c, co + 1 * ldc + 3 * L);
            r20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            r21 = FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L);
            r22 = FloatVector.fromArray(S, c, co + 2 * ldc + 2 * L);
            r23 = FloatVector.fromArray(S, c, co + 2 * ldc + 3 * L);
            r30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            r31 = FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L);
            r32 = FloatVector.fromArray(S, c, co + 3 * ldc + 2 * L);
            r33 = FloatVector.fromArray(S, c, co + 3 * ldc + 3 * L);
            r40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            r41 = FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L);
            r42 = FloatVector.fromArray(S, c, co + 4 * ldc + 2 * L);
            r43 = FloatVector.fromArray(S, c, co + 4 * ldc + 3 * L);
            r50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            r51 = FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L);
            r52 = FloatVector.fromArray(S, c, co + 5 * ldc + 2 * L);
            r53 = FloatVector.fromArray(S, c, co + 5 * ldc + 3 * L);
        } else {
            FloatVector z = FloatVector.zero(S);
            r00 = z; r01 = z; r02 = z; r03 = z;
            r10 = z; r11 = z; r12 = z; r13 = z;
            r20 = z; r21 = z; r22 = z; r23 = z;
            r30 = z; r31 = z; r32 = z; r33 = z;
            r40 = z; r41 = z; r42 = z; r43 = z;
            r50 = z; r51 = z; r52 = z; r53 = z;
        }
        for (int p = 0, o = bo, q = ao; p < kc; p++, o += NR, q += ap) {
            FloatVector b0 = FloatVector.fromArray(S, bp, o);
            FloatVector b1 = FloatVector.fromArray(S, bp, o + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, o + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, o + 3 * L);
            FloatVector x0 = FloatVector.broadcast(S, a[q]);
            r00 = b0.fma(x0, r00); r01 = b1.fma(x0, r01); r02 = b2.fma(x0, r02); r03 = b3.fma(x0, r03);
            FloatVector x1 = FloatVector.broadcast(S, a[q + ai]);
            r10 = b0.fma(x1, r10); r11 = b1.fma(x1, r11); r12 = b2.fma(x1, r12); r13 = b3.fma(x1, r13);
            FloatVector x2 = FloatVector.broadcast(S, a[q + 2 * ai]);
            r20 = b0.fma(x2, r20); r21 = b1.fma(x2, r21); r22 = b2.fma(x2, r22); r23 = b3.fma(x2, r23);
            FloatVector x3 = FloatVector.broadcast(S, a[q + 3 * ai]);
            r30 = b0.fma(x3, r30); r31 = b1.fma(x3, r31); r32 = b2.fma(x3, r32); r33 = b3.fma(x3, r33);
            FloatVector x4 = FloatVector.broadcast(S, a[q + 4 * ai]);
            r40 = b0.fma(x4, r40); r41 = b1.fma(x4, r41); r42 = b2.fma(x4, r42); r43 = b3.fma(x4, r43);
            FloatVector x5 = FloatVector.broadcast(S, a[q + 5 * ai]);
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
    private static void kernel1(float[] a, int ao, int ap, float[] bp, int bo, int kc, float[] c, int co,
            boolean load) {
        FloatVector r0;
        FloatVector r1;
        FloatVector r2;
        FloatVector r3;
        if (load) {
            r0 = FloatVector.fromArray(S, c, co);
            r1 = FloatVector.fromArray(S, c, co + L);
            r2 = FloatVector.fromArray(S, c, co + 2 * L);
            r3 = FloatVector.fromArray(S, c, co + 3 * L);
        } else {
            r0 = FloatVector.zero(S);
            r1 = r0;
            r2 = r0;
            r3 = r0;
        }
        for (int p = 0, o = bo, q = ao; p < kc; p++, o += NR, q += ap) {
            FloatVector x = FloatVector.broadcast(S, a[q]);
            r0 = FloatVector.fromArray(S, bp, o).fma(x, r0);
            r1 = FloatVector.fromArray(S, bp, o + L).fma(x, r1);
            r2 = FloatVector.fromArray(S, bp, o + 2 * L).fma(x, r2);
            r3 = FloatVector.fromArray(S, bp, o + 3 * L).fma(x, r3);
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
    private static void packB(float[] b, int ldb, boolean tb, float[] bp, int pc, int kc, int jc, int nc) {
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
                    Arrays.fill(bp, o + p * NR + cols, o + (p + 1) * NR, 0.0f);
                }
            }
        }
    }
}
