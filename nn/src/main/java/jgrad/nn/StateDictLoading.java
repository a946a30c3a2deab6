package jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.io.StateDictCheck;

/**
 * {@link Module#loadStateDict(Map, boolean)}'s work: {@link #check} compares a state dict with a
 * module's own state and builds PyTorch's error text, {@link #copy} writes the values in place.
 * The validation itself is the shared {@link StateDictCheck}, as for optimizers and schedulers.
 */
final class StateDictLoading {
    private StateDictLoading() {}

    /**
     * Checks {@code state} against {@code own} (the module's state by key) with the shared
     * {@link StateDictCheck}: throws listing every mismatched or null value, and, when strict,
     * every missing and unexpected key, as PyTorch's "Error(s) in loading state_dict"; otherwise
     * returns the missing and unexpected keys.
     */
    static IncompatibleKeys check(String module, Map<String, Tensor> own, Map<String, Tensor> state, boolean strict) {
        StateDictCheck check = StateDictCheck.of(module, state, StateDictCheck.Style.PYTORCH);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            // any dtype: copy converts as PyTorch's copy_ does
            if (strict) {
                check.require(e.getKey(), e.getValue().shape(), null, false);
            } else if (state.containsKey(e.getKey())) {
                check.optional(e.getKey(), e.getValue().shape(), null, false);
            } else {
                missing.add(e.getKey());
            }
        }
        List<String> unexpected = new ArrayList<>();
        if (strict) {
            check.rejectUnclaimed();
        } else {
            for (String key : state.keySet()) {
                if (!own.containsKey(key)) {
                    unexpected.add(key);
                }
            }
        }
        check.throwIfFailed();
        return new IncompatibleKeys(missing, unexpected);
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
