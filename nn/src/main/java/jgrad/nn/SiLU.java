package jgrad.nn;

import jgrad.Tensor;

/** Elementwise {@code x * sigmoid(x)} (swish), like {@code torch.nn.SiLU}. */
public class SiLU extends Module {
    /** Creates the layer. */
    public SiLU() {}

    /**
     * Applies SiLU.
     *
     * @param input FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if the input is not floating
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.silu(input);
    }
}
