package jgrad.nn;

import java.util.Arrays;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * Batch normalisation over dim 1 (the channels) built from recorded Tensor ops, so twice
 * differentiable; {@link BatchNorm} calls it.
 */
final class BatchNorms {
    private BatchNorms() {}

    /**
     * {@code (x - mean) / sqrt(var + eps) * weight + bias} per channel. With {@code useBatchStats}
     * (PyTorch's {@code training} argument of {@code F.batch_norm}) the mean and biased variance
     * are taken over every dim but 1 and, when the running tensors are given (non-null), these are
     * updated in place with {@code momentum} and the unbiased variance; otherwise the running mean
     * and variance (then required) are used.
     */
    static Tensor batchNorm(String op, Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean useBatchStats, double momentum, double eps) {
        Activations.checkFloating(op, x);
        Norms.checkEps(op, eps);
        int[] shape = x.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": expected an input with a batch and a channel dim (N, C, *), got "
                    + shape.length + "D input of size " + Shape.str(shape));
        }
        int c = shape[1];
        if (!useBatchStats && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": running_mean and running_var are needed when not training");
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": give both running_mean and running_var, or neither");
        }
        if (!Double.isFinite(momentum)) {
            throw new IllegalArgumentException(op + ": momentum must be finite, got " + momentum);
        }
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        Tensor[] state = {weight, bias, runningMean, runningVar};
        for (int i = 0; i < state.length; i++) {
            Tensor t = state[i];
            if (t != null && !Arrays.equals(t.shape(), new int[] {c})) {
                throw new IllegalArgumentException(op + ": " + names[i] + " of shape " + Shape.str(t.shape())
                        + " does not match the " + c + " channels (dim 1) of input of size " + Shape.str(shape));
            }
            if (t != null && t.dtype() != x.dtype()) {
                throw new IllegalArgumentException(op + ": " + names[i] + " is " + t.dtype() + " but the input is "
                        + x.dtype() + " (like PyTorch, no mixed dtypes; convert the module with to(" + x.dtype() + "))");
            }
        }
        int n = Shape.numel(shape) / Math.max(c, 1);
        if (useBatchStats && n <= 1) {
            throw new IllegalArgumentException(op + ": Expected more than 1 value per channel when training, got input size "
                    + Shape.str(shape));
        }
        int[] bshape = new int[shape.length - 1];
        Arrays.fill(bshape, 1);
        bshape[0] = c;
        Tensor mean;
        Tensor variance;
        if (useBatchStats) {
            Tensor flat = x.reshape(shape[0], c, n / Math.max(shape[0], 1)).transpose(0, 1).reshape(c, n);
            mean = flat.mean(1, false);
            variance = flat.var(1, 0, false);
            if (runningMean != null) {
                try (Autograd.Scope s = Autograd.noGrad()) {
                    runningMean.copyFrom(runningMean.mul(1 - momentum).add(mean.detach().mul(momentum)));
                    runningVar.copyFrom(runningVar.mul(1 - momentum)
                            .add(variance.detach().mul(momentum * n / (n - 1.0))));
                }
            }
        } else {
            mean = runningMean;
            variance = runningVar;
        }
        Tensor y = x.sub(mean.reshape(bshape)).div(variance.add(eps).sqrt().reshape(bshape));
        if (weight != null) {
            y = y.mul(weight.reshape(bshape));
        }
        return bias != null ? y.add(bias.reshape(bshape)) : y;
    }
}
