package jgrad.autograd;

import java.util.IdentityHashMap;
import java.util.Map;
import jgrad.Tensor;

/**
 * The {@link Autograd#grad} mode of a backward pass: the gradients of the listed tensors are
 * collected here instead of being added into any {@code grad}. A tensor made by an op is found
 * by its node (its gradient is the node's incoming one), a leaf by itself.
 */
final class Capture {
    private final Tensor[] inputs;
    private final Tensor[] captured;
    private final Map<Object, Integer> index = new IdentityHashMap<>();

    Capture(Tensor[] inputs) {
        this.inputs = inputs;
        this.captured = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            index.putIfAbsent(key(inputs[i]), i); // the first of repeated inputs
        }
    }

    private static Object key(Tensor t) {
        return t.gradFn() != null ? t.gradFn() : t;
    }

    /** Keeps {@code g}, the complete gradient of {@code node}'s output, if that output is listed. */
    void atNode(Node node, Tensor g) {
        Integer k = index.get(node);
        if (k != null) {
            captured[k] = g;
        }
    }

    /** Adds {@code g} to the gradient of {@code leaf} if it is listed (a leaf may be reached more than once). */
    void atLeaf(Tensor leaf, Tensor g) {
        Integer k = index.get(leaf);
        if (k != null) {
            captured[k] = captured[k] == null ? g : captured[k].add(g);
        }
    }

    /** One gradient per listed tensor (null where none reached it); repeated inputs get their first listing's, as in PyTorch. */
    Tensor[] result() {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = captured[index.get(key(inputs[i]))];
        }
        return out;
    }
}
