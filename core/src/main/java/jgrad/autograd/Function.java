package jgrad.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/**
 * A user-defined op with a hand-written backward, like {@code torch.autograd.Function}.
 *
 * <pre>{@code
 * class Cube extends Function {
 *     protected Tensor forward(Context ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0]);
 *         return in[0].pow(3);
 *     }
 *     protected Tensor[] backward(Context ctx, Tensor g) {
 *         Tensor x = ctx.savedTensors().get(0);
 *         return new Tensor[] {g.mul(x.pow(2).mul(3))};
 *     }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 *
 * <p>{@code forward} runs with recording off; {@code backward} runs with recording on only
 * when a higher-order gradient is being built, so a backward written with Tensor ops is
 * twice-differentiable. Check a new Function with {@link GradCheck#gradcheck}.
 */
public abstract class Function {
    /** For subclasses: a Function holds no state of its own. */
    protected Function() {}

    /** What forward hands to backward: saved tensors and any other values. */
    public static final class Context {
        private final boolean[] needsGrad;
        private final List<Tensor> saved = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();

        Context(Tensor[] inputs) {
            needsGrad = new boolean[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                needsGrad[i] = inputs[i] != null && inputs[i].requiresGrad();
            }
        }

        /**
         * Saves tensors for backward; modifying one in place before backward is an error.
         *
         * @param tensors the tensors backward will read, in the order {@link #savedTensors()} returns them
         */
        public void saveForBackward(Tensor... tensors) {
            saved.addAll(Arrays.asList(tensors));
        }

        /**
         * The tensors saved by forward, in order.
         *
         * @return an unmodifiable copy of the saved tensors
         */
        public List<Tensor> savedTensors() {
            return List.copyOf(saved);
        }

        /**
         * Stores a non-tensor value for backward.
         *
         * @param key the value's name
         * @param value the value
         */
        public void put(String key, Object value) {
            values.put(key, value);
        }

        /**
         * A value stored with {@link #put}.
         *
         * @param <T> the type the value is cast to (unchecked)
         * @param key the value's name
         * @return the value, or null if none was stored under {@code key}
         */
        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            return (T) values.get(key);
        }

        /**
         * Whether input {@code i} needs a gradient (backward may return null for it otherwise).
         *
         * @param i the input's position among the arguments of {@code apply}
         * @return whether that input requires grad
         */
        public boolean needsInputGrad(int i) {
            return needsGrad[i];
        }
    }

    /**
     * Computes the output from the inputs (recording is off here).
     *
     * @param ctx where to save what backward needs
     * @param inputs the op's inputs
     * @return the output
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * Computes one gradient per input from the output's gradient.
     *
     * @param ctx the context forward filled
     * @param gradOutput the gradient of the output
     * @return one gradient per input, or null where none is needed: each of its input's shape,
     *     or of a shape the input broadcasts to (backward sums it down, as PyTorch does)
     */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /**
     * The name shown on the tape: the class name followed by {@code Backward}.
     *
     * @return the op's name on the tape
     */
    protected String name() {
        String n = getClass().getSimpleName();
        return (n.isEmpty() ? "Function" : n) + "Backward";
    }

    /**
     * Runs the op and records it on the tape when an input requires grad.
     *
     * @param inputs the inputs
     * @return the output
     */
    public final Tensor apply(Tensor... inputs) {
        Context ctx = new Context(inputs);
        Tensor out;
        try (Autograd.Scope s = Autograd.noGrad()) {
            out = forward(ctx, inputs);
        }
        if (out == null) {
            throw new IllegalStateException(getClass().getName() + ".forward returned null");
        }
        for (Tensor in : inputs) {
            if (out == in || TensorInternals.sameStorage(out, in)) {
                out = out.copy(); // the output must be a tensor of its own
                break;
            }
        }
        // the engine checks what backward returns (one gradient per input, each of its input's
        // shape or reducible to it) as it does for every op
        return Tape.record(name(), out, inputs, ctx.saved.toArray(new Tensor[0]), g -> backward(ctx, g));
    }
}
