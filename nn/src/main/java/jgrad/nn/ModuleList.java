package jgrad.nn;

import java.util.Arrays;
import java.util.List;
import jgrad.Tensor;

/**
 * A list of modules, like {@code torch.nn.ModuleList}: it registers its children (named
 * {@code "0"}, {@code "1"}, ..., so parameters and state-dict keys are {@code "0.weight"}, ...)
 * and prints them like {@link Sequential}, but has no forward of its own; a model iterates over
 * it in its own {@code forward}.
 *
 * <pre>{@code
 * final class Stack extends Module {
 *     private final ModuleList layers = registerModule("layers", new ModuleList());
 *
 *     Stack(int width, int depth) {
 *         for (int i = 0; i < depth; i++) {
 *             layers.append(new Linear(width, width));
 *         }
 *     }
 *
 *     public Tensor forward(Tensor x) {
 *         for (Module layer : layers) {
 *             x = layer.forward(x).relu();
 *         }
 *         return x;
 *     }
 * }
 * }</pre>
 */
public class ModuleList extends ModuleSequence<ModuleList> {
    /**
     * A list of the given modules, in order.
     *
     * @param modules the modules
     * @throws IllegalArgumentException if one is null
     */
    public ModuleList(Module... modules) {
        super(Arrays.asList(modules));
    }

    /**
     * A list of the given modules, in order, like {@code ModuleList(iterable)}.
     *
     * @param modules the modules
     * @throws IllegalArgumentException if one is null
     */
    public ModuleList(List<? extends Module> modules) {
        super(modules);
    }

    @Override
    ModuleList self() {
        return this;
    }

    /**
     * Appends a module, like {@code append}; the same as {@code add(module)}.
     *
     * @param module the module to append
     * @return this
     * @throws IllegalArgumentException if module is null
     */
    public ModuleList append(Module module) {
        return add(module);
    }

    /**
     * Appends every module, like {@code extend}.
     *
     * @param modules the modules to append, in order
     * @return this
     * @throws IllegalArgumentException if one is null
     */
    public ModuleList extend(Iterable<? extends Module> modules) {
        for (Module m : modules) {
            add(m);
        }
        return this;
    }

    /**
     * Always throws: like PyTorch's, a ModuleList has no forward.
     *
     * @param input ignored
     * @return never returns
     * @throws UnsupportedOperationException always, naming ModuleList
     */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward (as in PyTorch): iterate over it and "
                + "call each module's forward, or use a Sequential");
    }
}
