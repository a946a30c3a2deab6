package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code max(x, 0)}, like {@code torch.nn.ReLU}. */
public class ReLU extends Module {
    /** Creates the layer. */
    public ReLU() {}

    /**
     * Applies ReLU.
     *
     * @param input any shape
     * @return same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.relu(input);
    }
}
