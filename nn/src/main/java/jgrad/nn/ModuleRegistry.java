package jgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * One module's own parameters, buffers and children by local name, in registration order, and
 * the walks over a module tree that {@link Module} answers with: dotted names, state-dict order
 * (a module's parameters, then its persistent buffers, then each child's) and PyTorch's printing.
 */
final class ModuleRegistry {
    /** What {@link #collect} gathers from each module. */
    enum Kind { PARAMETERS, BUFFERS, STATE }

    final Map<String, Tensor> params = new LinkedHashMap<>();
    final Map<String, Tensor> buffers = new LinkedHashMap<>();
    final Set<String> nonPersistent = new HashSet<>();
    final Map<String, Module> children = new LinkedHashMap<>();

    /** A local name must be non-empty, without dots, and not yet used by a parameter, buffer or child. */
    void checkName(String owner, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(owner + ": a parameter, buffer or module name must be non-empty and "
                    + "contain no '.', got " + (name == null ? "null" : "'" + name + "'"));
        }
        if (params.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(owner + ": attribute '" + name + "' is already registered");
        }
    }

    /** {@link Module#registerParameter}: a floating leaf (its grad tracking turned on) or null. */
    void addParameter(String owner, String name, Tensor tensor) {
        checkName(owner, name);
        if (tensor != null) {
            if (!tensor.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException(owner + ": parameter '" + name + "' must be floating (FLOAT32 "
                        + "or FLOAT64), got " + tensor.dtype() + " of shape " + Shape.str(tensor.shape()));
            }
            checkLeaf(owner, "parameter", name, tensor);
            tensor.requiresGrad(true);
        }
        params.put(name, tensor);
    }

    /** {@link Module#registerBuffer(String, Tensor, boolean)}: a leaf of any dtype, or null. */
    void addBuffer(String owner, String name, Tensor tensor, boolean persistent) {
        checkName(owner, name);
        if (tensor != null) {
            checkLeaf(owner, "buffer", name, tensor);
        }
        buffers.put(name, tensor);
        if (!persistent) {
            nonPersistent.add(name);
        }
    }

    private static void checkLeaf(String owner, String kind, String name, Tensor tensor) {
        if (!tensor.isLeaf()) {
            throw new IllegalArgumentException(owner + ": cannot register a non-leaf tensor (made by "
                    + tensor.gradFn().name() + ") as " + kind + " '" + name + "'; pass detach() or a copy");
        }
    }

    /**
     * Gathers, depth first, the module's own tensors of the kind (for STATE: parameters, then
     * persistent buffers) and then each child's, by dotted name; with {@code seen}, each tensor once.
     */
    static void collect(Module m, Kind kind, String prefix, Map<String, Tensor> out, Set<Tensor> seen) {
        ModuleRegistry r = m.registry();
        if (kind != Kind.BUFFERS) {
            put(r.params, null, prefix, out, seen);
        }
        if (kind != Kind.PARAMETERS) {
            put(r.buffers, kind == Kind.STATE ? r.nonPersistent : null, prefix, out, seen);
        }
        for (Map.Entry<String, Module> e : r.children.entrySet()) {
            collect(e.getValue(), kind, prefix + e.getKey() + ".", out, seen);
        }
    }

    private static void put(Map<String, Tensor> own, Set<String> skip, String prefix, Map<String, Tensor> out,
            Set<Tensor> seen) {
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor t = e.getValue();
            if (t != null && (skip == null || !skip.contains(e.getKey())) && (seen == null || seen.add(t))) {
                out.put(prefix + e.getKey(), t);
            }
        }
    }

    /** The tree's tensors of the kind by dotted name, each tensor once, unmodifiable. */
    static Map<String, Tensor> named(Module m, Kind kind) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect(m, kind, "", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    /** A module's own tensor of that name (null if registered as absent); an error naming the kind if none. */
    static Tensor own(String owner, String kind, Map<String, Tensor> tensors, String name) {
        if (!tensors.containsKey(name)) {
            throw new IllegalArgumentException(owner + " has no " + kind + " '" + name + "'");
        }
        return tensors.get(name);
    }

    /** {@link Module#to(DType)}: {@link #convert(Module, DType, Map)} from the root. */
    static void convert(Module root, DType dtype) {
        convert(root, dtype, new IdentityHashMap<>());
    }

    /**
     * Replaces, through the tree, every floating parameter and buffer of another dtype by a leaf
     * copy converted to {@code dtype} with the same requiresGrad and a converted grad;
     * {@code done} maps each replaced tensor to its copy, so a shared tensor stays shared.
     */
    static void convert(Module m, DType dtype, Map<Tensor, Tensor> done) {
        ModuleRegistry r = m.registry();
        for (Map<String, Tensor> own : List.of(r.params, r.buffers)) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor t = e.getValue();
                if (t != null && t.dtype().isFloatingPoint() && t.dtype() != dtype) {
                    e.setValue(done.computeIfAbsent(t, old -> converted(old, dtype)));
                }
            }
        }
        for (Module child : r.children.values()) {
            convert(child, dtype, done);
        }
    }

    private static Tensor converted(Tensor old, DType dtype) {
        Tensor t = old.detach().to(dtype).requiresGrad(old.requiresGrad());
        Tensor g = old.grad();
        if (g != null) {
            t.setGrad(g.detach().to(dtype));
        }
        return t;
    }

    /** PyTorch's module repr: {@code Name(extra)} or the extra lines and {@code (name): child} lines indented. */
    static String render(String name, String extra, Map<String, Module> children) {
        List<String> lines = new ArrayList<>();
        List<String> extraLines = extra == null || extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\n", -1));
        lines.addAll(extraLines);
        for (Map.Entry<String, Module> e : children.entrySet()) {
            lines.add("(" + e.getKey() + "): " + e.getValue().toString().replace("\n", "\n  "));
        }
        StringBuilder sb = new StringBuilder(name).append('(');
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
