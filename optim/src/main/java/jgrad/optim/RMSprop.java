package jgrad.optim;

import static jgrad.optim.Options.flag;
import static jgrad.optim.Options.named;
import static jgrad.optim.Updates.lerp;
import static jgrad.optim.Updates.stateTensor;
import static jgrad.optim.Updates.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * RMSprop, like {@code torch.optim.RMSprop}, with momentum, the centered variant, weight decay
 * and maximize.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor RMSprop:
 * <pre>
 * g = maximize ? -grad : grad
 * if weight_decay != 0:  g = g + weight_decay * p
 * v = alpha * v + (1 - alpha) * g * g                      (square_avg)
 * if centered:  m = lerp(m, g, 1 - alpha);  avg = sqrt(v - m * m) + eps     (grad_avg)
 * else:         avg = sqrt(v) + eps
 * if momentum > 0:  buf = momentum * buf + g / avg;  p = p - lr * buf
 * else:             p = p - lr * g / avg
 * </pre>
 * State per parameter: {@code "step"} (0-D, counting the parameter's updates),
 * {@code "square_avg"}, and {@code "momentum_buffer"} with momentum, {@code "grad_avg"} when
 * centered; allocated on the parameter's first step (a buffer also when the setting is switched on
 * later), zeros to start with.
 *
 * <p>Hyperparameters (per {@link ParamGroup}), with PyTorch's defaults: {@code "lr"} (1e-2),
 * {@code "alpha"} (0.99), {@code "eps"} (1e-8), {@code "weight_decay"} (0), {@code "momentum"}
 * (0), {@code "centered"} (0), {@code "maximize"} (0).
 */
public final class RMSprop extends Optimizer {
    /** RMSprop's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES =
            List.of("lr", "alpha", "eps", "weight_decay", "momentum", "centered", "maximize");

    private static final String STEP = "step";
    private static final String SQUARE_AVG = "square_avg";
    private static final String MOMENTUM_BUFFER = "momentum_buffer";
    private static final String GRAD_AVG = "grad_avg";
    private static final List<String> STATE_NAMES = List.of(STEP, SQUARE_AVG, MOMENTUM_BUFFER, GRAD_AVG);
    private static final List<String> NON_NEGATIVE = List.of("lr", "eps", "momentum", "weight_decay", "alpha");
    private static final List<String> FLAGS = List.of("centered", "maximize");

    /**
     * RMSprop with PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum.
     *
     * @param params the parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that require
     *     grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public RMSprop(List<Tensor> params) {
        this(params, options(1e-2, 0.99, 1e-8, 0, 0, false, false));
    }

    /**
     * RMSprop with the given learning rate and PyTorch's other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public RMSprop(List<Tensor> params, double lr) {
        this(params, options(lr, 0.99, 1e-8, 0, 0, false, false));
    }

    private RMSprop(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults);
    }

    /**
     * A builder for RMSprop with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static LinkedHashMap<String, Double> options(double lr, double alpha, double eps, double weightDecay,
            double momentum, boolean centered, boolean maximize) {
        return named(OPTION_NAMES, lr, alpha, eps, weightDecay, momentum, flag(centered), flag(maximize));
    }

    /**
     * PyTorch's checks, in its order, with its messages: lr, eps, momentum, weight_decay and alpha
     * at least 0 (NaN fails); flags 0 or 1.
     */
    @Override
    protected void validateOptions(Map<String, Double> o) {
        Options.check(o, NON_NEGATIVE, FLAGS);
    }

