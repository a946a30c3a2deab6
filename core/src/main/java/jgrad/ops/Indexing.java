package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/** gather and its adjoint scatterAdd; indexSelect (rows) and its adjoint indexAdd. */
public final class Indexing {
    private Indexing() {}

    /**
     * {@code out[..i..] = a[..index[..i..]..]} along dim; gradient: scatter-add back.
     *
     * @param a the input
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 indices into {@code dim}, with as many dims as {@code a}
     * @return a new tensor of the index's shape
     */
    public static Tensor gather(Tensor a, int dim, Tensor index) {
        int[] s = a.shapeArray();
        int[] is = index.shapeArray();
        int d = checkIndex("gather", s, dim, index, is);
        double[] r = new double[index.numel()];
        walk(s, d, index, is, a.storage(), r, false);
        return Tape.record("GatherBackward", Tensor.wrapUnchecked(r, a.dtype(), is), new Tensor[] {a}, new Tensor[] {index},
                g -> new Tensor[] {Tensor.zeros(s).scatterAdd(d, index, g)});
    }

    /**
     * A copy of {@code self} with {@code src} added at {@code index} along dim.
     *
     * @param self the tensor to add into (not modified)
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 positions along {@code dim}, of the same shape as {@code src}
     * @param src the values to add
     * @return a new tensor of {@code self}'s shape
     */
    public static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
        int[] s = self.shapeArray();
        int[] is = index.shapeArray();
        int d = checkIndex("scatterAdd", s, dim, index, is);
        if (!java.util.Arrays.equals(is, src.shapeArray())) {
            throw Shape.error("scatterAdd", "index of shape " + Shape.str(is) + " and src of shape "
                    + Shape.str(src.shapeArray()) + " must have the same shape");
        }
        double[] r = self.storage().clone();
        walk(s, d, index, is, src.storage(), r, true);
        return Tape.record("ScatterAddBackward", Tensor.wrapUnchecked(r, DType.promote(self.dtype(), src.dtype()), s),
                new Tensor[] {self, src}, new Tensor[] {index},
                g -> new Tensor[] {g, src.requiresGrad() ? g.gather(d, index) : null});
    }

    /**
     * Rows of {@code a} (entries along dim 0) at the INT64 {@code index}; gradient: index-add back.
     *
     * @param a the input, at least 1-D
     * @param index a 0-D or 1-D INT64 tensor of row indices in {@code [0, a.size(0))}
     * @return a new tensor with the selected rows
     */
    public static Tensor indexSelect(Tensor a, Tensor index) {
        int[] s = a.shapeArray();
        if (s.length == 0) {
            throw Shape.error("indexSelect", "needs a tensor with at least one dim, got a 0-D tensor");
        }
        int[] idx = rows("indexSelect", index, s[0]);
        int inner = a.numel() / Math.max(1, s[0]);
        int[] to = s.clone();
        to[0] = idx.length;
        double[] x = a.storage();
        double[] r = new double[idx.length * inner];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * inner, r, i * inner, inner);
        }
        return Tape.record("IndexSelectBackward", Tensor.wrapUnchecked(r, a.dtype(), to), new Tensor[] {a},
                new Tensor[] {index}, g -> new Tensor[] {indexAdd(g, index, s)});
    }

    /** Adjoint of indexSelect: zeros of {@code shape} with g's rows added at index. */
    static Tensor indexAdd(Tensor g, Tensor index, int[] shape) {
        int[] idx = rows("indexAdd", index, shape[0]);
        int inner = Shape.numel(shape) / Math.max(1, shape[0]);
        double[] x = g.storage();
        double[] r = new double[Shape.numel(shape)];
        for (int i = 0; i < idx.length; i++) {
            int o = idx[i] * inner;
            for (int j = 0; j < inner; j++) {
                r[o + j] += x[i * inner + j];
            }
        }
        return Tape.record("IndexAddBackward", Tensor.wrapUnchecked(r, g.dtype(), shape), new Tensor[] {g},
                new Tensor[] {index}, gg -> new Tensor[] {gg.indexSelect(index)});
    }

    private static int[] rows(String op, Tensor index, int n) {
        if (index.dtype() != DType.INT64 || index.dim() > 1) {
            throw new IllegalArgumentException(op + ": index must be a 0-D or 1-D INT64 tensor, got "
                    + index.dtype() + " of shape " + Shape.str(index.shapeArray()));
        }
        int[] idx = index.toIntArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= n) { // PyTorch's index_select takes no negative indices
                throw new IllegalArgumentException(op + ": index " + idx[i] + " is out of range for dim 0 with size "
                        + n);
            }
        }
        return idx;
    }

    private static int checkIndex(String op, int[] s, int dim, Tensor index, int[] is) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be INT64, got " + index.dtype() + " of shape "
                    + Shape.str(is));
        }
        int d = Shape.dim(op, dim, s.length);
        if (is.length != s.length) {
            throw Shape.error(op, "index of shape " + Shape.str(is) + " must have as many dims as the input of shape "
                    + Shape.str(s));
        }
        for (int k = 0; k < s.length; k++) {
            if (k != d && is[k] > s[k]) {
                throw Shape.error(op, "index of shape " + Shape.str(is) + " is larger than the input of shape "
                        + Shape.str(s) + " at dim " + k);
            }
        }
        double[] ix = index.storage();
        int size = s.length == 0 ? 1 : s[d];
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] < 0 || ix[i] >= size) {
                throw new IllegalArgumentException(op + ": index " + (long) ix[i] + " is out of bounds for dim " + d
                        + " with size " + size);
            }
        }
        return d;
    }

    /** Walks the index: gather reads {@code x} into {@code r}; scatter adds {@code x} into {@code r}. */
    private static void walk(int[] s, int d, Tensor index, int[] is, double[] x, double[] r, boolean scatter) {
        double[] ix = index.storage();
        int n = ix.length;
        if (n == 0) {
            return;
        }
        int nd = is.length;
        int[] st = Shape.strides(s);
        int[] coord = new int[nd];
        int base = 0; // offset in the input from all coords except d
        for (int p = 0; p < n; p++) {
            int off = base + (nd == 0 ? 0 : (int) ix[p] * st[d]);
            if (scatter) {
                r[off] += x[p];
            } else {
                r[p] = x[off];
            }
            for (int k = nd - 1; k >= 0; k--) {
                coord[k]++;
                if (k != d) {
                    base += st[k];
                }
                if (coord[k] < is[k]) {
                    break;
                }
                if (k != d) {
                    base -= st[k] * is[k];
                }
                coord[k] = 0;
            }
        }
    }
}
