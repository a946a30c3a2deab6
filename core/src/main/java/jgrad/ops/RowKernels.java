package jgrad.ops;

import jgrad.kernel.RowPasses;

/**
 * The row passes of {@code jgrad.kernel} ({@link RowPasses}) for the fused losses of
 * {@code jgrad.nn}, which cannot reach that package (it is not exported); on the Vector API when
 * it is in use.
 */
public final class RowKernels {
    private RowKernels() {}

    /**
     * {@link RowPasses#max}: the max of {@code x[from .. from + n)}, NaN if any value is NaN,
     * -inf if n == 0.
     *
     * @param x the values
     * @param from the index of the first value
     * @param n the number of values
     * @return their max
     * @throws IndexOutOfBoundsException if the range does not fit {@code x}
     */
    public static double rowMax(double[] x, int from, int n) {
        return RowPasses.max(x, from, n);
    }

    /**
     * {@link RowPasses#widen}: {@code dst[i] = src[from + i]} for i in [0, n).
     *
     * @param src the floats
     * @param from the index of the first one
     * @param dst where the doubles go, from index 0
     * @param n the number of values
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void widen(float[] src, int from, double[] dst, int n) {
        RowPasses.widen(src, from, dst, n);
    }

    /**
     * {@link RowPasses#narrow}: {@code dst[to + i] = (float) src[i]} for i in [0, n).
     *
     * @param src the doubles, from index 0
     * @param dst the floats
     * @param to the index of the first float written
     * @param n the number of values
     * @throws IndexOutOfBoundsException if a range does not fit its array
     */
    public static void narrow(double[] src, float[] dst, int to, int n) {
        RowPasses.narrow(src, dst, to, n);
    }
}
