package jgrad;

import java.util.List;
import jgrad.ops.Indexing;
import jgrad.ops.Masking;
import jgrad.ops.LinAlg;
import jgrad.ops.Reductions;
import jgrad.ops.Shaping;
import jgrad.ops.Slicing;

/**
 * The shape and indexing ops of {@link Tensor} (reshape, squeeze, expand, gather, ...): each a
 * one-line call into {@code jgrad.ops}. Package-private: every method here is a public method
 * of {@link Tensor}.
 */
abstract sealed class TensorShapeOps extends TensorCompareOps permits TensorReductionOps {
    TensorShapeOps(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        super(data, fdata, shape, dtype, version);
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
     * The same values in a new shape; one size may be -1 (not when there are no elements and
     * another size is 0: then -1 is ambiguous); no sizes means 0-D.
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
     * Removes every dim of size 1, like {@code squeeze()}.
     *
     * @return a tensor without size-1 dims sharing this tensor's storage, or this tensor itself if
     *     it has none
     */
    public Tensor squeeze() {
        return Shaping.squeeze(self());
    }

    /**
     * Swaps two dims, like {@code transpose(dim0, dim1)} (a copy).
     *
     * @param dim0 one dim; negative dims count from the end
     * @param dim1 the other dim
     * @return a new tensor, or this tensor itself if the dims are the same or it has fewer than 2 dims
     */
    public Tensor transpose(int dim0, int dim1) {
        return Shaping.transpose(self(), dim0, dim1);
    }

    /**
     * Reorders the dims, like {@code permute}: dim {@code i} of the result is dim {@code dims[i]}
     * of this tensor (a copy).
     *
     * @param dims a permutation of this tensor's dims; negative dims count from the end
     * @return a new tensor, or this tensor itself if {@code dims} keeps every dim in place
     */
    public Tensor permute(int... dims) {
        return Shaping.permute(self(), dims);
    }

    /**
     * Entries {@code [start, start + length)} of {@code dim}, like {@code narrow} (a copy).
     *
     * @param dim the dim to narrow; negative dims count from the end
     * @param start the first entry; a negative start counts from the end
     * @param length the number of entries
     * @return a new tensor with {@code length} entries along {@code dim}
     */
    public Tensor narrow(int dim, int start, int length) {
        return Slicing.narrow(self(), dim, start, length);
    }

    /**
     * Entry {@code index} of {@code dim} with that dim removed, like {@code select} or
     * {@code x[:, index]} (a copy).
     *
     * @param dim the dim to index; negative dims count from the end
     * @param index the entry; a negative index counts from the end
     * @return a new tensor with one dim fewer
     */
    public Tensor select(int dim, int index) {
        return Slicing.select(self(), dim, index);
    }

    /**
     * {@code x[..., start:end:step]} along {@code dim}, with Python's slice rules (negative start
     * and end count from the end; both are clamped to the size) (a copy).
     *
     * @param dim the dim to slice; negative dims count from the end
     * @param start the first entry
     * @param end one past the last entry ({@link Integer#MAX_VALUE} for "to the end")
     * @param step the distance between entries, at least 1
     * @return a new tensor
     */
    public Tensor slice(int dim, int start, int end, int step) {
        return Slicing.slice(self(), dim, start, end, step);
    }

    /**
     * Pieces of {@code splitSize} entries along {@code dim} (the last may be smaller), like
     * {@code split(split_size, dim)}.
     *
     * @param splitSize the size of each piece, at least 1 (0 only for a dim of size 0)
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces in order, each a new tensor
     */
    public List<Tensor> split(int splitSize, int dim) {
        return Slicing.split(self(), splitSize, dim);
    }

    /**
     * Pieces of the given sizes along {@code dim}, like {@code split([sizes], dim)}.
     *
     * @param sizes the size of each piece, non-negative, adding up to the size of {@code dim}
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces in order, each a new tensor
     */
    public List<Tensor> split(int[] sizes, int dim) {
        return Slicing.split(self(), sizes, dim);
    }

    /**
     * At most {@code chunks} pieces along {@code dim}, like {@code chunk}: each of
     * {@code ceil(size / chunks)} entries, the last smaller.
     *
     * @param chunks the number of pieces wanted, at least 1
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces in order, each a new tensor
     */
    public List<Tensor> chunk(int chunks, int dim) {
        return Slicing.chunk(self(), chunks, dim);
    }

    /**
     * Broadcasts to {@code shape} (a copy), like {@code expand}; its gradient sums back. A size
     * of -1 keeps that dim's size (not in a new leading dim).
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
        return Indexing.indexSelect(self(), 0, index);
    }

    /**
     * Entries along {@code dim} picked by an INT64 index, like {@code index_select(dim, idx)}.
     *
     * @param dim the dim to index; negative dims count from the end
     * @param index a 0-D or 1-D INT64 tensor of indices in {@code [0, size(dim))}
     * @return a new tensor with {@code index.numel()} entries along {@code dim}
     */
    public Tensor indexSelect(int dim, Tensor index) {
        return Indexing.indexSelect(self(), dim, index);
    }

    /**
     * {@code value} where {@code mask} is true and this tensor's value elsewhere, like
     * {@code masked_fill} (e.g. {@code scores.maskedFill(future, Double.NEGATIVE_INFINITY)} for
     * causal attention). The mask and this tensor broadcast together; the gradient is 0 where the
     * mask is true.
     *
     * @param mask a BOOL mask whose shape broadcasts with this one
     * @param value the value to write (truncated toward zero for an INT64 tensor)
     * @return a new tensor of the broadcast shape and this dtype
     */
    public Tensor maskedFill(Tensor mask, double value) {
        return Masking.maskedFill(self(), mask, value);
    }

    /**
     * The lower triangle of the last two dims, like {@code torch.tril}: element (i, j) is kept
     * where {@code j - i <= diagonal} and 0 elsewhere, in every matrix of the batch dims.
     *
     * @param diagonal 0 for the main diagonal, positive to keep diagonals above it, negative to drop some below
     * @return a new tensor of this shape and dtype
     */
    public Tensor tril(int diagonal) {
        return Masking.triangle(false, self(), diagonal);
    }

    /**
     * The upper triangle of the last two dims, like {@code torch.triu}: element (i, j) is kept
     * where {@code j - i >= diagonal} and 0 elsewhere, in every matrix of the batch dims.
     *
     * @param diagonal 0 for the main diagonal, positive to drop diagonals above it too, negative to keep some below
     * @return a new tensor of this shape and dtype
     */
    public Tensor triu(int diagonal) {
        return Masking.triangle(true, self(), diagonal);
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
