package jgrad.ops;

import java.util.ArrayList;
import java.util.List;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.kernel.Gemm;
import jgrad.internal.TensorInternals;

/**
 * 2-D convolution as PyTorch's {@code torch.conv2d}: {@link Im2Col#unfold} turns the input into
 * a {@code (C*kH*kW, N*oH*oW)} matrix (the batch folded into its columns), one product per group
 * with the weight seen as {@code (O, C/groups*kH*kW)} ({@link LinAlg#mm}'s values, so FLOAT32 runs
 * the float kernels; the weight's gradient in chunks of the inner size) gives
 * {@code (O, N*oH*oW)}, and {@link #toBatchFirst} reorders that to {@code (N, O, oH, oW)} while
 * adding the bias. Every step is recorded with a backward made of
 * recorded ops (fold for unfold, products for the product, the inverse reordering and a row sum
 * for the last step), so conv2d is differentiable twice and more.
 */
public final class Convolution {
    /** Rows of a packed panel of B that {@link Gemm} keeps between calls. */
    private static final int K_CHUNK = 4096;

    private Convolution() {}

    /**
     * {@code torch.conv2d(input, weight, bias, stride, padding, dilation, groups)}.
     *
     * @param input {@code (N, C, H, W)}, or {@code (C, H, W)} unbatched; FLOAT32 or FLOAT64
     * @param weight {@code (O, C/groups, kH, kW)}, of the input's dtype
     * @param bias {@code (O)} of the input's dtype, or null for none
     * @param stride the step between windows, 1 or 2 values (height, width), each at least 1
     * @param padding the zeros added on both sides, 1 or 2 values, each at least 0
     * @param dilation the spacing of kernel taps, 1 or 2 values, each at least 1
     * @param groups the number of channel groups, dividing both C and O
     * @return a new {@code (N, O, oH, oW)} tensor ({@code (O, oH, oW)} for an unbatched input),
     *     {@code oH = (H + 2*padH - dilH*(kH-1) - 1) / strideH + 1}, {@code oW} likewise
     * @throws IllegalArgumentException naming {@code conv2d} and the shapes or values for any
     *     input PyTorch refuses (see {@link Tensor#conv2d})
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
            int[] dilation, int groups) {
        Im2Col.Geometry g = ConvolutionChecks.geometry(input, weight, bias, stride, padding, dilation, groups);
        int o = weight.size(0);
        int og = o / groups;
        int k = g.rows() / groups;
        Tensor cols = Im2Col.unfold(input, g);
        Tensor w2 = weight.reshape(o, k);
        Tensor y;
        if (groups == 1) {
            y = product(w2, cols);
        } else {
            List<Tensor> parts = new ArrayList<>(groups);
            for (int i = 0; i < groups; i++) {
                parts.add(product(w2.narrow(0, i * og, og), cols.narrow(0, i * k, k)));
            }
            y = Shaping.cat(parts, 0);
        }
        int[] outShape = input.dim() == 4 ? new int[] {g.n(), o, g.oh(), g.ow()} : new int[] {o, g.oh(), g.ow()};
        return toBatchFirst(y, bias, g.n(), outShape);
    }

    /**
     * {@code w @ cols}, {@code (O, K) @ (K, N*L)}, recorded as {@code MmBackward} with the
     * gradients of {@link LinAlg#mm} but for the weight's, {@code grad @ cols^T}, whose inner size
     * is {@code N*L}: {@link #productNT} cuts it into chunks, so that {@link Gemm} packs no panel
     * of more than {@link #K_CHUNK} rows (a longer one is allocated afresh on every call, ~2 KB
     * per row).
     */
    private static Tensor product(Tensor w, Tensor cols) {
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = LinAlg.mm(w, cols, false, false);
        }
        return LinAlg.ownProducts(Tape.record("MmBackward", y, new Tensor[] {w, cols}, new Tensor[] {w, cols},
                (g, node) -> new Tensor[] {
                    node.needsInputGrad(0) ? productNT(g, cols) : null,
                    node.needsInputGrad(1) ? LinAlg.mm(w, g, true, false) : null}), 0, 1);
    }

    /**
     * {@code a @ b^T} for {@code a (m, k)} and {@code b (n, k)}, summed over chunks of at most
     * {@link #K_CHUNK} columns ({@link Gemm#multiplyAdd} on copies of the chunks' columns);
     * recorded as {@code MmBackward} with {@link LinAlg#mm}'s gradients.
     */
    private static Tensor productNT(Tensor a, Tensor b) {
        int k = a.size(1);
        if (k <= K_CHUNK) {
            return LinAlg.mm(a, b, false, true);
        }
        int m = a.size(0);
        int n = b.size(0);
        boolean f32 = a.dtype() == DType.FLOAT32;
        Object av = f32 ? a.floatStorage() : a.doubles();
        Object bv = f32 ? b.floatStorage() : b.doubles();
        Object c = f32 ? new float[m * n] : new double[m * n];
        Object ac = f32 ? new float[m * K_CHUNK] : new double[m * K_CHUNK];
        Object bc = f32 ? new float[n * K_CHUNK] : new double[n * K_CHUNK];
        for (int k0 = 0; k0 < k; k0 += K_CHUNK) {
            int kc = Math.min(K_CHUNK, k - k0);
            columns(av, m, k, k0, kc, ac);
            columns(bv, n, k, k0, kc, bc);
            if (f32) {
                Gemm.multiplyAdd((float[]) ac, m, kc, false, (float[]) bc, n, kc, true, (float[]) c);
            } else {
                Gemm.multiplyAdd((double[]) ac, m, kc, false, (double[]) bc, n, kc, true, (double[]) c);
            }
        }
        Tensor out = f32 ? TensorInternals.wrapFloat((float[]) c, m, n)
                : TensorInternals.wrap((double[]) c, a.dtype(), m, n);
        return LinAlg.ownProducts(Tape.record("MmBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b},
                (g, node) -> new Tensor[] {
                    node.needsInputGrad(0) ? LinAlg.mm(g, b, false, false) : null,
                    node.needsInputGrad(1) ? LinAlg.mm(g, a, true, false) : null}), 0, 1);
    }

    /** Columns {@code [k0, k0 + kc)} of the {@code (rows, k)} matrix {@code src} into {@code dst}, {@code (rows, kc)}. */
    private static void columns(Object src, int rows, int k, int k0, int kc, Object dst) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, r * k + k0, dst, r * kc, kc);
        }
    }

    /**
     * {@code y} of shape {@code (O, N*L)} reordered to {@code (N, O, L)} (as {@code outShape}),
     * plus {@code bias[o]} on channel {@code o} when there is a bias: one pass, recorded as
     * {@code ConvolutionBackward} (PyTorch's node name). Gradient: the reordering back (itself
     * recorded) for {@code y}, and that gradient's row sums for the bias.
     */
    private static Tensor toBatchFirst(Tensor y, Tensor bias, int n, int[] outShape) {
        int o = y.size(0);
        int l = n == 0 ? 0 : y.size(1) / n;
        Tensor out = swapped(y, o, n, l, outShape);
        if (bias != null) {
            addPerChannel(out, bias, n, o, l);
        }
        Tensor[] inputs = bias == null ? new Tensor[] {y} : new Tensor[] {y, bias};
        int[] yShape = y.shapeArray();
        return Tape.record("ConvolutionBackward", out, inputs, Tape.NO_TENSORS, (grad, node) -> {
            Tensor gy = swap(grad, n, o, l, yShape);
            return bias == null ? new Tensor[] {gy} : new Tensor[] {gy, node.needsInputGrad(1) ? gy.sum(1, false) : null};
        });
    }

    /**
     * {@code a} seen as {@code (A, B, L)} reordered to {@code (B, A, L)}, of shape {@code outShape}:
     * a recorded permute whose gradient is the same swap the other way.
     */
    private static Tensor swap(Tensor a, int dimA, int dimB, int l, int[] outShape) {
        int[] aShape = a.shapeArray();
        return Tape.record("PermuteBackward", swapped(a, dimA, dimB, l, outShape), new Tensor[] {a},
                Tape.NO_TENSORS, grad -> new Tensor[] {swap(grad, dimB, dimA, l, aShape)});
    }

    /** The values of {@link #swap}, unrecorded: one block copy of {@code l} values per (a, b). */
    private static Tensor swapped(Tensor a, int dimA, int dimB, int l, int[] outShape) {
        boolean f32 = a.dtype() == DType.FLOAT32;
        Object src = f32 ? a.floatStorage() : a.doubles();
        Object dst = f32 ? new float[dimA * dimB * l] : new double[dimA * dimB * l];
        for (int i = 0; i < dimA; i++) {
            for (int j = 0; j < dimB; j++) {
                System.arraycopy(src, (i * dimB + j) * l, dst, (j * dimA + i) * l, l);
            }
        }
        return f32 ? TensorInternals.wrapFloat((float[]) dst, outShape)
                : TensorInternals.wrap((double[]) dst, a.dtype(), outShape);
    }

    /** Adds {@code bias[c]} to every value of channel {@code c} of {@code out}, {@code (n, o, l)}, in place. */
    private static void addPerChannel(Tensor out, Tensor bias, int n, int o, int l) {
        boolean f32 = out.dtype() == DType.FLOAT32;
        float[] fo = f32 ? out.floatStorage() : null;
        float[] fb = f32 ? bias.floatStorage() : null;
        double[] d = f32 ? null : out.doubles();
        double[] db = f32 ? null : bias.doubles();
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < o; c++) {
                int at = (b * o + c) * l;
                if (f32) {
                    float v = fb[c];
                    for (int j = at; j < at + l; j++) {
                        fo[j] += v;
                    }
                } else {
                    double v = db[c];
                    for (int j = at; j < at + l; j++) {
                        d[j] += v;
                    }
                }
            }
        }
    }
}
