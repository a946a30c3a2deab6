package jgrad.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The reverse walk. Collects the nodes reachable from the output (iteratively, so a chain of
 * 100,000 ops cannot overflow the stack), runs them in reverse creation order, sums the
 * gradients that meet at a node, and adds the results into leaves' {@code grad}.
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
        Tensor[] captured = captureInputs == null ? null : new Tensor[captureInputs.length];
        Map<Object, Integer> captureIndex = null;
        if (captureInputs != null) {
            captureIndex = new IdentityHashMap<>();
            for (int i = 0; i < captureInputs.length; i++) {
                Tensor t = captureInputs[i];
                captureIndex.putIfAbsent(t.gradFn() != null ? t.gradFn() : t, i); // first of repeated inputs
            }
        }
        try (Autograd.Scope mode = createGraph ? Autograd.enableGrad() : Autograd.noGrad()) {
            if (root.gradFn() == null) { // a leaf: its gradient is the seed itself
                deliverToLeaf(root, g0, captured, captureIndex, createGraph);
                return copyRepeated(captureInputs, captureIndex, captured);
            }
            List<Node> nodes = reachable(root);
            nodes.sort(Comparator.comparingLong(Node::sequenceNumber).reversed());
            root.gradFn().pending = g0;
            boolean anomaly = Anomaly.enabled();
            try {
                for (Node node : nodes) {
                    Tensor g = node.pending;
                    node.pending = null;
                    if (g == null) {
                        continue;
                    }
                    Tensor keep = node.retained();
                    if (keep != null) {
                        keep.accumulateGrad(g, createGraph);
                    }
                    if (captureIndex != null) {
                        Integer k = captureIndex.get(node);
                        if (k != null) {
                            captured[k] = g;
                        }
                    }
                    Tensor[] grads = anomaly ? Anomaly.applyChecked(node, g) : node.apply(g);
                    Tensor[] ins = node.inputArray();
                    for (int i = 0; i < ins.length; i++) {
                        Tensor in = ins[i];
                        Tensor gi = grads[i];
                        if (gi == null || in == null || !in.requiresGrad()) {
                            continue;
                        }
                        Node next = in.gradFn();
                        if (next != null) {
                            next.pending = next.pending == null ? gi : next.pending.add(gi);
                        } else if (captureIndex == null && !createGraph && node.ownsGradient(i)) {
                            in.accumulateOwnedGrad(gi); // a product's fresh array: no copy
                        } else {
                            deliverToLeaf(in, gi, captured, captureIndex, createGraph);
                        }
                    }
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
        return copyRepeated(captureInputs, captureIndex, captured);
    }

    /** An input listed twice gets the gradient captured for its first listing, as in PyTorch. */
    private static Tensor[] copyRepeated(Tensor[] inputs, Map<Object, Integer> captureIndex, Tensor[] captured) {
        if (captured != null) {
            for (int i = 0; i < inputs.length; i++) {
                Tensor t = inputs[i];
                captured[i] = captured[captureIndex.get(t.gradFn() != null ? t.gradFn() : t)];
            }
        }
        return captured;
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, Tensor[] captured, Map<Object, Integer> captureIndex,
            boolean createGraph) {
        if (captureIndex == null) {
            leaf.accumulateGrad(g, createGraph);
            return;
        }
        Integer k = captureIndex.get(leaf);
        if (k != null) {
            captured[k] = captured[k] == null ? g : captured[k].add(g);
        }
    }

    private static Tensor initialGrad(Tensor root, Tensor gradRoot, String op) {
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new IllegalStateException(op + ": grad can be implicitly created only for one-element "
                        + "outputs, but the output has shape " + Shape.str(root.shape())
                        + "; pass a gradient of that shape");
            }
            return Tensor.ones(root.shape());
        }
        if (!java.util.Arrays.equals(gradRoot.shape(), root.shape())) {
            throw new IllegalArgumentException(op + ": the gradient has shape " + Shape.str(gradRoot.shape())
                    + " but the output has shape " + Shape.str(root.shape()));
        }
        return gradRoot;
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
