package jgrad.optim;

import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each group's learning rate to its base learning rate times a function of the epoch, like
 * {@code torch.optim.lr_scheduler.LambdaLR}: epoch {@code t} has {@code base * lrLambda(t)}.
 *
 * <pre>{@code
 * var warmup = new LambdaLR(optimizer, epoch -> Math.min(1.0, (epoch + 1) / 5.0));
 * }</pre>
 *
 * <p>The functions are not part of the state dict (PyTorch saves only callable objects, not
 * functions); {@link #loadStateDict} restores the epoch and base learning rates, and the new
 * scheduler keeps its own functions.
 */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lrLambdas;

    /**
     * A LambdaLR with one function for every group.
     *
     * @param optimizer the optimizer to schedule
     * @param lrLambda the factor of the base learning rate at each epoch
     * @throws IllegalArgumentException if {@code optimizer} or {@code lrLambda} is null, or if the
     *     factor at epoch 0 is negative, NaN or infinite
     */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, lrLambda == null ? null : nCopies(optimizer, lrLambda));
    }

    /**
     * A LambdaLR with one function per parameter group.
     *
     * @param optimizer the optimizer to schedule
     * @param lrLambdas one factor function per group, in order
     * @throws IllegalArgumentException if the list is null, holds a null, or does not have one
     *     function per group (PyTorch's {@code Expected 2 lr_lambdas, but got 1}), or if a factor
     *     at epoch 0 is negative, NaN or infinite
     */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        super(optimizer);
        int groups = optimizer.paramGroups().size();
        if (lrLambdas == null) {
            throw new IllegalArgumentException("LambdaLR: lr_lambda is null");
        }
        if (lrLambdas.size() != groups) {
            throw new IllegalArgumentException("LambdaLR: Expected " + groups + " lr_lambdas, but got "
                    + lrLambdas.size());
        }
        for (int i = 0; i < lrLambdas.size(); i++) {
            if (lrLambdas.get(i) == null) {
                throw new IllegalArgumentException("LambdaLR: lr_lambda " + i + " is null");
            }
        }
        this.lrLambdas = List.copyOf(lrLambdas);
        initialStep();
    }

    private static List<IntToDoubleFunction> nCopies(Optimizer optimizer, IntToDoubleFunction f) {
        return Collections.nCopies(optimizer == null ? 0 : optimizer.paramGroups().size(), f);
    }

    /**
     * PyTorch's {@code get_lr()}: {@code base_lr * lr_lambda(epoch)} for each group.
     *
     * @throws IllegalArgumentException if a function returns a negative, NaN or infinite factor,
     *     naming the group, the epoch and the value
     */
    @Override
    protected double[] computeLr() {
        double[] lrs = new double[baseLrs.length];
        for (int i = 0; i < lrs.length; i++) {
            double factor = lrLambdas.get(i).applyAsDouble(lastEpoch);
            if (!(factor >= 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("LambdaLR: lr_lambda of group " + i + " returned " + factor
                        + " at epoch " + lastEpoch + "; a factor must be finite and at least 0");
            }
            lrs[i] = baseLrs[i] * factor;
        }
        return lrs;
    }
}
