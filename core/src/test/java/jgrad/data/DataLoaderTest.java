package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class DataLoaderTest {

    /** n samples; sample i has inputs [i, 10i, 100i] and label i % 3. */
    static TensorDataset data(int n) {
        double[] x = new double[n * 3];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = i;
            x[3 * i + 1] = 10 * i;
            x[3 * i + 2] = 100 * i;
            y[i] = i % 3;
        }
        return new TensorDataset(Tensor.of(x, n, 3), Tensor.of(y));
    }

    /** The sample ids (first input column) of every batch of one epoch. */
    static List<int[]> epoch(DataLoader loader) {
        List<int[]> out = new ArrayList<>();
        for (Batch b : loader) {
            double[] x = b.inputs().storage();
            int[] ids = new int[b.size()];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = (int) x[3 * k];
            }
            out.add(ids);
        }
        return out;
    }

    static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void batchesInOrderWithPartialLastBatch() {
        DataLoader loader = new DataLoader(data(10), 3);
        assertEquals(4, loader.numBatches());
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertEquals(4, batches.size());
        int[] sizes = batches.stream().mapToInt(Batch::size).toArray();
        assertArrayEquals(new int[] {3, 3, 3, 1}, sizes);
        Batch first = batches.get(0);
        assertArrayEquals(new int[] {3, 3}, first.inputs().shape());
        assertEquals(DType.FLOAT64, first.inputs().dtype());
        assertArrayEquals(new double[] {0, 0, 0, 1, 10, 100, 2, 20, 200}, first.inputs().toArray());
        assertArrayEquals(new int[] {3}, first.targets().shape());
        assertEquals(DType.INT64, first.targets().dtype());
        assertArrayEquals(new double[] {0, 1, 2}, first.targets().toArray());
        Batch last = batches.get(3);
        assertArrayEquals(new int[] {1, 3}, last.inputs().shape());
        assertArrayEquals(new double[] {9, 90, 900}, last.inputs().toArray());
        assertArrayEquals(new double[] {0}, last.targets().toArray());
        assertEquals(DType.INT64, last.targets().dtype());
    }

    @Test
    void dropLastDropsOnlyAPartialBatch() {
        DataLoader loader = DataLoader.builder(data(10)).batchSize(3).dropLast(true).build();
        assertEquals(3, loader.numBatches());
        assertEquals(List.of(3, 3, 3), epoch(loader).stream().map(a -> a.length).toList());
        DataLoader exact = DataLoader.builder(data(9)).batchSize(3).dropLast(true).build();
        assertEquals(3, exact.numBatches());
        assertEquals(3, epoch(exact).size());
        DataLoader tooBig = DataLoader.builder(data(5)).batchSize(8).dropLast(true).build();
        assertEquals(0, tooBig.numBatches());
        assertFalse(tooBig.iterator().hasNext());
        DataLoader keep = new DataLoader(data(5), 8);
        assertEquals(1, keep.numBatches());
        assertEquals(5, epoch(keep).get(0).length);
    }

    @Test
    void emptyDatasetHasNoBatches() {
        TensorDataset empty = new TensorDataset(Tensor.zeros(0, 3), Tensor.of(new int[0]));
        DataLoader loader = new DataLoader(empty, 4, true, 1);
        assertEquals(0, loader.numBatches());
        assertFalse(loader.iterator().hasNext());
    }

    @Test
    void iteratorEndsWithNoSuchElement() {
        Iterator<Batch> it = new DataLoader(data(2), 2).iterator();
        it.next();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void sameSeedSameOrderEveryEpochAndEpochsDiffer() {
        DataLoader a = new DataLoader(data(50), 7, true, 42);
        DataLoader b = DataLoader.builder(data(50)).batchSize(7).shuffle(true).seed(42).build();
        List<int[]> a0 = epoch(a);
        List<int[]> a1 = epoch(a);
        List<int[]> a2 = epoch(a);
        assertArrayEquals(flat(a0), flat(epoch(b)));
        assertArrayEquals(flat(a1), flat(epoch(b)));
        assertArrayEquals(flat(a2), flat(epoch(b)));
        assertFalse(Arrays.equals(flat(a0), flat(a1)), "each epoch reshuffles");
        assertFalse(Arrays.equals(flat(a1), flat(a2)), "each epoch reshuffles");
        for (List<int[]> e : List.of(a0, a1, a2)) {
            int[] ids = flat(e);
            assertEquals(8, e.size());
            int[] sorted = ids.clone();
            Arrays.sort(sorted);
            int[] expected = new int[50];
            Arrays.setAll(expected, i -> i);
            assertArrayEquals(expected, sorted, "an epoch is a permutation of the samples");
            assertFalse(Arrays.equals(expected, ids), "shuffled");
        }
        DataLoader other = new DataLoader(data(50), 7, true, 43);
        assertFalse(Arrays.equals(flat(a0), flat(epoch(other))), "another seed, another order");
    }

    @Test
    void shuffledBatchesKeepInputsAndTargetsTogether() {
        for (Batch b : new DataLoader(data(20), 6, true, 7)) {
            double[] x = b.inputs().storage();
            double[] y = b.targets().storage();
            assertEquals(DType.INT64, b.targets().dtype());
            for (int k = 0; k < b.size(); k++) {
                assertEquals(x[3 * k] * 10, x[3 * k + 1]);
                assertEquals(((int) x[3 * k]) % 3, y[k]);
            }
        }
    }

    @Test
    void setEpochReproducesAnEpoch() {
        DataLoader a = new DataLoader(data(30), 4, true, 5);
        epoch(a);
        epoch(a);
        assertEquals(2, a.epoch());
        int[] third = flat(epoch(a));
        DataLoader resumed = new DataLoader(data(30), 4, true, 5);
        resumed.setEpoch(2);
        assertArrayEquals(third, flat(epoch(resumed)));
        assertEquals(3, resumed.epoch());
        assertThrows(IllegalArgumentException.class, () -> resumed.setEpoch(-1));
    }

    @Test
    void generatorGivesReproducibleEpochs() {
        DataLoader a = DataLoader.builder(data(30)).batchSize(4).shuffle(true)
                .generator(new SplittableRandom(9)).build();
        DataLoader b = DataLoader.builder(data(30)).batchSize(4).shuffle(true)
                .generator(new SplittableRandom(9)).build();
        int[] a0 = flat(epoch(a));
        int[] a1 = flat(epoch(a));
        assertArrayEquals(a0, flat(epoch(b)));
        assertArrayEquals(a1, flat(epoch(b)));
        assertFalse(Arrays.equals(a0, a1));
    }

    @Test
    void defaultGeneratorFollowsManualSeed() {
        DataLoader a = DataLoader.builder(data(30)).batchSize(4).shuffle(true).build();
        Tensor.manualSeed(123);
        int[] first = flat(epoch(a));
        Tensor.manualSeed(123);
        assertArrayEquals(first, flat(epoch(a)));
    }

    @Test
    void seedIgnoredWithoutShuffle() {
        int[] ids = flat(epoch(new DataLoader(data(7), 3, false, 99)));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6}, ids);
    }

    @Test
    void invalidSettingsAreRejectedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DataLoader(data(3), 0));
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(data(3)).batchSize(-5));
        assertThrows(NullPointerException.class, () -> new DataLoader(null, 3));
        assertThrows(NullPointerException.class, () -> DataLoader.builder(data(3)).generator(null));
        var both = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(data(3)).shuffle(true)
                .seed(1).generator(new SplittableRandom(1)).build());
        assertTrue(both.getMessage().contains("seed or a generator"), both.getMessage());
    }

    @Test
    void batchesAreCopies() {
        TensorDataset d = data(4);
        Batch b = new DataLoader(d, 4).iterator().next();
        b.inputs().storage()[0] = -1;
        b.targets().storage()[0] = 2;
        assertEquals(0, d.inputs().get(0, 0));
        assertEquals(0, d.targets().get(0));
        Batch one = d.get(1);
        one.inputs().storage()[0] = -7;
        assertEquals(1, d.inputs().get(1, 0));
    }

    @Test
    void epochSeedsAreWellMixed() {
        assertNotEquals(DataLoader.epochSeed(0, 1), DataLoader.epochSeed(1, 0));
        assertNotEquals(DataLoader.epochSeed(0, 0), DataLoader.epochSeed(0, 1));
    }

    /** A dataset that is not a TensorDataset: exercises the default stacking. */
    static final class Squares implements Dataset {
        final int n;
        final boolean ragged;

        Squares(int n, boolean ragged) {
            this.n = n;
            this.ragged = ragged;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Batch get(int i) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException(i);
            }
            int len = ragged && i == 2 ? 3 : 2;
            double[] x = new double[len];
            Arrays.fill(x, i * i);
            return new Batch(Tensor.of(x, len), Tensor.wrap(new double[] {i}, DType.INT64));
        }
    }

    @Test
    void genericDatasetsAreStacked() {
        List<Batch> batches = new ArrayList<>();
        new DataLoader(new Squares(5, false), 2).forEach(batches::add);
        assertEquals(3, batches.size());
        Batch b = batches.get(1);
        assertArrayEquals(new int[] {2, 2}, b.inputs().shape());
        assertArrayEquals(new double[] {4, 4, 9, 9}, b.inputs().toArray());
        assertArrayEquals(new int[] {2}, b.targets().shape());
        assertEquals(DType.INT64, b.targets().dtype());
        assertArrayEquals(new double[] {2, 3}, b.targets().toArray());
        assertArrayEquals(new int[] {1, 2}, batches.get(2).inputs().shape());
    }

    @Test
    void raggedSamplesCannotBeStacked() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new DataLoader(new Squares(4, true), 4).iterator().next());
        assertTrue(e.getMessage().contains("sample 2") && e.getMessage().contains("[3]")
                && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Squares(3, false).getBatch(new int[0]));
        assertThrows(IndexOutOfBoundsException.class, () -> new Squares(3, false).getBatch(new int[] {3}));
    }
}
