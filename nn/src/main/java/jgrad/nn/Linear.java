package jgrad.nn;

import jgrad.Shape;
import jgrad.Tensor;

/**
 * A fully connected layer {@code y = x W^T + b}, like {@code torch.nn.Linear}.
 *
 * <p>The weight has shape (out, in) and the bias (out). Both are initialised as PyTorch does,
 * from the default generator (so {@link Tensor#manualSeed} makes them reproducible):
 * {@code kaiming_uniform_(weight, a=sqrt(5))}, which is U(-1/sqrt(in), 1/sqrt(in)), then the
 * bias from U(-1/sqrt(in), 1/sqrt(in)), in the default dtype ({@link Tensor#getDefaultDtype()}).
 *
 * <p>The input is (in), (N, in) or (N, ..., in); the output replaces the last dim by out.
 */
public class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;

    /**
     * A layer with bias and PyTorch's default initialisation.
     *
     * @param inFeatures size of each input sample
     * @param outFeatures size of each output sample
     * @throws IllegalArgumentException for negative sizes
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /**
     * A layer with PyTorch's default initialisation.
     *
     * @param inFeatures size of each input sample
     * @param outFeatures size of each output sample
     * @param bias whether to add a learnable bias
     * @throws IllegalArgumentException for negative sizes
     */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be >= 0, got in_features="
                    + inFeatures + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        double bound = inFeatures > 0 ? 1.0 / Math.sqrt(inFeatures) : 0.0;
        registerParameter("weight", Tensor.uniform(-bound, bound, outFeatures, inFeatures));
        registerParameter("bias", bias ? Tensor.uniform(-bound, bound, outFeatures) : null);
    }

    /**
     * A layer using the given tensors as its parameters (not copies; their gradient tracking is
     * turned on), like assigning {@code nn.Parameter}s to a PyTorch Linear.
     *
     * @param weight a floating leaf of shape (out, in)
     * @param bias a leaf of shape (out) and the weight's dtype, or null for no bias
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight == null || weight.dim() != 2) {
            throw new IllegalArgumentException("Linear: weight must be a 2-D tensor (out_features, in_features), got "
                    + (weight == null ? "null" : "shape " + Shape.str(weight.shape())));
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(0))) {
            throw new IllegalArgumentException("Linear: bias of shape " + Shape.str(bias.shape())
                    + " does not fit weight of shape " + Shape.str(weight.shape()) + "; expected shape ["
                    + weight.size(0) + "]");
        }
        this.outFeatures = weight.size(0);
        this.inFeatures = weight.size(1);
        registerParameter("weight", weight);
        registerParameter("bias", bias);
    }

    /**
     * The weight, shape (out, in).
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one)
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shape (out), or null for a layer without bias.
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one), or null
     */
    public Tensor bias() {
        return parameter("bias");
    }

    /**
     * Size of each input sample.
     *
     * @return in_features
     */
    public int inFeatures() {
        return inFeatures;
    }

    /**
     * Size of each output sample.
     *
     * @return out_features
     */
    public int outFeatures() {
        return outFeatures;
    }

    /**
     * {@code input @ weight^T + bias}, recorded as one {@code AddmmBackward} node like PyTorch's
     * {@code AddmmBackward0} (one {@code MmBackward} without a bias); an input of other than two
     * dims adds a reshape before and after.
     *
     * @param input shape (in), (N, in) or (N, ..., in)
     * @return shape (out), (N, out) or (N, ..., out)
     * @throws IllegalArgumentException naming Linear and both shapes if the input's last dim is
     *     not in_features
     */
    @Override
    public Tensor forward(Tensor input) {
        return Linears.linear("Linear", input, weight(), bias());
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias() != null ? "True"
                : "False");
    }
}
