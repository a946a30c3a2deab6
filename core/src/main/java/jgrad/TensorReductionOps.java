package jgrad;

import jgrad.ops.AvgPooling;
import jgrad.ops.BatchedProducts;
import jgrad.ops.Convolution;
import jgrad.ops.LinAlg;
import jgrad.ops.MaxPooling;
import jgrad.ops.Reductions;
import jgrad.ops.SoftmaxOps;
import jgrad.ops.Variance;

/**
 * The reductions, softmax family, matrix products, convolution and 2-D pooling of {@link Tensor}: each
 * a one-line call into {@code jgrad.ops}. Package-private: every method here is a public method of
 * {@link Tensor}.
 */
abstract sealed class TensorReductionOps extends TensorShapeOps permits Tensor {
    TensorReductionOps(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        super(data, fdata, shape, dtype, version);
    }

    // ---------------------------------------------------------------- reductions, softmax and products

    /**
     * Matrix product as PyTorch's {@code matmul}: 2-D x 2-D, 2-D x 1-D, 1-D x 2-D, 1-D x 1-D
     * (dot, 0-D result), and batched products when an operand has more than 2 dims (the dims
     * before the last two are batch dims and broadcast; a 1-D operand is a row on the left, a
     * column on the right, and its dim is removed from the result).
     *
     * @param o the right-hand operand
     * @return a new tensor, its shape according to the operands' dims
     */
    public Tensor matmul(Tensor o) {
        return LinAlg.matmul(self(), o);
    }

    /**
     * Batched matrix product {@code (B, n, k) @ (B, k, m)}, like {@code bmm} (no broadcasting).
     *
     * @param o the right-hand operand, 3-D with this tensor's batch size
     * @return a new {@code (B, n, m)} tensor
     */
    public Tensor bmm(Tensor o) {
        return BatchedProducts.bmm(self(), o);
    }

    /**
     * 2-D convolution (cross-correlation) as PyTorch's {@code torch.conv2d}: this tensor is the
     * input, {@code (N, C, H, W)} or unbatched {@code (C, H, W)}. Every output channel {@code o}
     * is {@code bias[o]} plus the sum over its group's input channels of the input, zero-padded,
     * correlated with {@code weight[o]} at the given stride and dilation.
     *
     * @param weight the kernels, {@code (O, C/groups, kH, kW)}, of this tensor's dtype
     * @param bias {@code (O)}, of this tensor's dtype, or null for no bias
     * @param stride the step between windows, {@code {sH, sW}} (or one value for both), each at least 1
     * @param padding zeros added on each side, {@code {pH, pW}} (or one value), each at least 0
     * @param dilation the spacing between kernel taps, {@code {dH, dW}} (or one value), each at least 1
     * @param groups the number of channel groups (at least 1), dividing both C and O
     * @return a new {@code (N, O, oH, oW)} tensor ({@code (O, oH, oW)} for an unbatched input), with
     *     {@code oH = (H + 2*pH - dH*(kH-1) - 1) / sH + 1} and {@code oW} likewise
     * @throws IllegalArgumentException naming {@code conv2d} and the shapes or values if the input
     *     is not 3-D or 4-D, the weight not 4-D, the channels do not match {@code weight.size(1) *
     *     groups}, O is not divisible by groups, the bias is not {@code (O)}, the dilated kernel is
     *     larger than the padded input, a stride or dilation is below 1, a padding below 0, an
     *     operand is not floating point, or the dtypes differ
     */
    public Tensor conv2d(Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(self(), weight, bias, stride, padding, dilation, groups);
    }

    /**
     * The sum of all elements, 0-D.
     *
     * @return a new 0-D tensor of this dtype
     */
    public Tensor sum() {
        return Reductions.sum(self());
    }

    /**
     * The mean of all elements, 0-D (NaN for an empty tensor, as in PyTorch).
     *
     * @return a new 0-D FLOAT64 tensor
     */
    public Tensor mean() {
        return Reductions.mean(self());
    }

    /**
     * Sum over one dim.
     *
     * @param dim the dim to sum over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this dtype
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(self(), dim, keepDim);
    }

    /**
     * Mean over one dim.
     *
     * @param dim the dim to average over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(self(), dim, keepDim);
    }

    /**
     * Maximum values over one dim; the gradient flows to the first maximum.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of the maxima, of this dtype
     */
    public Tensor max(int dim, boolean keepDim) {
        return Reductions.max(self(), dim, keepDim);
    }

    /**
     * Index of the first maximum over one dim, INT64; never requires grad.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @return a new INT64 tensor of this shape without {@code dim}
     */
    public Tensor argmax(int dim) {
        return Reductions.argmax(self(), dim);
    }

    /**
     * log(sum(exp(x))) over one dim, computed stably (subtract the max first).
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public Tensor logSumExp(int dim, boolean keepDim) {
        return SoftmaxOps.logSumExp(self(), dim, keepDim);
    }

    /**
     * Softmax over one dim, computed stably.
     *
     * @param dim the dim along which the values sum to 1; negative dims count from the end
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(self(), dim);
    }

    /**
     * Log-softmax over one dim: {@code x - logSumExp(x)}, stable for huge logits.
     *
     * @param dim the dim to normalise over; negative dims count from the end
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.logSoftmax(self(), dim);
    }

    /**
     * The unbiased variance of all elements (divided by {@code n - 1}), 0-D, like
     * {@code torch.var(x)}: NaN for one element (0/0) or none, as in PyTorch.
     *
     * @return a new 0-D tensor of this (floating) dtype
     */
    public Tensor var() {
        return Variance.all(false, self(), 1);
    }

