package jgrad.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * One parameter group of an {@link Optimizer}: some parameters and their own hyperparameters,
 * like an entry of PyTorch's {@code optimizer.param_groups}.
 *
 * <p>Hyperparameters are named as in PyTorch ({@code "lr"}, {@code "momentum"},
 * {@code "weight_decay"}, ...) and stored as doubles; flags ({@code "nesterov"},
 * {@code "maximize"}, {@code "amsgrad"}, {@code "centered"}) are 0 or 1. Every change is
 * validated by the owning optimizer, so a group never holds an invalid setting.
 */
public final class ParamGroup {
    private final Optimizer owner;
    private final List<Tensor> params;
    private final LinkedHashMap<String, Double> options;
    private final Map<String, Double> optionsView;
    private double initialLr = Double.NaN;

    ParamGroup(Optimizer owner, List<Tensor> params, LinkedHashMap<String, Double> options) {
        this.owner = owner;
        this.params = List.copyOf(params);
        this.options = options;
        this.optionsView = Collections.unmodifiableMap(options);
    }

    /**
     * The parameters of this group, in order (unmodifiable).
     *
     * @return the parameters
     */
    public List<Tensor> params() {
        return params;
    }

    /**
     * The hyperparameters by name, in the optimizer's order (an unmodifiable view).
     *
     * @return the hyperparameters
     */
    public Map<String, Double> options() {
        return optionsView;
    }

    /**
     * One hyperparameter.
     *
     * @param name a hyperparameter of this optimizer, e.g. {@code "lr"}
     * @return its value (flags: 0 or 1)
     * @throws IllegalArgumentException if the optimizer has no such hyperparameter
     */
    public double get(String name) {
        Double v = options.get(name);
        if (v == null) {
            throw unknown(name);
        }
        return v;
    }

    /**
     * A flag hyperparameter such as {@code "nesterov"}.
     *
     * @param name the flag's name
     * @return whether it is on
     * @throws IllegalArgumentException if the optimizer has no such hyperparameter
     */
    public boolean flag(String name) {
        return get(name) != 0.0;
    }

    /**
     * Changes one hyperparameter, like assigning {@code param_groups[i][name]}.
     *
     * @param name a hyperparameter of this optimizer
     * @param value the new value (flags: 0 or 1)
     * @throws IllegalArgumentException if the name is unknown or the value is invalid (the
     *     message names the value); the group is then unchanged
     */
    public void set(String name, double value) {
        if (!options.containsKey(name)) {
            throw unknown(name);
        }
        LinkedHashMap<String, Double> next = new LinkedHashMap<>(options);
        next.put(name, value);
        owner.checkOptions(next);
        options.put(name, value);
    }

    /**
     * The learning rate of this group.
     *
     * @return the value of {@code "lr"}
     */
    public double lr() {
        return get("lr");
    }

    /**
     * Sets the learning rate of this group.
     *
     * @param lr the new learning rate, at least 0
     * @throws IllegalArgumentException if {@code lr} is negative or NaN
     */
    public void setLr(double lr) {
        set("lr", lr);
    }

    /**
     * Whether a scheduler has recorded this group's initial learning rate (PyTorch's
     * {@code initial_lr}, set by the first scheduler attached to the optimizer).
     *
     * @return whether an initial learning rate has been recorded
     */
    public boolean hasInitialLr() {
        return !Double.isNaN(initialLr);
    }

    /**
     * The initial learning rate recorded by a scheduler, or NaN if none has been.
     *
     * @return the initial learning rate, or NaN
     */
    public double initialLr() {
        return initialLr;
    }

    void setInitialLr(double value) {
        initialLr = value;
    }

    void replaceOptions(Map<String, Double> values) {
        options.putAll(values);
    }

    private IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException(owner.getClass().getSimpleName() + " has no hyperparameter '" + name
                + "'; its hyperparameters are " + options.keySet());
    }

    /** For example {@code ParamGroup{params=2, lr=0.1, momentum=0.9, ...}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParamGroup{params=").append(params.size());
        for (Map.Entry<String, Double> e : options.entrySet()) {
            sb.append(", ").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append('}').toString();
    }
}
