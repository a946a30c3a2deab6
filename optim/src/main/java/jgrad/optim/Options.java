package jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyperparameters as the optimizers keep them (names with double values, flags as 0 or 1):
 * building an optimizer's defaults, merging a group's overrides onto them, and PyTorch's usual
 * checks with its messages.
 */
final class Options {
    private Options() {}

    /**
     * Names with values, in order: an optimizer's defaults.
     *
     * @param names the hyperparameter names
     * @param values one value per name
     * @return a new ordered map
     */
    static LinkedHashMap<String, Double> named(List<String> names, double... values) {
        LinkedHashMap<String, Double> o = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            o.put(names.get(i), values[i]);
        }
        return o;
    }

    /**
     * A flag as a hyperparameter value.
     *
     * @param on the flag
     * @return 1 or 0
     */
    static double flag(boolean on) {
        return on ? 1.0 : 0.0;
    }

    /**
     * A group's hyperparameters: the defaults with the group's overrides (not yet validated).
     *
     * @param who the optimizer's name, for the message
     * @param defaults the optimizer's defaults
     * @param overrides the group's own values by name, or null
     * @return a new ordered map
     * @throws IllegalArgumentException for an unknown name or a null value
     */
    static LinkedHashMap<String, Double> merge(String who, Map<String, Double> defaults,
            Map<String, Double> overrides) {
        LinkedHashMap<String, Double> merged = new LinkedHashMap<>(defaults);
        if (overrides != null) {
            for (Map.Entry<String, Double> e : overrides.entrySet()) {
                if (!defaults.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(who + " has no hyperparameter '" + e.getKey()
                            + "'; its hyperparameters are " + defaults.keySet());
                }
                if (e.getValue() == null) {
                    throw new IllegalArgumentException(who + ": hyperparameter '" + e.getKey() + "' is null");
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        return merged;
    }

    /**
     * PyTorch's usual checks, in order: each of {@code nonNegative} at least 0 (NaN fails), with
     * PyTorch's messages ({@code "Invalid learning rate: -0.1"} for {@code "lr"},
     * {@code "Invalid epsilon value: ..."} for {@code "eps"}, {@code "Invalid <name> value: ..."}
     * otherwise), then each of {@code flags} 0 or 1.
     *
     * @param options the hyperparameters
     * @param nonNegative names of hyperparameters that must be at least 0
     * @param flags names of flags
     * @throws IllegalArgumentException naming the first bad value
     */
    static void check(Map<String, Double> options, List<String> nonNegative, List<String> flags) {
        for (int i = 0; i < nonNegative.size(); i++) {
            String name = nonNegative.get(i);
            String what = switch (name) {
                case "lr" -> "learning rate";
                case "eps" -> "epsilon value";
                default -> name + " value";
            };
            Optimizer.checkNonNegative(options, name, what);
        }
        for (int i = 0; i < flags.size(); i++) {
            Optimizer.checkFlag(options, flags.get(i));
        }
    }
}
