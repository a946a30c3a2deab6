package jgrad;

import static jgrad.BadInputTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The errors of the shape and indexing ops (issues 13 and 17), each where PyTorch 1.13 raises
 * one: an IllegalArgumentException whose message names the op, the shape written like
 * {@code [2, 3]} and the bad dim, index or size.
 */
class ShapeOpsBadInputTest {
    static Tensor t23() {
        return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    static Tensor idx(int... values) {
        return Tensor.of(values);
    }

    @Test
    void expandSizeMinusOneOnlyKeepsAnExistingDim() {
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(5, 1).expand(-1, 5, -1), "expand", "-1",
                "dim 0", "[5, 1]", "[-1, 5, -1]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(5, 1).expand(-2, 3), "expand", "-2",
                "[-2, 3]");
    }

    @Test
    void expandOfANonSingletonDimNamesTheDimAndBothShapes() {
        assertError(IllegalArgumentException.class, () -> t23().expand(4, 3), "expand", "size 4", "dim 0",
                "existing size 2", "[2, 3]", "[4, 3]");
        assertError(IllegalArgumentException.class, () -> t23().expand(3), "expand", "(1)", "(2)", "[2, 3]", "[3]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).expand(1, 3), "expand", "size 1",
                "existing size 0", "[0, 3]", "[1, 3]");
    }

