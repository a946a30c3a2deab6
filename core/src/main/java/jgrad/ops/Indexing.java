package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/** gather and its adjoint scatterAdd; indexSelect and its adjoint indexAdd. */
public final class Indexing {
    private Indexing() {}

    /**
     * {@code out[..i..] = a[..index[..i..]..]} along dim; gradient: scatter-add back.
     *
     * @param a the input
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 indices into {@code dim}, with as many dims as {@code a} (a 0-D tensor
     *     counts as 1-D, as in PyTorch; an empty index skips the shape checks)
     * @return a new tensor of the index's shape
     */
    public static Tensor gather(Tensor a, int dim, Tensor index) {
        int[] s = a.shapeArray();
        int[] is = index.shapeArray();
        int d = checkIndex("gather", s, dim, index, is);
        double[] r = new double[index.numel()];
        walk(atLeast1D(s), d, index, atLeast1D(is), a.doubles(), r, false);
        return Tape.record("GatherBackward", TensorInternals.wrap(r, a.dtype(), is), new Tensor[] {a}, new Tensor[] {index},
                g -> new Tensor[] {Tensor.zeros(g.dtype(), s).scatterAdd(d, index, g)});
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
        double[] r = self.doubles().clone();
        walk(atLeast1D(s), d, index, atLeast1D(is), src.doubles(), r, true);
        return Tape.record("ScatterAddBackward", TensorInternals.wrap(r, DType.promote(self.dtype(), src.dtype()), s),
                new Tensor[] {self, src}, new Tensor[] {index},
                (g, node) -> new Tensor[] {g, node.needsInputGrad(1) ? g.gather(d, index) : null});
    }

    /**
     * Entries of {@code a} along {@code dim} at the INT64 {@code index} ({@code index_select});
     * gradient: index-add back. A 0-D input takes dim 0 or -1 and exactly one index, 0, and gives
     * a 0-D result, as in PyTorch.
     *
     * @param a the input
     * @param dim the dim to index; negative dims count from the end
     * @param index a 0-D or 1-D INT64 tensor of indices in {@code [0, a.size(dim))}
     * @return a new tensor of {@code a}'s shape with {@code index.numel()} entries along {@code dim}
     */
    public static Tensor indexSelect(Tensor a, int dim, Tensor index) {
        int[] s = a.shapeArray();
        int d = Shape.dim("indexSelect", dim, s);
        int[] idx = entries("indexSelect", index, s, d);
        int[] to = s.clone();
        if (s.length > 0) {
            to[d] = idx.length;
        }
        int[] s1 = atLeast1D(s);
        int outer = Shape.outer(s1, d);
        int inner = Shape.inner(s1, d);
        int n = s1[d];
        double[] x = a.doubles();
        double[] r = new double[Shape.numel(to)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(x, (o * n + idx[i]) * inner, r, (o * idx.length + i) * inner, inner);
            }
        }
        return Tape.record("IndexSelectBackward", TensorInternals.wrap(r, a.dtype(), to), new Tensor[] {a},
                new Tensor[] {index}, g -> new Tensor[] {indexAdd(g, d, index, s)});
    }

    /** Adjoint of indexSelect: zeros of {@code shape} with g's entries along d added at index. */
    static Tensor indexAdd(Tensor g, int d, Tensor index, int[] shape) {
        int[] idx = entries("indexAdd", index, shape, d);
        int[] s1 = atLeast1D(shape);
        int outer = Shape.outer(s1, d);
        int inner = Shape.inner(s1, d);
        int n = s1[d];
        double[] x = g.doubles();
        double[] r = new double[Shape.numel(shape)];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < idx.length; i++) {
                int to = (o * n + idx[i]) * inner;
                int from = (o * idx.length + i) * inner;
                for (int j = 0; j < inner; j++) {
                    r[to + j] += x[from + j];
                }
            }
        }
        return Tape.record("IndexAddBackward", TensorInternals.wrap(r, g.dtype(), shape), new Tensor[] {g},
                new Tensor[] {index}, gg -> new Tensor[] {gg.indexSelect(d, index)});
    }

    /** The checked indices of a 0-D or 1-D INT64 index into dim d of shape s. */
    private static int[] entries(String op, Tensor index, int[] s, int d) {
        if (index.dtype() != DType.INT64 || index.dim() > 1) {
            throw new IllegalArgumentException(op + ": index must be a 0-D or 1-D INT64 tensor, got "
                    + index.dtype() + " of shape " + Shape.str(index.shapeArray()));
        }
        int[] idx = index.toIntArray();
        if (s.length == 0 && idx.length != 1) {
            throw Shape.error(op, "an index into a 0-D tensor must hold exactly one value, got " + idx.length
                    + " (index of shape " + Shape.str(index.shapeArray()) + ")");
        }
        int n = s.length == 0 ? 1 : s[d];
        for (int i : idx) {
            if (i < 0 || i >= n) { // PyTorch's index_select takes no negative indices
                throw new IllegalArgumentException(op + ": index " + i + " is out of range for dim " + d
                        + " with size " + n + " (shape " + Shape.str(s) + ")");
            }
        }
        return idx;
    }

    /** A 0-D shape read as [1], as PyTorch's gather and index_select do; other shapes as they are. */
    private static int[] atLeast1D(int[] s) {
        return s.length == 0 ? new int[] {1} : s;
    }

    private static int checkIndex(String op, int[] s, int dim, Tensor index, int[] is) {
        int d = Shape.dim(op, dim, s);
        if (index.numel() == 0) { // PyTorch checks neither the dtype nor the shape of an empty index
            return d;
        }
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be INT64, got " + index.dtype() + " of shape "
                    + Shape.str(is) + " (input of shape " + Shape.str(s) + ")");
        }
        int[] s1 = atLeast1D(s);
        int[] is1 = atLeast1D(is);
        if (is1.length != s1.length) {
            throw Shape.error(op, "index of shape " + Shape.str(is) + " must have as many dims as the input of shape "
                    + Shape.str(s));
        }
        for (int k = 0; k < s1.length; k++) {
            if (k != d && is1[k] > s1[k]) {
                throw Shape.error(op, "index of shape " + Shape.str(is) + " is larger than the input of shape "
                        + Shape.str(s) + " at dim " + k);
            }
        }
        double[] ix = index.doubles();
        int size = s1[d];
        for (int i = 0; i < ix.length; i++) {
            if (ix[i] < 0 || ix[i] >= size) {
                throw new IllegalArgumentException(op + ": index " + (long) ix[i] + " is out of bounds for dim " + d
                        + " with size " + size + " (input of shape " + Shape.str(s) + ", index of shape "
                        + Shape.str(is) + ")");
            }
        }
        return d;
    }

    /**
     * Walks the index (shapes at least 1-D): gather reads {@code x} into {@code r}; scatter adds
     * {@code x} into {@code r}.
     */
    private static void walk(int[] s, int d, Tensor index, int[] is, double[] x, double[] r, boolean scatter) {
        double[] ix = index.doubles();
        int n = ix.length;
        if (n == 0) {
            return;
        }
        int nd = is.length;
        int[] st = Shape.strides(s);
        int[] coord = new int[nd];
        int base = 0; // offset in the input from all coords except d
        for (int p = 0; p < n; p++) {
            int off = base + (int) ix[p] * st[d];
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
