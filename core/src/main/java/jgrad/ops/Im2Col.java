package jgrad.ops;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * im2col ("unfold") and col2im ("fold"), the pair that turns a convolution into one matrix
 * product: {@link #unfold} copies every kernel window of an {@code (N, C, H, W)} image batch into
 * a column of a {@code (C*kH*kW, N*oH*oW)} matrix (zeros where a window reaches into the padding),
 * and {@link #fold} adds such a matrix back into an image, summing where windows overlap. Each is
 * the other's gradient (fold is unfold's transpose), and both are recorded, so a convolution made
 * of them is differentiable any number of times. Both dtypes share one walk over the windows
 * ({@link Geometry#forEachRun}); only the innermost copy or sum is written per dtype.
 */
final class Im2Col {
    private Im2Col() {}

    /**
     * The sizes of one convolution: input {@code (n, c, h, w)} (stored as {@code inShape}, 3-D
     * when unbatched), kernel {@code kh x kw}, stride, padding and dilation per spatial dim, and
     * the output size {@code oh x ow}. Row {@code (ch*kh + ki)*kw + kj} of the column matrix holds
     * kernel tap {@code (ki, kj)} of channel {@code ch}; column {@code b*oh*ow + oy*ow + ox} is
     * output position {@code (oy, ox)} of batch entry {@code b}.
     */
    record Geometry(int[] inShape, int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
            int dw, int oh, int ow) {

        /** The column matrix's number of rows, {@code c*kh*kw}. */
        int rows() {
            return c * kh * kw;
        }

        /** The column matrix's number of columns, {@code n*oh*ow}. */
        int cols() {
            return n * oh * ow;
        }

        /**
         * Calls {@code run} once per row of output positions that a kernel tap reads inside the
         * image: {@code count} column entries from {@code colAt} on pair with image entries
         * {@code imgAt, imgAt + sw, ...}. Entries that read padding are never visited.
         */
        void forEachRun(Run run) {
            int l = oh * ow;
            int nl = n * l;
            int plane = h * w;
            for (int ch = 0; ch < c; ch++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        int offX = kj * dw - pw;
                        int ox0 = offX >= 0 ? 0 : Math.min(ow, (-offX + sw - 1) / sw);
                        int ox1 = Math.min(ow, Math.max(0, Math.floorDiv(w - 1 - offX, sw) + 1));
                        if (ox0 >= ox1) {
                            continue;
                        }
                        int row = (ch * kh + ki) * kw + kj;
                        for (int b = 0; b < n; b++) {
                            int img = (b * c + ch) * plane + ox0 * sw + offX;
                            int col = row * nl + b * l + ox0;
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * sh - ph + ki * dh;
                                if (iy >= 0 && iy < h) {
                                    run.run(col + oy * ow, img + iy * w, ox1 - ox0);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** One run of {@link Geometry#forEachRun}. */
    @FunctionalInterface
    interface Run {
        void run(int colAt, int imgAt, int count);
    }

    /**
     * The column matrix of {@code x} (FLOAT32 or FLOAT64), recorded as {@code Im2ColBackward}
     * with {@link #fold} as its gradient.
     */
    static Tensor unfold(Tensor x, Geometry g) {
        int sw = g.sw();
        Tensor out;
        if (x.dtype() == DType.FLOAT32) {
            float[] src = x.floatStorage();
            float[] dst = new float[g.rows() * g.cols()];
            g.forEachRun(sw == 1 ? (c, i, k) -> System.arraycopy(src, i, dst, c, k) : (c, i, k) -> {
                for (int j = 0; j < k; j++) {
                    dst[c + j] = src[i + j * sw];
                }
            });
            out = TensorInternals.wrapFloat(dst, g.rows(), g.cols());
        } else {
            double[] src = x.doubles();
            double[] dst = new double[g.rows() * g.cols()];
            g.forEachRun(sw == 1 ? (c, i, k) -> System.arraycopy(src, i, dst, c, k) : (c, i, k) -> {
                for (int j = 0; j < k; j++) {
                    dst[c + j] = src[i + j * sw];
                }
            });
            out = TensorInternals.wrap(dst, x.dtype(), g.rows(), g.cols());
        }
        return Tape.record("Im2ColBackward", out, new Tensor[] {x}, Tape.NO_TENSORS, grad -> new Tensor[] {
            fold(grad, g)});
    }

    /**
     * The image of shape {@code g.inShape()} that sums the column matrix {@code cols} back into
     * its windows, recorded as {@code Col2ImBackward} with {@link #unfold} as its gradient.
     */
    static Tensor fold(Tensor cols, Geometry g) {
        int sw = g.sw();
        int numel = g.n() * g.c() * g.h() * g.w();
        Tensor out;
        if (cols.dtype() == DType.FLOAT32) {
            float[] src = cols.floatStorage();
            float[] dst = new float[numel];
            g.forEachRun((c, i, k) -> {
                for (int j = 0; j < k; j++) {
                    dst[i + j * sw] += src[c + j];
                }
            });
            out = TensorInternals.wrapFloat(dst, g.inShape());
        } else {
            double[] src = cols.doubles();
            double[] dst = new double[numel];
            g.forEachRun((c, i, k) -> {
                for (int j = 0; j < k; j++) {
                    dst[i + j * sw] += src[c + j];
                }
            });
            out = TensorInternals.wrap(dst, cols.dtype(), g.inShape());
        }
        return Tape.record("Col2ImBackward", out, new Tensor[] {cols}, Tape.NO_TENSORS, grad -> new Tensor[] {
            unfold(grad, g)});
    }
}
