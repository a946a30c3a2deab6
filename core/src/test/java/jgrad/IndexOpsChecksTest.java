package jgrad;

import static jgrad.BadInputTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * gather and scatterAdd refuse non-INT64 and out-of-range indices with messages naming the op and
 * the shapes; transpose swaps any two dims, negative ones included, in every dtype.
 */
class IndexOpsChecksTest {
    private static Tensor t23() {
        return Tensor.arange(6).to(DType.FLOAT64).reshape(2, 3);
    }

    @Test
    void gatherRefusesFloatingAndBoolIndicesNamingTheShapes() {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.BOOL}) {
            Tensor index = Tensor.zeros(2, 1).to(dt);
            assertError(IllegalArgumentException.class, () -> t23().gather(1, index), "gather", "INT64",
                    dt.toString(), "[2, 1]", "[2, 3]");
            assertError(IllegalArgumentException.class, () -> t23().scatterAdd(1, index, Tensor.zeros(2, 1)),
                    "scatterAdd", "INT64", dt.toString(), "[2, 1]", "[2, 3]");
        }
    }

    @Test
    void outOfRangeIndicesNameTheOpTheDimAndTheShapes() {
        for (int bad : new int[] {3, -1, 100}) {
            Tensor index = Tensor.of(0, bad).reshape(2, 1);
            assertError(IllegalArgumentException.class, () -> t23().gather(1, index), "gather", "index " + bad,
                    "dim 1", "size 3", "[2, 3]", "[2, 1]");
            assertError(IllegalArgumentException.class, () -> t23().scatterAdd(1, index, Tensor.ones(2, 1)),
                    "scatterAdd", "index " + bad, "dim 1", "size 3", "[2, 3]", "[2, 1]");
        }
        // along dim 0, and with a negative dim
        assertError(IllegalArgumentException.class, () -> t23().gather(0, Tensor.of(2).reshape(1, 1)), "gather",
                "index 2", "dim 0", "size 2");
        assertError(IllegalArgumentException.class, () -> t23().gather(-2, Tensor.of(2).reshape(1, 1)), "gather",
                "index 2", "dim 0", "size 2");
        assertError(IllegalArgumentException.class, () -> t23().scatterAdd(-1, Tensor.of(3).reshape(1, 1),
                Tensor.ones(1, 1)), "scatterAdd", "index 3", "dim 1");
        assertError(IllegalArgumentException.class, () -> t23().gather(2, Tensor.of(0).reshape(1, 1)), "gather",
                "dim 2", "[2, 3]");
    }

    @Test
    void inRangeIndicesStillWork() {
        Tensor g = t23().gather(-1, Tensor.of(2, 0, 1, 1).reshape(2, 2));
        assertArrayEquals(new double[] {2, 0, 4, 4}, g.toArray());
        Tensor s = Tensor.zeros(2, 3).scatterAdd(1, Tensor.of(2, 2, 0, 1).reshape(2, 2), Tensor.ones(2, 2));
        assertArrayEquals(new double[] {0, 0, 2, 1, 1, 0}, s.toArray());
    }

    @Test
    void transposeSwapsAnyTwoDimsNegativeOnesIncluded() {
        int[] shape = {2, 3, 4, 5};
        int n = shape.length;
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
            Tensor x = Tensor.arange(120).to(dt).reshape(shape);
            for (int a = -n; a < n; a++) {
                for (int b = -n; b < n; b++) {
                    int d0 = a < 0 ? a + n : a;
                    int d1 = b < 0 ? b + n : b;
                    Tensor y = x.transpose(a, b);
                    int[] expectedShape = shape.clone();
                    expectedShape[d0] = shape[d1];
                    expectedShape[d1] = shape[d0];
                    String what = "transpose(" + a + ", " + b + ") " + dt;
                    assertArrayEquals(expectedShape, y.shape(), what);
                    assertEquals(dt, y.dtype(), what);
                    assertEquals(y.toString(), x.transpose(b, a).toString(), what + " is symmetric");
                    int[] idx = new int[n];
                    for (int flat = 0; flat < 120; flat++) { // y[idx with d0, d1 swapped] == x[idx]
                        int rest = flat;
                        for (int k = n - 1; k >= 0; k--) {
                            idx[k] = rest % shape[k];
                            rest /= shape[k];
                        }
                        int[] swapped = idx.clone();
                        swapped[d0] = idx[d1];
                        swapped[d1] = idx[d0];
                        assertEquals(x.get(idx), y.get(swapped), what + " at flat " + flat);
                    }
                }
            }
        }
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).transpose(-4, 0), "transpose",
                "dim -4", "[2, 3, 4]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 3, 4).transpose(0, 3), "transpose",
                "dim 3", "[2, 3, 4]");
    }

    @Test
    void transposeOfNegativeDimsCarriesTheGradient() {
        Tensor x = Tensor.randn(2, 3, 4).requiresGrad(true);
        Tensor w = Tensor.randn(4, 3, 2);
        x.transpose(-1, 0).mul(w).sum().backward();
        assertArrayEquals(w.transpose(0, 2).toArray(), x.grad().toArray());
    }
}
