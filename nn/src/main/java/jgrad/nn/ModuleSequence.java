package jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * What {@link Sequential} and {@link ModuleList} share: children held in order and named by
 * position ({@code "0"}, {@code "1"}, ...), so parameters are {@code "0.weight"}, ... as in
 * PyTorch, with append, Python-style indexing, size and iteration.
 *
 * @param <S> the concrete container, returned by {@link #add}
 */
abstract class ModuleSequence<S extends ModuleSequence<S>> extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    ModuleSequence(Iterable<? extends Module> modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    abstract S self();

    /**
     * Appends a module, named by its position, like {@code append}.
     *
     * @param module the module to append
     * @return this
     * @throws IllegalArgumentException if module is null
     */
    public S add(Module module) {
        registerModule(Integer.toString(modules.size()), module);
        modules.add(module);
        return self();
    }

    /**
     * The module at {@code index}; negative indices count from the end, as in Python.
     *
     * @param index the position
     * @return the module
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public Module get(int index) {
        int n = modules.size();
        if (index < -n || index >= n) {
            throw new IndexOutOfBoundsException(getName() + ": index " + index + " is out of range for "
                    + n + " modules");
        }
        return modules.get(index < 0 ? index + n : index);
    }

    /**
     * The number of modules.
     *
     * @return the size
     */
    public int size() {
        return modules.size();
    }

    /**
     * The modules in order.
     *
     * @return an iterator over the modules (removal is not supported; adding a module while
     *     iterating is a ConcurrentModificationException)
     */
    @Override
    public Iterator<Module> iterator() {
        return Collections.unmodifiableList(modules).iterator(); // no copy per forward
    }
}
