package jgrad.optim;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import jgrad.Tensor;

/**
 * Builds an {@link Adam} or an {@link AdamW}, like {@code torch.optim.Adam(params, lr=...,
 * betas=..., ...)}: {@code Adam.builder(params).lr(0.01).amsgrad(true).build()}. Settings are
 * the defaults of every parameter group; {@link #paramGroup} adds groups that override some of
 * them.
 *
 * @param <O> the optimizer built: {@link Adam} or {@link AdamW}
 */
public final class AdamBuilder<O extends Optimizer> {
    private final List<Tensor> params;
    private final BiFunction<List<Tensor>, Map<String, Double>, O> make;
    private double lr = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;
    private boolean maximize;
    private final ExtraGroups extraGroups = new ExtraGroups();

    AdamBuilder(List<Tensor> params, double weightDecay, BiFunction<List<Tensor>, Map<String, Double>, O> make) {
        this.params = params;
        this.weightDecay = weightDecay;
        this.make = make;
    }

    /**
     * The learning rate (default 1e-3).
     *
     * @param lr at least 0
     * @return this builder
     */
    public AdamBuilder<O> lr(double lr) {
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
    public AdamBuilder<O> betas(double beta1, double beta2) {
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
    public AdamBuilder<O> eps(double eps) {
        this.eps = eps;
        return this;
    }

    /**
     * Weight decay: for {@link Adam} an L2 penalty added to the gradient (default 0); for
     * {@link AdamW} decoupled, each step first multiplying the parameter by
     * {@code 1 - lr * weightDecay} (default 1e-2).
     *
     * @param weightDecay at least 0
     * @return this builder
     */
    public AdamBuilder<O> weightDecay(double weightDecay) {
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
    public AdamBuilder<O> amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    /**
     * Maximize the objective instead of minimizing it (default false).
     *
     * @param maximize whether to ascend the gradient
     * @return this builder
     */
    public AdamBuilder<O> maximize(boolean maximize) {
        this.maximize = maximize;
        return this;
    }

    /**
     * Adds a parameter group with some hyperparameters overridden, e.g.
     * {@code paramGroup(head, Map.of("lr", 0.01, "beta1", 0.5))}.
     *
     * @param params the group's parameters
     * @param overrides hyperparameters by name ({@link Adam#OPTION_NAMES}); the rest take this
     *     builder's settings
     * @return this builder
     */
    public AdamBuilder<O> paramGroup(List<Tensor> params, Map<String, Double> overrides) {
        extraGroups.add(params, overrides);
        return this;
    }

    /**
     * Makes the optimizer.
     *
     * @return the new optimizer
     * @throws IllegalArgumentException for invalid settings or parameters; the message names
     *     the value
     */
    public O build() {
        return extraGroups.addTo(make.apply(params, AdamBase.options(lr, beta1, beta2, eps, weightDecay, amsgrad,
                maximize)));
    }
}
