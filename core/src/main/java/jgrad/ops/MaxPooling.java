package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * 2-D max pooling, PyTorch's {@code max_pool2d}. The forward finds, for each output element, the
 * flat position of its window's maximum in the input (the first one in row-major window order
 * on ties; a NaN wins over numbers, the last NaN over earlier ones, as PyTorch's CPU kernel
 * does; a window with no tap inside the input gives {@code -inf} and no gradient), and takes
 * the values there. The gradient scatters into those positions ({@link #scatter}), a recorded
 * op whose own gradient gathers from the same positions ({@link #gather}), and the other way
 * round, so max pooling can be differentiated any number of times. The input is saved, as
 * PyTorch saves it: changing it in place before backward is an error.
 */
public final class MaxPooling {
    private MaxPooling() {}

    /**
     * {@code max_pool2d(x, kernelSize, stride, padding, dilation, ceilMode)}.
     *
     * @param x a FLOAT64 or FLOAT32 input (N, C, H, W) or unbatched (C, H, W)
     * @param kernelSize the window, one int (H and W) or two (H, W), each at least 1
     * @param stride the step, one or two ints at least 1; null or empty: the kernel size
     * @param padding implicit {@code -inf} padding on both sides, one or two ints in
     *     {@code [0, kernelSize / 2]}
     * @param dilation the spacing of the taps, one or two ints at least 1
     * @param ceilMode round the output size up (the last window must still start inside the
     *     input or the left padding)
     * @return a new tensor (N, C, H_out, W_out) or (C, H_out, W_out), of x's dtype
     * @throws IllegalArgumentException naming {@code maxPool2d} and the shape or value for a
     *     wrong rank, an empty C, H or W, an int or bool input, an argument of the wrong length
     *     or out of range, or an output size below 1
     */
    public static Tensor maxPool2d(Tensor x, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
            boolean ceilMode) {
        PoolWindows.Plan plan = PoolWindows.sliding("maxPool2d", x, kernelSize, stride, padding, dilation, ceilMode,
                null);
        int[] at = argmax(x, plan);
        int[] in = plan.inShape();
        return Tape.record("MaxPool2dBackward", take(x, at, plan.outShape(), Double.NEGATIVE_INFINITY),
                new Tensor[] {x}, new Tensor[] {x}, g -> new Tensor[] {scatter(g, at, in, plan.outShape())});
    }

    /**
     * The gradient of max pooling: zeros of the input's shape with {@code g}'s elements added at
     * their positions {@code at}; its gradient is {@link #gather} from the same positions.
     */
    private static Tensor scatter(Tensor g, int[] at, int[] inShape, int[] outShape) {
        return Tape.record("MaxPool2dBackwardBackward", put(g, at, inShape), new Tensor[] {g}, Tape.NO_TENSORS,
                gg -> new Tensor[] {gather(gg, at, outShape, inShape)});
    }

    /** The elements of {@code t} at the positions {@code at} (0 for -1); its gradient is {@link #scatter}. */
    private static Tensor gather(Tensor t, int[] at, int[] outShape, int[] inShape) {
        return Tape.record("MaxPool2dGatherBackward", take(t, at, outShape, 0.0), new Tensor[] {t}, Tape.NO_TENSORS,
                g -> new Tensor[] {scatter(g, at, inShape, outShape)});
    }

    /**
     * The flat input position of each output element's maximum, or -1 for a window with no tap
     * inside the input. A FLOAT32 plane is widened into one reused buffer (exact, so the
     * comparisons are float32's), so one scan serves both dtypes.
     */
    private static int[] argmax(Tensor x, PoolWindows.Plan p) {
        int[] at = new int[Shape.numel(p.outShape())];
        boolean f32 = x.dtype() == DType.FLOAT32;
        float[] f = f32 ? x.floatStorage() : null;
        double[] v = f32 ? new double[p.inPlane()] : x.doubles();
        for (int plane = 0; plane < p.planes(); plane++) {
            int base = plane * p.inPlane();
            for (int i = 0; f32 && i < v.length; i++) {
                v[i] = f[base + i];
            }
            scan(v, f32 ? 0 : base, base, p, at, plane * p.outPlane());
        }
        return at;
    }

    /** One plane: {@code v[off + h * W + w]} holds input (h, w); writes {@code base + h * W + w} into {@code at}. */
    private static void scan(double[] v, int off, int base, PoolWindows.Plan p, int[] at, int o) {
        PoolWindows.Axis rows = p.rows();
        PoolWindows.Axis cols = p.cols();
        int w = p.w();
        if (rows.allTwo() && cols.allTwo()) {
            scan2x2(v, off, base, p, at, o);
            return;
        }
        for (int oh = 0; oh < rows.size(); oh++) {
            int h0 = rows.first()[oh];
            int nh = rows.count()[oh];
            for (int ow = 0; ow < cols.size(); ow++) {
                int w0 = cols.first()[ow];
                int nw = cols.count()[ow];
                int best = nh > 0 && nw > 0 ? h0 * w + w0 : -1; // PyTorch starts at the first tap
                double max = Double.NEGATIVE_INFINITY;
                for (int th = 0, h = h0; th < nh; th++, h += rows.step()) {
                    for (int tw = 0, c = h * w + w0; tw < nw; tw++, c += cols.step()) {
                        double val = v[off + c];
                        if (val > max || val != val) {
                            max = val;
                            best = c;
                        }
                    }
                }
                at[o++] = best < 0 ? -1 : base + best;
            }
        }
    }

    /**
     * {@link #scan} when every window has 2 x 2 taps inside the input (MNIST's pool): a pairwise
     * reduction that the JIT compiles without branches on the values (conditional moves), so the
     * pool does not pay a mispredicted branch per element (measured: about 4x faster than the
     * scan on random values). Preferring the left operand on ties gives the first maximum in
     * window order, as the scan; a window holding a NaN is redone with PyTorch's NaN rule.
     */
    private static void scan2x2(double[] v, int off, int base, PoolWindows.Plan p, int[] at, int o) {
        int w = p.w();
        int dc = p.cols().step();
        int dr = p.rows().step() * w;
        int shift = base - off;
        int[] rowFirst = p.rows().first();
        int[] colFirst = p.cols().first();
        for (int oh = 0; oh < rowFirst.length; oh++) {
            int r0 = off + rowFirst[oh] * w;
            int r1 = r0 + dr;
            for (int ow = 0; ow < colFirst.length; ow++) {
                int c = colFirst[ow];
                double a0 = v[r0 + c];
                double a1 = v[r0 + c + dc];
                double a2 = v[r1 + c];
                double a3 = v[r1 + c + dc];
                double m01 = Math.max(a0, a1);
                double m23 = Math.max(a2, a3);
                int i01 = a1 > a0 ? r0 + c + dc : r0 + c;
                int i23 = a3 > a2 ? r1 + c + dc : r1 + c;
                at[o++] = (m23 > m01 ? i23 : i01) + shift;
                if (m01 != m01 || m23 != m23) {
                    at[o - 1] = shift + lastNaN(v, r0 + c, dc, dr);
                }
            }
        }
    }

    /** PyTorch's pick in a 2 x 2 window holding a NaN: the last NaN in window order. */
    private static int lastNaN(double[] v, int c, int dc, int dr) {
        int best = c;
        for (int t : new int[] {c, c + dc, c + dr, c + dr + dc}) {
            best = v[t] != v[t] ? t : best;
        }
        return best;
    }

    /** {@code src}'s elements at {@code at} ({@code fill} for -1), in a new tensor of src's dtype. */
    private static Tensor take(Tensor src, int[] at, int[] shape, double fill) {
        if (src.dtype() == DType.FLOAT32) {
            float[] s = src.floatStorage();
            float[] r = new float[at.length];
            for (int i = 0; i < at.length; i++) {
                r[i] = at[i] < 0 ? (float) fill : s[at[i]];
            }
            return TensorInternals.wrapFloat(r, shape);
        }
        double[] s = src.doubles();
        double[] r = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            r[i] = at[i] < 0 ? fill : s[at[i]];
        }
        return TensorInternals.wrap(r, src.dtype(), shape);
    }

    /** Zeros of {@code shape} with {@code g}'s elements added at {@code at} (skipping -1), of g's dtype. */
    private static Tensor put(Tensor g, int[] at, int[] shape) {
        int n = Shape.numel(shape);
        if (g.dtype() == DType.FLOAT32) {
            float[] s = g.floatStorage();
            float[] r = new float[n];
            for (int i = 0; i < at.length; i++) {
                if (at[i] >= 0) {
                    r[at[i]] += s[i];
                }
            }
            return TensorInternals.wrapFloat(r, shape);
        }
        double[] s = g.doubles();
        double[] r = new double[n];
        for (int i = 0; i < at.length; i++) {
            if (at[i] >= 0) {
                r[at[i]] += s[i];
            }
        }
        return TensorInternals.wrap(r, g.dtype(), shape);
    }
}
