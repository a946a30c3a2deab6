package jgrad.data;

import java.util.Objects;

/**
 * A view of some samples of another data set, through a list of indices, like
 * {@code torch.utils.data.Subset}. Sample {@code i} of the subset is sample
 * {@code indices[i]} of the underlying data set.
 */
public final class Subset implements Dataset {
    private final Dataset dataset;
    private final int[] indices;

    /**
     * A view through {@code indices} (copied).
     *
     * @param dataset the underlying data set
     * @param indices indices into it, each in {@code [0, dataset.size())}; repeats allowed
     * @throws NullPointerException if either argument is null
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Subset(Dataset dataset, int[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "Subset: dataset is null");
        this.indices = Objects.requireNonNull(indices, "Subset: indices is null").clone();
        int n = dataset.size();
        for (int i : this.indices) {
            Stacking.checkIndex(i, n);
        }
    }

    /**
     * The underlying data set.
     *
     * @return the data set this subset views
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The indices into the underlying data set (a copy).
     *
     * @return the indices
     */
    public int[] indices() {
        return indices.clone();
    }

    /** {@inheritDoc} */
    @Override
    public int size() {
        return indices.length;
    }

    /** {@inheritDoc} */
    @Override
    public Batch get(int index) {
        Stacking.checkIndex(index, indices.length);
        return dataset.get(indices[index]);
    }

    /**
     * The given samples of this subset, stacked by the underlying data set's
     * {@link Dataset#getBatch(int[])}.
     *
     * @param indices indices into this subset
     * @return the stacked samples
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    @Override
    public Batch getBatch(int[] indices) {
        int[] mapped = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            Stacking.checkIndex(indices[k], this.indices.length);
            mapped[k] = this.indices[indices[k]];
        }
        return dataset.getBatch(mapped);
    }
}
