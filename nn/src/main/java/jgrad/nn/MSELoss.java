package jgrad.nn;

import jgrad.Tensor;

/**
 * The mean squared error, like {@code torch.nn.MSELoss}: {@code (input - target)^2}, reduced.
 * As in PyTorch, input and target broadcast against each other (PyTorch also warns when their
 * sizes differ, which usually means a bug such as (N, 1) against (N)).
 */
public class MSELoss extends Loss {
    private final Reduction reduction;

    /** Mean reduction (PyTorch's default). */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /**
     * With the given reduction.
     *
     * @param reduction NONE, MEAN or SUM
     * @throws IllegalArgumentException if reduction is null
     */
    public MSELoss(Reduction reduction) {
        LossKernels.checkReduction("MSELoss", reduction);
        this.reduction = reduction;
    }

    /**
     * The reduction.
     *
     * @return NONE, MEAN or SUM
     */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * The squared error.
     *
     * @param input predictions, FLOAT64
     * @param target targets, FLOAT64, broadcastable with the input
     * @return the loss
     * @throws IllegalArgumentException if the shapes do not broadcast or a dtype is INT64
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return LossKernels.mse("MSELoss", input, target, reduction);
    }
}
