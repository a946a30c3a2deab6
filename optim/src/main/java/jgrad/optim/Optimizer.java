package jgrad.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/**
 * Base class of all optimizers, like {@code torch.optim.Optimizer}.
 *
 * <p>An optimizer holds its parameters in {@link ParamGroup}s, each with its own
 * hyperparameters; the first group is made from the constructor's parameter list and the
 * optimizer's defaults, and {@link #addParamGroup} adds more. {@link #step()} updates every
 * parameter that has a gradient, in place, and skips parameters whose gradient is null;
 * {@link #zeroGrad()} clears the gradients. Per-parameter state (momentum buffers, moment
 * estimates, step counts) is created lazily on a parameter's first update and can be saved
 * with {@link #stateDict()} and restored with {@link #loadStateDict(Map)}.
 *
 * <p>Parameters must be floating (FLOAT32 or FLOAT64) leaves that require grad, and each may
 * appear only once; per-element state (momentum, running averages) has the parameter's dtype.
 */
public abstract class Optimizer {
    private final Map<String, Double> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final List<ParamGroup> groupsView = Collections.unmodifiableList(groups);
    private final IdentityHashMap<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();

    /**
     * Makes an optimizer with one parameter group.
     *
     * @param params the parameters of the first group
     * @param defaults every hyperparameter of this optimizer with its default value, in order;
     *     validated with {@link #validateOptions}
     * @throws IllegalArgumentException if the parameters or the defaults are invalid
     */
    protected Optimizer(List<Tensor> params, Map<String, Double> defaults) {
        LinkedHashMap<String, Double> d = new LinkedHashMap<>(defaults);
        checkOptions(d);
        this.defaults = Collections.unmodifiableMap(d);
        addParamGroup(params, Map.of());
    }

    /**
     * Updates every parameter that has a gradient, in place; parameters with a null grad are
     * skipped. By default {@link #updateEach()}: {@link #update} for each parameter with a
     * gradient.
     */
    public void step() {
        updateEach();
    }

    /**
     * Checks a full set of hyperparameters, throwing an {@link IllegalArgumentException} that
     * names the offending value. Called from the constructor, so it must not use instance state.
     *
     * @param options every hyperparameter of this optimizer by name
     */
    protected abstract void validateOptions(Map<String, Double> options);

    /**
     * {@link #validateOptions}, with the message naming this optimizer first, e.g.
     * {@code "SGD: Invalid learning rate: -0.1"} (PyTorch's text after the name).
     */
    final void checkOptions(Map<String, Double> options) {
        try {
            validateOptions(options);
        } catch (IllegalArgumentException e) {
            String who = getClass().getSimpleName();
            String msg = e.getMessage();
            if (msg != null && msg.startsWith(who)) {
                throw e;
            }
            throw new IllegalArgumentException(who + ": " + msg, e);
        }
    }

    /**
     * The names of all per-parameter state entries this optimizer may keep, in saving order.
     *
     * @return the state names
     */
    protected abstract List<String> stateNames();

    /**
     * The state entries a parameter with any state must have, given its group's hyperparameters
     * (used by {@link #loadStateDict} to find missing keys).
     *
     * @param options the hyperparameters of the parameter's group
     * @return a subset of {@link #stateNames()}
     */
    protected abstract List<String> requiredStateNames(Map<String, Double> options);

    /**
     * Whether a state entry is a 0-D scalar rather than a tensor shaped like its parameter.
     *
     * @param name one of {@link #stateNames()}
     * @return by default true for {@code "step"} (the step count of Adam, RMSprop, Adagrad) and
     *     false for every other name
     */
    protected boolean isScalarState(String name) {
        return "step".equals(name);
    }

    // ---------------------------------------------------------------- parameter groups

    /**
     * Adds a parameter group, like {@code add_param_group}. Hyperparameters not given take the
     * optimizer's defaults.
     *
     * @param params the group's parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that
     *     require grad, none already in this optimizer
     * @param options hyperparameters that differ from the defaults, by name (e.g. {@code "lr"})
     * @throws IllegalArgumentException naming the problem: an empty list, a null, INT64 or
     *     non-leaf parameter, one that does not require grad, a duplicate, an unknown
     *     hyperparameter name or an invalid value
     */
    public final void addParamGroup(List<Tensor> params, Map<String, Double> options) {
        String who = getClass().getSimpleName();
        ParamListCheck.check(who, params, groups);
        LinkedHashMap<String, Double> merged = Options.merge(who, defaults, options);
        checkOptions(merged);
        groups.add(new ParamGroup(this, params, merged));
    }

