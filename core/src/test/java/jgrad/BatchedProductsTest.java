package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What the golden cases do not show of bmm and batched matmul: each batch entry is exactly the
 * 2-D product of its matrices (same kernel), FLOAT32 stays FLOAT32 forward and backward, and
 * the gradient of a broadcast operand is summed back to its own shape.
 */
class BatchedProductsTest {
    private static final SplittableRandom RNG = new SplittableRandom(16);

    @Test
    void eachBatchEntryIsTheTwoDimensionalProductBitForBit() {
        Tensor a = Tensor.randn(RNG, 3, 4, 5);
        Tensor b = Tensor.randn(RNG, 3, 5, 2);
        Tensor c = a.bmm(b);
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(a.select(0, i).matmul(b.select(0, i)));
        }
        assertArrayEquals(new int[] {3, 4, 2}, c.shapeArray());
        assertArrayEquals(Tensor.stack(rows, 0).doubles(), c.doubles());
        assertArrayEquals(c.doubles(), a.matmul(b).doubles());
    }

    @Test
    void float32StaysFloat32ForwardAndBackward() {
        Tensor a = Tensor.randn(RNG, 2, 3, 4);
        Tensor b = Tensor.randn(RNG, 4, 2);
        Tensor a32 = a.to(DType.FLOAT32).requiresGrad(true);
        Tensor b32 = b.to(DType.FLOAT32).requiresGrad(true);
        Tensor c32 = a32.matmul(b32);
        assertEquals(DType.FLOAT32, c32.dtype());
        c32.sum().backward();
        assertEquals(DType.FLOAT32, a32.grad().dtype());
        assertEquals(DType.FLOAT32, b32.grad().dtype());
        double[] ref = a32.detach().to(DType.FLOAT64).matmul(b32.detach().to(DType.FLOAT64)).doubles();
        double[] got = c32.doubles();
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 1e-5 * (1 + Math.abs(ref[i])));
        }
        Tensor x = Tensor.randn(RNG, 2, 3, 4).to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, x.bmm(Tensor.randn(RNG, 2, 4, 1).to(DType.FLOAT32)).dtype());
    }

    @Test
    void aBroadcastOperandGetsTheSumOverTheBatch() {
        Tensor a = Tensor.randn(RNG, 2, 3, 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(RNG, 1, 4, 2).requiresGrad(true);
        a.matmul(b).sum().backward();
        assertArrayEquals(new int[] {1, 4, 2}, b.grad().shapeArray());
        // d sum / d b[k][j] = sum over batch and rows of a[..., r, k]
        double[] expected = a.detach().sum(0, false).sum(0, false).sum(0, true).t().expand(4, 2).doubles();
        double[] got = b.grad().doubles();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 1e-12);
        }
        assertArrayEquals(new int[] {2, 3, 3, 4}, a.grad().shapeArray());
    }
}