    /** {@code "step"}, {@code "square_avg"}, {@code "momentum_buffer"}, {@code "grad_avg"}. */
    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /** {@code "step"} and {@code "square_avg"}; the momentum buffer with momentum, {@code "grad_avg"} when centered. */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> o) {
        boolean momentum = o.get("momentum") > 0;
        boolean centered = o.get("centered") != 0.0;
        if (momentum && centered) {
            return STATE_NAMES;
        } else if (momentum) {
            return List.of(STEP, SQUARE_AVG, MOMENTUM_BUFFER);
        } else if (centered) {
            return List.of(STEP, SQUARE_AVG, GRAD_AVG);
        }
        return List.of(STEP, SQUARE_AVG);
    }

    /** One parameter's update (see the class comment). */
    @Override
    protected void update(ParamGroup group, Tensor p, Tensor grad) {
        double lr = group.get("lr");
        double alpha = group.get("alpha");
        double eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        double momentum = group.get("momentum");
        boolean centered = group.flag("centered");
        boolean maximize = group.flag("maximize");
        Map<String, Tensor> st = mutableState(p);
        Tensor stepT = stateTensor(st, STEP, true, p, 0);
        // FLOAT32 parameters: computed on double copies, stored back rounded (see Updates.store)
        Tensor vT = stateTensor(st, SQUARE_AVG, false, p, 0);
        Tensor bufT = momentum > 0 ? stateTensor(st, MOMENTUM_BUFFER, false, p, 0) : null;
        Tensor mT = centered ? stateTensor(st, GRAD_AVG, false, p, 0) : null;
        double[] v = vT.doubles();
        double[] buf = bufT != null ? bufT.doubles() : null;
        double[] m = mT != null ? mT.doubles() : null;
        stepT.storage()[0]++;
        double oneMinusAlpha = 1 - alpha;
        double negLr = -lr;
        double[] x = p.doubles();
        double[] gr = grad.doubles();
        for (int i = 0; i < x.length; i++) {
            double g = maximize ? -gr[i] : gr[i];
            if (weightDecay != 0) {
                g = g + weightDecay * x[i];
            }
            double vi = v[i] * alpha + oneMinusAlpha * g * g;
            v[i] = vi;
            double avg;
            if (centered) {
                double mi = lerp(m[i], g, oneMinusAlpha);
                m[i] = mi;
                avg = Math.sqrt(vi - mi * mi) + eps;
            } else {
                avg = Math.sqrt(vi) + eps;
            }
            if (buf != null) {
                double b = buf[i] * momentum + g / avg;
                buf[i] = b;
                x[i] = x[i] + negLr * b;
            } else {
                x[i] = x[i] + negLr * g / avg;
            }
        }
        store(p, x);
        store(vT, v);
        if (bufT != null) {
            store(bufT, buf);
        }
        if (mT != null) {
            store(mT, m);
        }
    }

    /**
     * Builds an {@link RMSprop}, like {@code torch.optim.RMSprop(params, lr=..., alpha=..., ...)}.
     * Settings are the defaults of every parameter group; {@link #paramGroup} adds groups that
     * override some of them. {@link #build()} throws an {@link IllegalArgumentException} naming
     * the value for invalid settings (negative or NaN lr, alpha, eps, momentum or weight decay).
     */
    public static final class Builder extends OptimizerBuilder<Builder, RMSprop> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;

        private Builder(List<Tensor> params) {
            super(params, 1e-2, 0);
        }

        @Override
        RMSprop make(List<Tensor> params, double lr, double weightDecay, boolean maximize) {
            return new RMSprop(params, options(lr, alpha, eps, weightDecay, momentum, centered, maximize));
        }

        /**
         * The smoothing constant of the running average of squared gradients (default 0.99).
         *
         * @param alpha at least 0
         * @return this builder
         */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /**
         * The term added to the denominator (default 1e-8).
         *
         * @param eps at least 0
         * @return this builder
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * The momentum factor (default 0: no momentum buffer).
         *
         * @param momentum at least 0
         * @return this builder
         */
        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * The centered variant (default false): the gradient is normalised by an estimate of its
         * variance (the running mean of squares minus the square of the running mean).
         *
         * @param centered whether to use it
         * @return this builder
         */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

    }
}
