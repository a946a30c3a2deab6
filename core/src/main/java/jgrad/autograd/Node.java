package jgrad.autograd;

import java.util.Arrays;
import java.util.List;
import jgrad.Internal;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * One recorded op on the tape: its inputs, the tensors it saved for backward, its backward
 * rule and its creation sequence number. {@link Tensor#gradFn()} returns the node that made a
 * tensor; {@code backward()} runs the nodes reachable from the output in reverse sequence
 * order.
 *
 * <p>Users meet nodes when printing the tape ({@link Autograd#tape(Tensor)}) or drawing the
 * graph ({@link Graphviz}); ops create them through {@link Tape#record}.
 */
public final class Node {
    /** A backward rule: the gradient of the output in, one gradient per input out. */
    @FunctionalInterface
    public interface Backward {
        /**
         * Computes the input gradients. Entries may be {@code null} for inputs that need no
         * gradient. The rule must be written with differentiable Tensor ops so that
         * {@code createGraph} can differentiate it again.
         *
         * @param gradOutput the gradient of the loss with respect to this node's output
         * @return one gradient per input, each shaped like its input, or null
         */
        Tensor[] apply(Tensor gradOutput);
    }

    private static final int[] NO_VERSIONS = new int[0];

    private final String name;
    private final long seq;
    private final Tensor[] inputs;
    private final Tensor[] saved;
    private final int[] savedVersions;
    private final int[] outputShape;
    private Backward rule;
    private Tensor retained;
    /** Bit i: the rule's gradient for input i is a fresh array that nothing else references. */
    private int ownedGradients;
    // Scratch for the engine while one backward pass runs (one thread owns a graph).
    Tensor pending;
    int mark;

    Node(String name, long seq, Tensor[] inputs, Tensor[] saved, int[] outputShape, Backward rule) {
        this.name = name;
        this.seq = seq;
        this.inputs = inputs;
        this.saved = saved;
        this.savedVersions = saved.length == 0 ? NO_VERSIONS : new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
        }
        this.outputShape = outputShape;
        this.rule = rule;
    }

    /**
     * The op's backward name, e.g. {@code AddBackward}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Creation sequence number: later ops have larger numbers.
     *
     * @return the sequence number
     */
    public long sequenceNumber() {
        return seq;
    }

    /**
     * The op's inputs, in argument order.
     *
     * @return an unmodifiable list of the inputs
     */
    public List<Tensor> inputs() {
        return List.of(inputs);
    }

    /**
     * The shape of the tensor this op produced.
     *
     * @return a copy of the output's shape
     */
    public int[] outputShape() {
        return outputShape.clone();
    }

    /**
     * Whether the saved tensors were freed by a backward without retainGraph.
     *
     * @return whether the saved tensors have been freed
     */
    public boolean isFreed() {
        return rule == null;
    }

    Tensor[] inputArray() {
        return inputs;
    }

    /**
     * Internal (ops): not part of jgrad's API; may change. Declares that the backward rule returns, for each listed input, a gradient
     * in a newly allocated array that nothing else references (a matrix product's result), so
     * that backward may make it a leaf's {@code grad} without copying it. Never declare it for a
     * gradient that may be the incoming one, a view of it, or returned for two inputs.
     *
     * @param inputIndexes the inputs, each {@code 0 <= i < 31}
     */
    @Internal
    public void ownsGradients(int... inputIndexes) {
        for (int i : inputIndexes) {
            if (i < 0 || i >= Math.min(31, inputs.length)) {
                throw new IllegalArgumentException("ownsGradients: input " + i + " of " + name + " out of range");
            }
            ownedGradients |= 1 << i;
        }
    }

    boolean ownsGradient(int i) {
        return i < 31 && (ownedGradients >>> i & 1) != 0;
    }

    /**
     * Internal ({@link Tensor#retainGrad()}): not part of jgrad's API; may change. Backward stores this node's output gradient in {@code t}.
     *
     * @param t the tensor that receives the gradient (this node's output)
     */
    @Internal
    public void retain(Tensor t) {
        retained = t;
    }

    /**
     * Internal: not part of jgrad's API; may change. Whether {@link Tensor#retainGrad()} asked this node to keep {@code t}'s gradient.
     *
     * @param t the output tensor
     * @return whether backward will store the gradient in {@code t}
     */
    @Internal
    public boolean retains(Tensor t) {
        return retained == t;
    }

    Tensor retained() {
        return retained;
    }

    Tensor[] apply(Tensor grad) {
        if (rule == null) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or to "
                    + "access saved tensors after they have been freed): " + name + "'s saved tensors were "
                    + "freed by the previous backward. Pass retainGraph=true to backward(gradient, true) or "
                    + "Autograd.grad the first time if you need to backward through the graph a second time.");
        }
        for (int i = 0; i < saved.length; i++) {
            int now = saved[i].version();
            if (now != savedVersions[i]) {
                throw new IllegalStateException("one of the tensors needed for gradient computation has been "
                        + "modified by an in-place operation: the tensor of shape " + Shape.str(saved[i].shape())
                        + " saved by " + name + " is at version " + now + "; expected version "
                        + savedVersions[i] + " instead.");
            }
        }
        return rule.apply(grad);
    }

    /**
     * Frees the saved tensors after a backward without retainGraph. A node that saved nothing
     * keeps its rule, so (as in PyTorch) a second backward fails only at a node that needs
     * freed tensors.
     */
    void release() {
        if (saved.length > 0) {
            rule = null;
            Arrays.fill(saved, null);
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
