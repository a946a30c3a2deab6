package jgrad.data;

import static jgrad.data.CsvReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sizesFollowCeilOfTheTestFraction() {
        Split<TensorDataset> s = Split.trainTest(DataLoaderTest.data(1797), 0.2, 0);
        assertEquals(360, s.test().size());
        assertEquals(1437, s.train().size());
        assertEquals(3, Split.indices(10, 0.3, 0)[1].length, "0.3 * 10 is 3, despite rounding noise");
        assertEquals(4, Split.indices(10, 0.31, 0)[1].length);
        assertEquals(1, Split.indices(2, 0.5, 0)[1].length);
    }

    @Test
    void partsAreDisjointCoverEverythingAndAreDeterministic() {
        int[][] a = Split.indices(100, 0.25, 7);
        int[][] b = Split.indices(100, 0.25, 7);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[1], b[1]);
        int[] all = IntStream.concat(Arrays.stream(a[0]), Arrays.stream(a[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 100).toArray(), all);
        assertFalse(Arrays.equals(a[1], Split.indices(100, 0.25, 8)[1]), "another seed, another split");
    }

    @Test
    void tensorSplitKeepsRowsTogether() {
        TensorDataset d = DataLoaderTest.data(40);
        Split<TensorDataset> s = Split.trainTest(d.inputs(), d.targets(), 0.25, 3);
        for (TensorDataset part : new TensorDataset[] {s.train(), s.test()}) {
            assertEquals(DType.INT64, part.targets().dtype());
            for (int i = 0; i < part.size(); i++) {
                int id = (int) part.inputs().get(i, 0);
                assertEquals(100.0 * id, part.inputs().get(i, 2));
                assertEquals(id % 3, part.targets().get(i));
            }
        }
        int[][] idx = Split.indices(40, 0.25, 3);
        assertEquals(idx[1][0], (int) s.test().inputs().get(0, 0));
    }

    @Test
    void anyDatasetSplitsIntoSubsets() {
        Dataset squares = new DataLoaderTest.Squares(20, false);
        Split<Dataset> s = Split.trainTest(squares, 0.5, 1);
        assertInstanceOf(Subset.class, s.train());
        assertEquals(10, s.test().size());
        Dataset asDataset = DataLoaderTest.data(20);
        assertInstanceOf(TensorDataset.class, Split.trainTest(asDataset, 0.5, 1).train());
    }

    @Test
    void invalidFractionsAndTooFewSamples() {
        TensorDataset d = DataLoaderTest.data(10);
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, f, 0)),
                    "testFraction must be in (0, 1)");
        }
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Split.trainTest(d, 0.99, 0)),
                "both parts must be non-empty");
        TensorDataset one = new TensorDataset(Tensor.zeros(1, 2), Tensor.of(0));
        assertThrows(IllegalArgumentException.class, () -> Split.trainTest(one, 0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Split.trainTest(Tensor.zeros(3, 2), Tensor.of(0, 1), 0.5, 0));
    }
}
