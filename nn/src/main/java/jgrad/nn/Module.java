package jgrad.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;

/**
 * The base of every layer and model, like {@code torch.nn.Module}.
 *
 * <p>A module owns parameters (tensors that require grad), buffers (state that is not trained,
 * such as running statistics) and child modules, all registered by name in its constructor with
 * {@link #registerParameter}, {@link #registerBuffer} and {@link #registerModule}.
 * {@link #parameters()} and {@link #stateDict()} list them in registration order under
 * PyTorch's dotted names ({@code "0.weight"}, {@code "2.bias"} in a {@link Sequential}); the
 * state dict holds a module's own parameters, then its own buffers, then each child's, so a
 * jgrad model's state lines up with the same PyTorch model's {@code state_dict()}.
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
 * <p>New parameters have the default dtype ({@link Tensor#getDefaultDtype()}); {@link #to(DType)}
 * converts a model, replacing its tensors, so modules read theirs through
 * {@link #parameter(String)} and {@link #buffer(String)}, and optimizers are built after it.
 *
 * <p><b>Import this class by name</b>: {@code import jgrad.nn.Module;}. Every Java file also
 * imports {@code java.lang.*}, which has its own {@code Module}, so with only
 * {@code import jgrad.nn.*;} the name {@code Module} is ambiguous and {@code extends Module}
 * does not compile. The single-type import wins over both wildcards.
 */
