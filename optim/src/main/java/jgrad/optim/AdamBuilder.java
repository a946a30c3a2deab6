package jgrad.optim;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import jgrad.Tensor;

/**
 * Builds an {@link Adam} or an {@link AdamW}, like {@code torch.optim.Adam(params, lr=...,
 * betas=..., ...)}: {@code Adam.builder(params).lr(0.01).amsgrad(true).build()}. Settings are
 * the defaults of every parameter group; {@link #paramGroup} adds groups that override some of
 * them (by the names of {@link Adam#OPTION_NAMES}, e.g. {@code Map.of("lr", 0.01, "beta1", 0.5)}).
 * {@link #build()} throws an {@link IllegalArgumentException} naming the value for invalid
 * settings (negative or NaN lr, eps or weight decay, a beta outside [0, 1)).
 *
 * @param <O> the optimizer built: {@link Adam} or {@link AdamW}
 */
public final class AdamBuilder<O extends Optimizer> extends OptimizerBuilder<AdamBuilder<O>, O> {
    private final BiFunction<List<Tensor>, Map<String, Double>, O> factory;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private boolean amsgrad;

    AdamBuilder(List<Tensor> params, double weightDecay, BiFunction<List<Tensor>, Map<String, Double>, O> factory) {
        super(params, 1e-3, weightDecay);
        this.factory = factory;
    }

    @Override
    O make(List<Tensor> params, double lr, double weightDecay, boolean maximize) {
        return factory.apply(params, AdamBase.options(lr, beta1, beta2, eps, weightDecay, amsgrad, maximize));
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
}
