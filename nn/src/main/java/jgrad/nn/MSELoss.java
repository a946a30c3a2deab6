package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * The mean squared error, like {@code torch.nn.MSELoss}: {@code (input - target)^2}, reduced.
 * As in PyTorch, input and target broadcast against each other, and a target whose size differs
 * from the input's (which usually means a bug such as (N, 1) against (N), giving (N, N)) logs
 * PyTorch's warning "Using a target size ... that is different to the input size ..." to the
 * {@code jgrad} {@link System.Logger}, once per loss instance.
 */
public class MSELoss extends Loss {
    private final Reduction reduction;
    private final SizeMismatchWarning sizeWarning = new SizeMismatchWarning();

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
        LossChecks.checkReduction("MSELoss", reduction);
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
     * @param input predictions, FLOAT32 or FLOAT64
     * @param target targets, floating, broadcastable with the input (a size other than the
     *     input's logs a warning, once per instance)
     * @return the loss, of the promoted dtype of input and target (as in PyTorch)
     * @throws IllegalArgumentException if the shapes do not broadcast or a dtype is INT64
     */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        mseChecks("MSELoss", input, target, reduction);
        sizeWarning.check("MSELoss", input, target);
        return mse(input, target, reduction);
    }

    /** The checks of {@code mse_loss}'s arguments (not the size warning). */
    static void mseChecks(String op, Tensor input, Tensor target, Reduction reduction) {
        LossChecks.checkReduction(op, reduction);
        LossChecks.checkFloat(op, "input", input);
        LossChecks.checkFloat(op, "target", target);
        Shape.broadcast(op, input.shape(), target.shape());
    }

    /** PyTorch's {@code mse_loss} of checked arguments: (input - target)^2, broadcasting. */
    static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
        return LossReduction.apply(input.sub(target).pow(2.0), reduction);
    }
}
