package jgrad.data;

/**
 * A data set: a fixed number of samples, each a pair of inputs and targets, like
 * {@code torch.utils.data.Dataset} (map-style).
 *
 * <p>Implement {@link #size()} and {@link #get(int)}; a {@link DataLoader} builds its batches
 * through {@link #getBatch(int[])}, whose default stacks the samples by copying their
 * storage. Implementations backed by big tensors (such as {@link TensorDataset}) override it
 * to copy rows directly.
 */
public interface Dataset {
    /**
     * The number of samples.
     *
     * @return the number of samples, {@code >= 0}
     */
    int size();

    /**
     * One sample: its inputs and targets without a batch dim (for a data set of rows of
     * shape {@code (F)} with scalar labels: inputs of shape {@code (F)} and 0-D targets).
     *
     * @param index the sample index, {@code 0 <= index < size()}
     * @return the sample
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    Batch get(int index);

    /**
     * Several samples stacked along a new first dim: inputs of shape
     * {@code (indices.length, ...sample inputs shape)}, likewise the targets, each keeping the
     * dtype of the samples. The default calls {@link #get(int)} for each index and copies the
     * values; the result shares no storage with the data set.
     *
     * @param indices sample indices, each in range; repeats are allowed
     * @return the stacked samples
     * @throws IllegalArgumentException if {@code indices} is empty (the default cannot know
     *     the sample shape then), or if the samples differ in shape or dtype
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    default Batch getBatch(int[] indices) {
        return Stacking.stack(this, indices);
    }
}
