package jgrad.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Autograd's switches and functional entry points: {@link #noGrad()}, {@link #grad},
 * {@link #detectAnomaly()}, and the teaching views {@link #tape(Tensor)} and
 * {@link Graphviz#dot(Tensor)}.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * A scope opened by {@link #noGrad()} or {@link #detectAnomaly()}; closing it restores the
     * previous state. Use it with try-with-resources; {@code close()} throws nothing.
     */
    public static final class Scope implements AutoCloseable {
        private Runnable onClose;

        Scope(Runnable onClose) {
            this.onClose = onClose;
        }

        /** Leaves the scope; a second close does nothing. */
        @Override
        public void close() {
            if (onClose != null) {
                onClose.run();
                onClose = null;
            }
        }
    }

    /**
     * Disables recording on this thread until the returned scope is closed, like
     * {@code torch.no_grad()}. Scopes nest.
     *
     * @return the scope to close
     */
    public static Scope noGrad() {
        ThreadState st = ThreadState.get();
        st.noGrad++;
        return new Scope(() -> st.noGrad--);
    }

    /**
     * Re-enables recording inside a {@link #noGrad()} scope, like {@code torch.enable_grad()}.
     *
     * @return the scope to close
     */
    public static Scope enableGrad() {
        ThreadState st = ThreadState.get();
        int saved = st.noGrad;
        st.noGrad = 0;
        return new Scope(() -> st.noGrad = saved);
    }

    /**
     * Whether ops on this thread are recorded.
     *
     * @return whether ops on this thread are recorded
     */
    public static boolean isGradEnabled() {
        return ThreadState.get().noGrad == 0;
    }

    /**
     * Turns on anomaly detection on this thread until the scope is closed, like
     * {@code torch.autograd.detect_anomaly()}: the first op whose forward turns finite inputs into
     * NaN or infinity, or whose backward returns NaN or infinity, throws an
     * {@link ArithmeticException} naming the op.
     *
     * @return the scope to close
     */
    public static Scope detectAnomaly() {
        return Anomaly.enter();
    }

    /**
     * The gradients of {@code output} with respect to {@code inputs}, like
     * {@code torch.autograd.grad}; {@code .grad} of leaves is not touched.
     *
     * @param output the tensor to differentiate
     * @param inputs tensors that require grad, leaves or not
     * @param gradOutput the gradient of {@code output}; null for a one-element output
     * @param createGraph record the gradient computation itself so it can be differentiated again
     * @return one gradient per input
     * @throws IllegalArgumentException if an input does not require grad or was not used to
     *     compute {@code output}
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph) {
        return grad(output, inputs, gradOutput, createGraph, createGraph, false);
    }

    /**
     * {@link #grad(Tensor, List, Tensor, boolean)} with PyTorch's {@code retain_graph} and
     * {@code allow_unused}: an unused input gets a null gradient instead of an error.
     *
     * @param output the tensor to differentiate
     * @param inputs tensors that require grad
     * @param gradOutput the gradient of {@code output}; null for a one-element output
     * @param createGraph record the gradient computation itself
     * @param retainGraph keep the saved tensors so the graph can be walked again
     * @param allowUnused return null for inputs the output does not depend on
     * @return one gradient per input (null for unused ones when allowed)
     */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, Tensor gradOutput, boolean createGraph,
            boolean retainGraph, boolean allowUnused) {
        Tensor[] in = inputs.toArray(new Tensor[0]);
        for (int i = 0; i < in.length; i++) {
            if (!in[i].requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: input " + i + " (shape "
                        + Shape.str(in[i].shape()) + ") does not require grad");
            }
        }
        Tensor[] out = Engine.run(output, gradOutput, retainGraph, createGraph, in, "Autograd.grad");
        List<Tensor> result = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null && !allowUnused) {
                throw new IllegalArgumentException("Autograd.grad: input " + i + " (shape "
                        + Shape.str(in[i].shape()) + ") was not used to compute the output; pass allowUnused=true "
                        + "to get null for it");
            }
            result.add(out[i]);
        }
        return Collections.unmodifiableList(result);
    }

    /**
     * The ops recorded for {@code output}, in the order backward would run them reversed (that
     * is, creation order), one line each with inputs and output shape, e.g.
     * {@code "#3 MmBackward([4, 2], [10, 2]) -> [4, 10]"}. A teaching aid.
     *
     * @param output the tensor whose history to list
     * @return one line per recorded op, oldest first; empty for a leaf
     */
    public static List<String> tape(Tensor output) {
        List<Node> nodes = Engine.reachable(output);
        nodes.sort(Comparator.comparingLong(Node::sequenceNumber));
        List<String> lines = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            StringBuilder sb = new StringBuilder();
            sb.append('#').append(n.sequenceNumber()).append(' ').append(n.name()).append('(');
            Tensor[] ins = n.inputArray();
            for (int i = 0; i < ins.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                Tensor t = ins[i];
                sb.append(Shape.str(t.shape()));
                if (t.gradFn() != null) {
                    sb.append(" from #").append(t.gradFn().sequenceNumber());
                } else if (t.requiresGrad()) {
                    sb.append(" leaf");
                }
            }
            sb.append(") -> ").append(Shape.str(n.outputShape()));
            lines.add(sb.toString());
        }
        return lines;
    }
}
