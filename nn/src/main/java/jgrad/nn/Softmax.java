package jgrad.nn;

import jgrad.Tensor;

/** Softmax over one dim, like {@code torch.nn.Softmax(dim)}; stable for huge logits. */
public class Softmax extends Module {
    private final int dim;

    /**
     * Creates the layer.
     *
     * @param dim the dim to normalise over; negative counts from the end
     */
    public Softmax(int dim) {
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
     * Applies softmax over {@link #dim()}.
     *
     * @param input FLOAT32 or FLOAT64, any shape with that dim (the result has its dtype)
     * @return same shape, each slice along dim summing to 1
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.softmax(input, dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
