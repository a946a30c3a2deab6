package jgrad;

import jgrad.ops.Indexing;
import jgrad.ops.LinAlg;
import jgrad.ops.Reductions;
import jgrad.ops.Shaping;

/**
 * The shape and indexing ops of {@link Tensor} (reshape, squeeze, expand, gather, ...): each a
 * one-line call into {@code jgrad.ops}. Package-private: every method here is a public method
 * of {@link Tensor}.
 */
abstract sealed class TensorShapeOps extends TensorCompareOps permits TensorReductionOps {
    TensorShapeOps(double[] data, int[] shape, DType dtype, int[] version) {
        super(data, shape, dtype, version);
    }

    // ---------------------------------------------------------------- shape and indexing

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
