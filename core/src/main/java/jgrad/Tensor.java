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

    private Tensor(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        super(data, fdata, shape, dtype, version);
    }

    /**
     * The one constructor call for values held as doubles, for the factories and ops of this
     * package: a FLOAT32 tensor gets a new {@code float[]} of the values rounded to float.
     */
    static Tensor create(double[] data, int[] shape, DType dtype, int[] version) {
        return dtype == DType.FLOAT32
                ? new Tensor(null, narrow(data), shape, dtype, version)
                : new Tensor(data, null, shape, dtype, version);
    }

    /** A FLOAT32 tensor owning {@code fdata}. */
    static Tensor createFloat(float[] fdata, int[] shape, int[] version) {
        return new Tensor(null, fdata, shape, DType.FLOAT32, version);
    }

    /** A tensor sharing {@code t}'s storage and version counter, with another shape. */
    static Tensor share(Tensor t, int[] shape) {
        return new Tensor(t.data, t.fdata, shape, t.dtype, t.version);
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
        if (on && !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("requiresGrad: only floating (FLOAT32, FLOAT64) tensors can require "
                    + "grad; this "
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
     * @param g the new gradient, shaped like this tensor and of its dtype, or null
     * @throws IllegalArgumentException if {@code g} has another shape or dtype
     */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: a gradient of shape " + Shape.str(g.shape)
                    + " does not fit a tensor of shape " + Shape.str(shape));
        }
        if (g != null && g.dtype != dtype) { // as PyTorch: "assigned grad has data of a different type"
            throw new IllegalArgumentException("setGrad: a gradient of dtype " + g.dtype + " does not fit a tensor of "
                    + "dtype " + dtype + " (shape " + Shape.str(shape) + "); convert it with to(DType." + dtype + ")");
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
        return new Tensor(data, fdata, shape, dtype, version);
    }

    /**
     * A deep copy of the values, cut from the graph.
     *
     * @return a new leaf tensor of this shape and dtype that does not require grad
     */
    public Tensor copy() {
        return new Tensor(data != null ? data.clone() : null, fdata != null ? fdata.clone() : null, shape, dtype,
                new int[1]);
    }

    /** The engine's, through {@link TensorInternals#accumulateOwnedGrad}. */
    void accumulateOwnedGrad(Tensor g) {
        if (grad == null && g.gradFn == null && !g.requiresGrad && g.length() == numel() && g.dtype == dtype) {
            grad = new Tensor(g.data, g.fdata, shape, dtype, new int[1]);
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
            grad = g.dtype == dtype ? new Tensor(g.data != null ? g.data.clone() : null,
                    g.fdata != null ? g.fdata.clone() : null, shape, dtype, new int[1])
                    : create(g.doubles().clone(), shape, dtype, new int[1]);
        } else if (grad.gradFn != null || grad.requiresGrad) {
            try (var s = Autograd.noGrad()) {
                grad = grad.detach().add(g);
            }
        } else if (grad.fdata != null && g.fdata != null) {
            float[] a = grad.fdata;
            float[] b = g.fdata;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            grad.bumpVersion();
        } else if (grad.fdata != null) {
            float[] a = grad.fdata;
            double[] b = g.doubles();
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (a[i] + b[i]);
            }
            grad.bumpVersion();
        } else {
            double[] a = grad.data;
            double[] b = g.doubles();
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
