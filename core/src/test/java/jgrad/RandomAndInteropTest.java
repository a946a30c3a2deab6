package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

/** Tensor.manualSeed reproducibility, random factories, and the EJML bridge. */
class RandomAndInteropTest {
    @Test
    void manualSeedReproducesRandnAndRand() {
        Tensor.manualSeed(1234);
        double[] n1 = Tensor.randn(3, 4).toArray();
        double[] u1 = Tensor.rand(5).toArray();
        double[] w1 = Tensor.uniform(-2, 3, 7).toArray();
        Tensor.manualSeed(1234);
        double[] n2 = Tensor.randn(3, 4).toArray();
        double[] u2 = Tensor.rand(5).toArray();
        double[] w2 = Tensor.uniform(-2, 3, 7).toArray();
        assertArrayEquals(n1, n2, 0.0);
        assertArrayEquals(u1, u2, 0.0);
        assertArrayEquals(w1, w2, 0.0);
        Tensor.manualSeed(1235);
        assertFalse(java.util.Arrays.equals(n1, Tensor.randn(3, 4).toArray()), "another seed, other numbers");
        for (double v : u1) {
            assertTrue(v >= 0 && v < 1);
        }
        for (double v : w1) {
            assertTrue(v >= -2 && v < 3);
        }
    }

    @Test
    void explicitGeneratorsAreReproducibleAndShaped() {
        Tensor a = Tensor.randn(new SplittableRandom(9), 2, 3);
        Tensor b = Tensor.randn(new SplittableRandom(9), 2, 3);
        assertArrayEquals(a.toArray(), b.toArray(), 0.0);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertEquals(DType.FLOAT64, a.dtype());
        assertFalse(a.requiresGrad());
        assertArrayEquals(new int[0], Tensor.rand(new SplittableRandom(1)).shape());
        assertEquals(0, Tensor.randn(new SplittableRandom(1), 0, 5).numel());
    }

    @Test
    void randnLooksStandardNormal() {
        Tensor.manualSeed(7);
        Tensor x = Tensor.randn(20_000);
        double mean = x.mean().item();
        double var = x.sub(mean).pow(2).mean().item();
        assertEquals(0.0, mean, 0.03);
        assertEquals(1.0, var, 0.05);
        Tensor u = Tensor.rand(20_000);
        assertEquals(0.5, u.mean().item(), 0.01);
    }

    @Test
    void simpleMatrixRoundTrip() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        SimpleMatrix m = new SimpleMatrix(rows);
        Tensor t = Tensor.from(m);
        assertArrayEquals(new int[] {2, 3}, t.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toArray());
        SimpleMatrix back = t.toSimpleMatrix();
        assertEquals(2, back.getNumRows());
        assertEquals(3, back.getNumCols());
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(rows[r][c], back.get(r, c));
            }
        }
        // copies both ways: later changes do not leak
        m.set(0, 0, 100);
        assertEquals(1.0, t.get(0, 0));
        back.set(1, 1, -1);
        assertEquals(5.0, t.get(1, 1));
        // EJML and jgrad agree on a product
        Tensor a = Tensor.randn(new SplittableRandom(3), 4, 3);
        Tensor b = Tensor.randn(new SplittableRandom(4), 3, 5);
        SimpleMatrix p = a.toSimpleMatrix().mult(b.toSimpleMatrix());
        assertArrayEquals(Tensor.from(p).toArray(), a.matmul(b).toArray(), 1e-14);
        assertArrayEquals(a.toArray(), Tensor.from(a.toSimpleMatrix()).toArray(), 0.0);
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(3).toSimpleMatrix());
        assertArrayEquals(new int[] {0, 3}, Tensor.from(new SimpleMatrix(0, 3)).shape());
    }

    @Test
    void toArray2DAndGet() {
        Tensor t = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertArrayEquals(new double[] {3, 4}, t.toArray2D()[1]);
        assertEquals(6.0, t.get(-1, -1));
        assertEquals(2.0, t.get(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(3, 0));
        assertThrows(IllegalArgumentException.class, () -> t.get(0));
        assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).toArray2D());
        double[] copy = t.toArray();
        copy[0] = 99;
        assertEquals(1.0, t.get(0, 0), "toArray is a copy");
    }
}
