package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * The base of every layer and model, like {@code torch.nn.Module}.
 *
 * <p>A module owns parameters (tensors that require grad) and child modules, both registered by
 * name in its constructor with {@link #registerParameter} and {@link #registerModule}.
 * {@link #parameters()} and {@link #stateDict()} list them in registration order, a module's own
 * parameters first and then each child's, under PyTorch's dotted names ({@code "0.weight"},
 * {@code "2.bias"} in a {@link Sequential}), so a jgrad model's state lines up with the same
 * PyTorch model's {@code state_dict()}.
 *
 * <pre>{@code
 * final class TwoLayer extends Module {
 *     private final Linear fc1 = registerModule("fc1", new Linear(4, 8));
 *     private final Linear fc2 = registerModule("fc2", new Linear(8, 3));
 *
 *     public Tensor forward(Tensor x) {
 *         return fc2.forward(fc1.forward(x).relu());
 *     }
 * }
 * }</pre>
 *
 * <p>Modules start in training mode; {@link #eval()} switches the whole tree to evaluation mode
 * (which turns {@link Dropout} off) and {@link #train()} back.
 *
 * <p><b>Import this class by name</b>: {@code import jgrad.nn.Module;}. Every Java file also
 * imports {@code java.lang.*}, which has its own {@code Module}, so with only
 * {@code import jgrad.nn.*;} the name {@code Module} is ambiguous and {@code extends Module}
 * does not compile. The single-type import wins over both wildcards.
 */
public abstract class Module {
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a module in training mode with no parameters or children. */
    protected Module() {}

    /**
     * Computes the module's output.
     *
     * @param input the input tensor
     * @return the output tensor
     */
    public abstract Tensor forward(Tensor input);

    // ---------------------------------------------------------------- registration

    /**
     * Registers a parameter under {@code name}, like assigning an {@code nn.Parameter}: the tensor
     * is used as is (not copied) and its gradient tracking is turned on. A null tensor registers
     * an absent parameter (PyTorch's {@code None}, e.g. a Linear without bias), which is skipped by
     * {@link #parameters()} and {@link #stateDict()}. Call {@code requiresGrad(false)} on the
     * tensor afterwards to freeze it.
     *
     * @param name the local name, e.g. {@code "weight"}: non-empty, without dots, not yet used
     * @param tensor a FLOAT64 leaf tensor, or null
     * @return {@code tensor}
     * @throws IllegalArgumentException for a bad or duplicate name, an INT64 or non-leaf tensor
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        checkName(name);
        if (tensor != null) {
            if (tensor.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException(getName() + ": parameter '" + name + "' must be FLOAT64, got "
                        + tensor.dtype() + " of shape " + Shape.str(tensor.shape()));
            }
            if (!tensor.isLeaf()) {
                throw new IllegalArgumentException(getName() + ": cannot register a non-leaf tensor (made by "
                        + tensor.gradFn().name() + ") as parameter '" + name + "'; pass detach() or a copy");
            }
            tensor.requiresGrad(true);
        }
        params.put(name, tensor);
        return tensor;
    }

    /**
     * Registers a child module under {@code name}; its parameters follow this module's own in
     * {@link #parameters()}, with names prefixed by {@code name + "."}.
     *
     * @param name the local name, e.g. {@code "0"} or {@code "fc1"}: non-empty, without dots, not
     *     yet used
     * @param module the child
     * @param <M> the child's type
     * @return {@code module}
     * @throws IllegalArgumentException for a bad or duplicate name or a null module
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == null) {
            throw new IllegalArgumentException(getName() + ": module '" + name + "' must not be null");
        }
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getName() + ": a parameter or module name must be non-empty and "
                    + "contain no '.', got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (params.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getName() + ": attribute '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- queries

    /**
     * The parameters of this module and its descendants, in registration order, each tensor
     * once even if registered under several names (PyTorch's {@code parameters()}). Optimizers
     * take this list.
     *
     * @return an unmodifiable list of the parameter tensors themselves (not copies)
     */
    public List<Tensor> parameters() {
        return List.copyOf(namedParameters().values());
    }

    /**
     * The parameters by dotted name, in registration order ({@code "0.weight"}, {@code "0.bias"},
     * ...), each tensor once, like {@code named_parameters()}.
     *
     * @return an unmodifiable ordered map from name to parameter tensor
     */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect("", out, seen);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen) {
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor t = e.getValue();
            if (t != null && (seen == null || seen.add(t))) {
                out.put(prefix + e.getKey(), t);
            }
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, seen);
        }
    }

    /**
     * The direct children by name, in registration order, like {@code named_children()}.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /**
     * The direct children in registration order, like {@code children()}.
     *
     * @return an unmodifiable list
     */
    public List<Module> children() {
        return List.copyOf(children.values());
    }

    /**
     * The module's state, like {@code state_dict()}: every parameter by dotted name in
     * registration order. The values are detached views that share storage with the parameters,
     * so they see later updates; copy them to keep a snapshot.
     *
     * @return an unmodifiable ordered map from name to tensor
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        collect("", all, null);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : all.entrySet()) {
            out.put(e.getKey(), e.getValue().detach());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Copies {@code state} into the parameters, like {@code load_state_dict(state, strict=True)}.
     * The values are copied in place (under {@link Autograd#noGrad()}), so optimizers that hold the
     * parameter tensors keep working. Nothing is copied unless every key matches: missing keys,
     * unexpected keys and shape mismatches are all reported together.
     *
     * @param state tensors by dotted name, e.g. from another model's {@link #stateDict()}
     * @throws IllegalArgumentException listing every missing, unexpected, null or mis-shaped key
     */
    public void loadStateDict(Map<String, Tensor> state) {
        if (state == null) {
            throw new IllegalArgumentException("Error(s) in loading state dict for " + getName()
                    + ": the state dict is null");
        }
        Map<String, Tensor> own = new LinkedHashMap<>();
        collect("", own, null);
        List<String> missing = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            String key = e.getKey();
            if (!state.containsKey(key)) {
                missing.add('"' + key + '"');
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
                unexpected.add('"' + key + '"');
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder sb = new StringBuilder("Error(s) in loading state dict for " + getName() + ":");
            if (!missing.isEmpty()) {
                sb.append("\n\tMissing key(s) in state dict: ").append(String.join(", ", missing)).append('.');
            }
            if (!unexpected.isEmpty()) {
                sb.append("\n\tUnexpected key(s) in state dict: ").append(String.join(", ", unexpected))
                        .append('.');
            }
            for (String m : mismatched) {
                sb.append("\n\t").append(m).append('.');
            }
            throw new IllegalArgumentException(sb.toString());
        }
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != e.getValue()) {
                    e.getValue().copyFrom(src.dtype() == DType.FLOAT64 ? src : src.to(DType.FLOAT64));
                }
            }
        }
    }

    // ---------------------------------------------------------------- modes and gradients

    /**
     * Puts this module and all its descendants in training mode, like {@code train()}.
     *
     * @return this module
     */
    public Module train() {
        return train(true);
    }

    /**
     * Sets training mode ({@code true}) or evaluation mode ({@code false}) on this module and all
     * its descendants, like {@code train(mode)}.
     *
     * @param mode true for training
     * @return this module
     */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children.values()) {
            m.train(mode);
        }
        return this;
    }

    /**
     * Puts this module and all its descendants in evaluation mode, like {@code eval()}.
     *
     * @return this module
     */
    public Module eval() {
        return train(false);
    }

    /**
     * Whether this module is in training mode (the default).
     *
     * @return true in training mode
     */
    public boolean isTraining() {
        return training;
    }

    /** Sets every parameter's gradient to null, like {@code zero_grad()} (set_to_none). */
    public void zeroGrad() {
        for (Tensor p : parameters()) {
            p.setGrad(null);
        }
    }

    // ---------------------------------------------------------------- printing

    /**
     * The module's own settings for {@link #toString()}, like PyTorch's {@code extra_repr()},
     * e.g. {@code "in_features=2, out_features=10, bias=True"}; empty by default.
     *
     * @return the text inside the parentheses, before any children
     */
    protected String extraRepr() {
        return "";
    }

    /**
     * The name printed by {@link #toString()}: the class's simple name.
     *
     * @return e.g. {@code "Linear"}
     */
    protected String getName() {
        String n = getClass().getSimpleName();
        return n.isEmpty() ? "Module" : n;
    }

    /**
     * The module tree as PyTorch's {@code print(model)} shows it, e.g.
     * <pre>
     * Sequential(
     *   (0): Linear(in_features=2, out_features=10, bias=True)
     *   (1): ReLU()
     * )</pre>
     */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        List<String> extraLines = extra == null || extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\n", -1));
        lines.addAll(extraLines);
        for (Map.Entry<String, Module> e : children.entrySet()) {
            lines.add("(" + e.getKey() + "): " + e.getValue().toString().replace("\n", "\n  "));
        }
        StringBuilder sb = new StringBuilder(getName()).append('(');
        if (!lines.isEmpty()) {
            if (extraLines.size() == 1 && children.isEmpty()) {
                sb.append(extraLines.get(0));
            } else {
                sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return sb.append(')').toString();
    }
}
