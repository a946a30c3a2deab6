package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** {@code mean()} of all elements keeps its input's dtype, as torch.mean does, whatever the default dtype. */
class MeanDtypeTest {
    @Test
    void meanOfAllElementsKeepsTheInputsDtype() {
        Tensor f = Tensor.of(new double[] {1, 2, 4}, DType.FLOAT32, 3).requiresGrad(true);
        Tensor m = f.mean();
        assertEquals(DType.FLOAT32, m.dtype());
        assertEquals((float) (7.0 / 3), m.item());
        m.backward();
        assertEquals(DType.FLOAT32, f.grad().dtype());
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            assertEquals(DType.FLOAT64, Tensor.of(new double[] {1, 2}, DType.FLOAT64, 2).mean().dtype());
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
    }
}
