package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code 1 / (1 + exp(-x))}, like {@code torch.nn.Sigmoid}. */
public class Sigmoid extends Module {
    /** Creates the layer. */
    public Sigmoid() {}

    /**
     * Applies the logistic sigmoid.
     *
     * @param input any shape
     * @return same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.sigmoid(input);
    }
}
