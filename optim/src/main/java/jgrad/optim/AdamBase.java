package jgrad.optim;

import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * What {@link Adam} and {@link AdamW} share: hyperparameter checks, state names and the update
 * ({@link AdamCore#step}); they differ only in how weight decay enters.
 */
abstract class AdamBase extends Optimizer {
    private final boolean decoupled;

    AdamBase(List<Tensor> params, Map<String, Double> defaults, boolean decoupled) {
        super(params, defaults);
        this.decoupled = decoupled;
    }

    /**
     * PyTorch's checks: lr, eps and weight_decay at least 0, each beta in [0, 1), flags 0 or 1.
     *
     * @param options the hyperparameters to check
     */
    @Override
    protected void validateOptions(Map<String, Double> options) {
        AdamCore.validate(options);
    }

    /**
     * {@code "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}, {@code "max_exp_avg_sq"}.
     *
     * @return the state names
     */
    @Override
    protected List<String> stateNames() {
        return AdamCore.STATE_NAMES;
    }

    /**
     * All but {@code "max_exp_avg_sq"}, which is required with AMSGrad only.
     *
     * @param options the group's hyperparameters
     * @return the state names a saved state must have
     */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return AdamCore.required(options);
    }

    /**
     * {@code "step"} is a 0-D scalar.
     *
     * @param name a state name
     * @return whether it is stored as a 0-D tensor
     */
    @Override
    protected boolean isScalarState(String name) {
        return AdamCore.STEP.equals(name);
    }

    /** One update of every parameter that has a gradient (see the class comments). */
    @Override
    public void step() {
        AdamCore.step(this, decoupled);
    }
}
