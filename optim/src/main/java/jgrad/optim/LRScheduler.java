package jgrad.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.StateDictCheck;

/**
 * Base class of learning-rate schedulers, like {@code torch.optim.lr_scheduler.LRScheduler}.
 *
 * <p>A scheduler changes the learning rate of each of its optimizer's parameter groups once per
 * {@link #step()}; call it after {@link Optimizer#step()}, usually once per epoch. On
 * construction it records each group's initial learning rate (PyTorch's {@code initial_lr},
 * kept from an earlier scheduler if one set it) as the base learning rate, and makes its first
 * step: epoch 0, which leaves the learning rates as they are.
 *
 * <p>Subclasses pass their own settings (e.g. {@code "step_size"}, {@code "gamma"}) to the
 * constructor, which checks them with {@link #checkSettings}; the base class keeps them, saves and
 * loads them with the state dict, and {@link #setting} reads them. Subclasses compute the new
 * learning rates in {@link #computeLr()} with PyTorch's chainable formulas (from the groups'
 * current learning rates), and must call {@link #initialStep()} at the end of their constructor.
 */
public abstract class LRScheduler {
    /** The optimizer whose learning rates this scheduler sets. */
    protected final Optimizer optimizer;
    /** The initial learning rate of each group. */
    protected double[] baseLrs;
    /** The epoch of the last {@link #step()}: 0 after construction. */
    protected int lastEpoch = -1;
    /** How many times {@link #step()} has run, the constructor's step included. */
    protected int stepCount;
    private double[] lastLr;
    private final LinkedHashMap<String, Double> settings = new LinkedHashMap<>();

