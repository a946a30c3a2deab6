package jgrad.kernel;

import java.util.Objects;

/**
 * Passes over one contiguous row for the fused cross-entropy: its max (the shift of the stable
 * log-sum-exp), and the widening of a row of floats into doubles and back (a FLOAT32 row is
 * computed in double). The max uses the Vector API when {@link Simd#active()} (loaded by name,
 * like {@code Simd}'s kernels, from {@code VectorRowPasses}), else a plain loop; widening and
 * narrowing are plain loops on both paths (a second FloatVector species beside SGEMM's made
 * JDK 17 box SGEMM's vectors: see {@code VectorFloatProfileTest}). Both paths give the same
 * values: the max propagates NaN (a row holding NaN has max NaN), is -inf for an empty row and
 * may differ only in the sign of a zero max (which no shift can tell apart); widening is exact and
 * narrowing rounds to nearest, as a {@code (float)} cast.
 */
public final class RowPasses {
    private RowPasses() {}

    /** What the Vector API implementation provides (the same contracts as the public methods). */
    interface Kernel {
        double max(double[] x, int from, int n);

        void widen(float[] src, int from, double[] dst, int n);

        void narrow(double[] src, float[] dst, int to, int n);
    }

    private static final Kernel VECTOR = load();

    private static Kernel load() {
        if (!Simd.active()) {
            return null;
        }
        try {
            return (Kernel) Class.forName("jgrad.kernel.VectorRowPasses").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // the plain loops give the same values
        }
    }

    /** Whether the Vector API implementation is in use (it is whenever {@link Simd#active()}). */
    static boolean vectorised() {
        return VECTOR != null;
    }

    /**
     * The max of {@code x[from .. from + n)}: NaN if any value is NaN, -inf if n == 0.
     *
     * @param x the values
     * @param from the index of the first value
     * @param n the number of values
     * @return their max
     * @throws IndexOutOfBoundsException if the range does not fit {@code x}
     */
    public static double max(double[] x, int from, int n) {
        Objects.checkFromIndexSize(from, n, x.length);
        if (VECTOR != null) {
            return VECTOR.max(x, from, n);
        }
        // Four independent chains, so the loop is not one chain of dependent compares.
        double m0 = Double.NEGATIVE_INFINITY;
        double m1 = m0;
        double m2 = m0;
        double m3 = m0;
        int k = from;
        int end = from + n;
        for (; k <= end - 4; k += 4) {
            m0 = Math.max(m0, x[k]);
            m1 = Math.max(m1, x[k + 1]);
            m2 = Math.max(m2, x[k + 2]);
            m3 = Math.max(m3, x[k + 3]);
        }
        for (; k < end; k++) {
            m0 = Math.max(m0, x[k]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /**
     * {@code dst[i] = src[from + i]} for i in [0, n): a row of floats widened (exactly) to doubles.
     *
     * @param src the floats
     * @param from the index of the first one
     * @param dst where the doubles go, from index 0
     * @param n the number of values
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void widen(float[] src, int from, double[] dst, int n) {
        Objects.checkFromIndexSize(from, n, src.length);
        Objects.checkFromIndexSize(0, n, dst.length);
        if (VECTOR != null) {
            VECTOR.widen(src, from, dst, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[i] = src[from + i];
        }
    }

    /**
     * {@code dst[to + i] = (float) src[i]} for i in [0, n): a row of doubles rounded to floats.
     *
     * @param src the doubles, from index 0
     * @param dst the floats
     * @param to the index of the first float written
     * @param n the number of values
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void narrow(double[] src, float[] dst, int to, int n) {
        Objects.checkFromIndexSize(0, n, src.length);
        Objects.checkFromIndexSize(to, n, dst.length);
        if (VECTOR != null) {
            VECTOR.narrow(src, dst, to, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[to + i] = (float) src[i];
        }
    }
}
