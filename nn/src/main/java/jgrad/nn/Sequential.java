package jgrad.nn;

import java.util.Arrays;
import jgrad.Tensor;

/**
 * A chain of modules applied in order, like {@code torch.nn.Sequential}. The children are named
 * {@code "0"}, {@code "1"}, ... so parameters are {@code "0.weight"}, {@code "0.bias"}, ... as in
 * PyTorch.
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
 * }</pre>
 *
 * <p>Besides {@link #forward}: {@link #add}, {@link #get} (negative indices count from the
 * end), {@link #size} and iteration, as in {@link ModuleList}.
 */
public class Sequential extends ModuleSequence<Sequential> {
    /**
     * Chains the modules.
     *
     * @param modules the layers, in order
     * @throws IllegalArgumentException if one is null
     */
    public Sequential(Module... modules) {
        super(Arrays.asList(modules));
    }

    @Override
    Sequential self() {
        return this;
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
        for (Module m : this) {
            x = m.forward(x);
        }
        return x;
    }
}
