package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Factories with a dtype, the default dtype, and results that must keep their input's dtype. */
class DTypeFactoriesTest {
    @AfterEach
    void resetDefault() {
        Tensor.setDefaultDtype(DType.FLOAT64);
    }

    @Test
    void factoriesFollowTheDefaultDtype() {
        assertEquals(DType.FLOAT64, Tensor.zeros(2).dtype());
        Tensor.setDefaultDtype(DType.FLOAT32);
        assertEquals(DType.FLOAT32, Tensor.getDefaultDtype());
        assertEquals(DType.FLOAT32, Tensor.zeros(2).dtype());
        assertEquals(DType.FLOAT32, Tensor.of(0.1, 0.2).dtype());
        assertEquals(DType.FLOAT32, Tensor.scalar(1).dtype());
        assertEquals(DType.FLOAT32, Tensor.randn(3).dtype());
        assertEquals(DType.FLOAT32, Tensor.uniform(-1, 1, 3).dtype());
        assertEquals((float) 0.1, Tensor.of(0.1).item(), 0.0, "rounded to float");
        assertEquals(DType.INT64, Tensor.of(1, 2).dtype());
        assertEquals(DType.INT64, Tensor.arange(3).dtype());
        // INT64 / INT64 is a floating result of the default dtype, as PyTorch's true division
        assertEquals(DType.FLOAT32, Tensor.of(1, 2).div(Tensor.of(2, 2)).dtype());
    }

    @Test
    void explicitDtypesDoNotRoundThroughTheDefault() {
        Tensor.setDefaultDtype(DType.FLOAT32);
        assertEquals(0.1, Tensor.of(new double[] {0.1}, DType.FLOAT64, 1).item(), 0.0);
        Tensor.manualSeed(7);
        double[] f64 = Tensor.randn(DType.FLOAT64, 50).toArray();
        boolean notAFloat = false;
        for (double v : f64) {
            notAFloat |= v != (float) v;
        }
        assertTrue(notAFloat, "FLOAT64 samples are full doubles, not floats widened");
        Tensor.manualSeed(7);
        double[] f32 = Tensor.randn(DType.FLOAT32, 50).toArray();
        for (int i = 0; i < f32.length; i++) {
            assertEquals((float) f64[i], f32[i], 0.0, "same stream, rounded");
        }
        assertEquals(DType.FLOAT64, Tensor.ones(DType.FLOAT64, 2).dtype());
        assertArrayEquals(new double[] {2.5, 2.5}, Tensor.full(2.5, DType.FLOAT32, 2).toArray());
        assertEquals(DType.BOOL, Tensor.zeros(DType.BOOL, 2).dtype());
    }

    @Test
    void badDefaultsAndDtypesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.setDefaultDtype(DType.INT64));
        assertTrue(e.getMessage().contains("setDefaultDtype"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.randn(DType.INT64, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros((DType) null, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2).to(null));
    }

    @Test
    void reductionsAndTheirGradientsKeepFloat32() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, DType.FLOAT32, 2, 2).requiresGrad(true);
        Tensor m = a.mean();
        assertEquals(DType.FLOAT32, m.dtype());
        m.backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, a.grad().toArray());
    }

    @Test
    void printingShowsAFloatingDtypeOtherThanTheDefault() {
        assertEquals("tensor([1.5000, 2.0000], dtype=FLOAT32)", Tensor.of(1.5, 2).to(DType.FLOAT32).toString());
        assertEquals("tensor([1.5000, 2.0000])", Tensor.of(1.5, 2).toString());
        Tensor.setDefaultDtype(DType.FLOAT32);
        assertEquals("tensor([1.5000, 2.0000])", Tensor.of(1.5, 2).toString());
        assertEquals("tensor([1.5000, 2.0000], dtype=FLOAT64)", Tensor.of(1.5, 2).to(DType.FLOAT64).toString());
        assertEquals("tensor([1, 2])", Tensor.of(1, 2).toString(), "INT64 is never shown, as PyTorch");
    }
}
