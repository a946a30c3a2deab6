package jgrad.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The one checker of a state dict being loaded (a module's, an optimizer's, a scheduler's): it
 * collects every problem first and then throws one {@link IllegalArgumentException} listing them
 * all, so that a load either succeeds completely or changes nothing.
 *
 * <p>It checks the common things: a null map, missing keys, unexpected keys, null values, a
 * shape or dtype other than the expected one and, where asked, values that are not finite; the
 * caller adds its own checks of values with {@link #invalid}. Use it in three steps:
 * <pre>{@code
 * StateDictCheck check = StateDictCheck.of("SGD.loadStateDict", stateDict);  // null map: throws
 * Tensor lr = check.require("param_groups.0.lr", StateDictCheck.scalar(), DType.FLOAT64, true);
 * ...                                  // null when that key has a problem (already recorded)
 * check.rejectUnclaimed();             // every key not asked for is unexpected
 * check.throwIfFailed();               // one exception listing all the problems, if any
 * }</pre>
 *
 * <p>The message starts with the owner and lists the problems by kind, keys in the order they
 * were found, shapes written like {@code [2, 3]}, in one of two {@link Style}s: jgrad's compact
 * one ({@code SGD.loadStateDict: missing keys [a, b]; unexpected keys [c]; mis-shaped keys
 * [d (expected [2, 3], got [3])]; invalid values [...]}) or PyTorch's
 * {@code load_state_dict} wording, for modules.
 */
public final class StateDictCheck {
    /** How the exception's message is written. */
    public enum Style {
        /**
         * One line: {@code owner: missing keys [..]; unexpected keys [..]; mis-shaped keys [key
         * (expected [2, 3], got [3])]; invalid values [..]}.
         */
        LIST,
        /**
         * PyTorch's {@code Module.load_state_dict} wording: {@code Error(s) in loading state dict
         * for owner:} then one tab-indented line per kind, keys in double quotes, and one
         * {@code size mismatch for key: copying a param with shape [3] from the state dict, the
         * shape in the current model is [2, 3].} line per mis-shaped key.
         */
        PYTORCH
    }

    /** The shape of a 0-D tensor, {@code []}. */
    private static final int[] SCALAR = new int[0];

    private final String owner;
    private final Map<String, Tensor> state;
    private final Style style;
    private final Set<String> claimed = new HashSet<>();
    private final List<String> missing = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> misshaped = new ArrayList<>();
    private final List<String> invalid = new ArrayList<>();

    private StateDictCheck(String owner, Map<String, Tensor> state, Style style) {
        this.owner = owner;
        this.state = state;
        this.style = style;
    }

    /**
     * Starts checking a state dict, with messages in the {@link Style#LIST} style.
     *
     * @param owner who is loading, for the message: e.g. {@code "SGD.loadStateDict"}
     * @param state the state dict being loaded
     * @return a new checker
     * @throws IllegalArgumentException if {@code state} is null, naming the owner
     */
    public static StateDictCheck of(String owner, Map<String, Tensor> state) {
        return of(owner, state, Style.LIST);
    }

    /**
     * Starts checking a state dict.
     *
     * @param owner who is loading, for the message: e.g. {@code "SGD.loadStateDict"}, or a
     *     module's name with {@link Style#PYTORCH}
     * @param state the state dict being loaded
     * @param style how the message is written
     * @return a new checker
     * @throws IllegalArgumentException if {@code state} is null, naming the owner
     */
    public static StateDictCheck of(String owner, Map<String, Tensor> state, Style style) {
        if (state == null) {
            throw new IllegalArgumentException(style == Style.PYTORCH
                    ? "Error(s) in loading state dict for " + owner + ": the state dict is null"
                    : owner + ": the state dict is null");
        }
        return new StateDictCheck(owner, state, style);
    }

    /**
     * The 0-D shape, for scalar entries such as a learning rate.
     *
     * @return a new empty shape array
     */
    public static int[] scalar() {
        return SCALAR.clone();
    }

    /**
     * Checks a key that must be there.
     *
     * @param key the key
     * @param shape the shape its tensor must have
     * @param dtype the dtype it must have, or null for any
     * @param finite whether its values must all be finite (no NaN, no infinity)
     * @return the tensor if it passed every check, else null (the problem is recorded)
     */
    public Tensor require(String key, int[] shape, DType dtype, boolean finite) {
        claimed.add(key);
        if (!state.containsKey(key)) {
            missing.add(key);
            return null;
        }
        return check(key, shape, dtype, finite);
    }

    /**
     * Checks a key that may be absent.
     *
     * @param key the key
     * @param shape the shape its tensor must have if present
     * @param dtype the dtype it must have, or null for any
     * @param finite whether its values must all be finite
     * @return the tensor if present and it passed every check, else null
     */
    public Tensor optional(String key, int[] shape, DType dtype, boolean finite) {
        claimed.add(key);
        return state.containsKey(key) ? check(key, shape, dtype, finite) : null;
    }

    private Tensor check(String key, int[] shape, DType dtype, boolean finite) {
        Tensor t = state.get(key);
        if (t == null) {
            misshaped.add(style == Style.PYTORCH
                    ? "value for \"" + key + "\" is null, the shape in the current model is " + Shape.str(shape)
                    : key + " (null)");
            return null;
        }
        if (!Arrays.equals(t.shape(), shape)) {
            misshaped.add(style == Style.PYTORCH
                    ? "size mismatch for " + key + ": copying a param with shape " + Shape.str(t.shape())
                            + " from the state dict, the shape in the current model is " + Shape.str(shape)
                    : key + " (expected " + Shape.str(shape) + ", got " + Shape.str(t.shape()) + ")");
            return null;
        }
        if (dtype != null && t.dtype() != dtype) {
            misshaped.add(style == Style.PYTORCH
                    ? "dtype mismatch for " + key + ": copying a param of dtype " + t.dtype()
                            + " from the state dict, the dtype in the current model is " + dtype
                    : key + " (expected " + dtype + ", got " + t.dtype() + ")");
            return null;
        }
        if (finite) {
            double[] v = t.toArray();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    String at = shape.length == 0 ? "" : " at flat index " + i;
                    invalid.add(key + ": " + v[i] + at + " (must be finite)");
                    return null;
                }
            }
        }
        return t;
    }

    /**
     * Marks a key as expected without checking it (e.g. one the caller checks itself).
     *
     * @param key the key
     */
    public void claim(String key) {
        claimed.add(key);
    }

    /**
     * Records a key as unexpected (e.g. a parameter number this owner does not have).
     *
     * @param key the key; null is recorded as {@code "null"}
     */
    public void unexpected(String key) {
        claimed.add(key);
        unexpected.add(String.valueOf(key));
    }

    /**
     * Records an invalid value found by the caller's own checks.
     *
     * @param what the key (or group) and what is wrong with it, e.g. {@code "last_epoch: -1.0 is
     *     negative"}
     */
    public void invalid(String what) {
        invalid.add(what);
    }

    /** Records every key of the state dict not yet asked for, claimed or recorded, as unexpected. */
    public void rejectUnclaimed() {
        for (String key : state.keySet()) {
            if (key == null || !claimed.contains(key)) {
                unexpected(key);
            }
        }
    }

    /**
     * Whether a problem has been recorded so far.
     *
     * @return true if {@link #throwIfFailed()} would throw
     */
    public boolean failed() {
        return !missing.isEmpty() || !unexpected.isEmpty() || !misshaped.isEmpty() || !invalid.isEmpty();
    }

    /**
     * Throws one exception listing every recorded problem, if there is any.
     *
     * @throws IllegalArgumentException naming the owner and every missing, unexpected, mis-shaped
     *     and invalid key
     */
    public void throwIfFailed() {
        if (failed()) {
            throw new IllegalArgumentException(style == Style.PYTORCH ? pytorchMessage() : listMessage());
        }
    }

    private String listMessage() {
        List<String> parts = new ArrayList<>();
        addPart(parts, "missing keys ", missing);
        addPart(parts, "unexpected keys ", unexpected);
        addPart(parts, "mis-shaped keys ", misshaped);
        addPart(parts, "invalid values ", invalid);
        return owner + ": " + String.join("; ", parts);
    }

    private static void addPart(List<String> parts, String title, List<String> items) {
        if (!items.isEmpty()) {
            parts.add(title + items);
        }
    }

    private String pytorchMessage() {
        StringBuilder sb = new StringBuilder("Error(s) in loading state dict for " + owner + ":");
        if (!missing.isEmpty()) {
            sb.append("\n\tMissing key(s) in state dict: ").append(quoted(missing)).append('.');
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n\tUnexpected key(s) in state dict: ").append(quoted(unexpected)).append('.');
        }
        for (String m : misshaped) {
            sb.append("\n\t").append(m).append('.');
        }
        for (String m : invalid) {
            sb.append("\n\tinvalid value for ").append(m).append('.');
        }
        return sb.toString();
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>(keys.size());
        for (String k : keys) {
            q.add('"' + k + '"');
        }
        return String.join(", ", q);
    }
}
