package jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * What every optimizer's builder has: the learning rate, weight decay, maximize and extra
 * parameter groups, like the keyword arguments and the dict entries of a PyTorch optimizer's
 * constructor. Each optimizer's builder adds its own settings ({@code SGD.builder(params)
 * .lr(0.1).momentum(0.9).build()}); settings are the defaults of every parameter group, and
 * {@link #paramGroup} adds groups that override some of them.
 *
 * @param <B> the builder's own type, returned by each setter
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    private final List<Tensor> params;
    private double lr;
    private double weightDecay;
    private boolean maximize;
    private final List<List<Tensor>> groupParams = new ArrayList<>();
    private final List<Map<String, Double>> groupOverrides = new ArrayList<>();

    OptimizerBuilder(List<Tensor> params, double lr, double weightDecay) {
        this.params = params;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The learning rate (default: PyTorch's for this optimizer, 1e-3 for SGD, Adam and AdamW,
     * 1e-2 for RMSprop and Adagrad, 1.0 for Adadelta).
     *
     * @param lr at least 0
     * @return this builder
     */
    public B lr(double lr) {
        this.lr = lr;
        return self();
    }

    /**
     * Weight decay (default 0; AdamW 1e-2): an L2 penalty, {@code weightDecay * p} added to the
     * gradient; for {@link AdamW} decoupled, each step first multiplying the parameter by
     * {@code 1 - lr * weightDecay}.
     *
     * @param weightDecay at least 0
     * @return this builder
     */
    public B weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return self();
    }

    /**
     * Maximize the objective instead of minimizing it (default false).
     *
     * @param maximize whether to ascend the gradient
     * @return this builder
     */
    public B maximize(boolean maximize) {
        this.maximize = maximize;
        return self();
    }

    /**
     * Adds a parameter group with some hyperparameters overridden, like a dict in PyTorch's
     * params list: {@code paramGroup(head, Map.of("lr", 0.01))}.
     *
     * @param params the group's parameters
     * @param overrides hyperparameters by name (the optimizer's {@code OPTION_NAMES}); the rest
     *     take this builder's settings
     * @return this builder
     */
    public B paramGroup(List<Tensor> params, Map<String, Double> overrides) {
        groupParams.add(params);
        groupOverrides.add(overrides);
        return self();
    }

    /**
     * Makes the optimizer.
     *
     * @return the new optimizer
     * @throws IllegalArgumentException for invalid settings (e.g. a negative or NaN learning rate)
     *     or parameters; the message names the value
     */
    public O build() {
        O opt = make(params, lr, weightDecay, maximize);
        for (int i = 0; i < groupParams.size(); i++) {
            opt.addParamGroup(groupParams.get(i), groupOverrides.get(i));
        }
        return opt;
    }

    /**
     * Makes the optimizer with its first group, from these settings and the subclass's own.
     *
     * @param params the first group's parameters
     * @param lr the learning rate
     * @param weightDecay the weight decay
     * @param maximize maximize
     * @return the optimizer
     */
    abstract O make(List<Tensor> params, double lr, double weightDecay, boolean maximize);
}
