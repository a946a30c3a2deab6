package jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * AdamW (Adam with decoupled weight decay), like {@code torch.optim.AdamW}, with AMSGrad and
 * maximize.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor Adam ({@code t} counts this parameter's steps from 1):
 * <pre>
 * g = maximize ? -grad : grad
 * p = p * (1 - lr * weight_decay)                          (decoupled weight decay)
 * m = lerp(m, g, 1 - beta1)                                (m + (1 - beta1) * (g - m))
 * v = beta2 * v + (1 - beta2) * g * g
 * if amsgrad:  v_max = max(v_max, v), and v_max replaces v below
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p = p - lr / (1 - beta1^t) * m / denom
 * </pre>
 * State per parameter: {@code "step"} (0-D), {@code "exp_avg"}, {@code "exp_avg_sq"} and, with
 * AMSGrad, {@code "max_exp_avg_sq"}; allocated on the parameter's first step only.
 *
 * <p>Hyperparameters (per {@link ParamGroup}), with PyTorch's defaults: {@code "lr"} (1e-3),
 * {@code "beta1"} (0.9), {@code "beta2"} (0.999) (PyTorch's {@code betas}), {@code "eps"}
 * (1e-8), {@code "weight_decay"} (1e-2), {@code "amsgrad"} (0), {@code "maximize"} (0). The update
 * is {@link Adam}'s except for how weight decay enters.
 */
public final class AdamW extends Optimizer {
    /** AdamW's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES = AdamCore.OPTION_NAMES;

    /**
     * AdamW with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
     *
     * @param params the parameters: non-empty, FLOAT64 leaves that require grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public AdamW(List<Tensor> params) {
        this(params, AdamCore.options(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false));
    }

    /**
     * AdamW with the given learning rate and PyTorch's other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public AdamW(List<Tensor> params, double lr) {
        this(params, AdamCore.options(lr, 0.9, 0.999, 1e-8, 1e-2, false, false));
    }

    private AdamW(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults);
    }

    /**
     * A builder for AdamW with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static Builder builder(List<Tensor> params) {
        return new Builder(params);
    }

    /**
     * PyTorch's checks: lr, eps and weight_decay at least 0, each beta in [0, 1), flags 0 or 1.
     */
    @Override
    protected void validateOptions(Map<String, Double> options) {
        AdamCore.validate(options);
    }

    /** {@code "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}, {@code "max_exp_avg_sq"}. */
    @Override
    protected List<String> stateNames() {
        return AdamCore.STATE_NAMES;
    }

    /** All but {@code "max_exp_avg_sq"}, which is required with AMSGrad only. */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return AdamCore.required(options);
    }

    /** {@code "step"} is a 0-D scalar. */
    @Override
    protected boolean isScalarState(String name) {
        return AdamCore.STEP.equals(name);
    }

    /** One AdamW update of every parameter that has a gradient (see the class comment). */
    @Override
    public void step() {
        AdamCore.step(this, true);
    }

    /**
     * Builds an {@link AdamW}, like {@code torch.optim.AdamW(params, lr=..., betas=..., ...)}.
     * Settings are the defaults of every parameter group; {@link #paramGroup} adds groups
     * that override some of them.
     */
    public static final class Builder {
        private final List<Tensor> params;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;
        private boolean amsgrad;
        private boolean maximize;
        private final List<List<Tensor>> extraParams = new ArrayList<>();
        private final List<Map<String, Double>> extraOptions = new ArrayList<>();

        private Builder(List<Tensor> params) {
            this.params = params;
        }

        /**
         * The learning rate (default 1e-3).
         *
         * @param lr at least 0
         * @return this builder
         */
        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        /**
         * The decay rates of the moment estimates (default 0.9, 0.999), PyTorch's {@code betas}.
         *
         * @param beta1 in [0, 1)
         * @param beta2 in [0, 1)
         * @return this builder
         */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
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
         * Decoupled weight decay (default 1e-2): each step first multiplies the parameter by
         * {@code 1 - lr * weightDecay}.
         *
         * @param weightDecay at least 0
         * @return this builder
         */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * The AMSGrad variant (default false): the denominator uses the running maximum of the
         * second moment.
         *
         * @param amsgrad whether to use it
         * @return this builder
         */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /**
         * Maximize the objective instead of minimizing it (default false).
         *
         * @param maximize whether to ascend the gradient
         * @return this builder
         */
        public Builder maximize(boolean maximize) {
            this.maximize = maximize;
            return this;
        }

        /**
         * Adds a parameter group with some hyperparameters overridden, e.g.
         * {@code paramGroup(head, Map.of("lr", 0.01, "beta1", 0.5))}.
         *
         * @param params the group's parameters
         * @param overrides hyperparameters by name ({@link AdamW#OPTION_NAMES}); the rest take
         *     this builder's settings
         * @return this builder
         */
        public Builder paramGroup(List<Tensor> params, Map<String, Double> overrides) {
            extraParams.add(params);
            extraOptions.add(overrides);
            return this;
        }

        /**
         * Makes the optimizer.
         *
         * @return a new AdamW
         * @throws IllegalArgumentException for invalid settings or parameters; the message names
         *     the value
         */
        public AdamW build() {
            AdamW adam = new AdamW(params, AdamCore.options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize));
            for (int i = 0; i < extraParams.size(); i++) {
                adam.addParamGroup(extraParams.get(i), extraOptions.get(i));
            }
            return adam;
        }
    }
}