    /**
     * The unbiased variance over one dim (divided by {@code n - 1}), like
     * {@code torch.var(x, dim, keepdim=keepDim)}: NaN where the dim has one element.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this (floating) dtype
     */
    public Tensor var(int dim, boolean keepDim) {
        return Variance.var(self(), dim, 1, keepDim);
    }

    /**
     * The variance over one dim with the divisor {@code max(0, n - correction)}, like
     * {@code torch.var(x, dim, correction=correction, keepdim=keepDim)}: 0 gives the population
     * variance, 1 the unbiased estimate.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param correction subtracted from the number of elements in the divisor
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this (floating) dtype
     */
    public Tensor var(int dim, int correction, boolean keepDim) {
        return Variance.var(self(), dim, correction, keepDim);
    }

    /**
     * The unbiased standard deviation of all elements, 0-D, like {@code torch.std(x)}: the square
     * root of {@link #var()}.
     *
     * @return a new 0-D tensor of this (floating) dtype
     */
    public Tensor std() {
        return Variance.all(true, self(), 1);
    }

    /**
     * The unbiased standard deviation over one dim, like {@code torch.std(x, dim, keepdim=keepDim)}:
     * NaN where the dim has one element; the gradient is 0 where the result is 0.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this (floating) dtype
     */
    public Tensor std(int dim, boolean keepDim) {
        return Variance.std(self(), dim, 1, keepDim);
    }

    /**
     * The standard deviation over one dim with the divisor {@code max(0, n - correction)}, like
     * {@code torch.std(x, dim, correction=correction, keepdim=keepDim)}.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param correction subtracted from the number of elements in the divisor
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this (floating) dtype
     */
    public Tensor std(int dim, int correction, boolean keepDim) {
        return Variance.std(self(), dim, correction, keepDim);
    }

    // ---------------------------------------------------------------- 2-D pooling (windowed reductions)

    /**
     * 2-D max pooling, like {@code torch.nn.functional.max_pool2d}: the maximum of each window
     * (padding counts as {@code -inf}; on ties the first maximum in row-major window order gets
     * the gradient, and NaN propagates, as in PyTorch).
     *
     * @param kernelSize the window, one int (H and W) or two (H, W), each at least 1
     * @param stride the step, one or two ints at least 1; null or empty: the kernel size
     * @param padding padding on both sides, one or two ints in {@code [0, kernelSize / 2]}
     * @param dilation the spacing of the window's taps, one or two ints at least 1
     * @param ceilMode round the output size up instead of down (the last window must still
     *     start inside the input or the left padding)
     * @return a new tensor (N, C, H_out, W_out), or (C, H_out, W_out) for an unbatched input
     * @throws IllegalArgumentException if this tensor is not a FLOAT64 or FLOAT32 (N, C, H, W)
     *     or (C, H, W) tensor with non-zero C, H and W, an argument has the wrong length or is
     *     out of range, or the output would be empty
     */
    public Tensor maxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        return MaxPooling.maxPool2d(self(), kernelSize, stride, padding, dilation, ceilMode);
    }

    /**
     * 2-D average pooling, like {@code torch.nn.functional.avg_pool2d} (zero padding).
     *
     * @param kernelSize the window, one int (H and W) or two (H, W), each at least 1
     * @param stride the step, one or two ints at least 1; null or empty: the kernel size
     * @param padding padding on both sides, one or two ints in {@code [0, kernelSize / 2]}
     * @param ceilMode round the output size up instead of down (the last window must still
     *     start inside the input or the left padding)
     * @param countIncludePad count the padding in each window's divisor (PyTorch's default,
     *     true)
     * @return a new tensor (N, C, H_out, W_out), or (C, H_out, W_out) for an unbatched input
     * @throws IllegalArgumentException if this tensor is not a FLOAT64 or FLOAT32 (N, C, H, W)
     *     or (C, H, W) tensor with non-zero C, H and W, an argument has the wrong length or is
     *     out of range, or the output would be empty
     */
    public Tensor avgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        return AvgPooling.avgPool2d(self(), kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    /**
     * 2-D adaptive average pooling, like {@code torch.nn.functional.adaptive_avg_pool2d}: output
     * (i, j) averages rows {@code [floor(i H / H_out), ceil((i + 1) H / H_out))} and the columns
     * likewise.
     *
     * @param outputSize one int (H_out = W_out) or two (H_out, W_out), each at least 0
     * @return a new tensor (N, C, H_out, W_out), or (C, H_out, W_out) for an unbatched input
     * @throws IllegalArgumentException if this tensor is not a FLOAT64 or FLOAT32 (N, C, H, W)
     *     or (C, H, W) tensor with non-zero H and W, or the output size has the wrong length or
     *     is negative
     */
    public Tensor adaptiveAvgPool2d(int[] outputSize) {
        return AvgPooling.adaptiveAvgPool2d(self(), outputSize);
    }
}
