package jgrad.nn;

import jgrad.Tensor;

/** Elementwise hyperbolic tangent, like {@code torch.nn.Tanh}. */
public class Tanh extends Module {
    /** Creates the layer. */
    public Tanh() {}

    /**
     * Applies tanh.
     *
     * @param input any shape
     * @return same shape
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.tanh(input);
    }
}
