package jgrad.ops;

import java.util.List;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/** reshape (a view), unsqueeze, squeeze, cat and its adjoint narrow, and dtype conversion. */
public final class Shaping {
    private Shaping() {}

    /**
     * Same storage, new shape; one size may be -1. Gradient: reshape back.
     *
     * @param a the input
     * @param shape the new sizes, with as many elements in all as {@code a}
     * @return a tensor of the new shape sharing {@code a}'s storage
     */
    public static Tensor reshape(Tensor a, int... shape) {
        return view("ReshapeBackward", a, infer("reshape", shape, a.numel()));
    }

    /**
     * {@code a.view(shape)}: as {@link #reshape}, recorded as {@code ViewBackward}.
     *
     * @param a the input
     * @param shape the new sizes, one may be -1
     * @return a tensor sharing {@code a}'s storage
     */
    public static Tensor view(Tensor a, int... shape) {
        return view("ViewBackward", a, infer("view", shape, a.numel()));
    }

    /** {@code a}'s storage seen with shape {@code to} (same number of elements), recorded as {@code name}. */
    private static Tensor view(String name, Tensor a, int[] to) {
        int[] from = a.shapeArray();
        return Tape.record(name, a.viewUnrecorded(to), new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {g.reshape(from)});
    }

    private static int[] infer(String op, int[] shape, int numel) {
        int[] to = shape.clone();
        int free = -1;
        long known = 1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (free >= 0) {
                    throw Shape.error(op, "only one size may be -1, got " + Shape.str(shape));
                }
                free = i;
            } else if (to[i] < 0) {
                throw Shape.error(op, "invalid size " + to[i] + " in shape " + Shape.str(shape));
            } else {
                known *= to[i];
            }
        }
        if (free >= 0) {
            if (known == 0 || numel % known != 0) {
                throw Shape.error(op, "shape " + Shape.str(shape) + " is invalid for input of size " + numel);
            }
            to[free] = (int) (numel / known);
        } else if (known != numel) {
            throw Shape.error(op, "shape " + Shape.str(shape) + " is invalid for input of size " + numel);
        }
        return to;
    }

    /**
     * Inserts a size-1 dim at {@code dim} (in [-(n+1), n]).
     *
     * @param a the input
     * @param dim where the new dim goes
     * @return a tensor of one more dim sharing {@code a}'s storage
     */
    public static Tensor unsqueeze(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int n = s.length + 1;
        if (dim < -n || dim >= n) {
            throw Shape.error("unsqueeze", "dim " + dim + " is out of range for a tensor of shape " + Shape.str(s)
                    + " (expected a dim in [" + (-n) + ", " + (n - 1) + "])");
        }
        int d = dim < 0 ? dim + n : dim;
        int[] to = new int[s.length + 1];
        for (int i = 0, j = 0; i < to.length; i++) {
            to[i] = i == d ? 1 : s[j++];
        }
        return view("UnsqueezeBackward", a, to);
    }

    /**
     * Removes {@code dim} when its size is 1; otherwise returns {@code a}.
     *
     * @param a the input
     * @param dim the dim to remove; negative dims count from the end
     * @return a tensor without that dim sharing {@code a}'s storage, or {@code a} itself
     */
    public static Tensor squeeze(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("squeeze", dim, s.length); // a 0-D tensor takes dims 0 and -1
        return s.length == 0 || s[d] != 1 ? a : view("SqueezeBackward", a, Shape.reduced(s, d, false));
    }

    /**
     * Concatenation along {@code dim}; gradient: each input's slice.
     *
     * @param tensors the tensors to join, at least one, none of them 0-D
     * @param dim the dim to join along; negative dims count from the end
     * @return a new tensor (INT64 only if every input is INT64)
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor[] ts = tensors.toArray(Tape.NO_TENSORS);
        int[] s0 = ts[0].shapeArray();
        if (s0.length == 0) {
            throw new IllegalArgumentException("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
        }
        int d = Shape.dim("cat", dim, s0.length);
        int total = 0;
        DType dt = ts[0].dtype();
        for (int i = 0; i < ts.length; i++) {
            int[] si = ts[i].shapeArray();
            boolean ok = si.length == s0.length;
            for (int k = 0; ok && k < si.length; k++) {
                ok = k == d || si[k] == s0[k];
            }
            if (!ok) {
                throw Shape.error("cat", "sizes of tensors must match except in dim " + d + ": tensor 0 has shape "
                        + Shape.str(s0) + " but tensor " + i + " has shape " + Shape.str(si));
            }
            total += si[d];
            dt = DType.promote(dt, ts[i].dtype());
        }
        int[] outShape = s0.clone();
        outShape[d] = total;
        int outer = Shape.outer(s0, d);
        int inner = Shape.inner(s0, d);
        double[] r = new double[Shape.numel(outShape)];
        int offset = 0;
        int[] starts = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            int n = ts[i].size(d);
            starts[i] = offset;
            copyBlock(ts[i].storage(), n, r, total, offset, outer, inner);
            offset += n;
        }
        return Tape.record("CatBackward", Tensor.wrapUnchecked(r, dt, outShape), ts, Tape.NO_TENSORS, g -> {
            Tensor[] grads = new Tensor[ts.length];
            for (int i = 0; i < ts.length; i++) {
                grads[i] = ts[i].requiresGrad() ? narrow(g, d, starts[i], ts[i].size(d)) : null;
            }
            return grads;
        });
    }

    /**
     * The slice {@code [start, start + length)} of dim {@code d}; gradient: pad back with zeros.
     *
     * @param a the input
     * @param d the dim to slice, already normalised (non-negative)
     * @param start the first index of the slice
     * @param length the number of entries in the slice
     * @return a new tensor of {@code a}'s shape with size {@code length} along {@code d}
     */
    public static Tensor narrow(Tensor a, int d, int start, int length) {
        int[] s = a.shapeArray();
        int full = s[d];
        int[] to = s.clone();
        to[d] = length;
        int outer = Shape.outer(s, d);
        int inner = Shape.inner(s, d);
        double[] x = a.storage();
        double[] r = new double[Shape.numel(to)];
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * full + start) * inner, r, o * length * inner, length * inner);
        }
        return Tape.record("NarrowBackward", Tensor.wrapUnchecked(r, a.dtype(), to), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {pad(g, d, start, full)});
    }

    /** Adjoint of narrow: places {@code a} at {@code start} of a zero tensor with {@code full} along d. */
    static Tensor pad(Tensor a, int d, int start, int full) {
        int[] s = a.shapeArray();
        int[] to = s.clone();
        to[d] = full;
        double[] r = new double[Shape.numel(to)];
        copyBlock(a.storage(), s[d], r, full, start, Shape.outer(s, d), Shape.inner(s, d));
        int len = s[d];
        return Tape.record("PadBackward", Tensor.wrapUnchecked(r, a.dtype(), to), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {narrow(g, d, start, len)});
    }

    private static void copyBlock(double[] src, int n, double[] dst, int total, int offset, int outer, int inner) {
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, o * n * inner, dst, (o * total + offset) * inner, n * inner);
        }
    }

    /**
     * A converted copy (INT64 truncates toward zero; BOOL is nonzero-ness, so NaN is true); the
     * same tensor when the dtype matches.
     *
     * @param a the input
     * @param dtype the element type of the result
     * @return a new tensor, or {@code a} itself if it already has that dtype
     */
    public static Tensor to(Tensor a, DType dtype) {
        if (a.dtype() == dtype) {
            return a;
        }
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            if (dtype == DType.INT64 && !Double.isFinite(v)) {
                throw new IllegalArgumentException("to(INT64): cannot convert non-finite value " + v + " at flat index "
                        + i + " to an integer");
            }
            r[i] = dtype == DType.INT64 ? (double) (long) v : dtype == DType.BOOL ? (v != 0 ? 1.0 : 0.0) : v;
        }
        return Tensor.wrapUnchecked(r, dtype, a.shapeArray());
    }

}
