package jgrad.data;

import static jgrad.data.CsvReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void centresAndScalesEachFeature() {
        Tensor x = Tensor.of(new double[][] {{1, 10, 5}, {2, 20, 5}, {3, 60, 5}, {6, 30, 5}});
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new double[] {3, 30, 5}, s.mean().toArray(), 1e-12);
        // population std: sqrt(mean((x - mean)^2))
        assertEquals(Math.sqrt((4 + 1 + 0 + 9) / 4.0), s.std().get(0), 1e-12);
        assertEquals(0, s.std().get(2));
        Tensor z = s.transform(x);
        assertEquals(DType.FLOAT64, z.dtype());
        assertArrayEquals(new int[] {4, 3}, z.shape());
        for (int j = 0; j < 2; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 4; i++) {
                mean += z.get(i, j) / 4;
                sq += z.get(i, j) * z.get(i, j) / 4;
            }
            assertEquals(0, mean, 1e-12);
            assertEquals(1, sq, 1e-12);
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, z.get(i, 2), "a constant feature is centred, not divided by 0");
        }
        assertArrayEquals(x.toArray(), s.inverseTransform(z).toArray(), 1e-12);
    }

    @Test
    void constantFeatureWithRoundingNeverGivesNaNOrNoise() {
        Tensor x = Tensor.of(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 4}});
        Standardizer s = Standardizer.fit(x);
        assertEquals(0, s.std().get(0));
        Tensor z = s.transform(x);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, z.get(i, 0));
        }
        Tensor test = s.transform(Tensor.of(new double[][] {{0.3, 3}}));
        assertEquals(0.2, test.get(0, 0), 1e-15);
        assertTrue(Double.isFinite(test.get(0, 1)));
    }

    @Test
    void usesTheTrainingStatisticsOnOtherData() {
        Tensor train = Tensor.randn(new SplittableRandom(1), 50, 4).mul(3).add(7);
        Standardizer s = Standardizer.fit(train);
        Tensor other = Tensor.of(new double[][] {{7, 7, 7, 7}});
        Tensor z = s.transform(other);
        for (int j = 0; j < 4; j++) {
            assertEquals((7 - s.mean().get(j)) / s.std().get(j), z.get(0, j), 1e-12);
        }
        TensorDataset d = new TensorDataset(train, Tensor.arange(50));
        TensorDataset t = s.transform(d);
        assertSame(d.targets(), t.targets());
        assertArrayEquals(s.transform(train).toArray(), t.inputs().toArray());
    }

    @Test
    void worksPerPositionForImages() {
        Tensor x = Tensor.rand(new SplittableRandom(2), 10, 2, 3);
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new int[] {2, 3}, s.featureShape());
        assertArrayEquals(new int[] {2, 3}, s.mean().shape());
        assertArrayEquals(new int[] {10, 2, 3}, s.transform(x).shape());
    }

    @Test
    void shapeErrorsAreClear() {
        Standardizer s = Standardizer.fit(Tensor.zeros(5, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(2, 4)));
        assertMentions(e, "[2, 4]", "[N, 3]");
        assertThrows(IllegalArgumentException.class, () -> s.transform(Tensor.zeros(3)));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(0, 3))),
                "N >= 1", "[0, 3]");
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.scalar(1)));
    }
}
