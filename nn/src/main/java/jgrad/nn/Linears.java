package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;
import jgrad.ops.LinAlg;

/** The checks and the one-node computation of {@link Functional#linear} and {@link Linear}. */
final class Linears {
    private Linears() {}

    static Tensor linear(String op, Tensor x, Tensor w, Tensor b) {
        LossChecks.checkNotNull(op, "input", x);
        LossChecks.checkNotNull(op, "weight", w);
        if (w.dim() != 2) {
            throw new IllegalArgumentException(op + ": weight must be 2-D (out_features, in_features), got shape "
                    + Shape.str(w.shape()));
        }
        int out = w.size(0);
        int in = w.size(1);
        int[] xs = x.shape();
        if (xs.length == 0 || xs[xs.length - 1] != in) {
            throw new IllegalArgumentException(op + ": input of shape " + Shape.str(xs) + " does not fit weight of shape "
                    + Shape.str(w.shape()) + ": the input's last dim must be in_features=" + in);
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": input must be floating (FLOAT32 or FLOAT64), got " + x.dtype()
                    + " of shape " + Shape.str(xs));
        }
        if (x.dtype() != w.dtype() || (b != null && b.dtype() != w.dtype())) {
            throw new IllegalArgumentException(op + ": input (" + x.dtype() + ", shape " + Shape.str(xs)
                    + "), weight (" + w.dtype() + ")" + (b != null ? " and bias (" + b.dtype() + ")" : "")
                    + " must have the same dtype (PyTorch: mat1 and mat2 must have the same dtype); convert the "
                    + "input with to(DType." + w.dtype() + ") or the module with to(DType." + x.dtype() + ")");
        }
        if (b != null && (b.dim() != 1 || b.size(0) != out)) {
            throw new IllegalArgumentException(op + ": bias of shape " + Shape.str(b.shape())
                    + " does not fit weight of shape " + Shape.str(w.shape()) + "; expected shape [" + out + "]");
        }
        Tensor x2 = xs.length == 2 ? x : x.reshape(-1, in);
        // One node either way, like F.linear: AddmmBackward with a bias, MmBackward without.
        Tensor y = b != null ? LinAlg.addmm(b, x2, w, false, true) : LinAlg.mm(x2, w, false, true);
        if (xs.length == 2) {
            return y;
        }
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        return y.reshape(ys);
    }
}
