package jgrad.kernel;

import jgrad.Shape;

/**
 * Elementwise binary kernels with NumPy broadcasting, and the two shape movers every
 * gradient needs: {@link #expand} (broadcast a copy) and {@link #sumTo} (undo a broadcast).
 * Plain loops over {@code double[]}; no autograd here.
 */
public final class Broadcast {
    /** Op codes for {@link #binary}. */
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    private Broadcast() {}

    /**
     * {@code r = x op y} with broadcasting to {@code outShape} (already validated).
     *
     * @param op {@link #ADD}, {@link #SUB}, {@link #MUL} or {@link #DIV}
     * @param x the left operand's values, row-major
     * @param xs the left operand's shape
     * @param y the right operand's values, row-major
     * @param ys the right operand's shape
     * @param outShape the broadcast shape of {@code xs} and {@code ys}
     * @return a new array of {@code numel(outShape)} values
     */
    public static double[] binary(int op, double[] x, int[] xs, double[] y, int[] ys, int[] outShape) {
        int n = Shape.numel(outShape);
        double[] r = new double[n];
        if (n == 0) {
            return r;
        }
        if (x.length == n && y.length == n) {
            run(op, x, 0, 1, y, 0, 1, r, 0, n);
        } else if (y.length == 1 && x.length == n) {
            run(op, x, 0, 1, y, 0, 0, r, 0, n);
        } else if (x.length == 1 && y.length == n) {
            run(op, x, 0, 0, y, 0, 1, r, 0, n);
        } else {
            int nd = outShape.length;
            int[] bx = broadcastStrides(xs, outShape);
            int[] by = broadcastStrides(ys, outShape);
            int last = outShape[nd - 1];
            int sx = bx[nd - 1];
            int sy = by[nd - 1];
            int rows = n / last;
            int[] idx = new int[nd];
            int xo = 0;
            int yo = 0;
            for (int row = 0; row < rows; row++) {
                run(op, x, xo, sx, y, yo, sy, r, row * last, last);
                for (int d = nd - 2; d >= 0; d--) { // odometer over the leading dims
                    idx[d]++;
                    xo += bx[d];
                    yo += by[d];
                    if (idx[d] < outShape[d]) {
                        break;
                    }
                    xo -= bx[d] * outShape[d];
                    yo -= by[d] * outShape[d];
                    idx[d] = 0;
                }
            }
        }
        return r;
    }

    private static void run(int op, double[] x, int xo, int sx, double[] y, int yo, int sy, double[] r, int ro, int n) {
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

    private static double apply(int op, double a, double b) {
        switch (op) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                return a / b;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    private static void contiguous(int op, double[] x, int xo, double[] y, int yo, double[] r, int ro, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] + y[yo + i];
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] - y[yo + i];
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] * y[yo + i];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] / y[yo + i];
                }
                break;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    private static void scalarRight(int op, double[] x, int xo, double b, double[] r, int ro, int n) {
        switch (op) {
            case ADD:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] + b;
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] - b;
                }
                break;
            case MUL:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] * b;
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) {
                    r[ro + i] = x[xo + i] / b;
                }
                break;
            default:
                throw new IllegalArgumentException("unknown op code " + op);
        }
    }

    /** Strides of {@code shape} seen from {@code outShape}: 0 along broadcast dims. */
    static int[] broadcastStrides(int[] shape, int[] outShape) {
        int nd = outShape.length;
        int[] st = new int[nd];
        int off = nd - shape.length;
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d + off] = shape[d] == 1 ? 0 : s;
            s *= shape[d];
        }
        return st;
    }

    /**
     * Broadcasts {@code src} (shape {@code from}) to {@code to}, as a new array.
     *
     * @param src the values, row-major
     * @param from the shape of {@code src}
     * @param to the target shape, which {@code from} broadcasts to
     * @return a new array of {@code numel(to)} values
     */
    public static double[] expand(double[] src, int[] from, int[] to) {
        int n = Shape.numel(to);
        if (src.length == n) {
            return src.clone();
        }
        double[] zeros = new double[1];
        return binary(ADD, src, from, zeros, new int[0], to);
    }

    /**
     * Sums {@code src} (shape {@code from}) down to {@code to}, where {@code to} broadcasts to
     * {@code from}: the adjoint of {@link #expand}.
     *
     * @param src the values, row-major
     * @param from the shape of {@code src}
     * @param to the target shape
     * @return a new array of {@code numel(to)} values
     */
    public static double[] sumTo(double[] src, int[] from, int[] to) {
        int n = Shape.numel(to);
        double[] r = new double[n];
        if (src.length == 0 || n == 0) {
            return r;
        }
        if (n == 1) {
            double s = 0;
            for (double v : src) {
                s += v;
            }
            r[0] = s;
            return r;
        }
        int nd = from.length;
        int[] bt = broadcastStrides(to, from);
        int last = from[nd - 1];
        int st = bt[nd - 1];
        int rows = src.length / last;
        int[] idx = new int[nd];
        int to0 = 0;
        for (int row = 0; row < rows; row++) {
            int so = row * last;
            if (st == 0) {
                double s = 0;
                for (int i = 0; i < last; i++) {
                    s += src[so + i];
                }
                r[to0] += s;
            } else {
                for (int i = 0; i < last; i++) {
                    r[to0 + i] += src[so + i];
                }
            }
            for (int d = nd - 2; d >= 0; d--) {
                idx[d]++;
                to0 += bt[d];
                if (idx[d] < from[d]) {
                    break;
                }
                to0 -= bt[d] * from[d];
                idx[d] = 0;
            }
        }
        return r;
    }
}
