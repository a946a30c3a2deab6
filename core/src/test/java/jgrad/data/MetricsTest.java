package jgrad.data;

import static jgrad.data.CsvReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void oneHotEncodes() {
        Tensor h = Datasets.oneHot(Tensor.of(2, 0, 1, 2), 3);
        assertEquals(DType.FLOAT64, h.dtype());
        assertArrayEquals(new int[] {4, 3}, h.shape());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, h.toArray());
        assertArrayEquals(new int[] {4, 5}, Datasets.oneHot(Tensor.of(4, 0, 1, 2)).shape());
        assertEquals(5, Datasets.numClasses(Tensor.of(4, 0, 1, 2)));
        Tensor grid = Datasets.oneHot(Tensor.wrap(new double[] {0, 1, 1, 0}, DType.INT64, 2, 2), 2);
        assertArrayEquals(new int[] {2, 2, 2}, grid.shape());
        assertArrayEquals(new int[] {0, 3}, Datasets.oneHot(Tensor.of(new int[0]), 3).shape());
    }

    @Test
    void oneHotRejectsBadLabels() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Datasets.oneHot(Tensor.of(1, 7, 2), 5)),
                "label 7", "position 1", "5 classes");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Datasets.oneHot(Tensor.of(-1), 5)),
                "label -1");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Datasets.oneHot(Tensor.of(1.0, 2.0), 5)),
                "INT64", "FLOAT64");
        assertThrows(IllegalArgumentException.class, () -> Datasets.oneHot(Tensor.of(1), 0));
        assertThrows(IllegalArgumentException.class, () -> Datasets.numClasses(Tensor.of(new int[0])));
    }

    @Test
    void accuracyFromScoresAndFromClasses() {
        Tensor logits = Tensor.of(new double[][] {{0.1, 2, -1}, {3, 1, 0}, {0, 0, 5}, {1, 1, 0}});
        Tensor y = Tensor.of(1, 0, 1, 1);
        assertEquals(0.5, Metrics.accuracy(logits, y), "ties go to the first max: row 3 predicts 0");
        assertArrayEquals(new double[] {1, 0, 2, 0}, Metrics.predictions(logits).toArray());
        assertEquals(DType.INT64, Metrics.predictions(logits).dtype());
        assertEquals(0.75, Metrics.accuracy(Tensor.of(1, 0, 1, 0), y));
        assertEquals(1.0, Metrics.accuracy(logits.softmax(1), Tensor.of(1, 0, 2, 0)));
        assertTrue(Double.isNaN(Metrics.accuracy(Tensor.zeros(0, 3), Tensor.of(new int[0]))));
        Tensor nan = Tensor.of(new double[][] {{0, Double.NaN, 1}});
        assertEquals(1.0, Metrics.accuracy(nan, Tensor.of(1)), "NaN counts as the max, as in torch.argmax");
    }

    @Test
    void accuracyRejectsBadShapes() {
        Tensor logits = Tensor.zeros(4, 3);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(logits, Tensor.of(0, 1, 2))),
                "[4, 3]", "[3]");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, Tensor.of(0, 1, 2, 3))), "label 3", "3 classes");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(logits, Tensor.of(0.0, 1, 2, 0))), "INT64");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(Tensor.zeros(4), Tensor.of(0, 1, 2, 0))), "(N, C)");
    }

    @Test
    void confusionMatrixRowsAreTrueLabels() {
        Tensor pred = Tensor.of(0, 1, 1, 2, 2, 2);
        Tensor y = Tensor.of(0, 1, 2, 2, 2, 0);
        int[][] m = Metrics.confusionMatrix(pred, y, 3);
        assertArrayEquals(new int[] {1, 0, 1}, m[0]);
        assertArrayEquals(new int[] {0, 1, 0}, m[1]);
        assertArrayEquals(new int[] {0, 1, 2}, m[2]);
        Tensor scores = Datasets.oneHot(pred, 3);
        assertArrayEquals(m, Metrics.confusionMatrix(scores, y, 3));
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Metrics.confusionMatrix(Tensor.of(0, 5), Tensor.of(0, 1), 3)), "prediction 5");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> Metrics.confusionMatrix(Tensor.of(0, 1), Tensor.of(0, 4), 3)), "label 4");
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(pred, y, 0));
    }
}
