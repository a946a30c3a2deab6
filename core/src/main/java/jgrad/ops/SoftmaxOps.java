package jgrad.ops;

import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;
import jgrad.kernel.SoftmaxKernel;
import jgrad.kernel.SoftmaxKernelFloat;
import jgrad.kernel.SoftmaxKernel.Kept;
import jgrad.kernel.SoftmaxKernel.Mode;

/**
 * logSumExp, softmax and logSoftmax over one dim, all by the subtract-the-max trick, so logits
 * of +-1000 (or +-1e300) give finite values and gradients. Each op here is its checks, one
 * forward call to {@link SoftmaxKernel}, its tape node and one backward rule (see
 * {@link #rule}); the raw loops are in the kernel.
 */
public final class SoftmaxOps {
    private SoftmaxOps() {}

    /**
     * log(sum(exp(a))) over dim; gradient g * exp(a - result), as PyTorch computes it. When the
     * result is recorded, the forward keeps exp(a - shift) and each row's shift, so a plain
     * backward (one that does not build its own graph) pays one exp per row instead of one per
     * element (except in rows whose result is +-inf or NaN); a create-graph backward uses
     * differentiable Tensor ops.
     *
     * @param a the input
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public static Tensor logSumExp(Tensor a, int dim, boolean keepDim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSumExp", dim, s.length);
        Kept kept = Tape.needed(a) ? Kept.of(s, d) : null; // recorded exactly when needed
        int[] outShape = Shape.reduced(s, d, keepDim);
        double[] r = a.dtype() == DType.FLOAT32 ? null : SoftmaxKernel.forward(a.doubles(), s, d, Mode.LSE, kept);
        Tensor out = r == null
                ? TensorInternals.wrapFloat(SoftmaxKernelFloat.forward(a.floatStorage(), s, d, Mode.LSE, kept), outShape)
                : TensorInternals.wrap(r, a.dtype().toFloating(), outShape);
        // d/da = g * exp(a - out)
        return Tape.record("LogsumexpBackward", out, new Tensor[] {a}, new Tensor[] {a, out}, g -> rule(s, a.dtype(),
                () -> Reductions.unreduce(g, s, d, keepDim).mul(a.sub(Reductions.unreduce(out, s, d, keepDim)).exp()),
                () -> SoftmaxKernel.logSumExpBackward(g.doubles(), a.doubles(), kept, r, s, d),
                () -> SoftmaxKernelFloat.logSumExpBackward(floats(g), a.floatStorage(), kept, s, d)));
    }

    /**
     * exp(a) / sum(exp(a)) over dim; gradient y * (g - sum(g * y)). A plain backward (one that
     * does not build its own graph) runs that formula as one loop over y; a create-graph
     * backward uses differentiable Tensor ops, with the same values.
     *
     * @param a the FLOAT64 input
     * @param dim the dim along which the values sum to 1; negative dims count from the end
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor softmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("softmax", dim, s.length);
        Reductions.requireFloat("softmax", a);
        Tensor y = a.dtype() == DType.FLOAT32
                ? TensorInternals.wrapFloat(SoftmaxKernelFloat.forward(a.floatStorage(), s, d, Mode.SOFTMAX, null), s)
                : TensorInternals.wrap(SoftmaxKernel.forward(a.doubles(), s, d, Mode.SOFTMAX, null), a.dtype(), s);
        // d/da = (g - sum_d(g * y)) * y
        return Tape.record("SoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> rule(s, a.dtype(),
                () -> g.sub(g.mul(y).sum(d, true)).mul(y),
                () -> SoftmaxKernel.softmaxBackward(g.doubles(), y.doubles(), s, d),
                () -> SoftmaxKernelFloat.softmaxBackward(floats(g), y.floatStorage(), s, d)));
    }

    /**
     * a - logSumExp(a) over dim; gradient g - exp(y) * sum(g). When the result is recorded, the
     * forward keeps exp(a - max) and the row sums, so a plain backward (one that does not build
     * its own graph) needs no second exp; a create-graph backward uses differentiable Tensor ops.
     *
     * @param a the FLOAT64 input
     * @param dim the dim to normalise over; negative dims count from the end
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor logSoftmax(Tensor a, int dim) {
        int[] s = a.shapeArray();
        int d = Shape.dim("logSoftmax", dim, s.length);
        Reductions.requireFloat("logSoftmax", a);
        Kept kept = Tape.needed(a) ? Kept.of(s, d) : null; // recorded exactly when needed
        Tensor y = a.dtype() == DType.FLOAT32
                ? TensorInternals.wrapFloat(SoftmaxKernelFloat.forward(a.floatStorage(), s, d, Mode.LOG_SOFTMAX, kept),
                        s)
                : TensorInternals.wrap(SoftmaxKernel.forward(a.doubles(), s, d, Mode.LOG_SOFTMAX, kept), a.dtype(), s);
        // d/da = g - exp(y) * sum_d(g)
        return Tape.record("LogSoftmaxBackward", y, new Tensor[] {a}, new Tensor[] {y}, g -> rule(s, a.dtype(),
                () -> g.sub(y.exp().mul(g.sum(d, true))),
                () -> SoftmaxKernel.logSoftmaxBackward(g.doubles(), kept, s, d),
                () -> SoftmaxKernelFloat.logSoftmaxBackward(floats(g), kept, s, d)));
    }

    /**
     * One op's backward rule, computed one of two ways: while the backward builds its own graph
     * (grad mode on: {@code createGraph}) by the differentiable Tensor-op formula, so second
     * derivatives work; otherwise by the kernel's loop for the same formula, which records
     * nothing and reuses what the forward kept: for a FLOAT32 input the float kernel's, on the
     * float storage.
     */
    private static Tensor[] rule(int[] inputShape, DType dtype, Supplier<Tensor> viaTensorOps,
            Supplier<double[]> viaKernel, Supplier<float[]> viaFloatKernel) {
        if (Autograd.isGradEnabled()) {
            return new Tensor[] {viaTensorOps.get()};
        }
        if (dtype == DType.FLOAT32) {
            return new Tensor[] {TensorInternals.wrapFloat(viaFloatKernel.get(), inputShape)};
        }
        return new Tensor[] {TensorInternals.wrap(viaKernel.get(), dtype, inputShape)};
    }

