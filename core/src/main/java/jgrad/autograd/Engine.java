package jgrad.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/**
 * The reverse walk. Collects the nodes reachable from the output (iteratively, so a chain of
 * 100,000 ops cannot overflow the stack), runs them in reverse creation order, sums the
 * gradients that meet at a node, and adds the results into leaves' {@code grad}.
 *
 * <p>The engine, not each op, owns the gradient bookkeeping (PyTorch's {@code validate_outputs}):
 * after a node's rule returns, each gradient for an input that needs none is dropped, one of a
 * broadcast shape is reduced to its input's shape with {@code sumTo} (a recorded op when
 * {@code createGraph} is on, so double backward sees it), and one whose shape cannot be reduced
 * is an {@link IllegalStateException} naming the node. One pass reads as its steps: the mode the
 * rules run in ({@code createGraph} or no-grad), then per node: retain, capture, the rule (under
 * anomaly checks when on), validate, route each gradient onward (into a leaf, taking ownership
 * of a fresh array), release.
 */
public final class Engine {
    private static final java.util.concurrent.atomic.AtomicInteger EPOCH = new java.util.concurrent.atomic.AtomicInteger();

    private Engine() {}

    /**
     * Backpropagates from {@code root}. With {@code captureInputs} null the gradients are added
     * into the leaves' {@code grad}; otherwise they are returned for those tensors and no
     * {@code grad} is touched (the {@link Autograd#grad} mode).
     *
     * @param root the output
     * @param gradRoot its gradient, null for a one-element output
     * @param retainGraph keep saved tensors for another backward
     * @param createGraph record the backward ops themselves
     * @param captureInputs the tensors whose gradients to return, or null
     * @param op the name used in error messages
     * @return the captured gradients (null entries for unused inputs), or null
     */
    public static Tensor[] run(Tensor root, Tensor gradRoot, boolean retainGraph, boolean createGraph,
            Tensor[] captureInputs, String op) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException(op + ": the output (shape " + Shape.str(root.shape())
                    + ") does not require grad and has no gradFn; did you forget requiresGrad(true), or run the "
                    + "forward under Autograd.noGrad()?");
        }
        Tensor g0 = initialGrad(root, gradRoot, op);
        Capture capture = captureInputs == null ? null : new Capture(captureInputs);
        try (Autograd.Scope mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            if (root.gradFn() == null) { // a leaf: its gradient is the seed itself
                deliverToLeaf(root, g0, false, capture, createGraph);
            } else {
                walk(root, g0, retainGraph, createGraph, capture);
            }
        }
        return capture == null ? null : capture.result();
    }

    /** Runs every node reachable from {@code root}, latest first, passing gradients down. */
    private static void walk(Tensor root, Tensor g0, boolean retainGraph, boolean createGraph, Capture capture) {
        List<Node> nodes = reachable(root);
        nodes.sort(Comparator.comparingLong(Node::sequenceNumber).reversed());
        root.gradFn().pending = g0;
        boolean anomaly = Anomaly.enabled();
        try {
            for (Node node : nodes) {
                Tensor g = node.pending;
                node.pending = null;
                if (g == null) {
                    continue; // not on a path from the root with a gradient
                }
                retainIfAsked(node, g, createGraph);
                if (capture != null) {
                    capture.atNode(node, g);
                }
                Tensor[] grads = runRule(node, g, anomaly);
                route(node, grads, createGraph, capture);
                if (!retainGraph) {
                    node.release();
                }
            }
        } finally {
            for (Node node : nodes) {
                node.pending = null;
            }
        }
    }

    /** The node's rule; under anomaly detection, checked for non-finite gradients it returns. */
    private static Tensor[] runRule(Node node, Tensor g, boolean anomaly) {
        return anomaly ? Anomaly.applyChecked(node, g) : node.apply(g);
    }

    /** {@link Tensor#retainGrad()}: the node's output asked to keep its gradient. */
    private static void retainIfAsked(Node node, Tensor g, boolean createGraph) {
        Tensor keep = node.retained();
        if (keep != null) {
            TensorInternals.accumulateGrad(keep, g, createGraph);
        }
    }

    /** Validates each input's gradient and sends it on: to the node that made the input, or into a leaf. */
    private static void route(Node node, Tensor[] grads, boolean createGraph, Capture capture) {
        Tensor[] ins = node.inputArray();
        if (grads == null || grads.length != ins.length) {
            throw new IllegalStateException(node.name() + " returned " + (grads == null ? "null" : grads.length
                    + " gradients") + " for its " + ins.length + " inputs; a backward rule returns one gradient "
                    + "(or null) per input");
        }
        for (int i = 0; i < ins.length; i++) {
            Tensor in = ins[i];
            Tensor gi = grads[i];
            if (gi == null || !node.needsInputGrad(i)) {
                continue;
            }
            boolean owned = node.ownsGradient(i);
            if (!Arrays.equals(gi.shapeArray(), in.shapeArray())) {
                gi = reduceToInput(node, i, gi, in.shapeArray());
                owned = true; // sumTo's result is a new array
            }
            if (gi.dtype() != in.dtype()) { // as PyTorch's validate_outputs: a gradient has its input's dtype
                gi = gi.to(in.dtype());
                owned = true;
            }
            Node next = in.gradFn();
            if (next != null) {
                next.pending = next.pending == null ? gi : next.pending.add(gi);
            } else {
                deliverToLeaf(in, gi, owned, capture, createGraph);
            }
        }
    }

    /**
     * Undoes a broadcast: sums {@code g} down to the input's shape, or explains a rule's wrong
     * shape.
     */
    private static Tensor reduceToInput(Node node, int i, Tensor g, int[] shape) {
        if (!Shape.broadcastsTo(shape, g.shapeArray())) {
            throw new IllegalStateException(node.name() + " returned a gradient of shape " + Shape.str(g.shapeArray())
                    + " for input " + i + " of shape " + Shape.str(shape) + "; a gradient must have its input's shape "
                    + "or one the input broadcasts to");
        }
        return g.sumTo(shape);
    }

    /**
     * Adds {@code g} into a leaf's {@code grad} ({@code owned}: the array is fresh and may become
     * the grad without a copy), or in capture mode into the captured gradient.
     */
    private static void deliverToLeaf(Tensor leaf, Tensor g, boolean owned, Capture capture, boolean createGraph) {
        if (capture != null) {
            capture.atLeaf(leaf, g);
        } else if (owned && !createGraph) {
            TensorInternals.accumulateOwnedGrad(leaf, g);
        } else {
            TensorInternals.accumulateGrad(leaf, g, createGraph);
        }
    }

    private static Tensor initialGrad(Tensor root, Tensor gradRoot, String op) {
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new IllegalStateException(op + ": grad can be implicitly created only for one-element "
                        + "outputs, but the output has shape " + Shape.str(root.shape())
                        + "; pass a gradient of that shape");
            }
            return Tensor.ones(root.dtype(), root.shape());
        }
        if (!java.util.Arrays.equals(gradRoot.shape(), root.shape())) {
            throw new IllegalArgumentException(op + ": the gradient has shape " + Shape.str(gradRoot.shape())
                    + " but the output has shape " + Shape.str(root.shape()));
        }
        return gradRoot.dtype() == root.dtype() ? gradRoot : gradRoot.to(root.dtype());
    }

    /** All nodes reachable from {@code root}'s gradFn, each once, in no particular order. */
    static List<Node> reachable(Tensor root) {
        List<Node> out = new ArrayList<>();
        Node start = root.gradFn();
        if (start == null) {
            return out;
        }
        int mark = EPOCH.incrementAndGet();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(start);
        start.mark = mark;
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            out.add(n);
            for (Tensor in : n.inputArray()) {
                Node next = in == null ? null : in.gradFn();
                if (next != null && next.mark != mark) {
                    next.mark = mark;
                    stack.push(next);
                }
            }
        }
        return out;
    }
}
