package jgrad.nn;

import jgrad.Tensor;

/**
 * The Gaussian error linear unit {@code x * Phi(x)}, like {@code torch.nn.GELU}: exact
 * ({@code 0.5 x (1 + erf(x / sqrt 2))}, approximate "none", the default) or with PyTorch's tanh
 * approximation ({@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}, approximate "tanh").
 * Built from recorded Tensor ops, so twice differentiable.
 */
public class GELU extends Module {
    private final String approximate;

    /** Creates the exact GELU (approximate "none"), PyTorch's default. */
    public GELU() {
        this("none");
    }

    /**
     * Creates the layer.
     *
     * @param approximate "none" for the exact erf form, "tanh" for the tanh approximation
     * @throws IllegalArgumentException for any other string (or null)
     */
    public GELU(String approximate) {
        this.approximate = Activations.checkApproximate("GELU", approximate);
    }

    /**
     * Which form is computed.
     *
     * @return "none" or "tanh"
     */
    public String approximate() {
        return approximate;
    }

    /**
     * Applies GELU.
     *
     * @param input FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if the input is not floating
     */
    @Override
    public Tensor forward(Tensor input) {
        return Functional.gelu(input, approximate);
    }

    @Override
    protected String extraRepr() {
        return "approximate='" + approximate + "'";
    }
}
