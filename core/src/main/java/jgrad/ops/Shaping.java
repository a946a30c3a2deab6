package jgrad.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Node;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;

/**
 * reshape (a view), unsqueeze, squeeze, transpose and permute, cat and stack (cat's gradient is
 * {@link Slicing}'s narrow), and dtype conversion.
 */
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
            if (known == 0 && numel == 0) {
                throw Shape.error(op, "cannot reshape a tensor of 0 elements into shape " + Shape.str(shape)
                        + " because the size -1 could be any value and is ambiguous");
            }
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
     * Removes every dim of size 1 ({@code a.squeeze()}).
     *
     * @param a the input
     * @return a tensor without size-1 dims sharing {@code a}'s storage, or {@code a} itself if it has none
     */
    public static Tensor squeeze(Tensor a) {
        int[] s = a.shapeArray();
        int[] to = Arrays.stream(s).filter(k -> k != 1).toArray();
        return to.length == s.length ? a : view("SqueezeBackward", a, to);
    }

    /**
     * Swaps two dims (a copy); gradient: swap them back.
     *
     * @param a the input
     * @param dim0 one dim; negative dims count from the end (a 0-D tensor takes 0 and -1)
     * @param dim1 the other dim
     * @return a new tensor, or {@code a} itself if the two dims are the same or it has fewer than 2 dims
     */
    public static Tensor transpose(Tensor a, int dim0, int dim1) {
        int[] s = a.shapeArray();
        int d0 = Shape.dim("transpose", dim0, s);
        int d1 = Shape.dim("transpose", dim1, s);
        if (d0 == d1 || s.length < 2) {
            return a;
        }
        int[] p = new int[s.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = i == d0 ? d1 : i == d1 ? d0 : i;
        }
        return Tape.record("TransposeBackward", permuted(a, p), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {g.transpose(d0, d1)});
    }

    /**
     * Reorders the dims: dim {@code i} of the result is dim {@code dims[i]} of {@code a} (a copy);
     * gradient: the inverse permutation.
     *
     * @param a the input
     * @param dims a permutation of {@code a}'s dims; negative dims count from the end
     * @return a new tensor, or {@code a} itself if {@code dims} keeps every dim in place
     */
    public static Tensor permute(Tensor a, int... dims) {
        int[] s = a.shapeArray();
        if (dims.length != s.length) {
            throw Shape.error("permute", "dims " + Shape.str(dims) + " must name each of the " + s.length
                    + " dims of a tensor of shape " + Shape.str(s) + " once");
        }
        int[] p = new int[dims.length];
        int[] inverse = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        boolean same = true;
        for (int i = 0; i < p.length; i++) {
            p[i] = Shape.dim("permute", dims[i], s);
            if (seen[p[i]]) {
                throw Shape.error("permute", "dims " + Shape.str(dims) + " repeat dim " + p[i]
                        + " (tensor of shape " + Shape.str(s) + ")");
            }
            seen[p[i]] = true;
            inverse[p[i]] = i;
            same &= p[i] == i;
        }
        if (same) {
            return a;
        }
        return Tape.record("PermuteBackward", permuted(a, p), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {g.permute(inverse)});
    }

    /** A copy of {@code a} (at least 2-D) with dims reordered by the permutation {@code p}; not recorded. */
    private static Tensor permuted(Tensor a, int[] p) {
        int[] s = a.shapeArray();
        int[] st = Shape.strides(s);
        int nd = p.length;
        int[] to = new int[nd];
        int[] ist = new int[nd]; // input stride of each output dim
        for (int i = 0; i < nd; i++) {
            to[i] = s[p[i]];
            ist[i] = st[p[i]];
        }
        double[] x = a.doubles();
        double[] r = new double[x.length];
        int last = to[nd - 1];
        int lastStride = ist[nd - 1];
        int[] coord = new int[nd];
        int base = 0;
        for (int o = 0; o < r.length; o += last) {
            for (int k = 0; k < last; k++) {
                r[o + k] = x[base + k * lastStride];
            }
            for (int k = nd - 2; k >= 0; k--) {
                base += ist[k];
                if (++coord[k] < to[k]) {
                    break;
                }
                base -= ist[k] * to[k];
                coord[k] = 0;
            }
        }
        return TensorInternals.wrap(r, a.dtype(), to);
    }

    /**
     * Concatenation along {@code dim}; gradient: each input's slice. As in PyTorch, a 1-D tensor
     * of shape {@code [0]} is skipped whatever the other tensors' shapes (its gradient is empty).
     *
     * @param tensors the tensors to join, at least one, none of them 0-D
     * @param dim the dim to join along; negative dims count from the end
     * @return a new tensor of the inputs' promoted dtype (BOOL only if all are BOOL; see
     *     {@link DType#promote})
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor[] ts = tensors.toArray(Tape.NO_TENSORS);
        int ref = -1;
        DType dt = ts[0].dtype();
        for (int i = 0; i < ts.length; i++) {
            if (ts[i].dim() == 0) {
                throw new IllegalArgumentException("cat: zero-dimensional tensor (at position " + i
                        + ") cannot be concatenated");
            }
            if (ref < 0 && !legacyEmpty(ts[i])) {
                ref = i;
            }
            dt = DType.promote(dt, ts[i].dtype());
        }
        if (ref < 0) { // all of shape [0]: PyTorch returns one, whatever the dim
            return Tape.record("CatBackward", TensorInternals.wrap(new double[0], dt, 0), ts, Tape.NO_TENSORS,
                    (g, node) -> emptyGrads(ts, node));
        }
        int[] s0 = ts[ref].shapeArray();
        int d = Shape.dim("cat", dim, s0.length);
        int total = 0;
        for (int i = 0; i < ts.length; i++) {
            int[] si = ts[i].shapeArray();
            if (legacyEmpty(ts[i])) {
                continue;
            }
            boolean ok = si.length == s0.length;
            for (int k = 0; ok && k < si.length; k++) {
                ok = k == d || si[k] == s0[k];
            }
            if (!ok) {
                throw Shape.error("cat", "sizes of tensors must match except in dim " + d + ": tensor " + ref
                        + " has shape " + Shape.str(s0) + " but tensor " + i + " has shape " + Shape.str(si));
            }
            total += si[d];
        }
        int[] outShape = s0.clone();
        outShape[d] = total;
        int outer = Shape.outer(s0, d);
        int inner = Shape.inner(s0, d);
        double[] r = new double[Shape.numel(outShape)];
        int offset = 0;
        int[] starts = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (legacyEmpty(ts[i])) {
                continue;
            }
            int n = ts[i].size(d);
            starts[i] = offset;
            copyBlock(ts[i].doubles(), n, r, total, offset, outer, inner);
            offset += n;
        }
        return Tape.record("CatBackward", TensorInternals.wrap(r, dt, outShape), ts, Tape.NO_TENSORS, (g, node) -> {
            Tensor[] grads = emptyGrads(ts, node);
            for (int i = 0; i < ts.length; i++) {
                if (grads[i] == null && node.needsInputGrad(i)) {
                    grads[i] = Slicing.narrowUnchecked(g, d, starts[i], ts[i].size(d));
                }
            }
            return grads;
        });
    }

    /** A 1-D tensor of shape [0], which cat skips. */
    private static boolean legacyEmpty(Tensor t) {
        return t.dim() == 1 && t.numel() == 0;
    }

    /** Gradients for cat's inputs of shape [0] (an empty tensor each, as PyTorch's); null elsewhere. */
    private static Tensor[] emptyGrads(Tensor[] ts, Node node) {
        Tensor[] grads = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            grads[i] = node.needsInputGrad(i) && legacyEmpty(ts[i]) ? Tensor.zeros(ts[i].dtype(), 0) : null;
        }
        return grads;
    }

    /**
     * Joins tensors of one shape along a new dim {@code dim} ({@code torch.stack}): the cat of
     * each unsqueezed at {@code dim}, so its gradient is each input's slice.
     *
     * @param tensors the tensors to join, at least one, all of the same shape
     * @param dim where the new dim goes, in {@code [-(n+1), n]} for n-D inputs
     * @return a new tensor of one more dim, of the inputs' promoted dtype (see
     *     {@link DType#promote})
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        int[] s0 = tensors.get(0).shapeArray();
        for (int i = 1; i < tensors.size(); i++) {
            int[] si = tensors.get(i).shapeArray();
            if (!Arrays.equals(s0, si)) {
                throw Shape.error("stack", "expects tensors of one shape, but tensor 0 has shape " + Shape.str(s0)
                        + " and tensor " + i + " has shape " + Shape.str(si));
            }
        }
        int n = s0.length + 1;
        if (dim < -n || dim >= n) {
            throw Shape.error("stack", "dim " + dim + " is out of range for tensors of shape " + Shape.str(s0)
                    + " (expected a dim in [" + (-n) + ", " + (n - 1) + "])");
        }
        int d = dim < 0 ? dim + n : dim;
        List<Tensor> parts = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            parts.add(unsqueeze(t, d));
        }
        return cat(parts, d);
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
        if (dtype == null) {
            throw new IllegalArgumentException("to: dtype is null");
        }
        if (a.dtype() == dtype) {
            return a;
        }
        double[] x = a.doubles();
        double[] r = a.dtype() == DType.FLOAT32 ? x : new double[x.length]; // a FLOAT32 tensor's doubles() is a copy
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            if (dtype == DType.INT64 && !Double.isFinite(v)) {
                throw new IllegalArgumentException("to(INT64): cannot convert non-finite value " + v + " at flat index "
                        + i + " to an integer");
            }
            r[i] = dtype == DType.INT64 ? (double) (long) v : dtype == DType.BOOL ? (v != 0 ? 1.0 : 0.0) : v;
        }
        Tensor out = TensorInternals.wrap(r, dtype, a.shapeArray());
        if (!dtype.isFloatingPoint() || !a.dtype().isFloatingPoint()) {
            return out; // not differentiable: PyTorch's result does not require grad
        }
        DType from = a.dtype();
        return Tape.record("ToCopyBackward", out, new Tensor[] {a}, Tape.NO_TENSORS, g -> new Tensor[] {g.to(from)});
    }

}
