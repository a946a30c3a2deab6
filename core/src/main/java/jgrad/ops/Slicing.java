package jgrad.ops;

import java.util.ArrayList;
import java.util.List;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * Parts of a tensor along one dim: narrow, select, slice (with a step), split and chunk. Each
 * copies entries {@code start, start + step, ...} of the dim ({@link #take}); the gradient puts
 * them back into zeros ({@link #put}), and put's gradient is take again.
 */
public final class Slicing {
    private Slicing() {}

    /**
     * {@code a.narrow(dim, start, length)}: entries {@code [start, start + length)} of {@code dim}.
     *
     * @param a the input, at least 1-D
     * @param dim the dim to narrow; negative dims count from the end
     * @param start the first entry, in {@code [-size, size]}; a negative start counts from the end
     * @param length the number of entries, with {@code start + length <= size}
     * @return a new tensor with {@code length} entries along {@code dim}
     */
    public static Tensor narrow(Tensor a, int dim, int start, int length) {
        int[] s = atLeast1D("narrow", a);
        int d = Shape.dim("narrow", dim, s);
        int n = s[d];
        if (start < -n || start > n) {
            throw Shape.error("narrow", "start " + start + " is out of range for dim " + d + " of size " + n
                    + " (shape " + Shape.str(s) + ", expected a start in [" + (-n) + ", " + n + "])");
        }
        int from = start < 0 ? start + n : start;
        if (length < 0 || (long) from + length > n) {
            throw Shape.error("narrow", "length " + length + " from start " + from + " does not fit dim " + d
                    + " of size " + n + " (shape " + Shape.str(s) + ")");
        }
        return take("NarrowBackward", a, d, from, length, 1);
    }

    /**
     * {@code a.select(dim, index)}: entry {@code index} of {@code dim}, with that dim removed.
     *
     * @param a the input, at least 1-D
     * @param dim the dim to index; negative dims count from the end
     * @param index the entry, in {@code [-size, size)}; a negative index counts from the end
     * @return a new tensor with one dim fewer than {@code a}
     */
    public static Tensor select(Tensor a, int dim, int index) {
        int[] s = atLeast1D("select", a);
        int d = Shape.dim("select", dim, s);
        int n = s[d];
        if (index < -n || index >= n) {
            throw Shape.error("select", "index " + index + " is out of range for dim " + d + " of size " + n
                    + " (shape " + Shape.str(s) + ")");
        }
        int i = index < 0 ? index + n : index;
        double[] r = copy(a.doubles(), s, d, i, 1, 1);
        return Tape.record("SelectBackward", TensorInternals.wrap(r, a.dtype(), Shape.reduced(s, d, false)),
                new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {put(g.unsqueeze(d), d, i, 1, n)});
    }

    /**
     * {@code a[..., start:end:step]} along {@code dim}, with Python's slice rules: a negative
     * start or end counts from the end, both are then clamped to {@code [0, size]}, and an end
     * before the start gives an empty slice.
     *
     * @param a the input, at least 1-D
     * @param dim the dim to slice; negative dims count from the end
     * @param start the first entry
     * @param end one past the last entry ({@link Integer#MAX_VALUE} for "to the end")
     * @param step the distance between entries, at least 1
     * @return a new tensor with {@code ceil((end - start) / step)} entries along {@code dim}
     */
    public static Tensor slice(Tensor a, int dim, int start, int end, int step) {
        int[] s = atLeast1D("slice", a);
        int d = Shape.dim("slice", dim, s);
        if (step <= 0) {
            throw Shape.error("slice", "step " + step + " must be positive (shape " + Shape.str(s) + ", dim " + d
                    + ")");
        }
        int n = s[d];
        long from = clamp(start < 0 ? (long) start + n : start, 0, n);
        long to = clamp(end < 0 ? (long) end + n : end, from, n);
        int len = (int) ((to - from + step - 1) / step);
        return take("SliceBackward", a, d, (int) from, len, step);
    }

    /**
     * {@code a.split(splitSize, dim)}: pieces of {@code splitSize} entries along {@code dim}, the
     * last one smaller if the size does not divide evenly.
     *
     * @param a the input, at least 1-D
     * @param splitSize the size of each piece, at least 1 (0 only when the dim has size 0)
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces, in order, each a new tensor
     */
    public static List<Tensor> split(Tensor a, int splitSize, int dim) {
        int[] s = atLeast1D("split", a);
        int d = Shape.dim("split", dim, s);
        int n = s[d];
        if (splitSize < 0 || (splitSize == 0 && n != 0)) {
            throw Shape.error("split", "split size " + splitSize + " must be positive (0 only for a dim of size 0)"
                    + " for dim " + d + " of size " + n + " (shape " + Shape.str(s) + ")");
        }
        int count = n == 0 ? 1 : (int) ((n + (long) splitSize - 1) / splitSize);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(splitSize, n - i * splitSize);
        }
        return pieces(a, d, sizes);
    }

    /**
     * {@code a.split(sizes, dim)} (PyTorch's {@code split_with_sizes}).
     *
     * @param a the input, at least 1-D
     * @param sizes the size of each piece, non-negative, adding up to the size of {@code dim}
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces, in order, each a new tensor
     */
    public static List<Tensor> split(Tensor a, int[] sizes, int dim) {
        int[] s = atLeast1D("split", a);
        int d = Shape.dim("split", dim, s);
        long total = 0;
        for (int k : sizes) {
            if (k < 0) {
                throw Shape.error("split", "split sizes " + Shape.str(sizes) + " must be non-negative, got " + k
                        + " (shape " + Shape.str(s) + ")");
            }
            total += k;
        }
        if (total != s[d]) {
            throw Shape.error("split", "split sizes " + Shape.str(sizes) + " add up to " + total + ", not to the size "
                    + s[d] + " of dim " + d + " (shape " + Shape.str(s) + ")");
        }
        return pieces(a, d, sizes);
    }

    /**
     * {@code a.chunk(chunks, dim)}: PyTorch's rule, pieces of {@code ceil(size / chunks)}
     * entries (so there may be fewer than {@code chunks}); a dim of size 0 gives {@code chunks}
     * empty pieces.
     *
     * @param a the input, at least 1-D
     * @param chunks the number of pieces wanted, at least 1
     * @param dim the dim to split; negative dims count from the end
     * @return the pieces, in order, each a new tensor
     */
    public static List<Tensor> chunk(Tensor a, int chunks, int dim) {
        int[] s = atLeast1D("chunk", a);
        int d = Shape.dim("chunk", dim, s);
        if (chunks <= 0) {
            throw Shape.error("chunk", "chunks " + chunks + " must be at least 1 (shape " + Shape.str(s) + ")");
        }
        int n = s[d];
        return n == 0 ? pieces(a, d, new int[chunks]) : split(a, (int) ((n + (long) chunks - 1) / chunks), d);
    }

    /**
     * The slice {@code [start, start + length)} of dim {@code d}, unchecked (cat's gradient).
     *
     * @param a the input
     * @param d the dim to slice, already normalised (non-negative)
     * @param start the first index of the slice
     * @param length the number of entries in the slice
     * @return a new tensor of {@code a}'s shape with size {@code length} along {@code d}
     */
    static Tensor narrowUnchecked(Tensor a, int d, int start, int length) {
        return take("NarrowBackward", a, d, start, length, 1);
    }

    private static List<Tensor> pieces(Tensor a, int d, int[] sizes) {
        List<Tensor> out = new ArrayList<>(sizes.length);
        int start = 0;
        for (int k : sizes) {
            out.add(take("SplitBackward", a, d, start, k, 1));
            start += k;
        }
        return out;
    }

    /** Entries {@code start + k * step} (k below len) of dim d, recorded as {@code name}; gradient: put. */
    private static Tensor take(String name, Tensor a, int d, int start, int len, int step) {
        int[] s = a.shapeArray();
        int full = s[d];
        int[] to = s.clone();
        to[d] = len;
        return Tape.record(name, TensorInternals.wrap(copy(a.doubles(), s, d, start, len, step), a.dtype(), to),
                new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {put(g, d, start, step, full)});
    }

    /** Adjoint of take: zeros with {@code full} entries along d and g's entries at start, start + step, .... */
    private static Tensor put(Tensor g, int d, int start, int step, int full) {
        int[] s = g.shapeArray();
        int len = s[d];
        int[] to = s.clone();
        to[d] = full;
        int outer = Shape.outer(s, d);
        int inner = Shape.inner(s, d);
        double[] x = g.doubles();
        double[] r = new double[Shape.numel(to)];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < len; k++) {
                System.arraycopy(x, (o * len + k) * inner, r, (o * full + start + k * step) * inner, inner);
            }
        }
        return Tape.record("PadBackward", TensorInternals.wrap(r, g.dtype(), to), new Tensor[] {g}, Tape.NO_TENSORS,
                gg -> new Tensor[] {take("NarrowBackward", gg, d, start, len, step)});
    }

    /** The entries {@code start + k * step} (k below len) of dim d of x (shape s), as a new array. */
    private static double[] copy(double[] x, int[] s, int d, int start, int len, int step) {
        int full = s[d];
        int outer = Shape.outer(s, d);
        int inner = Shape.inner(s, d);
        double[] r = new double[outer * len * inner];
        for (int o = 0; o < outer; o++) {
            if (step == 1) {
                System.arraycopy(x, (o * full + start) * inner, r, o * len * inner, len * inner);
                continue;
            }
            for (int k = 0; k < len; k++) {
                System.arraycopy(x, (o * full + start + k * step) * inner, r, (o * len + k) * inner, inner);
            }
        }
        return r;
    }

    private static int[] atLeast1D(String op, Tensor a) {
        int[] s = a.shapeArray();
        if (s.length == 0) {
            throw Shape.error(op, "cannot be applied to a 0-D tensor (shape [])");
        }
        return s;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
