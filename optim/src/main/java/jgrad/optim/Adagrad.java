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
 * Adagrad, like {@code torch.optim.Adagrad}, with learning-rate decay, weight decay and maximize
 * (dense gradients).
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor Adagrad ({@code t} counts this parameter's steps from 1):
 * <pre>
 * g = maximize ? -grad : grad
 * if weight_decay != 0:  g = g + weight_decay * p
 * clr = lr / (1 + (t - 1) * lr_decay)
 * sum = sum + g * g
 * p = p - clr * g / (sqrt(sum) + eps)
 * </pre>
 * State per parameter: {@code "step"} (0-D) and {@code "sum"}, which starts filled with
 * {@code initial_accumulator_value}. PyTorch creates this state for every parameter in the
 * constructor; here, as for the other optimizers, it is created on the parameter's first step
 * (with the group's {@code initial_accumulator_value} at that time), so a state dict has no entry
 * for a parameter that has not been updated yet.
 *
 * <p>Hyperparameters (per {@link ParamGroup}), with PyTorch's defaults: {@code "lr"} (1e-2),
 * {@code "lr_decay"} (0), {@code "weight_decay"} (0), {@code "initial_accumulator_value"} (0),
 * {@code "eps"} (1e-10), {@code "maximize"} (0).
 */
public final class Adagrad extends Optimizer {
    /** Adagrad's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES =
            List.of("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps", "maximize");

    private static final String STEP = "step";
    private static final String SUM = "sum";
    private static final List<String> STATE_NAMES = List.of(STEP, SUM);
    private static final List<String> NON_NEGATIVE =
            List.of("lr", "lr_decay", "weight_decay", "initial_accumulator_value", "eps");
    private static final List<String> FLAGS = List.of("maximize");

    /**
     * Adagrad with PyTorch's defaults: lr 1e-2, no decays, accumulators starting at 0, eps 1e-10.
     *
     * @param params the parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that require
     *     grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public Adagrad(List<Tensor> params) {
        this(params, options(1e-2, 0, 0, 0, 1e-10, false));
    }

    /**
     * Adagrad with the given learning rate and PyTorch's other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public Adagrad(List<Tensor> params, double lr) {
        this(params, options(lr, 0, 0, 0, 1e-10, false));
    }

    private Adagrad(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults);
    }

    /**
     * A builder for Adagrad with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    private static LinkedHashMap<String, Double> options(double lr, double lrDecay, double weightDecay,
            double initialAccumulatorValue, double eps, boolean maximize) {
        return named(OPTION_NAMES, lr, lrDecay, weightDecay, initialAccumulatorValue, eps, flag(maximize));
    }

    /**
     * PyTorch's checks, in its order, with its messages: lr, lr_decay, weight_decay,
     * initial_accumulator_value and eps at least 0 (NaN fails); maximize 0 or 1.
     */
    @Override
    protected void validateOptions(Map<String, Double> o) {
        Options.check(o, NON_NEGATIVE, FLAGS);
    }

    /** {@code "step"} and {@code "sum"}. */
    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /** Both {@code "step"} and {@code "sum"}. */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return STATE_NAMES;
    }

    /** One parameter's update (see the class comment). */
    @Override
    protected void update(ParamGroup group, Tensor p, Tensor grad) {
        double lr = group.get("lr");
        double lrDecay = group.get("lr_decay");
        double weightDecay = group.get("weight_decay");
        double eps = group.get("eps");
        boolean maximize = group.flag("maximize");
        Map<String, Tensor> st = mutableState(p);
        Tensor stepT = stateTensor(st, STEP, true, p, 0);
        // PyTorch fills "sum" with the constructor's value for every group (a group's own is unused)
        Tensor sumT = stateTensor(st, SUM, false, p, defaults().get("initial_accumulator_value"));
        double[] sum = sumT.doubles(); // FLOAT32: a copy, stored back rounded below
        double step = ++stepT.storage()[0];
        double negClr = -(lr / (1 + (step - 1) * lrDecay));
        double[] x = p.doubles();
        double[] gr = grad.doubles();
        for (int i = 0; i < x.length; i++) {
            double g = maximize ? -gr[i] : gr[i];
            if (weightDecay != 0) {
                g = g + weightDecay * x[i];
            }
            double s = sum[i] + g * g;
            sum[i] = s;
            x[i] = x[i] + negClr * g / (Math.sqrt(s) + eps);
        }
        store(p, x);
        store(sumT, sum);
    }

    /**
     * Builds an {@link Adagrad}, like {@code torch.optim.Adagrad(params, lr=..., lr_decay=...,
     * ...)}. Settings are the defaults of every parameter group; {@link #paramGroup} adds groups
     * that override some of them. {@link #build()} throws an {@link IllegalArgumentException}
     * naming the value for invalid settings (negative or NaN lr, lr_decay, weight_decay,
     * initial_accumulator_value or eps).
     */
    public static final class Builder extends OptimizerBuilder<Builder, Adagrad> {
        private double lrDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;

        private Builder(List<Tensor> params) {
            super(params, 1e-2, 0);
        }

        @Override
        Adagrad make(List<Tensor> params, double lr, double weightDecay, boolean maximize) {
            return new Adagrad(params, options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize));
        }

        /**
         * Learning-rate decay (default 0): step {@code t} uses {@code lr / (1 + (t - 1) * lrDecay)}.
         *
         * @param lrDecay at least 0
         * @return this builder
         */
        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        /**
         * The starting value of the sum of squared gradients (default 0).
         *
         * @param initialAccumulatorValue at least 0
         * @return this builder
         */
        public Builder initialAccumulatorValue(double initialAccumulatorValue) {
            this.initialAccumulatorValue = initialAccumulatorValue;
            return this;
        }

        /**
         * The term added to the denominator (default 1e-10).
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