    @Test
    void catOfZeroDimTensorsNamesThePosition() {
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.scalar(1), Tensor.scalar(2)), 0),
                "cat", "zero-dimensional", "position 0");
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(2), Tensor.scalar(2)), 0),
                "cat", "zero-dimensional", "position 1");
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(0), Tensor.scalar(2)), 0),
                "cat", "position 1");
    }

    @Test
    void catTakesItsDimFromTheFirstTensorThatIsNotSkipped() {
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(0), t23()), 2), "cat",
                "dim 2", "[-2, 1]");
        assertError(IllegalArgumentException.class,
                () -> Tensor.cat(List.of(Tensor.zeros(0), t23(), Tensor.zeros(3, 2)), 0), "cat", "tensor 1", "[2, 3]",
                "tensor 2", "[3, 2]");
        // a [0] tensor of another rank is skipped, a (0, 2) one is not
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(Tensor.zeros(0, 2), t23()), 0), "cat",
                "[0, 2]", "[2, 3]");
    }

    @Test
    void gatherOnAZeroDimInput() {
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).gather(0, idx(0).reshape(1, 1)),
                "gather", "[1, 1]", "[]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).gather(0, idx(1)), "gather", "index 1",
                "size 1");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).gather(1, idx(0)), "gather", "dim 1");
        // an empty index skips the shape checks but not the dim check
        assertError(IllegalArgumentException.class, () -> t23().gather(5, Tensor.zeros(0).to(DType.INT64)), "gather",
                "dim 5");
    }

    @Test
    void indexSelectChecksDimIndexAndZeroDimInput() {
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(2, idx(0)), "indexSelect", "dim 2",
                "[2, 3]");
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(1, idx(3)), "indexSelect", "index 3",
                "dim 1", "size 3", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(-1, idx(-1)), "indexSelect", "index -1");
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(1, idx(1).reshape(1, 1)), "indexSelect",
                "[1, 1]");
        // current PyTorch: an index into a 0-D tensor holds exactly one value (1.13 returned the value)
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).indexSelect(0, idx(0, 0)), "indexSelect",
                "exactly one", "got 2", "[2]");
        assertError(IllegalArgumentException.class,
                () -> Tensor.scalar(1).indexSelect(0, Tensor.zeros(0).to(DType.INT64)), "indexSelect", "got 0");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).indexSelect(0, idx(1)), "indexSelect",
                "index 1", "size 1", "[]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).indexSelect(1, idx(0)), "indexSelect",
                "dim 1", "[-1, 0]");
    }

    @Test
    void minusOneWithZeroElementsIsAmbiguous() {
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).reshape(0, -1), "reshape", "[0, -1]",
                "0 elements", "ambiguous");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).view(-1, 2, 0), "view", "[-1, 2, 0]",
                "ambiguous");
        assertError(IllegalArgumentException.class, () -> t23().reshape(0, -1), "reshape", "[0, -1]", "size 6");
    }

    @Test
    void squeezeAndUnsqueezeOfZeroDim() {
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).squeeze(-2), "squeeze", "dim -2");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).unsqueeze(1), "unsqueeze", "dim 1", "[]",
                "[-1, 0]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).unsqueeze(-2), "unsqueeze", "dim -2");
    }

    @Test
    void transposeAndPermuteCheckTheirDims() {
        assertError(IllegalArgumentException.class, () -> t23().transpose(0, 2), "transpose", "dim 2", "[2, 3]",
                "[-2, 1]");
        assertError(IllegalArgumentException.class, () -> t23().transpose(-3, 0), "transpose", "dim -3", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).transpose(0, 1), "transpose", "dim 1",
                "[]");
        Tensor x = Tensor.zeros(2, 3, 4);
        assertError(IllegalArgumentException.class, () -> x.permute(0, 1), "permute", "[0, 1]", "[2, 3, 4]");
        assertError(IllegalArgumentException.class, () -> t23().permute(0, 1, 2), "permute", "[0, 1, 2]", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> x.permute(0, 0, 1), "permute", "[0, 0, 1]", "repeat dim 0",
                "[2, 3, 4]");
        assertError(IllegalArgumentException.class, () -> x.permute(0, -3, 1), "permute", "[0, -3, 1]",
                "repeat dim 0");
        assertError(IllegalArgumentException.class, () -> x.permute(0, 3, 1), "permute", "dim 3", "[2, 3, 4]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).permute(0), "permute", "[0]", "[]");
    }

    @Test
    void narrowChecksStartAndLength() {
        Tensor x = Tensor.zeros(2, 5);
        assertError(IllegalArgumentException.class, () -> x.narrow(1, 3, 3), "narrow", "length 3", "start 3",
                "size 5", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> x.narrow(1, 1, -1), "narrow", "length -1", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> x.narrow(1, -6, 2), "narrow", "start -6", "[2, 5]",
                "[-5, 5]");
        assertError(IllegalArgumentException.class, () -> x.narrow(1, 6, 0), "narrow", "start 6", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> x.narrow(2, 0, 1), "narrow", "dim 2", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).narrow(0, 0, 1), "narrow", "0-D", "[]");
    }

    @Test
    void selectChecksTheIndex() {
        Tensor x = Tensor.zeros(2, 5);
        assertError(IllegalArgumentException.class, () -> x.select(1, 5), "select", "index 5", "size 5", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> x.select(1, -6), "select", "index -6", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 5).select(0, 0), "select", "index 0",
                "size 0", "[0, 5]");
        assertError(IllegalArgumentException.class, () -> x.select(-3, 0), "select", "dim -3", "[2, 5]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).select(0, 0), "select", "0-D", "[]");
    }

    @Test
    void sliceTakesOnlyAPositiveStep() {
        Tensor x = Tensor.zeros(2, 7);
        assertError(IllegalArgumentException.class, () -> x.slice(1, 0, 7, 0), "slice", "step 0", "[2, 7]");
        assertError(IllegalArgumentException.class, () -> x.slice(1, 7, 0, -1), "slice", "step -1", "[2, 7]");
        assertError(IllegalArgumentException.class, () -> x.slice(2, 0, 1, 1), "slice", "dim 2", "[2, 7]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).slice(0, 0, 1, 1), "slice", "0-D", "[]");
    }

    @Test
    void splitAndChunkCheckTheirSizes() {
        Tensor x = Tensor.zeros(5, 3);
        assertError(IllegalArgumentException.class, () -> x.split(0, 0), "split", "split size 0", "size 5",
                "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.split(-1, 0), "split", "split size -1", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.split(new int[] {2, 2}, 0), "split", "[2, 2]",
                "add up to 4", "size 5", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.split(new int[] {6, -1}, 0), "split", "[6, -1]", "-1",
                "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.split(2, 2), "split", "dim 2", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).split(1, 0), "split", "0-D", "[]");
        assertError(IllegalArgumentException.class, () -> x.chunk(0, 0), "chunk", "chunks 0", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.chunk(-1, 0), "chunk", "chunks -1", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> x.chunk(2, -3), "chunk", "dim -3", "[5, 3]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(1).chunk(1, 0), "chunk", "0-D", "[]");
    }

    @Test
    void stackNeedsTensorsOfOneShapeAndADimInRange() {
        assertError(IllegalArgumentException.class, () -> Tensor.stack(List.of(), 0), "stack", "non-empty");
        assertError(IllegalArgumentException.class, () -> Tensor.stack(List.of(t23(), Tensor.zeros(3, 2)), 0),
                "stack", "tensor 0", "[2, 3]", "tensor 1", "[3, 2]");
        assertError(IllegalArgumentException.class, () -> Tensor.stack(List.of(t23(), t23()), 3), "stack", "dim 3",
                "[2, 3]", "[-3, 2]");
        assertError(IllegalArgumentException.class, () -> Tensor.stack(List.of(t23(), t23()), -4), "stack",
                "dim -4");
        assertError(IllegalArgumentException.class,
                () -> Tensor.stack(List.of(Tensor.scalar(1), Tensor.scalar(2)), 1), "stack", "dim 1", "[]", "[-1, 0]");
        assertArrayEquals(new int[] {2}, Tensor.stack(List.of(Tensor.scalar(1), Tensor.scalar(2)), -1).shape());
    }
}
