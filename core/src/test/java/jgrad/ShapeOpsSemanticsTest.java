package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the golden cases do not show of the shape ops: how many pieces split and chunk give
 * (shapes from PyTorch 1.13), which calls return their input, INT64 tensors, and the names of
 * the recorded backward nodes.
 */
class ShapeOpsSemanticsTest {
    static int[][] shapes(List<Tensor> pieces) {
        return pieces.stream().map(Tensor::shape).toArray(int[][]::new);
    }

    static Tensor range(int... shape) {
        double[] v = new double[Shape.numel(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.of(v, shape);
    }

    @Test
    void chunkFollowsPyTorchsSizeRule() {
        assertArrayEquals(new int[][] {{2, 3}, {2, 3}, {1, 3}}, shapes(Tensor.zeros(5, 3).chunk(3, 0)));
        assertArrayEquals(new int[][] {{2}, {2}, {2}}, shapes(Tensor.zeros(6).chunk(4, 0)));
        assertArrayEquals(new int[][] {{2}, {2}, {1}}, shapes(Tensor.zeros(5).chunk(4, 0)));
        assertArrayEquals(new int[][] {{1}, {1}, {1}, {1}, {1}}, shapes(Tensor.zeros(5).chunk(10, 0)));
        assertArrayEquals(new int[][] {{0, 3}, {0, 3}, {0, 3}}, shapes(Tensor.zeros(0, 3).chunk(3, 0)));
    }

    @Test
    void splitGivesOnePieceForAnEmptyDim() {
        assertArrayEquals(new int[][] {{2, 3}, {2, 3}, {1, 3}}, shapes(Tensor.zeros(5, 3).split(2, 0)));
        assertArrayEquals(new int[][] {{5, 3}}, shapes(Tensor.zeros(5, 3).split(10, 0)));
        assertArrayEquals(new int[][] {{0, 3}}, shapes(Tensor.zeros(0, 3).split(0, 0)));
        assertArrayEquals(new int[][] {{0, 3}}, shapes(Tensor.zeros(0, 3).split(2, 0)));
        assertArrayEquals(new int[][] {{0, 3}, {5, 3}}, shapes(Tensor.zeros(5, 3).split(new int[] {0, 5}, 0)));
        assertArrayEquals(new int[][] {{5, 3}}, shapes(Tensor.zeros(5, 3).split(Integer.MAX_VALUE, 0)));
        List<Tensor> p = range(2, 5).split(2, -1);
        assertArrayEquals(new double[] {4, 9}, p.get(2).toArray());
    }

    @Test
    void sliceAndNarrowAtTheEdges() {
        Tensor x = range(7);
        assertArrayEquals(new double[] {0, 3, 6}, x.slice(0, Integer.MIN_VALUE, Integer.MAX_VALUE, 3).toArray());
        assertArrayEquals(new double[] {4, 5, 6}, x.slice(0, -3, Integer.MAX_VALUE, 1).toArray());
        assertArrayEquals(new int[] {0}, x.slice(0, 5, 2, 1).shape());
        assertArrayEquals(new int[] {0}, x.slice(0, 100, 200, 1).shape());
        assertArrayEquals(new int[] {0}, x.narrow(0, 7, 0).shape());
        assertArrayEquals(new double[] {5, 6}, x.narrow(0, -2, 2).toArray());
        assertEquals(6.0, x.select(0, -1).item());
    }

    @Test
    void noOpShapeCallsReturnTheirInput() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        assertSame(x, x.squeeze());
        assertSame(x, x.transpose(1, -1));
        assertSame(x, x.permute(0, -1));
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        assertSame(s, s.squeeze());
        assertSame(s, s.squeeze(0));
        assertSame(s, s.transpose(0, -1));
        assertSame(s, s.permute());
        assertSame(s, s.expand());
        assertArrayEquals(new int[] {1}, s.flatten().shape());
        assertArrayEquals(new int[] {2, 1, 4}, Tensor.zeros(2, 1, 4).transpose(1, 1).shape());
    }

    @Test
    void shapeOpsKeepInt64() {
        Tensor i = Tensor.of(0, 1, 2, 3, 4, 5).reshape(2, 3);
        for (Tensor y : List.of(i.transpose(0, 1), i.permute(1, 0), i.narrow(1, 0, 2), i.select(0, 1),
                i.slice(1, 0, 3, 2), i.split(1, 0).get(1), i.chunk(2, 1).get(0), i.squeeze(), i.expand(-1, -1),
                Tensor.stack(List.of(i, i), 0), i.indexSelect(1, Tensor.of(2)))) {
            assertEquals(DType.INT64, y.dtype());
            assertFalse(y.requiresGrad());
        }
        assertArrayEquals(new double[] {3, 4, 5}, i.select(0, 1).toArray());
        assertEquals(DType.FLOAT64, Tensor.stack(List.of(Tensor.of(1, 2), Tensor.of(0.5, 0.5)), 0).dtype());
        assertEquals(DType.FLOAT64, Tensor.cat(List.of(Tensor.zeros(0), Tensor.of(1, 2)), 0).dtype());
    }

    @Test
    void catOfOnlyEmptyTensorsIgnoresTheDim() {
        Tensor a = Tensor.zeros(0).requiresGrad(true);
        Tensor y = Tensor.cat(List.of(a, Tensor.zeros(0)), 3);
        assertArrayEquals(new int[] {0}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[] {0}, a.grad().shape());
    }

    @Test
    void transposeMovesValues() {
        Tensor x = range(2, 3, 4);
        Tensor y = x.transpose(0, 2);
        assertArrayEquals(new int[] {4, 3, 2}, y.shape());
        assertEquals(x.get(1, 2, 3), y.get(3, 2, 1));
        Tensor p = x.permute(1, 2, 0);
        assertEquals(x.get(1, 0, 3), p.get(0, 3, 1));
    }

    @Test
    void backwardNodesAreNamedForTheirOp() {
        Tensor x = Tensor.zeros(2, 3).requiresGrad(true);
        assertEquals("TransposeBackward", x.transpose(0, 1).gradFn().name());
        assertEquals("PermuteBackward", x.permute(1, 0).gradFn().name());
        assertEquals("NarrowBackward", x.narrow(1, 0, 2).gradFn().name());
        assertEquals("SelectBackward", x.select(1, 0).gradFn().name());
        assertEquals("SliceBackward", x.slice(1, 0, 3, 2).gradFn().name());
        assertEquals("SplitBackward", x.split(1, 1).get(0).gradFn().name());
        assertEquals("SqueezeBackward", x.unsqueeze(0).squeeze().gradFn().name());
        assertEquals("IndexSelectBackward", x.indexSelect(1, Tensor.of(0)).gradFn().name());
    }
}
