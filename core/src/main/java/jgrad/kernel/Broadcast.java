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
        double[] r = new double[Shape.numel(outShape)];
        eachRow(xs, x.length, ys, y.length, outShape, (xo, sx, yo, sy, ro, n) -> run(op, x, xo, sx, y, yo, sy, r, ro, n));
        return r;
    }

    /** One run of a broadcast loop: what {@link #eachRow} calls. */
    @FunctionalInterface
    interface RowRun {
        /**
         * Works on {@code n} consecutive output values from {@code ro}.
         *
         * @param xo the index of the first x value
         * @param sx the step between x values: 1, or 0 when x is broadcast along the run
         * @param yo the index of the first y value
         * @param sy the step between y values: 1, or 0 when y is broadcast along the run
         * @param ro the index of the first output value
         * @param n the number of values
         */
        void run(int xo, int sx, int yo, int sy, int ro, int n);
    }

    /**
     * Walks the output of a broadcast of shapes {@code xs} and {@code ys} (of {@code xn} and
     * {@code yn} values) to {@code outShape} in runs, in row-major order: one run when both
     * operands have the output's size or one of them is a single value, otherwise one run per row
     * of the last dim, an odometer over the leading dims moving each operand's offset. Every
     * kernel here, double and float ({@link BroadcastFloat}), is a loop body for it.
     */
    static void eachRow(int[] xs, int xn, int[] ys, int yn, int[] outShape, RowRun body) {
        int n = Shape.numel(outShape);
        if (n == 0) {
            return;
        }
        if (xn == n && yn == n) {
            body.run(0, 1, 0, 1, 0, n);
        } else if (yn == 1 && xn == n) {
            body.run(0, 1, 0, 0, 0, n);
        } else if (xn == 1 && yn == n) {
            body.run(0, 0, 0, 1, 0, n);
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
                body.run(xo, sx, yo, sy, row * last, last);
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
        return binary(MUL, src, from, new double[] {1.0}, new int[0], to); // x * 1 is x, -0 and NaN too
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
        double[] r = new double[Shape.numel(to)];
        // the runs of src (x, never broadcast) with the target (y) broadcast to src's shape
        eachRow(from, src.length, to, r.length, from, (so, ss, to0, st, ro, n) -> {
            if (st == 0) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += src[so + i];
                }
                r[to0] += s;
            } else {
                for (int i = 0; i < n; i++) {
                    r[to0 + i] += src[so + i];
                }
            }
        });
        return r;
    }
}