    /**
     * The parameter groups, in order (an unmodifiable view; the groups themselves are settable).
     *
     * @return the groups
     */
    public final List<ParamGroup> paramGroups() {
        return groupsView;
    }

    /**
     * The default hyperparameters, by name (unmodifiable).
     *
     * @return the defaults
     */
    public final Map<String, Double> defaults() {
        return defaults;
    }

    /**
     * All parameters of all groups, in order.
     *
     * @return a new list of the parameters
     */
    public final List<Tensor> params() {
        List<Tensor> out = new ArrayList<>();
        for (ParamGroup g : groups) {
            out.addAll(g.params());
        }
        return out;
    }

    /**
     * The learning rate of the first parameter group.
     *
     * @return the first group's {@code "lr"}
     */
    public double lr() {
        return groups.get(0).lr();
    }

    /**
     * Sets the learning rate of every parameter group.
     *
     * @param lr the new learning rate, at least 0
     * @throws IllegalArgumentException if {@code lr} is invalid; no group is then changed
     */
    public void setLr(double lr) {
        for (ParamGroup g : groups) {
            LinkedHashMap<String, Double> next = new LinkedHashMap<>(g.options());
            next.put("lr", lr);
            checkOptions(next);
        }
        for (ParamGroup g : groups) {
            g.setLr(lr);
        }
    }

    /**
     * Calls {@link #update} for every parameter that has a gradient, group by group in order, and
     * then bumps that parameter's version: the loop of an optimizer's {@link #step()}. Parameters
     * whose gradient is null are skipped, as in PyTorch.
     */
    protected final void updateEach() {
        for (int gi = 0; gi < groups.size(); gi++) { // indexed loops: a step must not allocate
            ParamGroup group = groups.get(gi);
            List<Tensor> params = group.params();
            for (int pi = 0; pi < params.size(); pi++) {
                Tensor p = params.get(pi);
                Tensor grad = p.grad();
                if (grad != null) {
                    update(group, p, grad);
                    TensorInternals.bumpVersion(p);
                }
            }
        }
    }

