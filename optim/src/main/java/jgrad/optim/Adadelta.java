package jgrad.optim;

import static jgrad.optim.Options.flag;
import static jgrad.optim.Options.named;
import static jgrad.optim.Updates.stateTensor;
import static jgrad.optim.Updates.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * Adadelta, like {@code torch.optim.Adadelta}, with weight decay and maximize.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor Adadelta:
 * <pre>
 * g = maximize ? -grad : grad
 * if weight_decay != 0:  g = g + weight_decay * p
 * v = rho * v + (1 - rho) * g * g                         (square_avg)
 * delta = sqrt(u + eps) / sqrt(v + eps) * g
 * u = rho * u + (1 - rho) * delta * delta                 (acc_delta)
 * p = p - lr * delta
 * </pre>
 * State per parameter: {@code "step"} (0-D, counting the parameter's updates),
 * {@code "square_avg"} and {@code "acc_delta"}, allocated as zeros on the parameter's first step.
 *
 * <p>Hyperparameters (per {@link ParamGroup}), with PyTorch's defaults: {@code "lr"} (1.0),
 * {@code "rho"} (0.9), {@code "eps"} (1e-6), {@code "weight_decay"} (0), {@code "maximize"} (0).
 */
public final class Adadelta extends Optimizer {
    /** Adadelta's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES = List.of("lr", "rho", "eps", "weight_decay", "maximize");

    private static final String STEP = "step";
    private static final String SQUARE_AVG = "square_avg";
    private static final String ACC_DELTA = "acc_delta";
    private static final List<String> STATE_NAMES = List.of(STEP, SQUARE_AVG, ACC_DELTA);
    private static final List<String> NON_NEGATIVE_AFTER_RHO = List.of("eps", "weight_decay");
    private static final List<String> FLAGS = List.of("maximize");

    /**
     * Adadelta with PyTorch's defaults: lr 1.0, rho 0.9, eps 1e-6, no weight decay.
     *
     * @param params the parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that require
     *     grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public Adadelta(List<Tensor> params) {
        this(params, 1.0);
    }

    /**
     * Adadelta with the given learning rate (the factor applied to each delta) and PyTorch's
     * other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public Adadelta(List<Tensor> params, double lr) {
        this(params, options(lr, 0.9, 1e-6, 0, false));
    }

    private Adadelta(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults);
    }

    /**
     * A builder for Adadelta with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static LinkedHashMap<String, Double> options(double lr, double rho, double eps, double weightDecay,
            boolean maximize) {
        return named(OPTION_NAMES, lr, rho, eps, weightDecay, flag(maximize));
    }

    /**
     * PyTorch's checks, in its order, with its messages: lr at least 0, rho in [0, 1], eps and
     * weight_decay at least 0 (NaN fails each); maximize 0 or 1.
     */
    @Override
    protected void validateOptions(Map<String, Double> o) {
        checkNonNegative(o, "lr", "learning rate");
        double rho = o.get("rho");
        if (!(rho >= 0.0 && rho <= 1.0)) {
            throw new IllegalArgumentException("Invalid rho value: " + rho);
        }
        Options.check(o, NON_NEGATIVE_AFTER_RHO, FLAGS);
    }

    /** {@code "step"}, {@code "square_avg"} and {@code "acc_delta"}. */
    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /** All three: {@code "step"}, {@code "square_avg"} and {@code "acc_delta"}. */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return STATE_NAMES;
    }

    /** One parameter's update (see the class comment). */
    @Override
    protected void update(ParamGroup group, Tensor p, Tensor grad) {
        double lr = group.get("lr");
        double rho = group.get("rho");
        double eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        boolean maximize = group.flag("maximize");
        Map<String, Tensor> st = mutableState(p);
        Tensor stepT = stateTensor(st, STEP, true, p, 0);
        // FLOAT32 parameters: computed on double copies, stored back rounded (see Updates.store)
        Tensor vT = stateTensor(st, SQUARE_AVG, false, p, 0);
        Tensor uT = stateTensor(st, ACC_DELTA, false, p, 0);
        double[] v = vT.doubles();
        double[] u = uT.doubles();
        stepT.storage()[0]++;
        double oneMinusRho = 1 - rho;
        double negLr = -lr;
        double[] x = p.doubles();
        double[] gr = grad.doubles();
        for (int i = 0; i < x.length; i++) {
            double g = maximize ? -gr[i] : gr[i];
            if (weightDecay != 0) {
                g = g + weightDecay * x[i];
            }
            double vi = v[i] * rho + oneMinusRho * g * g;
            v[i] = vi;
            double delta = Math.sqrt(u[i] + eps) / Math.sqrt(vi + eps) * g;
            u[i] = u[i] * rho + oneMinusRho * delta * delta;
            x[i] = x[i] + negLr * delta;
        }
        store(p, x);
        store(vT, v);
        store(uT, u);
    }

    /**
     * Builds an {@link Adadelta}, like {@code torch.optim.Adadelta(params, lr=..., rho=...,
     * ...)}. Settings are the defaults of every parameter group; {@link #paramGroup} adds groups
     * that override some of them. {@link #build()} throws an {@link IllegalArgumentException}
     * naming the value for invalid settings (negative or NaN lr, eps or weight decay; rho outside
     * [0, 1]).
     */
    public static final class Builder extends OptimizerBuilder<Builder, Adadelta> {
        private double rho = 0.9;
        private double eps = 1e-6;

        private Builder(List<Tensor> params) {
            super(params, 1.0, 0);
        }

        @Override
        Adadelta make(List<Tensor> params, double lr, double weightDecay, boolean maximize) {
            return new Adadelta(params, options(lr, rho, eps, weightDecay, maximize));
        }

        /**
         * The coefficient of the running averages of squared gradients and squared deltas
         * (default 0.9).
         *
         * @param rho in [0, 1]
         * @return this builder
         */
        public Builder rho(double rho) {
            this.rho = rho;
            return this;
        }

        /**
         * The term added inside both square roots (default 1e-6).
         *
         * @param eps at least 0
         * @return this builder
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

    }
}
