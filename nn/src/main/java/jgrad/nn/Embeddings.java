package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The embedding lookup built from recorded Tensor ops, with its argument checks;
 * {@link Functional#embedding} and {@link Embedding} call it.
 */
final class Embeddings {
    private Embeddings() {}

    /**
     * The padding index counted from the end when negative, as PyTorch's
     * {@code padding_idx = num_embeddings + padding_idx}.
     */
    static int normalizePadding(String op, int paddingIdx, int numEmbeddings) {
        if (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings) {
            throw new IllegalArgumentException(op + ": padding_idx must be within num_embeddings, i.e. in ["
                    + -numEmbeddings + ", " + numEmbeddings + "), got " + paddingIdx);
        }
        return paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    }

    /**
     * The rows of weight picked by indices, of shape {@code indices.shape + [embedding_dim]}; with a
     * padding index (null for none) the rows looked up at that index carry no gradient back.
     */
    static Tensor embedding(String op, Tensor indices, Tensor weight, Integer paddingIdx) {
        LossChecks.checkNotNull(op, "indices", indices);
        LossChecks.checkNotNull(op, "weight", weight);
        if (weight.dim() != 2 || !weight.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": weight must be a floating 2-D tensor (num_embeddings, "
                    + "embedding_dim), got " + weight.dtype() + " of shape " + Shape.str(weight.shape()));
        }
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": indices must be INT64, got " + indices.dtype() + " of shape "
                    + Shape.str(indices.shape()));
        }
        int n = weight.size(0);
        for (double v : indices.doubles()) {
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException(op + ": index " + (long) v + " is out of range for " + n
                        + " embeddings (indices must be in [0, " + n + "))");
            }
        }
        int[] outShape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        outShape[indices.dim()] = weight.size(1);
        Tensor flat = indices.reshape(indices.numel());
        Tensor rows = weight.indexSelect(0, flat);
        if (paddingIdx != null) {
            int pad = normalizePadding(op, paddingIdx, n);
            Tensor isPad = flat.eq(pad).reshape(indices.numel(), 1);
            rows = Tensor.where(isPad, weight.detach().indexSelect(0, flat), rows);
        }
        return rows.reshape(outShape);
    }
}
