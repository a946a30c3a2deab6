package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.GradCheck;
import jgrad.autograd.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LinAlg#addmm}: one AddmmBackward node, bit for bit {@code mm(a, b, ta, tb).add(bias)}
 * forward and backward, first and second derivatives for every transpose combination and every
 * set of inputs requiring grad, and errors naming the op and the shapes.
 */
class AddmmTest {
    private static final int M = 3;
    private static final int K = 4;
    private static final int N = 2;

    /** Operands for op(a) (M x K) and op(b) (K x N), stored transposed when the flag is set. */
    private static Tensor[] operands(SplittableRandom r, int m, int k, int n, boolean ta, boolean tb) {
        Tensor bias = Tensor.randn(r, n);
        Tensor a = ta ? Tensor.randn(r, k, m) : Tensor.randn(r, m, k);
        Tensor b = tb ? Tensor.randn(r, n, k) : Tensor.randn(r, k, n);
        return new Tensor[] {bias, a, b};
    }

    private static Function<Tensor[], Tensor> addmm(boolean ta, boolean tb) {
        return in -> LinAlg.addmm(in[0], in[1], in[2], ta, tb);
    }

    /** Four transpose combinations times the seven non-empty sets of inputs requiring grad. */
    static Stream<Arguments> combos() {
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            for (int mask = 1; mask < 8; mask++) {
                out.add(Arguments.of((t & 1) != 0, (t & 2) != 0, mask));
            }
        }
        return out.stream();
    }

    private static Tensor[] inputs(boolean ta, boolean tb, int mask) {
        Tensor[] in = operands(new SplittableRandom(31L * mask + (ta ? 7 : 0) + (tb ? 3 : 0)), M, K, N, ta, tb);
        for (int i = 0; i < 3; i++) {
            in[i].requiresGrad((mask & (1 << i)) != 0);
        }
        return in;
    }

    @ParameterizedTest(name = "ta={0} tb={1} requiresGrad mask={2}")
    @MethodSource("combos")
    void gradcheck(boolean ta, boolean tb, int mask) {
        assertTrue(GradCheck.gradcheck(addmm(ta, tb), inputs(ta, tb, mask)));
    }

    @ParameterizedTest(name = "ta={0} tb={1} requiresGrad mask={2}")
    @MethodSource("combos")
    void gradgradcheck(boolean ta, boolean tb, int mask) {
        assertTrue(GradCheck.gradgradcheck(addmm(ta, tb), inputs(ta, tb, mask)));
    }

    @ParameterizedTest(name = "ta={0} tb={1} requiresGrad mask={2}")
    @MethodSource("combos")
    void onlyInputsRequiringGradGetAGradient(boolean ta, boolean tb, int mask) {
        Tensor[] in = inputs(ta, tb, mask);
        Tensor y = LinAlg.addmm(in[0], in[1], in[2], ta, tb);
        assertEquals("AddmmBackward", y.gradFn().name());
        y.backward(Tensor.randn(new SplittableRandom(mask), M, N));
        for (int i = 0; i < 3; i++) {
            if ((mask & (1 << i)) != 0) {
                assertNotNull(in[i].grad(), "input " + i);
                assertArrayEquals(in[i].shape(), in[i].grad().shape(), "input " + i);
            } else {
                assertNull(in[i].grad(), "input " + i + " does not require grad");
            }
        }
    }

    @Test
    void noInputRequiringGradRecordsNothing() {
        Tensor[] in = operands(new SplittableRandom(1), M, K, N, false, true);
        Tensor y = LinAlg.addmm(in[0], in[1], in[2], false, true);
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
        Tensor x = in[1].requiresGrad(true);
        try (var s = Autograd.noGrad()) {
            assertNull(LinAlg.addmm(in[0], x, in[2], false, true).gradFn(), "no node under noGrad");
        }
    }

    /**
     * Shapes for the tiny direct loop, the blocked path (one thread) and the parallel one
     * (more than 2^20 multiply-adds), plus empty products.
     */
    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        int[][] mkn = {{1, 1, 1}, {3, 4, 2}, {4, 7, 5}, {33, 17, 70}, {64, 300, 40}, {130, 140, 120}, {300, 64, 9},
            {0, 3, 4}, {3, 0, 4}, {3, 4, 0}};
        for (int[] s : mkn) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} ta={3} tb={4}")
    @MethodSource("sizes")
    void bitForBitMmThenAddForwardAndBackward(int m, int k, int n, boolean ta, boolean tb) {
        SplittableRandom r = new SplittableRandom(m * 1_000_003L + k * 1009L + n + (ta ? 17 : 0) + (tb ? 71 : 0));
        Tensor[] in = operands(r, m, k, n, ta, tb);
        Tensor g = Tensor.randn(r, m, n);
        Tensor[] fused = copies(in);
        Tensor[] plain = copies(in);
        Tensor y1 = LinAlg.addmm(fused[0], fused[1], fused[2], ta, tb);
        Tensor y2 = LinAlg.mm(plain[1], plain[2], ta, tb).add(plain[0]);
        assertArrayEquals(new int[] {m, n}, y1.shape());
        assertArrayEquals(y2.toArray(), y1.toArray(), "forward, bit for bit");
        y1.backward(g);
        y2.backward(g);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(plain[i].grad().toArray(), fused[i].grad().toArray(), "grad of input " + i);
        }
    }

    private static Tensor[] copies(Tensor[] in) {
        Tensor[] c = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            c[i] = in[i].copy().requiresGrad(true);
        }
        return c;
    }

    @Test
    void biasIsAddedAfterTheProductNotIntoTheFmaChain() {
        // (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60 rounds to 1 + 2^-29; adding -1 then gives 2^-29.
        // Starting the FMA chain at the bias instead would keep the 2^-60.
        double u = 1 + 0x1p-30;
        Tensor a = Tensor.of(new double[] {u}, 1, 1);
        Tensor b = Tensor.of(new double[] {u}, 1, 1);
        Tensor bias = Tensor.of(-1.0);
        assertEquals(0x1p-29 + 0x1p-60, Math.fma(u, u, -1.0), 0.0);
        assertEquals(0x1p-29, LinAlg.mm(a, b, false, false).add(bias).item(), 0.0);
        assertEquals(0x1p-29, LinAlg.addmm(bias, a, b, false, false).item(), 0.0);
    }

    @Test
    void nonFiniteValuesPropagateLikeMmThenAdd() {
        Tensor a = Tensor.of(new double[] {Double.POSITIVE_INFINITY, 1, 2, Double.NaN}, 2, 2);
        Tensor b = Tensor.of(new double[] {1, -0.0, 0, 1}, 2, 2);
        Tensor bias = Tensor.of(-0.0, Double.NEGATIVE_INFINITY);
        assertArrayEquals(LinAlg.mm(a, b, false, true).add(bias).toArray(),
                LinAlg.addmm(bias, a, b, false, true).toArray());
    }

    @Test
    void dtypeIsPromotedLikeMmThenAdd() {
        Tensor ia = Tensor.of(1, 2, 3, 4).reshape(2, 2);
        Tensor ib = Tensor.of(5, 6, 7, 8).reshape(2, 2);
        Tensor ibias = Tensor.of(10, 20);
        Tensor ints = LinAlg.addmm(ibias, ia, ib, false, false);
        assertEquals(DType.INT64, ints.dtype());
        assertArrayEquals(new double[] {29, 42, 53, 70}, ints.toArray(), 0.0);
        Tensor mixed = LinAlg.addmm(Tensor.of(0.5, 0.25), ia, ib, false, false);
        assertEquals(DType.FLOAT64, mixed.dtype());
        assertArrayEquals(new double[] {19.5, 22.25, 43.5, 50.25}, mixed.toArray(), 0.0);
        assertEquals(DType.FLOAT64, LinAlg.addmm(ibias, ia.to(DType.FLOAT64), ib, false, false).dtype());
    }

    @Test
    void recordsOneNodeWithBiasFirstLikePyTorch() {
        Tensor bias = Tensor.randn(new SplittableRandom(2), 10).requiresGrad(true);
        Tensor x = Tensor.randn(new SplittableRandom(3), 4, 2);
        Tensor w = Tensor.randn(new SplittableRandom(4), 10, 2).requiresGrad(true);
        Tensor y = LinAlg.addmm(bias, x, w, false, true);
        Node node = y.gradFn();
        assertEquals("AddmmBackward", node.name());
        assertEquals(3, node.inputs().size());
        assertSame(bias, node.inputs().get(0));
        assertSame(x, node.inputs().get(1));
        assertSame(w, node.inputs().get(2));
        List<String> tape = Autograd.tape(y);
        assertEquals(1, tape.size(), tape.toString());
        assertTrue(tape.get(0).endsWith(" AddmmBackward([10] leaf, [4, 2], [10, 2] leaf) -> [4, 10]"), tape.get(0));
    }

    @Test
    void modifyingASavedOperandInPlaceIsDetected() {
        Tensor bias = Tensor.zeros(2).requiresGrad(true);
        Tensor x = Tensor.ones(3, 4).requiresGrad(true);
        Tensor w = Tensor.ones(2, 4);
        Tensor y = LinAlg.addmm(bias, x, w, false, true);
        w.addInPlace(Tensor.ones(2, 4));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("AddmmBackward"), e.getMessage());
    }

    @Test
    void biasIsNotSavedSoChangingItAfterwardsDoesNotMatter() {
        Tensor bias = Tensor.zeros(2);
        Tensor x = Tensor.ones(3, 4).requiresGrad(true);
        Tensor w = Tensor.ones(2, 4);
        Tensor y = LinAlg.addmm(bias, x, w, false, true);
        bias.addInPlace(Tensor.ones(2));
        y.sum().backward();
        assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, x.grad().toArray(), 0.0);
    }

    private static void assertMessage(Runnable r, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith("addmm: "), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), e.getMessage() + " should contain " + p);
        }
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor a = Tensor.ones(3, 4);
        Tensor b = Tensor.ones(4, 2);
        Tensor bias = Tensor.ones(2);
        assertMessage(() -> LinAlg.addmm(Tensor.ones(3), a, b, false, false), "bias of shape [3]", "[3, 2]",
                "expected shape [2]");
        assertMessage(() -> LinAlg.addmm(Tensor.ones(3, 2), a, b, false, false), "bias of shape [3, 2]",
                "expected shape [2]");
        assertMessage(() -> LinAlg.addmm(Tensor.ones(1, 2), a, b, false, false), "bias of shape [1, 2]");
        assertMessage(() -> LinAlg.addmm(Tensor.scalar(1.0), a, b, false, false), "bias of shape []");
        // The bias must fit op(b)'s columns, not b's stored ones.
        assertMessage(() -> LinAlg.addmm(Tensor.ones(4), a, Tensor.ones(2, 4), false, true), "bias of shape [4]",
                "[3, 2]", "expected shape [2]");
        assertMessage(() -> LinAlg.addmm(bias, Tensor.ones(4), b, false, false), "2-D", "[4]", "[4, 2]");
        assertMessage(() -> LinAlg.addmm(bias, a, Tensor.ones(2, 4, 1), false, false), "2-D", "[3, 4]",
                "[2, 4, 1]");
        assertMessage(() -> LinAlg.addmm(bias, Tensor.scalar(2.0), Tensor.scalar(3.0), false, false), "2-D", "[]");
        assertMessage(() -> LinAlg.addmm(bias, a, Tensor.ones(3, 2), false, false), "[3, 4]", "[3, 2]",
                "cannot be multiplied (4 != 3)");
        assertMessage(() -> LinAlg.addmm(bias, a, b, true, false), "[4, 3]", "[4, 2]",
                "cannot be multiplied (3 != 4)");
        assertMessage(() -> LinAlg.addmm(bias, a, Tensor.ones(2, 3), false, true), "[3, 4]", "[3, 2]",
                "cannot be multiplied (4 != 3)");
    }
}
