package jgrad.optim;

/**
 * SGD's two common updates as branch-free loops the JIT vectorises: plain SGD, and momentum
 * after the first step (no weight decay, no maximize, no Nesterov). The arithmetic is
 * {@link SGD#rule}'s, operation for operation, so the results are the same bit for bit (a test
 * checks it); every other case is left to the rule.
 */
final class SGDKernel {
    private SGDKernel() {}

    /**
     * Applies the update if it is one of the two common cases.
     *
     * @param x the parameter's values, updated
     * @param grad the gradient
     * @param buf the momentum buffer, updated (may be null when {@code momentum} is 0)
     * @param first whether this is the parameter's first momentum step
     * @param lr the learning rate
     * @param momentum the momentum factor
     * @param dampening the dampening
     * @param weightDecay the L2 penalty
     * @param nesterov Nesterov momentum
     * @param maximize ascend instead of descend
     * @return true if it updated {@code x} (and {@code buf}); false, changing nothing, otherwise
     */
    static boolean tryFast(double[] x, double[] grad, double[] buf, boolean first, double lr, double momentum,
            double dampening, double weightDecay, boolean nesterov, boolean maximize) {
        if (maximize || weightDecay != 0) {
            return false;
        }
        double negLr = -lr;
        int n = x.length;
        if (momentum == 0) {
            for (int i = 0; i < n; i++) {
                x[i] = x[i] + negLr * grad[i];
            }
            return true;
        }
        if (first || nesterov) {
            return false;
        }
        double keep = 1 - dampening;
        for (int i = 0; i < n; i++) {
            double b = buf[i] * momentum + keep * grad[i];
            buf[i] = b;
            x[i] = x[i] + negLr * b;
        }
        return true;
    }

    /**
     * The two common updates on FLOAT32 storage, the loops PyTorch runs for float parameters: plain
     * SGD ({@code param.add_(grad, alpha=-lr)}) and momentum ({@code buf.mul_(momentum)
     * .add_(grad, alpha=1 - dampening)}, a clone of the gradient on the first step, then
     * {@code param.add_(buf, alpha=-lr)}), each operation done in float with its factor rounded to
     * float first, as PyTorch's kernels do.
     *
     * @param x the parameter's values, updated
     * @param grad the gradient
     * @param buf the momentum buffer, updated (may be null when {@code momentum} is 0)
     * @param first whether this is the parameter's first momentum step (the buffer starts as g)
     * @param lr the learning rate
     * @param momentum the momentum factor
     * @param dampening the dampening
     * @param weightDecay the L2 penalty (only 0 is handled here)
     * @param nesterov Nesterov momentum (only false is handled here)
     * @param maximize ascend instead of descend (only false is handled here)
     * @return true if it updated {@code x} (and {@code buf}); false, changing nothing, otherwise
     */
    static boolean tryFastFloat(float[] x, float[] grad, float[] buf, boolean first, double lr, double momentum,
            double dampening, double weightDecay, boolean nesterov, boolean maximize) {
        if (maximize || weightDecay != 0 || nesterov) {
            return false;
        }
        float negLr = (float) -lr;
        if (momentum != 0 && !first) { // one pass: the buffer's update, then the parameter's
            float m = (float) momentum;
            float keep = (float) (1 - dampening);
            for (int i = 0; i < x.length; i++) {
                float b = buf[i] * m + keep * grad[i];
                buf[i] = b;
                x[i] = x[i] + negLr * b;
            }
            return true;
        }
        if (momentum != 0) { // the first step: the buffer is a copy of the gradient
            System.arraycopy(grad, 0, buf, 0, buf.length);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] + negLr * grad[i];
        }
        return true;
    }
}
