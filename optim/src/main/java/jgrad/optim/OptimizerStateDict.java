package jgrad.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.StateDictCheck;

/**
 * An optimizer's state dict: {@link Optimizer#stateDict()}'s key layout, and the strict check and
 * restore of {@link Optimizer#loadStateDict(Map)}. Keys:
 * {@code "state.<param number>.<state name>"} and {@code "param_groups.<group>.<name>"} (each
 * hyperparameter, {@code "initial_lr"} once a scheduler set it, and {@code "params"}).
 * Hyperparameters are FLOAT64 whatever the default dtype; per-element state has its parameter's
 * dtype and is converted to it on load, as PyTorch's {@code load_state_dict} casts it.
 */
final class OptimizerStateDict {
    private static final String STATE = "state.";
    private static final String GROUPS = "param_groups.";

    private OptimizerStateDict() {}

    /**
     * Copies of the optimizer's state and hyperparameters (see {@link Optimizer#stateDict()}).
     *
     * @param opt the optimizer
     * @param state its per-parameter state
     * @return a new ordered map of new tensors
     */
    static Map<String, Tensor> save(Optimizer opt, Map<Tensor, Map<String, Tensor>> state) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        List<String> names = opt.stateNames();
        List<ParamGroup> groups = opt.paramGroups();
        int index = 0;
        for (ParamGroup g : groups) {
            for (Tensor p : g.params()) {
                Map<String, Tensor> s = state.get(p);
                if (s != null) {
                    for (String name : names) {
                        Tensor t = s.get(name);
                        if (t != null) {
                            out.put(STATE + index + "." + name, t.copy());
                        }
                    }
                }
                index++;
            }
        }
        index = 0;
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup g = groups.get(gi);
            String prefix = GROUPS + gi + ".";
            for (Map.Entry<String, Double> e : g.options().entrySet()) {
                out.put(prefix + e.getKey(), f64(e.getValue()));
            }
            if (g.hasInitialLr()) {
                out.put(prefix + "initial_lr", f64(g.initialLr()));
            }
            int[] ids = new int[g.params().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = index++;
            }
            out.put(prefix + "params", Tensor.of(ids));
        }
        return out;
    }

    /**
     * A 0-D FLOAT64 tensor: hyperparameters and counters are saved as FLOAT64 whatever the
     * default dtype (as PyTorch keeps them as Python floats).
     *
     * @param v the value
     * @return a new 0-D FLOAT64 tensor
     */
    static Tensor f64(double v) {
        return Tensor.full(v, DType.FLOAT64);
    }

    /**
     * A 1-D FLOAT64 tensor of a copy of {@code v} (see {@link #f64(double)}).
     *
     * @param v the values
     * @return a new 1-D FLOAT64 tensor
     */
    static Tensor f64(double[] v) {
        return Tensor.wrap(v.clone(), DType.FLOAT64, v.length);
    }

    /**
     * Checks a saved state dict against the optimizer and, if every check passes, restores it
     * (see {@link Optimizer#loadStateDict(Map)}).
     *
     * @param opt the optimizer
     * @param state its per-parameter state, replaced on success
     * @param saved the state dict to load
     * @throws IllegalArgumentException listing every problem; nothing is then changed
     */
    static void load(Optimizer opt, Map<Tensor, Map<String, Tensor>> state, Map<String, Tensor> saved) {
        StateDictCheck check = StateDictCheck.of(opt.getClass().getSimpleName() + ".loadStateDict", saved);
        List<ParamGroup> groups = opt.paramGroups();
        int nGroups = groups.size();

        // 1. Groups: hyperparameters, initial_lr and parameter numbers.
        List<LinkedHashMap<String, Double>> loadedOptions = new ArrayList<>();
        double[] loadedInitialLr = new double[nGroups];
        Map<Integer, Tensor> paramOf = new HashMap<>();
        boolean idsOk = true;
        for (int g = 0; g < nGroups; g++) {
            String prefix = GROUPS + g + ".";
            LinkedHashMap<String, Double> opts = new LinkedHashMap<>();
            boolean optsOk = true;
            for (String name : opt.defaults().keySet()) {
                Tensor t = check.require(prefix + name, StateDictCheck.scalar(), DType.FLOAT64, false);
                if (t == null) {
                    optsOk = false;
                } else {
                    opts.put(name, t.item());
                }
            }
            if (optsOk) {
                try {
                    opt.validateOptions(opts);
                } catch (IllegalArgumentException ex) {
                    check.invalid(GROUPS + g + ": " + ex.getMessage());
                    optsOk = false;
                }
            }
            loadedOptions.add(optsOk ? opts : null);
            Tensor initial = check.optional(prefix + "initial_lr", StateDictCheck.scalar(), DType.FLOAT64, false);
            loadedInitialLr[g] = initial == null ? Double.NaN : initial.item();

            List<Tensor> ps = groups.get(g).params();
            Tensor ids = check.require(prefix + "params", new int[] {ps.size()}, null, false);
            if (ids == null) {
                idsOk = false;
                continue;
            }
            double[] v = ids.toArray();
            for (int j = 0; j < v.length; j++) {
                double id = v[j];
                if (id != Math.rint(id) || id < 0 || id > Integer.MAX_VALUE) {
                    check.invalid(prefix + "params: " + id + " is not a parameter number");
                    idsOk = false;
                } else if (paramOf.put((int) id, ps.get(j)) != null) {
                    check.invalid(prefix + "params: parameter number " + (int) id + " appears twice");
                    idsOk = false;
                }
            }
        }
        // If the saved numbering is unusable (already reported), check the state against the
        // parameters in order.
        if (!idsOk) {
            paramOf.clear();
            List<Tensor> all = opt.params();
            for (int i = 0; i < all.size(); i++) {
                paramOf.put(i, all.get(i));
            }
        }

        // 2. Per-parameter state, checked against the parameter it belongs to.
        TreeMap<Integer, List<String>> stateNames = stateKeys(saved, opt.stateNames());
        TreeMap<Integer, Map<String, Tensor>> loadedState = new TreeMap<>();
        for (Map.Entry<Integer, List<String>> e : stateNames.entrySet()) {
            int i = e.getKey();
            Tensor p = paramOf.get(i);
            if (p == null) {
                for (String name : e.getValue()) {
                    check.unexpected(STATE + i + "." + name);
                }
                continue;
            }
            int g = ParamListCheck.groupOf(groups, p);
            Map<String, Double> opts = loadedOptions.get(g) != null ? loadedOptions.get(g) : groups.get(g).options();
            List<String> required = opt.requiredStateNames(opts);
            Map<String, Tensor> s = new HashMap<>();
            for (String name : opt.stateNames()) {
                String key = STATE + i + "." + name;
                boolean scalar = opt.isScalarState(name);
                int[] want = scalar ? StateDictCheck.scalar() : p.shape();
                // any floating dtype loads (a non-floating one is reported as not FLOAT64)
                Tensor given = saved.get(key);
                DType accepted = given != null && given.dtype().isFloatingPoint() ? given.dtype() : DType.FLOAT64;
                Tensor t = required.contains(name) ? check.require(key, want, accepted, false)
                        : check.optional(key, want, accepted, false);
                if (t != null) {
                    // as PyTorch: per-element state takes its parameter's dtype, steps stay FLOAT64
                    DType dtype = scalar ? DType.FLOAT64 : p.dtype();
                    s.put(name, t.dtype() == dtype ? t.copy() : t.to(dtype));
                }
            }
            loadedState.put(i, s);
        }
        check.rejectUnclaimed();
        check.throwIfFailed();

        // 3. Commit.
        for (int g = 0; g < nGroups; g++) {
            groups.get(g).replaceOptions(loadedOptions.get(g));
            groups.get(g).setInitialLr(loadedInitialLr[g]);
        }
        state.clear();
        for (Map.Entry<Integer, Map<String, Tensor>> e : loadedState.entrySet()) {
            state.put(paramOf.get(e.getKey()), e.getValue());
        }
    }

    /**
     * The parameter numbers with saved state and the state names saved for each; keys of the
     * {@code "state."} form with a bad number or an unknown name are left unclaimed (so they are
     * reported as unexpected).
     */
    private static TreeMap<Integer, List<String>> stateKeys(Map<String, Tensor> saved, List<String> known) {
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        for (String key : saved.keySet()) {
            if (key == null || !key.startsWith(STATE)) {
                continue;
            }
            int dot = key.indexOf('.', STATE.length());
            int i = dot < 0 ? -1 : parseIndex(key.substring(STATE.length(), dot));
            String name = dot < 0 ? "" : key.substring(dot + 1);
            if (i >= 0 && known.contains(name)) {
                out.computeIfAbsent(i, k -> new ArrayList<>()).add(name);
            }
        }
        return out;
    }

    private static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }
}
