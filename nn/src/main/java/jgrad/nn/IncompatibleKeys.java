package jgrad.nn;

import java.util.List;

/**
 * What a non-strict {@link Module#loadStateDict(java.util.Map, boolean)} did not match, like
 * PyTorch's {@code _IncompatibleKeys(missing_keys, unexpected_keys)}: both lists are empty after
 * a load in which every key matched.
 *
 * @param missingKeys the module's keys that the state dict lacked (those tensors kept their
 *     values), in the module's state-dict order
 * @param unexpectedKeys the state dict's keys that the module does not have (ignored), in the
 *     state dict's order
 */
public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
    /**
     * Copies the lists, so the record cannot change.
     *
     * @param missingKeys the missing keys
     * @param unexpectedKeys the unexpected keys
     */
    public IncompatibleKeys {
        missingKeys = List.copyOf(missingKeys);
        unexpectedKeys = List.copyOf(unexpectedKeys);
    }

    /**
     * Whether every key matched.
     *
     * @return true when both lists are empty
     */
    public boolean isEmpty() {
        return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
    }
}
