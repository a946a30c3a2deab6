package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {

    @Test
    void rowsAreSamples() {
        TensorDataset d = new TensorDataset(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2), Tensor.of(2, 0, 1));
        assertEquals(3, d.size());
        Batch s = d.get(1);
        assertArrayEquals(new int[] {2}, s.inputs().shape());
        assertArrayEquals(new double[] {3, 4}, s.inputs().toArray());
        assertArrayEquals(new int[0], s.targets().shape());
        assertEquals(DType.INT64, s.targets().dtype());
        assertEquals(0, s.targets().item());
        Batch b = d.getBatch(new int[] {2, 2, 0});
        assertArrayEquals(new double[] {5, 6, 5, 6, 1, 2}, b.inputs().toArray());
        assertArrayEquals(new double[] {1, 1, 2}, b.targets().toArray());
        assertEquals(DType.INT64, b.targets().dtype());
        assertArrayEquals(new int[] {0, 2}, d.getBatch(new int[0]).inputs().shape());
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> d.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> d.getBatch(new int[] {0, 5}));
        assertTrue(d.toString().contains("3 samples"), d.toString());
    }

    @Test
    void higherDimensionalRowsAndTargets() {
        TensorDataset d = new TensorDataset(Tensor.rand(new java.util.SplittableRandom(1), 4, 2, 3),
                Tensor.rand(new java.util.SplittableRandom(2), 4, 5));
        Batch s = d.get(3);
        assertArrayEquals(new int[] {2, 3}, s.inputs().shape());
        assertArrayEquals(new int[] {5}, s.targets().shape());
        assertEquals(d.inputs().get(3, 1, 2), s.inputs().get(1, 2));
        Batch b = d.getBatch(new int[] {3, 1});
        assertArrayEquals(new int[] {2, 2, 3}, b.inputs().shape());
        assertEquals(d.targets().get(1, 4), b.targets().get(1, 4));
    }

    @Test
    void mismatchedFirstDimsNameBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.of(1, 2, 3, 4)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[4]"), e.getMessage());
        var z = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.scalar(1), Tensor.of(1)));
        assertTrue(z.getMessage().contains("[]"), z.getMessage());
        assertThrows(NullPointerException.class, () -> new TensorDataset(null, Tensor.of(1)));
    }

    @Test
    void subsetViewsAndCopies() {
        TensorDataset d = DataLoaderTest.data(6);
        Subset s = new Subset(d, new int[] {5, 1, 3});
        assertEquals(3, s.size());
        assertEquals(50, s.get(0).inputs().get(1));
        Batch b = s.getBatch(new int[] {2, 0});
        assertArrayEquals(new double[] {3, 30, 300, 5, 50, 500}, b.inputs().toArray());
        assertArrayEquals(new int[] {5, 1, 3}, s.indices());
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset(d, new int[] {6}));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        TensorDataset c = d.subset(new int[] {4, 0});
        assertEquals(2, c.size());
        assertArrayEquals(new double[] {1, 0}, c.targets().toArray());
        assertEquals(DType.INT64, c.targets().dtype());
    }
}