public abstract class Module {
    private final ModuleRegistry registry = new ModuleRegistry();
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
     * @param tensor a floating (FLOAT32 or FLOAT64) leaf tensor, or null
     * @return {@code tensor}
     * @throws IllegalArgumentException for a bad or duplicate name, an INT64, BOOL or non-leaf tensor
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        registry.addParameter(getName(), name, tensor);
        return tensor;
    }

    /**
     * Registers a persistent buffer under {@code name}, like {@code register_buffer(name, tensor)}:
     * state that belongs to the module but is not trained (e.g. running statistics). It is in
     * {@link #buffers()} and {@link #stateDict()} (after the module's own parameters) and loaded by
     * {@link #loadStateDict}, never in {@link #parameters()}. The tensor is used as is (not copied)
     * and its gradient tracking is left alone; null registers an absent buffer (skipped).
     *
     * @param name the local name: non-empty, without dots, not yet used
     * @param tensor a leaf tensor of any dtype, or null
     * @return {@code tensor}
     * @throws IllegalArgumentException for a bad or duplicate name or a non-leaf tensor
     */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        return registerBuffer(name, tensor, true);
    }

    /**
     * Registers a buffer, like {@code register_buffer(name, tensor, persistent)}: a non-persistent
     * buffer is in {@link #buffers()} but not in {@link #stateDict()} (and not expected by
     * {@link #loadStateDict}).
     *
     * @param name the local name: non-empty, without dots, not yet used
     * @param tensor a leaf tensor of any dtype, or null
     * @param persistent whether the buffer is part of the state dict
     * @return {@code tensor}
     * @throws IllegalArgumentException for a bad or duplicate name or a non-leaf tensor
     */
    protected final Tensor registerBuffer(String name, Tensor tensor, boolean persistent) {
        registry.addBuffer(getName(), name, tensor, persistent);
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
        registry.checkName(getName(), name);
        if (module == null) {
            throw new IllegalArgumentException(getName() + ": module '" + name + "' must not be null");
        }
        registry.children.put(name, module);
        return module;
    }

    /**
     * This module's own parameter {@code name} as it is now: the registered tensor, or the one
     * {@link #to(DType)} replaced it with (so modules read their parameters through this).
     *
     * @param name the local name it was registered under
     * @return the tensor, or null if it was registered as absent
     * @throws IllegalArgumentException if no parameter has that name
     */
    protected final Tensor parameter(String name) {
        return ModuleRegistry.own(getName(), "parameter", registry.params, name);
    }

    /**
     * This module's own buffer registered under {@code name}, as it is now (see
     * {@link #parameter(String)}).
     *
     * @param name the local name it was registered under
     * @return the tensor, or null if it was registered as absent
     * @throws IllegalArgumentException if no buffer has that name
     */
    protected final Tensor buffer(String name) {
        return ModuleRegistry.own(getName(), "buffer", registry.buffers, name);
    }

    // ---------------------------------------------------------------- dtype

    /**
     * Converts the floating parameters and buffers of this module and its descendants to
     * {@code dtype}, like {@code module.to(dtype)} (INT64 and BOOL buffers are left alone). Each
     * tensor of another floating dtype is replaced by a converted leaf copy keeping its
     * {@code requiresGrad} and its (converted) gradient; shared tensors stay shared, tensors
     * already of {@code dtype} stay as they are. jgrad tensors cannot change dtype in place, so
     * build optimizers after this call, as PyTorch's docs advise for {@code model.cuda()}: one
     * built before it would keep updating the old tensors.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @return this module
     * @throws IllegalArgumentException for a null or non-floating dtype
     */
    public Module to(DType dtype) {
        if (dtype == null || !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(getName() + ".to: only floating dtypes (FLOAT32, FLOAT64) are accepted, "
                    + "got " + dtype + " (PyTorch: nn.Module.to only accepts floating point or complex dtypes)");
        }
        ModuleRegistry.convert(this, dtype);
        return this;
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
        return ModuleRegistry.named(this, ModuleRegistry.Kind.PARAMETERS);
    }

    /**
     * The buffers of this module and its descendants (persistent or not), in registration order,
     * each tensor once, like {@code buffers()}.
     *
     * @return an unmodifiable list of the buffer tensors themselves (not copies)
     */
    public List<Tensor> buffers() {
        return List.copyOf(namedBuffers().values());
    }

    /**
     * The buffers by dotted name, like {@code named_buffers()}.
     *
     * @return an unmodifiable ordered map from name to buffer tensor
     */
    public Map<String, Tensor> namedBuffers() {
        return ModuleRegistry.named(this, ModuleRegistry.Kind.BUFFERS);
    }

    /**
     * The number of parameter elements, like {@code sum(p.numel() for p in model.parameters())}:
     * each tensor counted once even if shared.
     *
     * @return the total numel of {@link #parameters()}
     */
    public long numParameters() {
        return numParameters(false);
    }

    /**
     * The number of parameter elements, optionally only of those that require grad (the usual
     * "trainable parameters" count).
     *
     * @param trainableOnly count only parameters with {@code requiresGrad()}
     * @return the total numel
     */
    public long numParameters(boolean trainableOnly) {
        long n = 0;
        for (Tensor p : parameters()) {
            if (!trainableOnly || p.requiresGrad()) {
                n += p.numel();
            }
        }
        return n;
    }

    /**
     * The direct children by name, in registration order, like {@code named_children()}.
     *
     * @return an unmodifiable ordered map
     */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(registry.children));
    }

    /**
     * The direct children in registration order, like {@code children()}.
     *
     * @return an unmodifiable list
     */
    public List<Module> children() {
        return List.copyOf(registry.children.values());
    }

    /**
     * The module's state, like {@code state_dict()}: by dotted name, a module's own parameters,
     * then its own persistent buffers, then each child's state, in registration order. The values
     * are detached views that share storage with the parameters and buffers, so they see later
     * updates; copy them to keep a snapshot. They keep the tensors' dtypes (a FLOAT32 model saves
     * FLOAT32 values, F32 in safetensors).
     *
     * @return an unmodifiable ordered map from name to tensor
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : ownState().entrySet()) {
            out.put(e.getKey(), e.getValue().detach());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every state tensor (parameters, persistent buffers) by key, shared ones under each name. */
    private Map<String, Tensor> ownState() {
        Map<String, Tensor> all = new LinkedHashMap<>();
        ModuleRegistry.collect(this, ModuleRegistry.Kind.STATE, "", all, null);
        return all;
    }

    /**
     * Copies {@code state} into the parameters and persistent buffers, like
     * {@code load_state_dict(state, strict=True)}. The values are copied in place (under
     * {@link Autograd#noGrad()}), so optimizers that hold the parameter tensors keep working;
     * values of another dtype are converted to the module's (a FLOAT64 state dict loads into a
     * FLOAT32 model), as PyTorch's {@code param.copy_(value)}.
     * Nothing is copied unless every key matches: missing keys, unexpected keys and shape
     * mismatches are all reported together.
     *
     * @param state tensors by dotted name, e.g. from another model's {@link #stateDict()}
     * @throws IllegalArgumentException listing every missing, unexpected, null or mis-shaped key
     */
    public void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * Copies {@code state} into the parameters and persistent buffers, like
     * {@code load_state_dict(state, strict)}. Non-strict, missing keys keep their values and
     * unexpected keys are ignored, and both are returned; a shape mismatch or a null value is
     * still an error (as in PyTorch), and then nothing is copied.
     *
     * @param state tensors by dotted name
     * @param strict true to reject missing and unexpected keys as {@link #loadStateDict(Map)}
     * @return the missing and unexpected keys (both empty after a strict load)
     * @throws IllegalArgumentException listing every mis-shaped or null key (and, when strict,
     *     every missing and unexpected key)
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = ownState();
        IncompatibleKeys result = StateDictLoading.check(getName(), own, state, strict);
        StateDictLoading.copy(own, state);
        return result;
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
        for (Module m : registry.children.values()) {
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
        return ModuleRegistry.render(getName(), extraRepr(), registry.children);
    }

    /** This module's own parameters, buffers and children, for {@link ModuleRegistry}. */
    final ModuleRegistry registry() {
        return registry;
    }
}