    /**
     * Updates one parameter in place from its gradient, with its group's hyperparameters: called
     * by {@link #updateEach()}. Subclasses that keep the default {@link #step()} override it.
     *
     * @param group the parameter's group
     * @param param the parameter
     * @param grad its gradient, not null
     * @throws UnsupportedOperationException if not overridden
     */
    protected void update(ParamGroup group, Tensor param, Tensor grad) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement update()");
    }

    // ---------------------------------------------------------------- gradients

    /** Sets every parameter's gradient to null, like PyTorch's {@code zero_grad()}. */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Clears the gradients, like {@code zero_grad(set_to_none)}.
     *
     * @param setToNone true: set each gradient to null (skipped by the next {@link #step()} unless
     *     a backward fills it); false: fill existing gradients with zeros (a gradient that is part
     *     of a graph is detached first)
     */
    public void zeroGrad(boolean setToNone) {
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> ps = groups.get(g).params();
            for (int i = 0; i < ps.size(); i++) {
                Tensor p = ps.get(i);
                Tensor grad = p.grad();
                if (grad == null) {
                    continue;
                }
                if (setToNone) {
                    p.setGrad(null);
                } else {
                    if (!grad.isLeaf() || grad.requiresGrad()) {
                        grad = grad.detach();
                        p.setGrad(grad);
                    }
                    grad.zero();
                }
            }
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * The optimizer state of one parameter, like {@code optimizer.state[p]}: e.g. SGD's
     * {@code "momentum_buffer"}, Adam's {@code "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}.
     * Empty before the parameter's first update.
     *
     * @param param one of this optimizer's parameters
     * @return an unmodifiable view of the live state tensors (do not modify them)
     */
    public final Map<String, Tensor> state(Tensor param) {
        Map<String, Tensor> s = state.get(param);
        return s == null ? Map.of() : Collections.unmodifiableMap(s);
    }

    /**
     * The mutable state map of a parameter, created empty on first use: for subclasses' {@link #step()}.
     *
     * @param param one of this optimizer's parameters
     * @return the live map
     */
    protected final Map<String, Tensor> mutableState(Tensor param) {
        Map<String, Tensor> s = state.get(param);
        if (s == null) {
            s = new HashMap<>();
            state.put(param, s);
        }
        return s;
    }

    /**
     * The optimizer's state as named tensors (copies), like PyTorch's {@code state_dict()}
     * flattened to one map. Parameters are numbered 0, 1, ... across the groups in order.
     * Keys, in order:
     * <ul>
     *   <li>{@code "state.<i>.<name>"}: the state of parameter {@code i} (parameters without
     *       state have no keys), e.g. {@code "state.0.momentum_buffer"}, {@code "state.1.step"}
     *       (scalars are 0-D);</li>
     *   <li>{@code "param_groups.<g>.<hyperparameter>"}: 0-D, e.g. {@code "param_groups.0.lr"}
     *       (flags as 0 or 1);</li>
     *   <li>{@code "param_groups.<g>.initial_lr"}: 0-D, only once a scheduler has set it;</li>
     *   <li>{@code "param_groups.<g>.params"}: the group's parameter numbers, 1-D INT64.</li>
     * </ul>
     * Per-element state has its parameter's dtype (FLOAT32 state for FLOAT32 parameters); all
     * other values are FLOAT64, whatever the default dtype.
     *
     * @return a new ordered map of new tensors
     */
    public Map<String, Tensor> stateDict() {
        return OptimizerStateDict.save(this, state);
    }

    /**
     * Restores state saved by {@link #stateDict()}, like PyTorch's {@code load_state_dict}: the
     * groups' hyperparameters are replaced by the saved ones and the per-parameter state by
     * copies of the saved tensors, converted to each parameter's dtype as PyTorch casts them (a
     * state saved from FLOAT32 parameters restores FLOAT32 state; steps stay FLOAT64). The
     * optimizer must have the same group structure (the same
     * number of groups with the same number of parameters); saved parameter numbers are mapped
     * onto this optimizer's parameters in order.
     *
     * <p>Validation is strict and happens before anything changes: keys that are missing
     * (a hyperparameter, a group's {@code params}, a state entry a parameter must have),
     * unexpected (unknown names, groups or parameters that do not exist) or mis-shaped (wrong
     * shape or dtype), and invalid hyperparameter values, are all reported together.
     *
     * @param stateDict a map as returned by {@link #stateDict()}
     * @throws IllegalArgumentException listing every missing, unexpected and mis-shaped key and
     *     every invalid value; the optimizer is then unchanged
     */
    public void loadStateDict(Map<String, Tensor> stateDict) {
        OptimizerStateDict.load(this, state, stateDict);
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /**
     * Checks that a flag hyperparameter is 0 or 1.
     *
     * @param options the hyperparameters
     * @param name the flag's name
     * @throws IllegalArgumentException naming the value otherwise
     */
    protected static void checkFlag(Map<String, Double> options, String name) {
        double v = options.get(name);
        if (v != 0.0 && v != 1.0) {
            throw new IllegalArgumentException("Invalid " + name + " value: " + v + " (a flag: 0 or 1)");
        }
    }

    /**
     * Checks that a hyperparameter is at least 0 (NaN fails), PyTorch's {@code if not 0.0 <= x}.
     *
     * @param options the hyperparameters
     * @param name the hyperparameter's name
     * @param what how the error message calls it, e.g. {@code "learning rate"}
     * @throws IllegalArgumentException like {@code "Invalid learning rate: -0.1"}
     */
    protected static void checkNonNegative(Map<String, Double> options, String name, String what) {
        double v = options.get(name);
        if (!(v >= 0.0)) {
            throw new IllegalArgumentException("Invalid " + what + ": " + v);
        }
    }

    /** For example {@code SGD [ParamGroup{params=2, lr=0.1, ...}]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + groups;
    }
}
