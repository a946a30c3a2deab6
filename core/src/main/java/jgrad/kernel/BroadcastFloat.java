package jgrad.kernel;

import jgrad.Shape;

/**
 * {@link Broadcast}'s kernels on {@code float[]}, for FLOAT32 operands: the same loops over the
 * same strides, reading and writing the float storage directly (no widened {@code double[]} copy
 * of an operand, no double result to round back).
 *
 * <p>Each value is the one the double kernel gives on the widened operands, rounded once:
 * {@code +, -, *, /} of two floats are exact in double, and rounding that double to float is the
 * float operation's correctly rounded result, so the elementwise kernels compute in float. The
 * sums of {@link #sumTo} accumulate in double in the double kernel's order and round once at the
 * end, so they too equal the double kernel's values bit for bit (and are more accurate than a
 * float accumulator).
 */
public final class BroadcastFloat {
    private BroadcastFloat() {}

    /**
     * {@code r = x op y} with broadcasting to {@code outShape} (already validated), as
     * {@link Broadcast#binary}.
     *
     * @param op {@link Broadcast#ADD}, {@link Broadcast#SUB}, {@link Broadcast#MUL} or
     *     {@link Broadcast#DIV}
     * @param x the left operand's values, row-major
     * @param xs the left operand's shape
     * @param y the right operand's values, row-major
     * @param ys the right operand's shape
     * @param outShape the broadcast shape of {@code xs} and {@code ys}
     * @return a new array of {@code numel(outShape)} values
     */
    public static float[] binary(int op, float[] x, int[] xs, float[] y, int[] ys, int[] outShape) {
        float[] r = new float[Shape.numel(outShape)];
        Broadcast.eachRow(xs, x.length, ys, y.length, outShape,
                (xo, sx, yo, sy, ro, n) -> run(op, x, xo, sx, y, yo, sy, r, ro, n));
        return r;
    }

    private static void run(int op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] r, int ro, int n) {
        if (sx == 1 && sy == 1) {
            contiguous(op, x, xo, y, yo, r, ro, n);
        } else if (sx == 1 && sy == 0) {
            scalarRight(op, x, xo, y[yo], r, ro, n);
        } else {
            for (int i = 0; i < n; i++) { // x broadcast along the row (rare): one element at a time
                r[ro + i] = apply(op, x[xo + i * sx], y[yo + i * sy]);
            }
        }
    }

    private static float apply(int op, float a, float b) {
        switch (op) {
            case Broadcast.ADD:
                return a + b;
            case Broadcast.SUB:
                return a - b;
            case Broadcast.MUL:
                return a * b;
            case Broadcast.DIV:
                return a / b;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    private static void contiguous(int op, float[] x, int xo, float[] y, int yo, float[] r, int ro, int n) {
        switch (op) {
            case Broadcast.ADD:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] + y[yo + i];
                }
                break;
            case Broadcast.SUB:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] - y[yo + i];
                }
                break;
            case Broadcast.MUL:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] * y[yo + i];
                }
                break;
            case Broadcast.DIV:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] / y[yo + i];
                }
                break;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    private static void scalarRight(int op, float[] x, int xo, float b, float[] r, int ro, int n) {
        switch (op) {
            case Broadcast.ADD:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] + b;
                }
                break;
            case Broadcast.SUB:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] - b;
                }
                break;
            case Broadcast.MUL:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] * b;
                }
                break;
            case Broadcast.DIV:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] / b;
                }
                break;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    /**
     * Broadcasts {@code src} (shape {@code from}) to {@code to}, as a new array
     * ({@link Broadcast#expand}).
     *
     * @param src the values, row-major
     * @param from the shape of {@code src}
     * @param to the target shape, which {@code from} broadcasts to
     * @return a new array of {@code numel(to)} values
     */
    public static float[] expand(float[] src, int[] from, int[] to) {
        int n = Shape.numel(to);
        if (src.length == n) {
            return src.clone();
        }
        return binary(Broadcast.MUL, src, from, new float[] {1f}, new int[0], to); // x * 1 is x, -0 and NaN too
    }

    /**
     * Sums {@code src} (shape {@code from}) down to {@code to}, where {@code to} broadcasts to
     * {@code from} ({@link Broadcast#sumTo}): accumulated in double in the same order, rounded to
     * float once.
     *
     * @param src the values, row-major
     * @param from the shape of {@code src}
     * @param to the target shape
     * @return a new array of {@code numel(to)} values
     */
    public static float[] sumTo(float[] src, int[] from, int[] to) {
        double[] acc = new double[Shape.numel(to)];
        // the runs of src (x, never broadcast) with the target (y) broadcast to src's shape
        Broadcast.eachRow(from, src.length, to, acc.length, from, (so, ss, to0, st, ro, n) -> {
            if (st == 0) {
                acc[to0] += sum(src, so, n);
            } else {
                for (int i = 0; i < n; i++) {
                    acc[to0 + i] += src[so + i];
                }
            }
        });
        return narrow(acc);
    }

    /**
     * The sum of {@code x[from .. from + n)} in double, in index order: the double kernels' sum of
     * the widened values, without widening them into an array.
     *
     * @param x the values
     * @param from the index of the first value
     * @param n the number of values
     * @return their sum, not rounded to float
     */
    public static double sum(float[] x, int from, int n) {
        double s = 0;
        for (int i = from, end = from + n; i < end; i++) {
            s += x[i];
        }
        return s;
    }

    /**
     * Each value rounded to float, as a new array.
     *
     * @param v the values
     * @return a new array of {@code v.length} floats
     */
    public static float[] narrow(double[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) v[i];
        }
        return r;
    }
}
