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
     * Plain SGD ({@code x -= lr * g}) on FLOAT32 storage, the loop PyTorch runs for float
     * parameters ({@code param.add_(grad, alpha=-lr)} in float): the multiply-add is done in float
     * with {@code -lr} rounded to float first, as PyTorch's kernel does.
     *
     * @param x the parameter's values, updated
     * @param grad the gradient
     * @param lr the learning rate
     * @param momentum the momentum factor (only 0 is handled here)
     * @param weightDecay the L2 penalty (only 0 is handled here)
     * @param maximize ascend instead of descend (only false is handled here)
     * @return true if it updated {@code x}; false, changing nothing, otherwise
     */
    static boolean tryFastFloat(float[] x, float[] grad, double lr, double momentum, double weightDecay,
            boolean maximize) {
        if (maximize || weightDecay != 0 || momentum != 0) {
            return false;
        }
        float negLr = (float) -lr;
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] + negLr * grad[i];
        }
        return true;
    }
}