    /**
     * A gradient's float values for the float kernels: its storage, or a rounded copy when it is
     * not FLOAT32 (a gradient passed to {@code backward} by hand; the engine rounds the result to
     * the input's FLOAT32 anyway).
     */
    private static float[] floats(Tensor g) {
        return (g.dtype() == DType.FLOAT32 ? g : g.to(DType.FLOAT32)).floatStorage();
    }

    /**
     * {@link SoftmaxKernel#rowMax}, for the fused losses of {@code jgrad.nn} (which cannot reach
     * {@code jgrad.kernel}).
     *
     * @param x the values, row-major
     * @param base the index of the row's first value
     * @param n the number of values in the row
     * @param inner the distance between consecutive values of the row
     * @return the row's max, or NaN
     */
    public static double rowMax(double[] x, int base, int n, int inner) {
        return SoftmaxKernel.rowMax(x, base, n, inner);
    }

    /**
     * {@link SoftmaxKernel#expSum}, for the fused losses of {@code jgrad.nn} (which cannot reach
     * {@code jgrad.kernel}): the sum of exp(x - shift) over one row, one exp per value, each
     * also stored in {@code exps} when it is not null.
     *
     * @param x the values, row-major
     * @param base the index of the row's first value
     * @param n the number of values in the row
     * @param inner the distance between consecutive values of the row
     * @param shift the value subtracted before exp, normally {@link #rowMax}
     * @param exps where to store each exp(x - shift), indexed like {@code x}; or null
     * @return the sum of exp(x - shift) over the row
     */
    public static double expSum(double[] x, int base, int n, int inner, double shift, double[] exps) {
        return SoftmaxKernel.expSum(x, base, n, inner, shift, exps);
    }
}
