package jgrad.data;

import java.util.Arrays;
import java.util.Objects;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * A data set whose sample {@code i} is row {@code i} (the entries along dim 0) of an inputs
 * tensor and of a targets tensor, like {@code torch.utils.data.TensorDataset}.
 *
 * <p>The tensors are held, not copied; {@link #get(int)} and {@link #getBatch(int[])} return
 * copies of the rows, so changing a batch never changes the data set.
 */
public final class TensorDataset implements Dataset {
    private final Tensor inputs;
    private final Tensor targets;
    private final int size;
    private final int inputRow;
    private final int targetRow;

    /**
     * Pairs inputs with targets, row by row.
     *
     * @param inputs inputs of shape {@code (N, ...)}, e.g. FLOAT64 features {@code (N, F)}
     * @param targets targets of shape {@code (N, ...)}, e.g. INT64 labels {@code (N)}
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if either is 0-D, or if their first dims differ (the
     *     message names both shapes)
     */
    public TensorDataset(Tensor inputs, Tensor targets) {
        Objects.requireNonNull(inputs, "TensorDataset: inputs is null");
        Objects.requireNonNull(targets, "TensorDataset: targets is null");
        if (inputs.dim() == 0 || targets.dim() == 0) {
            throw new IllegalArgumentException("TensorDataset: inputs and targets need a first (sample) dim, got"
                    + " inputs shape " + Shape.str(inputs.shape()) + " and targets shape "
                    + Shape.str(targets.shape()));
        }
        if (inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: inputs shape " + Shape.str(inputs.shape())
                    + " and targets shape " + Shape.str(targets.shape()) + " differ in the first dim ("
                    + inputs.size(0) + " vs " + targets.size(0) + " samples)");
        }
        this.inputs = inputs;
        this.targets = targets;
        this.size = inputs.size(0);
        this.inputRow = size == 0 ? rowNumel(inputs) : inputs.numel() / size;
        this.targetRow = size == 0 ? rowNumel(targets) : targets.numel() / size;
    }

    private static int rowNumel(Tensor t) {
        int[] s = t.shape();
        return Shape.numel(Arrays.copyOfRange(s, 1, s.length));
    }

    /**
     * The inputs tensor (the one given, not a copy).
     *
     * @return the inputs, shape {@code (N, ...)}
     */
    public Tensor inputs() {
        return inputs;
    }

    /**
     * The targets tensor (the one given, not a copy).
     *
     * @return the targets, shape {@code (N, ...)}
     */
    public Tensor targets() {
        return targets;
    }

    /** {@inheritDoc} */
    @Override
    public int size() {
        return size;
    }

    /**
     * Copies of row {@code index} of the inputs and targets (for {@code (N, F)} inputs and
     * {@code (N)} labels: shape {@code (F)} and a 0-D label).
     *
     * @param index the row, {@code 0 <= index < size()}
     * @return the sample
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    @Override
    public Batch get(int index) {
        Stacking.checkIndex(index, size);
        return new Batch(row(inputs, inputRow, index), row(targets, targetRow, index));
    }

    private static Tensor row(Tensor t, int rowSize, int index) {
        int[] s = t.shape();
        double[] d = Arrays.copyOfRange(t.doubles(), index * rowSize, (index + 1) * rowSize);
        return Tensor.wrap(d, t.dtype(), Arrays.copyOfRange(s, 1, s.length));
    }

    /**
     * The given rows, copied straight from storage: inputs of shape
     * {@code (indices.length, ...)} and likewise the targets, with the same dtypes. An empty
     * index array gives tensors with a first dim of 0.
     *
     * @param indices rows to take, each in range; repeats are allowed
     * @return the rows
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    @Override
    public Batch getBatch(int[] indices) {
        Objects.requireNonNull(indices, "TensorDataset.getBatch: indices is null");
        for (int i : indices) {
            Stacking.checkIndex(i, size);
        }
        return new Batch(rows(inputs, inputRow, indices), rows(targets, targetRow, indices));
    }

    private static Tensor rows(Tensor t, int rowSize, int[] indices) {
        int[] shape = t.shape();
        shape[0] = indices.length;
        double[] src = t.doubles();
        double[] out = new double[Shape.numel(shape)];
        if (rowSize == 1) {
            for (int k = 0; k < indices.length; k++) {
                out[k] = src[indices[k]];
            }
        } else {
            for (int k = 0; k < indices.length; k++) {
                System.arraycopy(src, indices[k] * rowSize, out, k * rowSize, rowSize);
            }
        }
        return Tensor.wrap(out, t.dtype(), shape);
    }

    /**
     * A new data set holding copies of the given rows, in the given order.
     *
     * @param indices rows to take, each in range; repeats are allowed
     * @return the rows as a data set
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public TensorDataset subset(int[] indices) {
        Batch b = getBatch(indices);
        return new TensorDataset(b.inputs(), b.targets());
    }

    /**
     * Describes the data set, e.g. {@code TensorDataset(1797 samples, inputs FLOAT64 [1797, 64],
     * targets INT64 [1797])}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "TensorDataset(" + size + " samples, inputs " + inputs.dtype() + " " + Shape.str(inputs.shape())
                + ", targets " + targets.dtype() + " " + Shape.str(targets.shape()) + ")";
    }
}
