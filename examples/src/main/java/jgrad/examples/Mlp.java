package jgrad.examples;

import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;

/** Builds the examples' multi-layer perceptrons. */
public final class Mlp {
    private Mlp() {}

    /**
     * {@code Linear(in, h1), ReLU(), ..., Linear(hk, out)}, initialised from the default generator.
     *
     * @param in input features
     * @param hidden hidden layer sizes (may be empty: a linear classifier)
     * @param out classes
     * @return the model
     */
    public static Sequential of(int in, int[] hidden, int out) {
        Sequential model = new Sequential();
        int prev = in;
        for (int h : hidden) {
            if (h <= 0) {
                throw new IllegalArgumentException("hidden sizes must be positive, got " + h);
            }
            model.add(new Linear(prev, h));
            model.add(new ReLU());
            prev = h;
        }
        model.add(new Linear(prev, out));
        return model;
    }

    /**
     * A short description like {@code 64-128-10}.
     *
     * @param in the number of inputs
     * @param hidden the sizes of the hidden layers
     * @param out the number of outputs
     * @return the sizes joined by {@code -}
     */
    public static String describe(int in, int[] hidden, int out) {
        StringBuilder sb = new StringBuilder().append(in);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(out).toString();
    }

    /**
     * Number of scalar parameters.
     *
     * @param m the module
     * @return the total number of elements of its parameters
     */
    public static long size(Module m) {
        return m.parameters().stream().mapToLong(t -> t.numel()).sum();
    }
}
