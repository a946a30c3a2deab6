package jgrad.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jgrad.Tensor;

/**
 * A chain of modules applied in order, like {@code torch.nn.Sequential}. The children are named
 * {@code "0"}, {@code "1"}, ... so parameters are {@code "0.weight"}, {@code "0.bias"}, ... as in
 * PyTorch.
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
 * }</pre>
 */
public class Sequential extends Module implements Iterable<Module> {
    private final List<Module> modules = new ArrayList<>();

    /**
     * Chains the modules.
     *
     * @param modules the layers, in order
     * @throws IllegalArgumentException if one is null
     */
    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /**
     * Appends a module, named by its position, like {@code append}.
     *
     * @param module the module to append
     * @return this
     * @throws IllegalArgumentException if module is null
     */
    public Sequential add(Module module) {
        registerModule(Integer.toString(modules.size()), module);
        modules.add(module);
        return this;
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
            throw new IndexOutOfBoundsException("Sequential: index " + index + " is out of range for "
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
     * @return an iterator over the modules (removal is not supported)
     */
    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(modules).iterator();
    }

    /**
     * Feeds the input through every module in order; an empty Sequential returns its input.
     *
     * @param input the first module's input
     * @return the last module's output
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }
}
