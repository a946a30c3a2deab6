package jgrad.data;

import java.util.Objects;
import jgrad.Tensor;

/**
 * A pair of inputs and targets: one sample (as returned by {@link Dataset#get(int)}, without
 * a batch dim) or a batch of samples stacked along a new first dim (as yielded by a
 * {@link DataLoader} or returned by {@link Dataset#getBatch(int[])}).
 *
 * @param inputs the model inputs; never null
 * @param targets the targets (INT64 class labels, or FLOAT64 values); never null
 */
public record Batch(Tensor inputs, Tensor targets) {
    /**
     * Checks that neither tensor is null.
     *
     * @param inputs the model inputs
     * @param targets the targets
     * @throws NullPointerException if {@code inputs} or {@code targets} is null
     */
    public Batch {
        Objects.requireNonNull(inputs, "Batch: inputs is null");
        Objects.requireNonNull(targets, "Batch: targets is null");
    }

    /**
     * The number of samples in a batch: the size of the inputs' first dim. Meant for batches
     * (which always have a first dim); a 0-D inputs tensor counts as one sample.
     *
     * @return the batch size
     */
    public int size() {
        return inputs.dim() == 0 ? 1 : inputs.size(0);
    }
}