    /**
     * Attaches to an optimizer and records the base learning rates; the scheduler has no
     * settings of its own.
     *
     * @param optimizer the optimizer to schedule
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    protected LRScheduler(Optimizer optimizer) {
        this(optimizer, Map.of());
    }

    /**
     * Attaches to an optimizer, checks and keeps the scheduler's settings, and records the base
     * learning rates.
     *
     * @param optimizer the optimizer to schedule
     * @param settings the scheduler's own settings by name, in saving order (e.g.
     *     {@code "step_size"}, {@code "gamma"}), checked with {@link #checkSettings}
     * @throws IllegalArgumentException if {@code optimizer} is null or a setting is invalid
     */
    protected LRScheduler(Optimizer optimizer, Map<String, Double> settings) {
        if (optimizer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the optimizer is null");
        }
        checkSettings(settings);
        this.settings.putAll(settings);
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            ParamGroup g = groups.get(i);
            if (!g.hasInitialLr()) {
                g.setInitialLr(g.lr());
            }
            baseLrs[i] = g.initialLr();
        }
    }

    /** Makes the first step (epoch 0); subclasses call it last in their constructor. */
    protected final void initialStep() {
        stepCount = 0;
        step();
    }

    /**
     * The learning rate of each group for epoch {@link #lastEpoch}, PyTorch's {@code get_lr()}.
     *
     * @return one learning rate per parameter group
     */
    protected abstract double[] computeLr();

    /**
     * Checks a full set of the scheduler's settings, throwing an {@link IllegalArgumentException}
     * naming the scheduler, the setting and the bad value; called from the constructor and
     * {@link #loadStateDict}, so it must not use instance state. Accepts anything by default.
     *
     * @param values every setting by name
     */
    protected void checkSettings(Map<String, Double> values) {
    }

    /**
     * One of the scheduler's own settings.
     *
     * @param name the setting's name, e.g. {@code "gamma"}
     * @return its value
     * @throws IllegalArgumentException if the scheduler has no such setting
     */
    protected final double setting(String name) {
        Double v = settings.get(name);
        if (v == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no setting '" + name
                    + "'; its settings are " + settings.keySet());
        }
        return v;
    }

    /**
     * The scheduler's own settings by name, for {@link #stateDict()} (e.g. {@code "step_size"}).
     *
     * @return an unmodifiable view of the settings by name
     */
    protected Map<String, Double> hyperParameters() {
        return Collections.unmodifiableMap(settings);
    }

    /**
     * Checks (with {@link #checkSettings}) and sets the scheduler's own settings, from
     * {@link #loadStateDict(Map)}.
     *
     * @param values every name of {@link #hyperParameters()} with its new value
     * @throws IllegalArgumentException naming an invalid value; nothing is then changed
     */
    protected void setHyperParameters(Map<String, Double> values) {
        checkSettings(values);
        settings.putAll(values);
    }

    /**
     * Checks that a setting is a whole number in {@code [1, max]}.
     *
     * @param values the settings
     * @param name the setting's name, e.g. {@code "step_size"}
     * @param max the largest value allowed
     * @throws IllegalArgumentException like {@code "StepLR: step_size must be a positive integer, got 0"}
     */
    protected final void checkPositiveInt(Map<String, Double> values, String name, int max) {
        double v = values.get(name);
        if (!(v >= 1) || v != Math.rint(v) || v > max) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + name
                    + " must be a positive integer" + (max < Integer.MAX_VALUE ? " up to " + max : "") + ", got "
                    + (v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v)));
        }
    }

    /**
     * Two settings in order, for a subclass's constructor.
     *
     * @param name1 the first setting's name
     * @param value1 its value
     * @param name2 the second setting's name
     * @param value2 its value
     * @return a new ordered map
     */
    protected static Map<String, Double> settings(String name1, double value1, String name2, double value2) {
        LinkedHashMap<String, Double> out = new LinkedHashMap<>();
        out.put(name1, value1);
        out.put(name2, value2);
        return out;
    }

    /**
     * Advances one epoch and sets each group's learning rate, like PyTorch's {@code step()}.
     *
     * @throws IllegalArgumentException if a computed learning rate is invalid (negative or NaN),
     *     naming the group, the epoch and the value; the scheduler and the learning rates are then
     *     unchanged
     * @throws IllegalStateException if parameter groups were added to the optimizer after this
     *     scheduler was made
     */
    public void step() {
        if (optimizer.paramGroups().size() != baseLrs.length) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the optimizer now has "
                    + optimizer.paramGroups().size() + " parameter groups, but this scheduler was made for "
                    + baseLrs.length + "; make a new scheduler after adding groups");
        }
        lastEpoch++;
        double[] values;
        try {
            values = computeLr();
            for (int i = 0; i < values.length; i++) {
                if (!(values[i] >= 0)) {
                    throw new IllegalArgumentException(getClass().getSimpleName() + ": the learning rate of group "
                            + i + " at epoch " + lastEpoch + " would be " + values[i] + " (it must be at least 0)");
                }
            }
        } catch (RuntimeException e) {
            lastEpoch--;
            throw e;
        }
        stepCount++;
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).setLr(values[i]);
        }
        lastLr = groupLrs();
    }

    /**
     * The learning rate of each group as set by the last {@link #step()}, like {@code get_last_lr()}.
     *
     * @return an unmodifiable list with one learning rate per parameter group
     */
    public List<Double> getLastLr() {
        return listOf(lastLr);
    }

    static List<Double> listOf(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The epoch of the last {@link #step()}: 0 right after construction.
     *
     * @return the epoch
     */
    public int lastEpoch() {
        return lastEpoch;
    }

    /**
     * The optimizer this scheduler sets.
     *
     * @return the optimizer
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The current learning rate of each group.
     *
     * @return a new array with one learning rate per parameter group
     */
    protected final double[] groupLrs() {
        return lrsOf(optimizer);
    }

    static double[] lrsOf(Optimizer optimizer) {
        List<ParamGroup> groups = optimizer.paramGroups();
        double[] out = new double[groups.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = groups.get(i).lr();
        }
        return out;
    }

    /**
     * The scheduler's state, like PyTorch's {@code state_dict()}: {@code "last_epoch"},
     * {@code "_step_count"} (0-D), {@code "base_lrs"}, {@code "_last_lr"} (1-D, one value per
     * group), and the scheduler's settings (0-D), all FLOAT64 whatever the default dtype. Save it
     * with the optimizer's.
     *
     * @return a new ordered map of new tensors
     */
    public Map<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", OptimizerStateDict.f64(lastEpoch));
        out.put("_step_count", OptimizerStateDict.f64(stepCount));
        out.put("base_lrs", OptimizerStateDict.f64(baseLrs));
        out.put("_last_lr", OptimizerStateDict.f64(lastLr));
        for (Map.Entry<String, Double> e : hyperParameters().entrySet()) {
            out.put(e.getKey(), OptimizerStateDict.f64(e.getValue()));
        }
        return out;
    }

    /**
     * Restores state saved by {@link #stateDict()}. It does not change the optimizer's learning
     * rates: restore those with {@link Optimizer#loadStateDict(Map)}.
     *
     * @param state a map as returned by {@link #stateDict()} for an optimizer with as many groups
     * @throws IllegalArgumentException listing missing, unexpected and mis-shaped keys, or naming
     *     an invalid value; the scheduler is then unchanged
     */
    public void loadStateDict(Map<String, Tensor> state) {
        StateDictCheck check = StateDictCheck.of(getClass().getSimpleName() + ".loadStateDict", state);
        int nGroups = baseLrs.length;
        Tensor epoch = check.require("last_epoch", StateDictCheck.scalar(), DType.FLOAT64, true);
        Tensor count = check.require("_step_count", StateDictCheck.scalar(), DType.FLOAT64, true);
        Tensor base = check.require("base_lrs", new int[] {nGroups}, DType.FLOAT64, true);
        Tensor last = check.require("_last_lr", new int[] {nGroups}, DType.FLOAT64, true);
        LinkedHashMap<String, Double> hyper = new LinkedHashMap<>();
        for (String name : hyperParameters().keySet()) {
            Tensor t = check.require(name, StateDictCheck.scalar(), DType.FLOAT64, false);
            if (t != null) {
                hyper.put(name, t.item());
            }
        }
        check.rejectUnclaimed();
        if (epoch != null && !isCount(epoch.item(), 0)) {
            check.invalid("last_epoch: " + epoch.item() + " is not a whole number of epochs");
        }
        if (count != null && !isCount(count.item(), 1)) {
            check.invalid("_step_count: " + count.item() + " is not a positive whole number");
        }
        if (hyper.size() == hyperParameters().size()) {
            try {
                checkSettings(hyper);
            } catch (IllegalArgumentException e) {
                check.invalid(e.getMessage());
            }
        }
        check.throwIfFailed();
        setHyperParameters(hyper);
        lastEpoch = (int) epoch.item();
        stepCount = (int) count.item();
        baseLrs = base.toArray();
        lastLr = last.toArray();
    }

    static boolean isCount(double v, int min) {
        return v == Math.rint(v) && v >= min && v <= Integer.MAX_VALUE;
    }
}
