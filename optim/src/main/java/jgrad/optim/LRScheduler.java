package jgrad.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Base class of learning-rate schedulers, like {@code torch.optim.lr_scheduler.LRScheduler}.
 *
 * <p>A scheduler changes the learning rate of each of its optimizer's parameter groups once per
 * {@link #step()}; call it after {@link Optimizer#step()}, usually once per epoch. On
 * construction it records each group's initial learning rate (PyTorch's {@code initial_lr},
 * kept from an earlier scheduler if one set it) as the base learning rate, and makes its first
 * step: epoch 0, which leaves the learning rates as they are.
 *
 * <p>Subclasses compute the new learning rates in {@link #computeLr()} with PyTorch's
 * chainable formulas (from the groups' current learning rates), and must call
 * {@link #initialStep()} at the end of their constructor.
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

    /**
     * Attaches to an optimizer and records the base learning rates.
     *
     * @param optimizer the optimizer to schedule
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    protected LRScheduler(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the optimizer is null");
        }
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
     * The scheduler's own settings by name, for {@link #stateDict()} (e.g. {@code "step_size"}).
     *
     * @return the settings by name
     */
    protected abstract Map<String, Double> hyperParameters();

    /**
     * Validates and sets the scheduler's own settings, from {@link #loadStateDict(Map)}.
     *
     * @param values every name of {@link #hyperParameters()} with its new value
     * @throws IllegalArgumentException naming an invalid value
     */
    protected abstract void setHyperParameters(Map<String, Double> values);

    /**
     * Advances one epoch and sets each group's learning rate, like PyTorch's {@code step()}.
     *
     * @throws IllegalArgumentException if a computed learning rate is invalid (negative)
     * @throws IllegalStateException if parameter groups were added to the optimizer after this
     *     scheduler was made
     */
    public void step() {
        if (optimizer.paramGroups().size() != baseLrs.length) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the optimizer now has "
                    + optimizer.paramGroups().size() + " parameter groups, but this scheduler was made for "
                    + baseLrs.length + "; make a new scheduler after adding groups");
        }
        stepCount++;
        lastEpoch++;
        double[] values = computeLr();
        List<ParamGroup> groups = optimizer.paramGroups();
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).setLr(values[i]);
        }
        double[] last = new double[groups.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = groups.get(i).lr();
        }
        lastLr = last;
    }

    /**
     * The learning rate of each group as set by the last {@link #step()}, like {@code get_last_lr()}.
     *
     * @return an unmodifiable list with one learning rate per parameter group
     */
    public List<Double> getLastLr() {
        List<Double> out = new ArrayList<>(lastLr.length);
        for (double v : lastLr) {
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
     * group), and the scheduler's settings (0-D), all FLOAT64. Save it with the optimizer's.
     *
     * @return a new ordered map of new tensors
     */
    public Map<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch));
        out.put("_step_count", Tensor.scalar(stepCount));
        out.put("base_lrs", Tensor.of(baseLrs.clone()));
        out.put("_last_lr", Tensor.of(lastLr.clone()));
        for (Map.Entry<String, Double> e : hyperParameters().entrySet()) {
            out.put(e.getKey(), Tensor.scalar(e.getValue()));
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
        String who = getClass().getSimpleName() + ".loadStateDict";
        if (state == null) {
            throw new IllegalArgumentException(who + ": the state dict is null");
        }
        int nGroups = baseLrs.length;
        Map<String, int[]> expected = new LinkedHashMap<>();
        expected.put("last_epoch", new int[0]);
        expected.put("_step_count", new int[0]);
        expected.put("base_lrs", new int[] {nGroups});
        expected.put("_last_lr", new int[] {nGroups});
        for (String name : hyperParameters().keySet()) {
            expected.put(name, new int[0]);
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            Tensor t = state.get(e.getKey());
            if (!state.containsKey(e.getKey())) {
                missing.add(e.getKey());
            } else if (t == null) {
                misshaped.add(e.getKey() + " (null)");
            } else if (!Arrays.equals(t.shape(), e.getValue()) || t.dtype() != DType.FLOAT64) {
                misshaped.add(e.getKey() + " (expected FLOAT64 " + Shape.str(e.getValue()) + ", got " + t.dtype() + " "
                        + Shape.str(t.shape()) + ")");
            }
        }
        for (String key : state.keySet()) {
            if (!expected.containsKey(key)) {
                unexpected.add(String.valueOf(key));
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misshaped.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("missing keys " + missing);
            }
            if (!unexpected.isEmpty()) {
                parts.add("unexpected keys " + unexpected);
            }
            if (!misshaped.isEmpty()) {
                parts.add("mis-shaped keys " + misshaped);
            }
            throw new IllegalArgumentException(who + ": " + String.join("; ", parts));
        }
        double epoch = state.get("last_epoch").item();
        double count = state.get("_step_count").item();
        if (epoch != Math.rint(epoch) || epoch < 0 || epoch > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(who + ": invalid last_epoch " + epoch);
        }
        if (count != Math.rint(count) || count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(who + ": invalid _step_count " + count);
        }
        LinkedHashMap<String, Double> hyper = new LinkedHashMap<>();
        for (String name : hyperParameters().keySet()) {
            hyper.put(name, state.get(name).item());
        }
        setHyperParameters(hyper);
        lastEpoch = (int) epoch;
        stepCount = (int) count;
        baseLrs = state.get("base_lrs").toArray();
        lastLr = state.get("_last_lr").toArray();
    }
}
