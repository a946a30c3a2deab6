package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * {@link Module#loadStateDict(Map, boolean)}'s work: {@link #check} compares a state dict with a
 * module's own state and builds PyTorch's error text, {@link #copy} writes the values in place.
 * All the validation is in {@link #check}, so it can be swapped for a shared checker.
 */
final class StateDictLoading {
    private StateDictLoading() {}

    /**
     * Checks {@code state} against {@code own} (the module's state by key): throws listing every
     * mismatched or null value, and, when strict, every missing and unexpected key, as PyTorch's
     * "Error(s) in loading state_dict"; otherwise returns the missing and unexpected keys.
     */
    static IncompatibleKeys check(String module, Map<String, Tensor> own, Map<String, Tensor> state, boolean strict) {
        if (state == null) {
            throw new IllegalArgumentException("Error(s) in loading state dict for " + module
                    + ": the state dict is null");
        }
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            String key = e.getKey();
            if (!state.containsKey(key)) {
                missing.add(key);
                continue;
            }
            Tensor v = state.get(key);
            int[] want = e.getValue().shape();
            if (v == null) {
                mismatched.add("value for \"" + key + "\" is null, the shape in the current model is "
                        + Shape.str(want));
            } else if (!Arrays.equals(v.shape(), want)) {
                mismatched.add("size mismatch for " + key + ": copying a param with shape " + Shape.str(v.shape())
                        + " from the state dict, the shape in the current model is " + Shape.str(want));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : state.keySet()) {
            if (!own.containsKey(key)) {
                unexpected.add(key);
            }
        }
        boolean keysFail = strict && (!missing.isEmpty() || !unexpected.isEmpty());
        if (keysFail || !mismatched.isEmpty()) {
            StringBuilder sb = new StringBuilder("Error(s) in loading state dict for " + module + ":");
            if (strict && !missing.isEmpty()) {
                sb.append("\n\tMissing key(s) in state dict: ").append(quoted(missing)).append('.');
            }
            if (strict && !unexpected.isEmpty()) {
                sb.append("\n\tUnexpected key(s) in state dict: ").append(quoted(unexpected)).append('.');
            }
            for (String m : mismatched) {
                sb.append("\n\t").append(m).append('.');
            }
            throw new IllegalArgumentException(sb.toString());
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) {
            q.add('"' + k + '"');
        }
        return String.join(", ", q);
    }

    /** Copies each present state value into the module's tensor of that key, in place, under no-grad. */
    static void copy(Map<String, Tensor> own, Map<String, Tensor> state) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor dst = e.getValue();
                Tensor src = state.get(e.getKey());
                if (src != null && src != dst) {
                    DType want = dst.dtype();
                    dst.copyFrom(src.dtype() == want ? src : src.to(want));
                }
            }
        }
    }
}
