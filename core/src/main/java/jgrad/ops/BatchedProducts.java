package jgrad.ops;

import java.util.Arrays;
import java.util.function.BinaryOperator;
import java.util.function.IntFunction;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;
import jgrad.kernel.Gemm;

/**
 * Batched matrix products: {@code bmm} and the part of PyTorch's {@code matmul} with an operand
 * of more than 2 dims. {@code bmm} runs the 2-D product ({@link Gemm}, the float kernel for
 * FLOAT32) once per batch entry, and its gradients are {@code bmm}s again (with transpose
 * flags, as {@link LinAlg#mm}'s). {@code matmul} folds the batch dims of a left operand into
 * rows when the right one is 1-D or 2-D (as PyTorch does), and otherwise broadcasts the batch
 * dims with {@code expand} (whose gradient sums back over broadcast dims) and calls
 * {@code bmm}.
 */
public final class BatchedProducts {
    private BatchedProducts() {}

    /**
     * {@code a.bmm(b)}: the product of each pair of matrices, {@code (B, n, k) @ (B, k, m)}.
     *
     * @param a the left operand, 3-D {@code (B, n, k)}
     * @param b the right operand, 3-D {@code (B, k, m)}
     * @return a new {@code (B, n, m)} tensor
     * @throws IllegalArgumentException naming {@code bmm} and both shapes if an operand is not
     *     3-D, the batch sizes differ, the inner sizes differ, an operand is BOOL, or FLOAT32
     *     meets another dtype
     */
    public static Tensor bmm(Tensor a, Tensor b) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        String both = Shape.str(as) + " and " + Shape.str(bs);
        LinAlg.notBool("bmm", a, b);
        if (as.length != 3 || bs.length != 3) {
            throw Shape.error("bmm", "expects two 3-D tensors (batch, n, k) and (batch, k, m), got shapes " + both);
        }
        if (as[0] != bs[0]) {
            throw Shape.error("bmm", "batch sizes differ for shapes " + both + " (" + as[0] + " != " + bs[0] + ")");
        }
        if (as[2] != bs[1]) {
            throw Shape.error("bmm", "shapes " + both + " cannot be multiplied (" + as[2] + " != " + bs[1] + ")");
        }
        LinAlg.sameFloatType("bmm", a, b);
        return bmm(a, b, false, false);
    }

    /** {@code op(a) @ op(b)} per batch entry for checked 3-D operands; op = transpose of the last two dims. */
    private static Tensor bmm(Tensor a, Tensor b, boolean ta, boolean tb) {
        Tensor out = product(a, b, ta, tb);
        return LinAlg.ownProducts(Tape.record("BmmBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b},
                (g, node) -> new Tensor[] {
                    !node.needsInputGrad(0) ? null : ta ? bmm(b, g, tb, true) : bmm(g, b, false, !tb),
                    !node.needsInputGrad(1) ? null : tb ? bmm(g, a, true, ta) : bmm(a, g, !ta, false)}), 0, 1);
    }

    /** The values of the batched product, one {@link Gemm} call per batch entry, in a new tensor. */
    private static Tensor product(Tensor a, Tensor b, boolean ta, boolean tb) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int batch = as[0];
        int m = ta ? as[2] : as[1];
        int n = tb ? bs[1] : bs[2];
        int[] shape = Shape.check("bmm", new int[] {batch, m, n});
        if ((long) batch * m * n > Integer.MAX_VALUE - 8) {
            throw Shape.error("bmm", "result of shape " + Shape.str(shape) + " has too many elements");
        }
        int aStep = as[1] * as[2];
        int bStep = bs[1] * bs[2];
        int cStep = m * n;
        if (a.dtype() == DType.FLOAT32) {
            return TensorInternals.wrapFloat(perBatch(a.floatStorage(), b.floatStorage(), new float[batch * cStep],
                    batch, aStep, bStep, cStep, float[]::new, (x, y) -> Gemm.multiply(x, as[1], as[2], ta, y, bs[1],
                    bs[2], tb)), shape);
        }
        double[] c = perBatch(a.doubles(), b.doubles(), new double[batch * cStep], batch, aStep, bStep, cStep,
                double[]::new, (x, y) -> Gemm.multiply(x, as[1], as[2], ta, y, bs[1], bs[2], tb));
        return TensorInternals.wrap(c, DType.promote(a.dtype(), b.dtype()), shape);
    }

    /**
     * Fills {@code c} (a {@code float[]} or {@code double[]}, as {@code a} and {@code b}) with one
     * product per batch entry: entry {@code i} of each operand is copied out of its array and
     * {@code mul} gives that entry's result, copied to its place in {@code c}.
     */
    private static <A> A perBatch(A a, A b, A c, int batch, int aStep, int bStep, int cStep, IntFunction<A> alloc,
            BinaryOperator<A> mul) {
        for (int i = 0; i < batch; i++) {
            A ai = alloc.apply(aStep);
            A bi = alloc.apply(bStep);
            System.arraycopy(a, i * aStep, ai, 0, aStep);
            System.arraycopy(b, i * bStep, bi, 0, bStep);
            System.arraycopy(mul.apply(ai, bi), 0, c, i * cStep, cStep);
        }
        return c;
    }

    /**
     * PyTorch's {@code matmul} when an operand has more than 2 dims (both at least 1-D, not BOOL):
     * the last two dims are matrices (a 1-D left operand is a row, a 1-D right one a column, and
     * that dim is removed from the result), the other dims are batch dims and broadcast.
     *
     * @param a the left operand
     * @param b the right operand
     * @return a new tensor of shape {@code broadcast(batch dims) + [n, m]} (without {@code n} or
     *     {@code m} for a 1-D operand)
     */
    static Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int k = as[as.length - 1];
        int kb = bs.length == 1 ? bs[0] : bs[bs.length - 2];
        if (k != kb) {
            throw Shape.error("matmul", "shapes " + Shape.str(as) + " and " + Shape.str(bs) + " cannot be multiplied ("
                    + k + " != " + kb + ")");
        }
        LinAlg.sameFloatType("matmul", a, b);
        if (bs.length <= 2) { // fold a's batch dims into rows, as PyTorch does
            int rows = 1;
            for (int i = 0; i < as.length - 1; i++) {
                rows *= as[i];
            }
            int[] outShape = Arrays.copyOf(as, bs.length == 2 ? as.length : as.length - 1);
            if (bs.length == 2) {
                outShape[as.length - 1] = bs[1];
            }
            Tensor c = LinAlg.mm(a.reshape(rows, k), bs.length == 2 ? b : b.reshape(k, 1), false, false);
            return c.reshape(outShape);
        }
        Tensor a2 = as.length == 1 ? a.reshape(1, k) : a;
        int[] a2s = a2.shapeArray();
        int n = a2s[a2s.length - 2];
        int m = bs[bs.length - 1];
        int[] batch = broadcastBatch(Arrays.copyOf(a2s, a2s.length - 2), Arrays.copyOf(bs, bs.length - 2), as, bs);
        int count = 1;
        for (int s : batch) {
            count *= s;
        }
        Tensor ae = a2.expand(with(batch, n, k)).reshape(count, n, k);
        Tensor be = b.expand(with(batch, k, m)).reshape(count, k, m);
        Tensor c = bmm(ae, be, false, false);
        return as.length == 1 ? c.reshape(with(batch, m)) : c.reshape(with(batch, n, m));
    }

    /** The broadcast of two batch shapes; the error names the operands' whole shapes. */
    private static int[] broadcastBatch(int[] x, int[] y, int[] as, int[] bs) {
        int len = Math.max(x.length, y.length);
        int[] out = new int[len];
        for (int i = 0; i < len; i++) {
            int p = i - (len - x.length);
            int q = i - (len - y.length);
            int sx = p < 0 ? 1 : x[p];
            int sy = q < 0 ? 1 : y[q];
            if (sx != sy && sx != 1 && sy != 1) {
                throw Shape.error("matmul", "batch dims " + Shape.str(x) + " and " + Shape.str(y) + " of shapes "
                        + Shape.str(as) + " and " + Shape.str(bs) + " cannot be broadcast together (" + sx + " vs "
                        + sy + ")");
            }
            out[i] = sx == 1 ? sy : sx;
        }
        return out;
    }

    /** {@code batch} followed by {@code tail}. */
    private static int[] with(int[] batch, int... tail) {
        int[] out = Arrays.copyOf(batch, batch.length + tail.length);
        System.arraycopy(tail, 0, out, batch.length, tail.length);
        return out;
    }
}
