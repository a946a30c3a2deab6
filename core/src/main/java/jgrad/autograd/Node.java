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
    /**
     * A backward rule: the gradient of the output in, one gradient per input out. The engine
     * owns the bookkeeping around it, as PyTorch's {@code validate_outputs} does: it drops the
     * gradients of inputs that need none, reduces a gradient of a broadcast shape to its input's
     * shape (a recorded {@code sumTo} under {@code createGraph}), and fails with the node's name
     * on a gradient whose shape cannot be reduced to its input's. So {@code add}'s rule is
     * {@code g -> new Tensor[] {g, g}}.
     */
    @FunctionalInterface
    public interface Backward {
        /**
         * Computes the input gradients. Entries may be {@code null} (no gradient). The rule must
         * be written with differentiable Tensor ops so that {@code createGraph} can differentiate
         * it again.
         *
         * @param gradOutput the gradient of the loss with respect to this node's output
         * @return one gradient per input, each of its input's shape or of a shape its input
         *     broadcasts to, or null
         */
        Tensor[] apply(Tensor gradOutput);
    }

    /**
     * A backward rule that asks which inputs need a gradient before computing one, like
     * PyTorch's {@code ctx.needs_input_grad}: for rules where each gradient costs work (a
     * product, a quotient, a matrix product). The engine treats its result as a {@link Backward}'s.
     */
    @FunctionalInterface
    public interface SelectiveBackward {
        /**
         * Computes the input gradients, leaving null those {@code node} says are not needed.
         *
         * @param gradOutput the gradient of the loss with respect to this node's output
         * @param node the node being run: ask it {@link Node#needsInputGrad(int)}
         * @return one gradient per input (see {@link Backward#apply}), or null
         */
        Tensor[] apply(Tensor gradOutput, Node node);
    }

    private static final int[] NO_VERSIONS = new int[0];

    private final String name;
    private final long seq;
    private final Tensor[] inputs;
    private final Tensor[] saved;
    private final int[] savedVersions;
    private final int[] outputShape;
    private Backward rule;
    private SelectiveBackward selectiveRule;
    private Tensor retained;
    /** Bit i: the rule's gradient for input i is a fresh array that nothing else references. */
    private int ownedGradients;
    // Scratch for the engine while one backward pass runs (one thread owns a graph).
    Tensor pending;
    int mark;

    Node(String name, long seq, Tensor[] inputs, Tensor[] saved, int[] outputShape, Backward rule,
            SelectiveBackward selectiveRule) {
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
        this.selectiveRule = selectiveRule;
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
        return rule == null && selectiveRule == null;
    }

    /**
     * Whether backward needs a gradient for input {@code i} (it requires grad), like PyTorch's
     * {@code needs_input_grad}. The engine drops the gradients of other inputs, so a rule asks
     * only to skip work.
     *
     * @param i the input's index, {@code 0 <= i < inputs().size()}
     * @return whether input {@code i} is present and requires grad
     */
    public boolean needsInputGrad(int i) {
        Tensor in = inputs[i];
        return in != null && in.requiresGrad();
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
        if (isFreed()) {
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
        return rule != null ? rule.apply(grad) : selectiveRule.apply(grad, this);
    }

    /**
     * Frees the saved tensors after a backward without retainGraph. A node that saved nothing
     * keeps its rule, so (as in PyTorch) a second backward fails only at a node that needs
     * freed tensors.
     */
    void release() {
        if (saved.length > 0) {
            rule = null;
            selectiveRule = null;
            Arrays.fill(saved, null);
        }
    }

    @Override
    public String toString() {
        return "<" + name + ">";
    }
}
