package jgrad.nn;

import jgrad.Tensor;

/**
 * Log-softmax over one dim, like {@code torch.nn.LogSoftmax(dim)}; stable for huge logits.
 * Followed by {@link NLLLoss} it gives the same numbers as {@link CrossEntropyLoss}.
 */
public class LogSoftmax extends Module {
    private final int dim;

    /**
     * Creates the layer.
     *
     * @param dim the dim to normalise over; negative counts from the end
     */
    public LogSoftmax(int dim) {
        this.dim = dim;
    }

    /**
     * The dim this layer normalises over.
     *
     * @return dim as given
     */
    public int dim() {
        return dim;
    }

    /**
     * Applies log-softmax over {@link #dim()}.
     *
     * @param input FLOAT32 or FLOAT64, any shape with that dim (the result has its dtype)
     * @return same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.logSoftmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
