package jgrad.optim;

import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.internal.TensorInternals;

/** Helpers for an optimizer's one-parameter update: state entries made on first use, and ATen's lerp. */
final class Updates {
    private Updates() {}

    /**
     * A parameter's state entry, created filled with {@code init} (0-D, or shaped like the
     * parameter) if it is absent.
     *
     * @param state the parameter's {@link Optimizer#mutableState}
     * @param name the entry's name
     * @param scalar whether the entry is 0-D
     * @param param the parameter
     * @param init the value a new entry is filled with
     * @return the live entry
     */
    static Tensor stateTensor(Map<String, Tensor> state, String name, boolean scalar, Tensor param, double init) {
        Tensor t = state.get(name);
        if (t == null) {
            // steps count in FLOAT64 whatever the default dtype; per-element state has the parameter's dtype
            t = scalar ? Tensor.full(init, DType.FLOAT64) : Tensor.full(init, param.dtype(), param.shape());
            state.put(name, t);
        }
        return t;
    }

    /**
     * {@code start.lerp(end, weight)} with ATen's two-sided formula, as PyTorch's {@code lerp_}
     * computes it (used for running averages).
     *
     * @param start the value at weight 0
     * @param end the value at weight 1
     * @param weight the weight of {@code end}
     * @return the interpolated value
     */
    static double lerp(double start, double end, double weight) {
        return Math.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
    }

    /**
     * Writes an update computed on {@code t.doubles()} back into {@code t} (rounded for FLOAT32;
     * nothing to do when {@code values} is {@code t}'s own storage).
     *
     * @param t the parameter or state tensor
     * @param values its updated values
     */
    static void store(Tensor t, double[] values) {
        TensorInternals.store(t, values);
    }
}
