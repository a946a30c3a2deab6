package jgrad.autograd;

import java.util.concurrent.atomic.AtomicLong;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/**
 * Records ops on the tape. Every differentiable op calls {@link #record} once with its
 * freshly computed output: when grad mode is on and an input requires grad, the output gets a
 * {@link Node} holding the inputs, the saved tensors and the backward rule.
 */
public final class Tape {
    /** An empty tensor array, for ops that save nothing. */
    public static final Tensor[] NO_TENSORS = new Tensor[0];

    private static final AtomicLong SEQ = new AtomicLong();

    private Tape() {}

    /**
     * Whether an op on these inputs would be recorded (grad mode on and one requires grad).
     *
     * @param a the op's input
     * @return whether grad mode is on and {@code a} requires grad
     */
    public static boolean needed(Tensor a) {
        return a.requiresGrad() && Autograd.isGradEnabled();
    }

    /**
     * Whether an op on these inputs would be recorded (grad mode on and one requires grad).
     *
     * @param a the op's first input
     * @param b the op's second input
     * @return whether grad mode is on and {@code a} or {@code b} requires grad
     */
    public static boolean needed(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && Autograd.isGradEnabled();
    }

    /**
     * Whether an op on these inputs would be recorded (grad mode on and one requires grad).
     *
     * @param inputs the op's inputs (null entries are ignored)
     * @return whether grad mode is on and one of the inputs requires grad
     */
    public static boolean needed(Tensor... inputs) {
        if (!Autograd.isGradEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records {@code out} as the result of op {@code name} when needed and returns it.
     *
     * @param name the backward name, e.g. {@code "MulBackward"}
     * @param out the op's output, computed without autograd
     * @param inputs the op's tensor inputs, in order (the backward rule returns one gradient each)
     * @param saved the tensors the rule reads, checked against in-place modification
     * @param rule the backward rule
     * @return {@code out}
     */
    public static Tensor record(String name, Tensor out, Tensor[] inputs, Tensor[] saved, Node.Backward rule) {
        return record(name, out, inputs, saved, rule, null);
    }

    /**
     * Records {@code out} as {@link #record(String, Tensor, Tensor[], Tensor[], Node.Backward)}
     * does, with a rule that asks {@link Node#needsInputGrad(int)} before computing a gradient.
     *
     * @param name the backward name, e.g. {@code "MulBackward"}
     * @param out the op's output, computed without autograd
     * @param inputs the op's tensor inputs, in order (the backward rule returns one gradient each)
     * @param saved the tensors the rule reads, checked against in-place modification
     * @param rule the backward rule
     * @return {@code out}
     */
    public static Tensor record(String name, Tensor out, Tensor[] inputs, Tensor[] saved,
            Node.SelectiveBackward rule) {
        return record(name, out, inputs, saved, null, rule);
    }

    private static Tensor record(String name, Tensor out, Tensor[] inputs, Tensor[] saved, Node.Backward rule,
            Node.SelectiveBackward selectiveRule) {
        ThreadState st = ThreadState.get();
        if (st.anomaly > 0) {
            Anomaly.checkForward(name, out, inputs);
        }
        if (st.noGrad > 0 || !out.dtype().isFloatingPoint()) {
            return out;
        }
        boolean any = false;
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (!any) {
            return out;
        }
        Node node = new Node(name, SEQ.incrementAndGet(), inputs, saved, out.shapeArray(), rule, selectiveRule);
        TensorInternals.attachGradFn(out, node);
        return out;
    }
}
