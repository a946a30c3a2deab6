package jgrad.nn;

import jgrad.Tensor;

/**
 * Layer normalisation over the last dims, like {@code torch.nn.LayerNorm}:
 * {@code (x - mean) / sqrt(var + eps) * weight + bias}, with mean and biased variance
 * (correction 0) taken over the trailing {@code normalizedShape} dims of each sample.
 *
 * <p>With {@code elementwiseAffine} (the default) the layer holds {@code weight} (ones) and
 * {@code bias} (zeros) of shape {@code normalizedShape}, in the default dtype
 * ({@link Tensor#getDefaultDtype()}); the input must have that dtype (as in PyTorch, convert the
 * module with {@link #to(jgrad.DType)} for another). Without it the layer has no parameters and
 * works in the input's dtype. Built from recorded Tensor ops, so twice differentiable.
 */
public class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;

    /**
     * A layer with PyTorch's defaults eps 1e-5 and elementwise affine parameters.
     *
     * @param normalizedShape the sizes of the trailing dims to normalise over, e.g. {@code 4} or {@code 3, 4}
     * @throws IllegalArgumentException if no size is given or a size is negative
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, Norms.DEFAULT_EPS, true);
    }

    /**
     * Creates the layer.
     *
     * @param normalizedShape the sizes of the trailing dims to normalise over
     * @param eps added to the variance for numerical stability (finite, {@code >= 0})
     * @param elementwiseAffine whether to hold a learnable weight (ones) and bias (zeros)
     * @throws IllegalArgumentException if no size is given, a size is negative or eps is bad
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        Norms.checkShape("LayerNorm", normalizedShape);
        Norms.checkEps("LayerNorm", eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        registerParameter("weight", elementwiseAffine ? Tensor.ones(this.normalizedShape) : null);
        registerParameter("bias", elementwiseAffine ? Tensor.zeros(this.normalizedShape) : null);
    }

    /**
     * The sizes of the trailing dims normalised over.
     *
     * @return a copy of normalized_shape
     */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /**
     * The value added to the variance.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    /**
     * Whether the layer holds a weight and a bias.
     *
     * @return elementwise_affine
     */
    public boolean elementwiseAffine() {
        return elementwiseAffine;
    }

    /**
     * The weight, shape normalized_shape, or null without elementwise affine.
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one), or null
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shape normalized_shape, or null without elementwise affine.
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one), or null
     */
    public Tensor bias() {
        return parameter("bias");
    }

    /**
     * Normalises each sample over the trailing dims.
     *
     * @param input FLOAT32 or FLOAT64 of shape (*, normalized_shape)
     * @return same shape and dtype
     * @throws IllegalArgumentException naming LayerNorm and the shapes if the trailing dims are
     *     not normalized_shape, or if the input is not floating or not the parameters' dtype
     */
    @Override
    public Tensor forward(Tensor input) {
        return Norms.layerNorm("LayerNorm", input, normalizedShape, weight(), bias(), eps);
    }

    @Override
    protected String extraRepr() {
        return Norms.tuple(normalizedShape) + ", eps=" + PyRepr.pyFloat(eps) + ", elementwise_affine="
                + (elementwiseAffine ? "True" : "False");
    }
}
