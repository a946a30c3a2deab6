package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error API.md names: the exception type, and a message that names the op and the shapes
 * (written like {@code [2, 3]}) or values at fault. Also the inputs PyTorch accepts without an
 * error: NaN, INT64 promotion, and empty tensors.
 */
class BadInputTest {
    /** Asserts {@code body} throws {@code type} with a message containing every fragment. */
    static <T extends Throwable> T assertError(Class<T> type, Executable body, String... fragments) {
        T e = assertThrows(type, body);
        String msg = e.getMessage();
        for (String f : fragments) {
            assertTrue(msg != null && msg.contains(f), "message should contain \"" + f + "\": " + msg);
        }
        return e;
    }

    static Tensor t23() {
        return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    }

    // ------------------------------------------------------------------ shapes

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (Consumer<Tensor[]>) in -> in[0].add(in[1])),
                Arguments.of("sub", (Consumer<Tensor[]>) in -> in[0].sub(in[1])),
                Arguments.of("mul", (Consumer<Tensor[]>) in -> in[0].mul(in[1])),
                Arguments.of("div", (Consumer<Tensor[]>) in -> in[0].div(in[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void broadcastMismatchNamesOpAndBothShapes(String op, Consumer<Tensor[]> f) {
        assertError(IllegalArgumentException.class, () -> f.accept(new Tensor[] {t23(), Tensor.zeros(4)}),
                op, "[2, 3]", "[4]");
        assertError(IllegalArgumentException.class,
                () -> f.accept(new Tensor[] {Tensor.zeros(5, 2, 3), Tensor.zeros(3, 1)}), op, "[5, 2, 3]", "[3, 1]");
        // the same inputs under autograd fail the same way, before anything is recorded
        Tensor a = t23().requiresGrad(true);
        assertError(IllegalArgumentException.class, () -> f.accept(new Tensor[] {a, Tensor.zeros(2)}), op,
                "[2, 3]", "[2]");
    }

    @Test
    void matmulMismatchNamesBothShapes() {
        assertError(IllegalArgumentException.class, () -> t23().matmul(Tensor.zeros(4, 5)), "matmul", "[2, 3]",
                "[4, 5]");
        assertError(IllegalArgumentException.class, () -> t23().matmul(Tensor.zeros(2)), "matmul", "[2, 3]", "[2]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(t23()), "matmul", "[3]", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4)), "matmul", "[3]",
                "[4]");
    }

    @Test
    void batchedMatmulWithBadSizesOrZeroDimsIsAnError() {
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 2, 2).matmul(Tensor.zeros(3, 2)),
                "matmul", "[2, 2, 2]", "[3, 2]", "2 != 3");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(1, 2, 2)),
                "matmul", "[2, 3]", "[1, 2, 2]", "3 != 2");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 1, 2, 2).matmul(Tensor.zeros(3, 2, 2, 2)),
                "matmul", "[2, 1, 2, 2]", "[3, 2, 2, 2]", "batch dims [2, 1] and [3, 2]");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(2).matmul(Tensor.zeros(2)), "matmul", "[]",
                "[2]");
    }

    @Test
    void raggedRowsAreRejected() {
        assertError(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3, 4, 5}}),
                "Tensor.of", "ragged", "row 1", "3 values", "2 values");
        assertError(IllegalArgumentException.class, () -> Tensor.of(new double[][] {{1, 2}, {3, 4}, {5}}),
                "Tensor.of", "row 2", "1 values");
    }

    @Test
    void dataThatDoesNotFillTheShapeIsRejected() {
        assertError(IllegalArgumentException.class, () -> Tensor.of(new double[5], 2, 3), "Tensor.of", "5 values",
                "[2, 3]", "6 elements");
        assertError(IllegalArgumentException.class, () -> Tensor.of(new double[2])
                .reshape(), "reshape", "[]", "2");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, -1), "zeros", "[2, -1]");
    }

    static Stream<Arguments> dimOps() {
        List<Arguments> l = List.of(
                Arguments.of("size", (Consumer<Tensor>) t -> t.size(2)),
                Arguments.of("sum", (Consumer<Tensor>) t -> t.sum(2, false)),
                Arguments.of("mean", (Consumer<Tensor>) t -> t.mean(-3, true)),
                Arguments.of("max", (Consumer<Tensor>) t -> t.max(2, false)),
                Arguments.of("argmax", (Consumer<Tensor>) t -> t.argmax(2)),
                Arguments.of("softmax", (Consumer<Tensor>) t -> t.softmax(2)),
                Arguments.of("logSoftmax", (Consumer<Tensor>) t -> t.logSoftmax(-3)),
                Arguments.of("logSumExp", (Consumer<Tensor>) t -> t.logSumExp(2, false)),
                Arguments.of("gather", (Consumer<Tensor>) t -> t.gather(2, Tensor.of(0).reshape(1, 1))),
                Arguments.of("unsqueeze", (Consumer<Tensor>) t -> t.unsqueeze(3)),
                Arguments.of("cat", (Consumer<Tensor>) t -> Tensor.cat(List.of(t, t), 2)));
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dimOps")
    void dimOutOfRangeNamesOpAndDim(String op, Consumer<Tensor> f) {
        IllegalArgumentException e = assertError(IllegalArgumentException.class, () -> f.accept(t23()), op + ":",
                "dim");
        assertTrue(e.getMessage().matches("(?s).*dim -?[23]\\b.*"), e.getMessage());
    }

    @Test
    void dimErrorsSayTheValidRange() {
        assertError(IllegalArgumentException.class, () -> t23().sum(2, false), "sum", "dim 2", "[-2, 1]");
        assertError(IllegalArgumentException.class, () -> t23().unsqueeze(-4), "unsqueeze", "dim -4", "[2, 3]",
                "[-3, 2]");
        // a 0-D tensor takes dims 0 and -1 where a dim is reduced, as in PyTorch
        assertEquals(5.0, Tensor.scalar(5).sum(0, false).item());
        assertEquals(5.0, Tensor.scalar(5).max(-1, true).item());
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(5).sum(1, false), "sum", "dim 1");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(5).size(0), "size", "0-D");
        assertError(IllegalArgumentException.class, () -> Tensor.scalar(5).squeeze(3), "squeeze", "dim 3");
        assertError(IllegalArgumentException.class, () -> t23().squeeze(2), "squeeze", "dim 2");
        assertEquals(5.0, Tensor.scalar(5).squeeze(-1).item());
    }

    @Test
    void reshapeToAWrongSizeOrWithTwoFreeSizes() {
        assertError(IllegalArgumentException.class, () -> t23().reshape(4, 2), "reshape", "[4, 2]", "6");
        assertError(IllegalArgumentException.class, () -> t23().reshape(4, -1), "reshape", "[4, -1]", "6");
        assertError(IllegalArgumentException.class, () -> t23().reshape(-1, -1), "reshape", "-1", "[-1, -1]");
        assertError(IllegalArgumentException.class, () -> t23().reshape(-2, 3), "reshape", "-2");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).reshape(0, -1), "reshape", "[0, -1]");
        assertError(IllegalArgumentException.class, () -> t23().view(5), "view", "[5]", "6");
        assertError(IllegalArgumentException.class, () -> t23().view(-1, -1), "view", "-1", "[-1, -1]");
    }

    @Test
    void int64ValuesMustBeFiniteIntegers() {
        assertError(IllegalArgumentException.class, () -> Tensor.wrap(new double[] {0.5}, DType.INT64, 1),
                "Tensor.wrap", "INT64", "0.5", "index 0");
        assertError(IllegalArgumentException.class, () -> Tensor.wrap(new double[] {1, Double.NaN}, DType.INT64, 2),
                "Tensor.wrap", "NaN", "index 1");
        assertError(IllegalArgumentException.class,
                () -> Tensor.wrap(new double[] {Double.POSITIVE_INFINITY}, DType.INT64, 1), "Infinity");
        assertEquals(3.0, Tensor.wrap(new double[] {3}, DType.INT64, 1).get(0));
    }

    @Test
    void uniformRejectsLowAboveHigh() {
        assertError(IllegalArgumentException.class, () -> Tensor.uniform(1, 0, 3), "uniform", "low=1.0", "high=0.0");
        assertError(IllegalArgumentException.class, () -> Tensor.uniform(Double.NaN, 1, 3), "uniform", "NaN");
        assertError(IllegalArgumentException.class,
                () -> Tensor.uniform(0, Double.POSITIVE_INFINITY, 3), "uniform", "Infinity");
        assertEquals(2.0, Tensor.uniform(2, 2, 1).get(0));
    }

    @Test
    void catOfMismatchedShapes() {
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(t23(), Tensor.zeros(2, 2)), 0), "cat",
                "[2, 3]", "[2, 2]");
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(t23(), Tensor.zeros(6)), 0), "cat",
                "[2, 3]", "[6]");
        assertError(IllegalArgumentException.class, () -> Tensor.cat(List.of(), 0), "cat");
    }

    // ------------------------------------------------------------------ states

    @Test
    void itemOnManyElementsIsAnIllegalState() {
        assertError(IllegalStateException.class, () -> t23().item(), "item", "6 elements", "[2, 3]");
        assertError(IllegalStateException.class, () -> Tensor.zeros(0).item(), "item", "0 elements");
        assertEquals(7.0, Tensor.of(new double[] {7}, 1, 1).item());
    }

    @Test
    void backwardOnANonScalarIsAnIllegalState() {
        Tensor y = t23().requiresGrad(true).mul(2);
        assertError(IllegalStateException.class, y::backward, "backward", "[2, 3]");
        // with an explicit gradient it works; a wrongly shaped one names both shapes
        y.backward(Tensor.ones(2, 3), true);
        assertError(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3, 2)), "backward", "[3, 2]",
                "[2, 3]");
    }

    @Test
    void backwardOnATensorNotRequiringGrad() {
        assertError(IllegalStateException.class, () -> t23().sum().backward(), "backward",
                "does not require grad");
        Tensor x = t23().requiresGrad(true);
        Tensor y;
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            y = x.sum();
        }
        assertError(IllegalStateException.class, y::backward, "does not require grad");
    }

    @Test
    void int64CannotRequireGrad() {
        assertError(IllegalArgumentException.class, () -> Tensor.of(0, 3, 1).requiresGrad(true), "requiresGrad",
                "INT64", "[3]");
        Tensor.of(0, 3, 1).requiresGrad(false); // turning it off is fine
        assertEquals(DType.INT64, t23().argmax(1).dtype());
        assertTrue(!t23().requiresGrad(true).argmax(1).requiresGrad());
    }

    @Test
    void nonLeafCannotChangeRequiresGrad() {
        Tensor y = t23().requiresGrad(true).mul(2);
        assertError(IllegalArgumentException.class, () -> y.requiresGrad(false), "requiresGrad", "MulBackward");
    }

    // ------------------------------------------------------------------ indices

    @Test
    void gatherNeedsAnInt64IndexInRange() {
        assertError(IllegalArgumentException.class, () -> t23().gather(1, Tensor.of(new double[] {0, 1}, 2, 1)),
                "gather", "index", "FLOAT64", "[2, 1]");
        assertError(IllegalArgumentException.class, () -> t23().gather(1, Tensor.of(0, 3).reshape(2, 1)), "gather",
                "index 3", "size 3");
        assertError(IllegalArgumentException.class, () -> t23().gather(1, Tensor.of(0, -1).reshape(2, 1)), "gather",
                "index -1");
        assertError(IllegalArgumentException.class, () -> t23().gather(1, Tensor.of(0, 1)), "gather", "[2]", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> t23().gather(1, Tensor.of(0, 1, 0).reshape(3, 1)),
                "gather", "[3, 1]", "[2, 3]");
    }

    @Test
    void scatterAddAndIndexSelectCheckTheirIndex() {
        assertError(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).scatterAdd(1, Tensor.of(0, 5).reshape(2, 1), Tensor.zeros(2, 1)), "scatterAdd",
                "index 5");
        assertError(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).scatterAdd(1, Tensor.of(0, 1).reshape(2, 1), Tensor.zeros(2, 2)), "scatterAdd",
                "[2, 1]", "[2, 2]");
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(Tensor.of(0, 2)), "indexSelect",
                "index 2", "size 2");
        // PyTorch's index_select takes no negative index
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(Tensor.of(-1)), "indexSelect",
                "index -1");
        assertError(IllegalArgumentException.class, () -> t23().indexSelect(Tensor.of(0.0)), "indexSelect",
                "FLOAT64");
    }

    // ------------------------------------------------------------------ dtypes

    @Test
    void int64PromotesLikePyTorch() {
        Tensor i = Tensor.of(1, 2, 3);
        Tensor f = Tensor.of(0.5, 0.5, 0.5);
        assertEquals(DType.FLOAT64, i.add(f).dtype());
        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, i.add(f).toArray());
        assertEquals(DType.FLOAT64, f.mul(i).dtype());
        assertEquals(DType.INT64, i.add(i).dtype());
        assertEquals(DType.INT64, i.mul(i).dtype());
        assertEquals(DType.INT64, i.sub(i).dtype());
        assertEquals(DType.FLOAT64, i.div(i).dtype()); // true division, like torch.div
        assertArrayEquals(new double[] {1, 1, 1}, i.div(i).toArray());
        assertEquals(DType.FLOAT64, i.add(1.5).dtype());
        assertEquals(DType.INT64, i.sum().dtype());
        assertEquals(6.0, i.sum().item());
        assertEquals(DType.INT64, i.neg().dtype());
        assertEquals(DType.FLOAT64, i.exp().dtype());
        // logsumexp promotes integers to the default float type, like current PyTorch
        assertEquals(Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)), i.logSumExp(0, false).item(), 1e-15);
        // a float op mixing an INT64 tensor still differentiates the float side
        Tensor w = Tensor.of(2.0, 3.0, 4.0).requiresGrad(true);
        w.mul(i).sum().backward();
        assertArrayEquals(new double[] {1, 2, 3}, w.grad().toArray());
    }

    @Test
    void int64WhereAFloatIsNeededIsAClearError() {
        Tensor i = Tensor.of(1, 2, 3);
        assertError(IllegalArgumentException.class, i::mean, "mean", "INT64", "[3]");
        assertError(IllegalArgumentException.class, () -> i.mean(0, false), "mean", "INT64");
        assertError(IllegalArgumentException.class, () -> i.softmax(0), "softmax", "INT64", "[3]");
        assertError(IllegalArgumentException.class, () -> i.logSoftmax(0), "logSoftmax", "INT64");
    }

    // ------------------------------------------------------------------ NaN

    @Test
    void nanPropagatesWithoutAnException() {
        double nan = Double.NaN;
        Tensor x = Tensor.of(1.0, nan, 3.0).requiresGrad(true);
        assertTrue(Double.isNaN(x.add(1).get(1)));
        assertTrue(Double.isNaN(x.sum().item()));
        assertTrue(Double.isNaN(x.mean().item()));
        assertTrue(Double.isNaN(x.max(0, false).item()));
        assertEquals(1.0, x.argmax(0).item()); // NaN is the max, as in PyTorch
        assertTrue(Double.isNaN(x.matmul(Tensor.of(1.0, 1.0, 1.0)).item()));
        assertTrue(Double.isNaN(x.logSumExp(0, false).item()));
        for (double v : x.softmax(0).toArray()) {
            assertTrue(Double.isNaN(v));
        }
        assertTrue(Double.isNaN(Tensor.of(-1.0).log().item()));
        assertTrue(Double.isNaN(Tensor.of(-1.0).sqrt().item()));
        x.mul(2).sum().backward();
        assertArrayEquals(new double[] {2, 2, 2}, x.grad().toArray());
    }

    // ------------------------------------------------------------------ empty tensors

    @Test
    void emptyTensorsWorkWherePyTorchs() {
        Tensor e = Tensor.zeros(0, 3);
        assertEquals(0, e.numel());
        assertEquals(0.0, e.sum().item());
        assertArrayEquals(new int[0], e.sum().shape());
        Tensor s0 = e.sum(0, false);
        assertArrayEquals(new int[] {3}, s0.shape());
        assertArrayEquals(new double[3], s0.toArray());
        assertArrayEquals(new int[] {0}, e.sum(1, false).shape());
        assertTrue(Double.isNaN(e.mean().item()));
        for (double v : e.mean(0, false).toArray()) {
            assertTrue(Double.isNaN(v));
        }
        Tensor p = e.matmul(Tensor.ones(3, 2));
        assertArrayEquals(new int[] {0, 2}, p.shape());
        Tensor q = Tensor.ones(2, 0).matmul(Tensor.ones(0, 3));
        assertArrayEquals(new int[] {2, 3}, q.shape());
        assertArrayEquals(new double[6], q.toArray());
        assertEquals(0.0, Tensor.zeros(0).matmul(Tensor.zeros(0)).item());
        assertArrayEquals(new int[] {0, 3}, e.softmax(1).shape());
        assertArrayEquals(new int[] {0, 3}, e.softmax(0).shape());
        assertArrayEquals(new int[] {0, 3}, e.logSoftmax(1).shape());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY}, e.logSumExp(0, false).toArray());
        assertArrayEquals(new int[] {0}, e.max(1, false).shape()); // reducing a non-empty dim is fine
        assertArrayEquals(new int[] {0, 3}, e.add(Tensor.ones(3)).shape());
        assertArrayEquals(new int[] {3, 0}, e.t().shape());
        assertArrayEquals(new int[] {0}, e.flatten().shape());
        assertArrayEquals(new int[] {2, 0, 5}, e.reshape(2, 0, 5).shape());
        assertArrayEquals(new int[] {1, 3}, Tensor.cat(List.of(e, Tensor.ones(1, 3)), 0).shape());
    }

    @Test
    void maxOverAnEmptyDimIsAnError() {
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).max(0, false), "max", "dim 0",
                "[0, 3]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).argmax(0), "argmax", "[0, 3]");
        // PyTorch checks the reduced dim even when the result is empty
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(2, 0, 0).max(1, false), "max", "[2, 0, 0]");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(0, 0).max(0, true), "max", "[0, 0]");
        assertArrayEquals(new int[] {0, 0}, Tensor.zeros(2, 0, 0).max(0, false).shape());
    }

    @Test
    void backwardThroughEmptyOps() {
        Tensor x = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        Tensor loss = x.matmul(w).add(b).softmax(1).sum().add(x.mean(0, false).sum().mul(0));
        loss.backward();
        assertArrayEquals(new int[] {0, 3}, x.grad().shape());
        assertArrayEquals(new double[6], w.grad().toArray());
        assertArrayEquals(new double[2], b.grad().toArray());

        Tensor y = Tensor.zeros(0).requiresGrad(true);
        y.sum().backward();
        assertArrayEquals(new int[] {0}, y.grad().shape());
        Tensor z = Tensor.zeros(0, 4).requiresGrad(true);
        z.mean().backward();
        assertArrayEquals(new int[] {0, 4}, z.grad().shape());
        assertNull(Tensor.zeros(0).grad());
    }
}
