package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Node;
import jgrad.autograd.Tape;
import jgrad.kernel.Gemm;
import jgrad.internal.TensorInternals;

/**
 * Matrix products and the transpose. Every product, forward or backward, goes through
 * {@link #mm} (or, with a bias row added, {@link #addmm}) with transpose flags, so no operand is
 * ever copied to transpose it. FLOAT32 products run {@link Gemm}'s float kernels (SGEMM) on the
 * tensors' {@code float[]} and give FLOAT32 results, forward and backward, with no widening copy.
 */
public final class LinAlg {
    private LinAlg() {}

    /**
     * {@code op(a) @ op(b)} for 2-D tensors, op = transpose when the flag is set.
     *
     * @param a the left operand, 2-D
     * @param b the right operand, 2-D
     * @param ta whether to use the transpose of {@code a}
     * @param tb whether to use the transpose of {@code b}
     * @return a new 2-D tensor
     */
    public static Tensor mm(Tensor a, Tensor b, boolean ta, boolean tb) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        checkProduct("matmul", "mm needs two 2-D tensors", as, bs, ta, tb);
        sameFloatType("matmul", a, b);
        Tensor out = product(a, b, ta, tb, null);
        return ownProducts(Tape.record("MmBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b},
                (g, node) -> new Tensor[] {
                    !node.needsInputGrad(0) ? null : ta ? mm(b, g, tb, true) : mm(g, b, false, !tb),
                    !node.needsInputGrad(1) ? null : tb ? mm(g, a, true, ta) : mm(a, g, !ta, false)}), 0, 1);
    }

    /**
     * The gradients of a product's matrix operands are new products, arrays no one else holds: a
     * leaf's first gradient can be that array, not a copy of it (a weight gradient is the largest
     * array of a small model's step).
     */
    static Tensor ownProducts(Tensor out, int... inputs) {
        Node node = out.gradFn();
        if (node != null) {
            node.ownsGradients(inputs);
        }
        return out;
    }

    /**
     * {@code bias + op(a) @ op(b)} for 2-D {@code a} and {@code b}, op = transpose when the flag is
     * set, with the 1-D {@code bias} added to every row: the fused product {@code nn.Linear}
     * records, one {@code AddmmBackward} node like PyTorch's {@code AddmmBackward0}. Each element
     * is the product's value plus {@code bias[j]} (one rounding), so the result is bit for bit
     * {@code mm(a, b, ta, tb).add(bias)}, without that second output array and node.
     *
     * @param bias the row added to every row of the product, 1-D of length {@code n} (the
     *     product's number of columns)
     * @param a the left operand, 2-D
     * @param b the right operand, 2-D
     * @param ta whether to use the transpose of {@code a}
     * @param tb whether to use the transpose of {@code b}
     * @return a new {@code m x n} tensor
     * @throws IllegalArgumentException naming {@code addmm} and the shapes if {@code a} or
     *     {@code b} is not 2-D, their inner sizes differ, or {@code bias} is not of shape
     *     {@code [n]}
     */
    public static Tensor addmm(Tensor bias, Tensor a, Tensor b, boolean ta, boolean tb) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int[] cs = bias.shapeArray();
        String op = "addmm";
        checkProduct(op, "needs two 2-D matrices", as, bs, ta, tb);
        sameFloatType(op, a, b);
        sameFloatType(op, bias, a);
        int m = ta ? as[1] : as[0];
        int n = tb ? bs[0] : bs[1];
        if (cs.length != 1 || cs[0] != n) {
            throw Shape.error(op, "bias of shape " + Shape.str(cs) + " does not fit the product of shape "
                    + Shape.str(new int[] {m, n}) + "; expected shape [" + n + "]");
        }
        Tensor out = product(a, b, ta, tb, bias);
        // Gradients as mm's for a and b; bias's is g itself, which the engine sums over rows
        // (the very sum it takes after AddBackward, so gradients too are bit for bit those of
        // mm + add; a reduced gradient is a new array, so the engine owns it without a copy).
        return ownProducts(Tape.record("AddmmBackward", out, new Tensor[] {bias, a, b}, new Tensor[] {a, b},
                (g, node) -> new Tensor[] {
                    g,
                    !node.needsInputGrad(1) ? null : ta ? mm(b, g, tb, true) : mm(g, b, false, !tb),
                    !node.needsInputGrad(2) ? null : tb ? mm(g, a, true, ta) : mm(a, g, !ta, false)}), 1, 2);
    }

    /**
     * The values of {@code [bias +] op(a) op(b)} (operands already checked), in a new tensor of the
     * promoted dtype. FLOAT32 operands (then all of them, by {@link #sameFloatType}) run the float
     * product on their own {@code float[]} and add the bias in float: nothing is widened to double.
     */
    private static Tensor product(Tensor a, Tensor b, boolean ta, boolean tb, Tensor bias) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int m = ta ? as[1] : as[0];
        int n = tb ? bs[0] : bs[1];
        if (a.dtype() == DType.FLOAT32) {
            float[] c = Gemm.multiply(a.floatStorage(), as[0], as[1], ta, b.floatStorage(), bs[0], bs[1], tb);
            if (bias != null) {
                float[] bv = bias.floatStorage();
                for (int i = 0, at = 0; i < m; i++, at += n) {
                    for (int j = 0; j < n; j++) {
                        c[at + j] += bv[j];
                    }
                }
            }
            return TensorInternals.wrapFloat(c, m, n);
        }
        double[] c = Gemm.multiply(a.doubles(), as[0], as[1], ta, b.doubles(), bs[0], bs[1], tb);
        DType dt = DType.promote(a.dtype(), b.dtype());
        if (bias != null) {
            double[] bv = bias.doubles();
            for (int i = 0, at = 0; i < m; i++, at += n) {
                for (int j = 0; j < n; j++) {
                    c[at + j] += bv[j];
                }
            }
            dt = DType.promote(bias.dtype(), dt);
        }
        return TensorInternals.wrap(c, dt, m, n);
    }

    /** Both operands 2-D ({@code notTwoD} + the shapes otherwise) with matching inner sizes. */
    private static void checkProduct(String op, String notTwoD, int[] as, int[] bs, boolean ta, boolean tb) {
        if (as.length != 2 || bs.length != 2) {
            throw Shape.error(op, notTwoD + ", got " + Shape.str(as) + " and " + Shape.str(bs));
        }
        int k1 = ta ? as[0] : as[1];
        int k2 = tb ? bs[1] : bs[0];
        if (k1 != k2) {
            String sa = ta ? Shape.str(new int[] {as[1], as[0]}) : Shape.str(as);
            String sb = tb ? Shape.str(new int[] {bs[1], bs[0]}) : Shape.str(bs);
            throw Shape.error(op, "shapes " + sa + " and " + sb + " cannot be multiplied (" + k1 + " != " + k2
                    + ")");
        }
    }

    /**
     * PyTorch's matmul: 1-D and 2-D operands here, batched operands (more than 2 dims, batch
     * dims broadcast) by {@link BatchedProducts}.
     *
     * @param a the left operand, at least 1-D
     * @param b the right operand, at least 1-D
     * @return a new tensor: 2-D for two 2-D operands, 1-D for a 1-D and a 2-D one, 0-D for two
     *     1-D ones; for a batched product, the broadcast batch dims followed by the matrix dims
     *     (without the dim of a 1-D operand)
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        int da = a.dim();
        int db = b.dim();
        notBool("matmul", a, b);
        if (da == 0 || db == 0) {
            throw Shape.error("matmul", "both operands need at least 1 dim, got shapes " + Shape.str(a.shapeArray())
                    + " and " + Shape.str(b.shapeArray()));
        }
        if (da > 2 || db > 2) {
            return BatchedProducts.matmul(a, b);
        }
        if (da == 2 && db == 2) {
            return mm(a, b, false, false);
        }
        if (da == 1 && db == 1 && a.numel() != b.numel()) {
            throw Shape.error("matmul", "1-D tensors of shapes " + Shape.str(a.shapeArray()) + " and "
                    + Shape.str(b.shapeArray()) + " must have the same size for a dot product");
        }
        Tensor a2 = da == 1 ? a.reshape(1, -1) : a;
        Tensor b2 = db == 1 ? b.reshape(-1, 1) : b;
        if (a2.size(1) != b2.size(0)) {
            throw Shape.error("matmul", "shapes " + Shape.str(a.shapeArray()) + " and " + Shape.str(b.shapeArray())
                    + " cannot be multiplied (" + a2.size(1) + " != " + b2.size(0) + ")");
        }
        Tensor c = mm(a2, b2, false, false);
        if (da == 1 && db == 1) {
            return c.reshape();
        }
        return da == 1 ? c.reshape(b.size(1)) : c.reshape(a.size(0));
    }

    /**
     * Transpose of a 2-D tensor (0-D and 1-D are returned as they are, like PyTorch).
     *
     * @param a a tensor of at most 2 dims
     * @return a new transposed tensor, or {@code a} itself if it has fewer than 2 dims
     */
    public static Tensor t(Tensor a) {
        int[] s = a.shapeArray();
        if (s.length > 2) {
            throw Shape.error("t", "expects a tensor with <= 2 dims, got shape " + Shape.str(s));
        }
        if (s.length < 2) {
            return a;
        }
        int r = s[0];
        int c = s[1];
        double[] x = a.doubles();
        double[] y = new double[x.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                y[j * r + i] = x[i * c + j];
            }
        }
        return Tape.record("TBackward", TensorInternals.wrap(y, a.dtype(), c, r), new Tensor[] {a}, Tape.NO_TENSORS,
                g -> new Tensor[] {g.t()});
    }

    /** PyTorch has no BOOL products either: the error names the op, both dtypes and shapes. */
    static void notBool(String op, Tensor a, Tensor b) {
        if (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": is not defined for BOOL tensors, got " + a.dtype() + " of shape "
                    + Shape.str(a.shapeArray()) + " and " + b.dtype() + " of shape " + Shape.str(b.shapeArray())
                    + "; convert with to(DType.FLOAT64)");
        }
    }

    /**
     * PyTorch's products refuse operands of different dtypes ("expected mat1 and mat2 to have the
     * same dtype"); jgrad does too where FLOAT32 is involved (INT64 with FLOAT64 is promoted, as
     * jgrad always has).
     */
    static void sameFloatType(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype() && (a.dtype() == DType.FLOAT32 || b.dtype() == DType.FLOAT32)) {
            throw new IllegalArgumentException(op + ": expected both operands to have the same dtype, got "
                    + a.dtype() + " of shape " + Shape.str(a.shapeArray()) + " and " + b.dtype() + " of shape "
                    + Shape.str(b.shapeArray()) + "; convert one with to(DType." + a.dtype() + ")");
        }
    }
}
