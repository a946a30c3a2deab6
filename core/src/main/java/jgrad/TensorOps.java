package jgrad;

import jgrad.ops.Arithmetic;
import jgrad.ops.Indexing;
import jgrad.ops.LinAlg;
import jgrad.ops.Reductions;
import jgrad.ops.Shaping;
import jgrad.ops.SoftmaxOps;
import jgrad.ops.Unary;
/**
 * The math and shape ops of {@link Tensor}: each a one-line call into {@code jgrad.ops}, where
 * the op's forward and backward sit side by side. Package-private: every method here is a
 * public method of {@link Tensor}.
 */
abstract sealed class TensorOps extends TensorValues permits Tensor {
    TensorOps(double[] data, int[] shape, DType dtype, int[] version) {
        super(data, shape, dtype, version);
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * {@code this + o}, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor add(Tensor o) {
        return Arithmetic.add(self(), o);
    }

    /**
     * {@code this + s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor add(double s) {
        return Arithmetic.addScalar(self(), s);
    }

    /**
     * {@code this - o}, broadcasting.
     *
     * @param o the operand to subtract
     * @return a new tensor of the broadcast shape
     */
    public Tensor sub(Tensor o) {
        return Arithmetic.sub(self(), o);
    }

    /**
     * {@code this - s}.
     *
     * @param s the scalar to subtract
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sub(double s) {
        return Arithmetic.subScalar(self(), s);
    }

    /**
     * {@code this * o} elementwise, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor mul(Tensor o) {
        return Arithmetic.mul(self(), o);
    }

    /**
     * {@code this * s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor mul(double s) {
        return Arithmetic.mulScalar(self(), s);
    }

    /**
     * {@code this / o} elementwise (true division), broadcasting.
     *
     * @param o the divisor
     * @return a new FLOAT64 tensor of the broadcast shape
     */
    public Tensor div(Tensor o) {
        return Arithmetic.div(self(), o);
    }

    /**
     * {@code this / s}.
     *
     * @param s the divisor
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor div(double s) {
        return Arithmetic.divScalar(self(), s);
    }

    /**
     * {@code -this}.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor neg() {
        return Arithmetic.neg(self());
    }

    /**
     * {@code this ** exponent}.
     *
     * @param exponent the power to raise each element to
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor pow(double exponent) {
        return Arithmetic.pow(self(), exponent);
    }

    /**
     * Elementwise e<sup>x</sup>.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor exp() {
        return Unary.exp(self());
    }

    /**
     * Elementwise natural log.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor log() {
        return Unary.log(self());
    }

    /**
     * Elementwise square root.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sqrt() {
        return Unary.sqrt(self());
    }

    /**
     * Elementwise absolute value.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor abs() {
        return Unary.abs(self());
    }

    /**
     * Elementwise max(x, 0).
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor relu() {
        return Unary.relu(self());
    }

    /**
     * Elementwise 1 / (1 + e<sup>-x</sup>).
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sigmoid() {
        return Unary.sigmoid(self());
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor tanh() {
        return Unary.tanh(self());
    }

    /**
     * Matrix product: 2-D x 2-D, 2-D x 1-D, 1-D x 2-D, 1-D x 1-D (dot, 0-D result).
     *
     * @param o the right-hand operand
     * @return a new tensor: 2-D, 1-D or 0-D according to the operands' dims
     */
    public Tensor matmul(Tensor o) {
        return LinAlg.matmul(self(), o);
    }

    /**
     * The transpose of a 2-D tensor (a 0-D or 1-D tensor is returned as is).
     *
     * @return a new transposed tensor, or this tensor itself if it has fewer than 2 dims
     */
    public Tensor t() {
        return LinAlg.t(self());
    }

    /**
     * The same values in a new shape; one size may be -1; no sizes means 0-D.
     *
     * @param shape the new sizes, with as many elements in all as this tensor
     * @return a tensor of the new shape sharing this tensor's storage
     */
    public Tensor reshape(int... shape) {
        return Shaping.reshape(self(), shape);
    }

    /**
     * {@code reshape(-1)}.
     *
     * @return a 1-D tensor sharing this tensor's storage
     */
    public Tensor flatten() {
        return Shaping.reshape(self(), -1);
    }

    /**
     * Inserts a dim of size 1 at {@code dim}.
     *
     * @param dim where the new dim goes, in {@code [-(dim()+1), dim()]}
     * @return a tensor of one more dim sharing this tensor's storage
     */
    public Tensor unsqueeze(int dim) {
        return Shaping.unsqueeze(self(), dim);
    }

    /**
     * Removes {@code dim} if its size is 1.
     *
     * @param dim the dim to remove; negative dims count from the end
     * @return a tensor without that dim sharing this tensor's storage, or this tensor itself if
     *     the size of {@code dim} is not 1
     */
    public Tensor squeeze(int dim) {
        return Shaping.squeeze(self(), dim);
    }

    /**
     * Broadcasts to {@code shape} (a copy), like {@code expand}; its gradient sums back.
     *
     * @param shape the target shape, which this tensor's shape must broadcast to
     * @return a new tensor of that shape, or this tensor itself if the shape is already {@code shape}
     */
    public Tensor expand(int... shape) {
        return Reductions.expand(self(), shape);
    }

    /**
     * Sums broadcast dims away so the result has {@code shape}: the inverse of {@link Tensor#expand}.
     *
     * @param shape the target shape, which must broadcast to this tensor's shape
     * @return a new tensor of that shape, or this tensor itself if the shape is already {@code shape}
     */
    public Tensor sumTo(int... shape) {
        return Reductions.sumTo(self(), shape);
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
     * PyTorch's {@code gather}: {@code out[i][j] = this[i][index[i][j]]} for dim 1; index INT64.
     *
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 indices into {@code dim}, with as many dims as this tensor
     * @return a new tensor of the index's shape
     */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(self(), dim, index);
    }

    /**
     * Adds {@code src} into a copy of this tensor at {@code index} along {@code dim}, like
     * {@code scatter_add}; the inverse of {@link Tensor#gather}.
     *
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 positions along {@code dim}, of the same shape as {@code src}
     * @param src the values to add
     * @return a new tensor of this shape
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(self(), dim, index, src);
    }

    /**
     * Rows (entries along dim 0) picked by an INT64 index, like {@code index_select(0, idx)}.
     *
     * @param index a 0-D or 1-D INT64 tensor of row indices in {@code [0, size(0))}
     * @return a new tensor with the selected rows
     */
    public Tensor indexSelect(Tensor index) {
        return Indexing.indexSelect(self(), index);
    }

    /**
     * A copy converted to {@code dtype} (INT64 truncates toward zero, like {@code .long()}).
     *
     * @param dtype the element type of the result
     * @return a new tensor, or this tensor itself if it already has that dtype
     */
    public Tensor to(DType dtype) {
        return Shaping.to(self(), dtype);
    }

}
