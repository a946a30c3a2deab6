package jgrad.data;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/** Stacks samples into batches by copying storage (no autograd). Internal. */
final class Stacking {
    private Stacking() {}

    static Batch stack(Dataset dataset, int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("Dataset.getBatch: needs at least one index");
        }
        int n = dataset.size();
        Batch first = sample(dataset, indices[0], n);
        Part in = new Part(first.inputs(), indices.length);
        Part tg = new Part(first.targets(), indices.length);
        in.put(0, first.inputs(), "inputs", indices[0], indices[0]);
        tg.put(0, first.targets(), "targets", indices[0], indices[0]);
        for (int k = 1; k < indices.length; k++) {
            Batch s = sample(dataset, indices[k], n);
            in.put(k, s.inputs(), "inputs", indices[k], indices[0]);
            tg.put(k, s.targets(), "targets", indices[k], indices[0]);
        }
        return new Batch(in.tensor(), tg.tensor());
    }

    private static Batch sample(Dataset dataset, int index, int n) {
        checkIndex(index, n);
        Batch b = dataset.get(index);
        if (b == null) {
            throw new IllegalStateException("Dataset.getBatch: get(" + index + ") returned null");
        }
        return b;
    }

    static void checkIndex(int index, int n) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a data set of "
                    + n + " samples");
        }
    }

    /** One stacked tensor under construction. */
    private static final class Part {
        final int[] sampleShape;
        final DType dtype;
        final int rowSize;
        final double[] data;
        final int rows;

        Part(Tensor firstSample, int rows) {
            this.sampleShape = firstSample.shape();
            this.dtype = firstSample.dtype();
            this.rowSize = firstSample.numel();
            this.rows = rows;
            long total = (long) rowSize * rows;
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Dataset.getBatch: " + rows + " samples of shape "
                        + Shape.str(sampleShape) + " are too many values for one tensor");
            }
            this.data = new double[(int) total];
        }

        void put(int row, Tensor sample, String what, int index, int firstIndex) {
            if (sample.dtype() != dtype || !Arrays.equals(sample.shape(), sampleShape)) {
                throw new IllegalArgumentException("Dataset.getBatch: cannot stack samples: sample " + index
                        + " has " + what + " " + sample.dtype() + " of shape " + Shape.str(sample.shape())
                        + " but sample " + firstIndex + " has " + dtype + " of shape " + Shape.str(sampleShape));
            }
            double[] src = sample.doubles();
            if (src.length == rowSize) {
                System.arraycopy(src, 0, data, row * rowSize, rowSize);
            } else {
                System.arraycopy(sample.toArray(), 0, data, row * rowSize, rowSize);
            }
        }

        Tensor tensor() {
            int[] shape = new int[sampleShape.length + 1];
            shape[0] = rows;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            return Tensor.wrap(data, dtype, shape);
        }
    }
}
