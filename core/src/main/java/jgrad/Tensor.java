package jgrad;

import java.util.Arrays;
import jgrad.autograd.Autograd;
import jgrad.autograd.Engine;
import jgrad.autograd.Node;
import jgrad.internal.TensorInternals;

/**
 * An n-dimensional dense tensor with reverse-mode autograd, modelled on {@code torch.Tensor}.
 *
 * <p>Storage is a contiguous row-major {@code double[]}. {@link DType#FLOAT64} is the default
 * for real values; {@link DType#INT64} holds class indices and {@link DType#BOOL} masks (what
 * comparisons return); neither ever requires grad. Binary ops broadcast by NumPy rules. Every op on a tensor that requires grad is recorded on the
 * tape, and {@link #backward()} adds the gradients into the leaves' {@link #grad()}.
 *
 * <p>Methods taking a dim accept negative dims, counting from the end. Bad input (shapes that
 * do not broadcast, dims out of range, wrong dtypes) is an {@link IllegalArgumentException}
 * whose message names the op and the shapes.
 */public final class Tensor extends TensorReductionOps {
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean warnedNonLeafGrad;

    static {
        TensorInternals.install(new TensorAccess());
    }

    private Tensor(double[] data, int[] shape, DType dtype, int[] version) {
        super(data, shape, dtype, version);
    }

    /** The one constructor call, for the factories and ops of this package. */
    static Tensor create(double[] data, int[] shape, DType dtype, int[] version) {
        return new Tensor(data, shape, dtype, version);
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Whether ops on this tensor are recorded.
     *
     * @return whether this tensor requires grad
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Turns gradient tracking on or off for a leaf, like {@code requires_grad_()}.
     *
     * @param on whether to track gradients
     * @return this tensor
     * @throws IllegalArgumentException for INT64 and BOOL tensors, and for non-leaves
     */
    public Tensor requiresGrad(boolean on) {
        if (on && dtype != DType.FLOAT64) {
            throw new IllegalArgumentException("requiresGrad: only FLOAT64 tensors can require grad; this "
                    + "tensor of shape " + Shape.str(shape) + " is " + dtype
                    + (dtype == DType.INT64 ? " (class indices)" : " (a mask)"));
        }
        if (gradFn != null) {
            throw new IllegalArgumentException("requiresGrad: only leaves can change requiresGrad; this tensor was "
                    + "made by " + gradFn.name() + ". Use detach() for a leaf copy.");
        }
        requiresGrad = on;
        return this;
    }

    /**
     * True for tensors not made by a recorded op (user-created, or not requiring grad).
     *
     * @return whether {@link #gradFn()} is null
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The node that made this tensor, or null for a leaf, like {@code grad_fn}.
     *
     * @return the node, or null
     */
    public Node gradFn() {
        return gradFn;
    }

    /**
     * The accumulated gradient: null until a backward reaches this tensor; later backwards add
     * to it. Non-leaves have one only after {@link #retainGrad()}; reading the gradient of a
     * non-leaf that did not ask for it logs one warning per tensor (logger {@code jgrad}), as
     * PyTorch warns and names {@code retain_grad()}.
     *
     * @return the gradient, or null
     */
    public Tensor grad() {
        if (grad == null && gradFn != null && !warnedNonLeafGrad && !gradFn.retains(this)) {
            warnedNonLeafGrad = true;
            System.getLogger("jgrad").log(System.Logger.Level.WARNING, "grad(): this tensor of shape "
                    + Shape.str(shape) + " is not a leaf (made by " + gradFn.name() + "), so backward does not "
                    + "populate its grad and grad() returns null. Call retainGrad() on it before backward if you "
                    + "want its gradient, or use the grad of the leaf instead.");
        }
        return grad;
    }

    /**
     * Sets (or with null, clears) the gradient, like assigning {@code .grad}.
     *
     * @param g the new gradient, shaped like this tensor, or null
     */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: a gradient of shape " + Shape.str(g.shape)
                    + " does not fit a tensor of shape " + Shape.str(shape));
        }
        grad = g;
    }

    /**
     * Asks backward to keep this non-leaf tensor's gradient in {@link #grad()}.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor does not require grad
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: cannot retain the gradient of a tensor that does not "
                    + "require grad");
        }
        if (gradFn != null) {
            gradFn.retain(this);
        }
        return this;
    }

    /** Backpropagates from this one-element tensor (a loss). */
    public void backward() {
        backward(null, false);
    }

    /**
     * Backpropagates with the given gradient of this tensor (null for one-element tensors).
     *
     * @param gradient the gradient of this tensor, same shape; null for one-element tensors
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * Backpropagates, adding into the leaves' {@link #grad()}.
     *
     * @param gradient the gradient of this tensor, same shape; null for one-element tensors
     * @param retainGraph keep the saved tensors so the graph can be walked again
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.run(this, gradient, retainGraph, false, null, "backward");
    }

    /**
     * A tensor sharing this storage but cut from the graph (a leaf not requiring grad).
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor detach() {
        return new Tensor(data, shape, dtype, version);
    }

    /**
     * A deep copy of the values, cut from the graph.
     *
     * @return a new leaf tensor of this shape and dtype that does not require grad
     */
    public Tensor copy() {
        return new Tensor(data.clone(), shape, dtype, new int[1]);
    }

    /** The engine's, through {@link TensorInternals#accumulateOwnedGrad}. */
    void accumulateOwnedGrad(Tensor g) {
        if (grad == null && g.gradFn == null && !g.requiresGrad && g.data.length == numel()) {
            grad = new Tensor(g.data, shape, DType.FLOAT64, new int[1]);
        } else {
            accumulateGrad(g, false);
        }
    }

    /** The engine's, through {@link TensorInternals#accumulateGrad}. */
    void accumulateGrad(Tensor g, boolean createGraph) {
        if (createGraph) {
            // g itself may be the caller's gradOutput or shared with another tensor's grad: keep
            // it only when it is a recorded result, which is never modified in place
            grad = grad != null ? grad.add(g) : g.requiresGrad() ? g : g.copy();
        } else if (grad == null) {
            grad = new Tensor(g.data.clone(), shape, DType.FLOAT64, new int[1]);
        } else if (grad.gradFn != null || grad.requiresGrad) {
            try (var s = Autograd.noGrad()) {
                grad = grad.detach().add(g);
            }
        } else {
            double[] a = grad.data;
            double[] b = g.data;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            grad.bumpVersion();
        }
    }

    /** The tape's, through {@link TensorInternals#attachGradFn}. */
    void attachGradFn(Node node) {
        if (gradFn != null) {
            throw new IllegalStateException("attachGradFn: tensor already has " + gradFn);
        }
        gradFn = node;
        requiresGrad = true;
    }
}
