package jgrad.optim;

import static jgrad.optim.Options.flag;
import static jgrad.optim.Options.named;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum, weight
 * decay and maximization, like {@code torch.optim.SGD}.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor SGD:
 * <pre>
 * g = maximize ? -grad : grad
 * if weight_decay != 0:  g = g + weight_decay * p
 * if momentum != 0:
 *     buf = first step ? g : momentum * buf + (1 - dampening) * g
 *     g = nesterov ? g + momentum * buf : buf
 * p = p - lr * g
 * </pre>
 * The update runs in place on the parameter's storage and bumps its version; the momentum
 * buffer (state {@code "momentum_buffer"}) is the only allocation, on a parameter's first step.
 *
 * <p>Hyperparameters (per {@link ParamGroup}): {@code "lr"} (default 1e-3, as in current
 * PyTorch), {@code "momentum"} (0), {@code "dampening"} (0), {@code "weight_decay"} (0),
 * {@code "nesterov"} (0), {@code "maximize"} (0).
 */
public final class SGD extends Optimizer {
    /** SGD's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES =
            List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize");

    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final List<String> NON_NEGATIVE = List.of("lr", "momentum", "weight_decay");
    private static final List<String> FLAGS = List.of("nesterov", "maximize");

    /**
     * Plain SGD: {@code p -= lr * grad}.
     *
     * @param params the parameters: non-empty, FLOAT64 leaves that require grad, no duplicates
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public SGD(List<Tensor> params, double lr) {
        this(params, options(lr, 0, 0, 0, false, false));
    }

    private SGD(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults);
    }

    /**
     * A builder for SGD with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static LinkedHashMap<String, Double> options(double lr, double momentum, double dampening,
            double weightDecay, boolean nesterov, boolean maximize) {
        return named(OPTION_NAMES, lr, momentum, dampening, weightDecay, flag(nesterov), flag(maximize));
    }

    /**
     * PyTorch's checks: lr, momentum and weight_decay at least 0; Nesterov needs a positive
     * momentum and zero dampening; flags 0 or 1.
     */
    @Override
    protected void validateOptions(Map<String, Double> o) {
        Options.check(o, NON_NEGATIVE, FLAGS);
        double momentum = o.get("momentum");
        double dampening = o.get("dampening");
        if (o.get("nesterov") != 0.0 && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening, got momentum="
                    + momentum + " and dampening=" + dampening);
        }
    }

    /** SGD keeps {@code "momentum_buffer"} for each parameter when momentum is on. */
    @Override
    protected List<String> stateNames() {
        return List.of(MOMENTUM_BUFFER);
    }

    /** A parameter with state has its momentum buffer. */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return List.of(MOMENTUM_BUFFER);
    }

    /** One parameter's update: the common cases through {@link SGDKernel}, the rest through {@link #rule}. */
    @Override
    protected void update(ParamGroup group, Tensor p, Tensor grad) {
        double lr = group.get("lr");
        double momentum = group.get("momentum");
        double dampening = group.get("dampening");
        double weightDecay = group.get("weight_decay");
        boolean nesterov = group.flag("nesterov");
        boolean maximize = group.flag("maximize");
        if (p.dtype() == DType.FLOAT32 && grad.dtype() == DType.FLOAT32
                && SGDKernel.tryFastFloat(p.floatStorage(), grad.floatStorage(), lr, momentum, weightDecay, maximize)) {
            return;
        }
        // FLOAT64, and FLOAT32 with momentum or decay: computed on doubles, stored back rounded
        double[] x = p.doubles();
        double[] g = grad.doubles();
        Tensor bufT = null;
        double[] buf = null;
        boolean first = false;
        if (momentum != 0) {
            Map<String, Tensor> st = mutableState(p);
            bufT = st.get(MOMENTUM_BUFFER);
            first = bufT == null;
            if (first) {
                bufT = Tensor.zeros(p.dtype(), p.shape());
                st.put(MOMENTUM_BUFFER, bufT);
            }
            buf = bufT.doubles();
        }
        if (!SGDKernel.tryFast(x, g, buf, first, lr, momentum, dampening, weightDecay, nesterov, maximize)) {
            rule(x, g, buf, first, lr, momentum, dampening, weightDecay, nesterov, maximize);
        }
        Updates.store(p, x);
        if (bufT != null) {
            Updates.store(bufT, buf);
        }
    }

    /**
     * The update rule of the class comment, element by element, in place: the readable
     * reference that {@link SGDKernel}'s fast loops must match bit for bit.
     *
     * @param x the parameter's values, updated
     * @param grad the gradient
     * @param buf the momentum buffer, updated (ignored, may be null, when {@code momentum} is 0)
     * @param first whether this is the parameter's first momentum step (the buffer starts as g)
     * @param lr the learning rate
     * @param momentum the momentum factor
     * @param dampening the dampening
     * @param weightDecay the L2 penalty
     * @param nesterov Nesterov momentum
     * @param maximize ascend instead of descend
     */
    static void rule(double[] x, double[] grad, double[] buf, boolean first, double lr, double momentum,
            double dampening, double weightDecay, boolean nesterov, boolean maximize) {
        for (int i = 0; i < x.length; i++) {
            double g = maximize ? -grad[i] : grad[i];
            if (weightDecay != 0) {
                g = g + weightDecay * x[i];
            }
            if (momentum != 0) {
                double b = first ? g : buf[i] * momentum + (1 - dampening) * g;
                buf[i] = b;
                g = nesterov ? g + momentum * b : b;
            }
            x[i] = x[i] + -lr * g;
        }
    }

    /**
     * Builds an {@link SGD}, like {@code torch.optim.SGD(params, lr=..., momentum=..., ...)}.
     * Settings are the defaults of every parameter group; {@link #paramGroup} adds groups
     * that override some of them. {@link #build()} throws an {@link IllegalArgumentException}
     * naming the value for invalid settings (negative lr, momentum or weight decay; Nesterov
     * without momentum or with dampening) or parameters.
     */
    public static final class Builder extends OptimizerBuilder<Builder, SGD> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder(List<Tensor> params) {
            super(params, 1e-3, 0);
        }

        @Override
        SGD make(List<Tensor> params, double lr, double weightDecay, boolean maximize) {
            return new SGD(params, options(lr, momentum, dampening, weightDecay, nesterov, maximize));
        }

        /**
         * The momentum factor (default 0: no momentum).
         *
         * @param momentum at least 0
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Dampening of the momentum (default 0): the new gradient enters the buffer scaled by
         * {@code 1 - dampening}.
         *
         * @param dampening must be 0 with Nesterov momentum
         * @return this builder
         */
        public Builder dampening(double dampening) {
            this.dampening = dampening;
            return this;
        }

        /**
         * Nesterov momentum (default false); needs a positive momentum and zero dampening.
         *
         * @param nesterov whether to use it
         * @return this builder
         */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

    }
}
