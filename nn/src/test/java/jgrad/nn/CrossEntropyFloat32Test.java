package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused cross-entropy on FLOAT32 logits against PyTorch 1.13's float32 values (the
 * {@code f32_cross_entropy} cases of nn_golden.txt): class-index and probability targets, class
 * weights, ignore index, label smoothing, every reduction, (N, C) to (N, C, d1, d2, d3) inputs, logits of
 * +-1000; the loss and every gradient in FLOAT32 (a FLOAT64 probability target promotes the loss
 * to FLOAT64, as in PyTorch), by the plain backward and by the Tensor-op one (createGraph).
 */
class CrossEntropyFloat32Test {
    /** float32 tolerances: PyTorch's own float32 results carry rounding errors of this order. */
    private static final double RTOL = 1e-4;
    private static final double ATOL = 1e-6;

    static List<Golden.Case> cases() {
        return Golden.withOp("f32_cross_entropy");
    }

    @Test
    void theGoldenFileHoldsTheFloat32Cases() {
        assertEquals(89, cases().size());
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertNotNull(actual, what + " is null");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            boolean close = Math.abs(a[i] - e[i]) <= ATOL + RTOL * Math.abs(e[i]);
            assertTrue(close || (Double.isNaN(e[i]) && Double.isNaN(a[i])),
                    what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
        }
    }

    private static Tensor loss(Golden.Case c, Tensor x, Tensor t, Tensor w) {
        return Functional.crossEntropy(x, t, w, Integer.parseInt(c.param("ignore_index", "-100")),
                Reduction.valueOf(c.param("reduction", "mean").toUpperCase(Locale.ROOT)),
                Double.parseDouble(c.param("label_smoothing", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plainBackwardMatchesPyTorchFloat32(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor t = c.has("grad_target") ? c.tensor("target").requiresGrad(true) : c.tensor("target");
        Tensor w = c.has("grad_weight") ? c.tensor("weight").requiresGrad(true) : c.tensor("weight");
        assertEquals(DType.FLOAT32, x.dtype());
        Tensor loss = loss(c, x, t, w);
        assertClose(c.tensor("loss"), loss, c + " loss");
        loss.backward(c.tensor("grad_output"));
        assertClose(c.tensor("grad_input"), x.grad(), c + " grad_input");
        if (c.has("grad_target")) {
            assertClose(c.tensor("grad_target"), t.grad(), c + " grad_target");
        }
        if (c.has("grad_weight")) {
            assertClose(c.tensor("grad_weight"), w.grad(), c + " grad_weight");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tensorOpBackwardMatchesPyTorchFloat32(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor t = c.tensor("target");
        Tensor gx = Autograd.grad(loss(c, x, t, c.tensor("weight")), List.of(x), c.tensor("grad_output"), true).get(0);
        assertTrue(gx.requiresGrad(), c + ": the Tensor-op backward should have run");
        assertClose(c.tensor("grad_input"), gx, c + " grad_input via Tensor ops");
    }

    @Test
    void logitsOf1000GiveFiniteFloat32LossesAndGradients() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 64;
        int c = 300;
        Tensor x = Tensor.randn(r, n, c).mul(1000).to(DType.FLOAT32).requiresGrad(true);
        double[] tv = new double[n];
        for (int i = 0; i < n; i++) {
            tv[i] = r.nextInt(c);
        }
        Tensor t = Tensor.wrap(tv, DType.INT64, n);
        for (Tensor target : new Tensor[] {t, Tensor.rand(r, n, c).to(DType.FLOAT32).softmax(1)}) {
            x.setGrad(null);
            Tensor loss = CrossEntropyLoss.builder().labelSmoothing(0.05).build().forward(x, target);
            assertEquals(DType.FLOAT32, loss.dtype());
            assertTrue(Double.isFinite(loss.item()) && loss.item() > 0, "loss " + loss.item());
            loss.backward();
            assertEquals(DType.FLOAT32, x.grad().dtype());
            assertTrue(Arrays.stream(x.grad().toArray()).allMatch(Double::isFinite), "finite gradient");
        }
    }

    @Test
    void aRetainedGraphsSecondBackwardAddsTheSameGradientAgain() {
        SplittableRandom r = new SplittableRandom(3);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] shape : new int[][] {{5, 6}, {2, 6, 3}}) {
                Tensor x = Tensor.randn(r, shape).to(dtype).requiresGrad(true);
                Tensor t = Tensor.rand(r, shape).to(dtype).softmax(1);
                Tensor loss = Functional.crossEntropy(x, t);
                loss.backward(null, true);
                double[] once = x.grad().toArray();
                loss.backward();
                double[] twice = x.grad().toArray();
                for (int i = 0; i < once.length; i++) {
                    assertEquals(2 * once[i], twice[i], 1e-6 * Math.abs(once[i]) + 1e-9, dtype + " element " + i);
                }
                assertEquals(dtype, x.grad().dtype());
            }
        }
    }

    @Test
    void aFloat32ProbabilityTargetWithFloat64LogitsGivesAFloat64LossAndAFloat32TargetGradient() {
        SplittableRandom r = new SplittableRandom(9);
        Tensor x = Tensor.randn(r, 4, 5, 2);
        Tensor t32 = Tensor.rand(r, 4, 5, 2).softmax(1).to(DType.FLOAT32);
        Tensor x1 = x.copy().requiresGrad(true);
        Tensor ta = t32.copy().requiresGrad(true);
        Tensor loss = Functional.crossEntropy(x1, ta, null, -100, Reduction.SUM, 0.1);
        loss.backward();
        Tensor x2 = x.copy().requiresGrad(true);
        Tensor tb = t32.to(DType.FLOAT64).requiresGrad(true); // the same values, widened
        Tensor want = Functional.crossEntropy(x2, tb, null, -100, Reduction.SUM, 0.1);
        want.backward();
        assertEquals(DType.FLOAT64, loss.dtype());
        assertEquals(want.item(), loss.item(), 1e-12 * Math.abs(want.item()));
        assertArrayEquals(x2.grad().toArray(), x1.grad().toArray(), 1e-15);
        assertEquals(DType.FLOAT32, ta.grad().dtype());
        assertArrayEquals(tb.grad().to(DType.FLOAT32).toArray(), ta.grad().toArray(), 0.0);
    }

    @Test
    void dtypeChecksNameTheOpAndTheDtypes() {
        Tensor x = Tensor.randn(DType.FLOAT32, 3, 4);
        Tensor idx = Tensor.of(new double[] {0, 1, 2}, DType.INT64, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(x, idx, Tensor.ones(DType.FLOAT64, 4), -100, Reduction.MEAN, 0.0));
        assertTrue(e.getMessage().contains("crossEntropy") && e.getMessage().contains("FLOAT32")
                && e.getMessage().contains("FLOAT64"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(x, Tensor.zeros(DType.INT64, 3, 4)));
        assertTrue(e2.getMessage().contains("probabilities") && e2.getMessage().contains("INT64"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class,
                () -> Functional.crossEntropy(Tensor.zeros(DType.INT64, 3, 4), idx));
        assertTrue(e3.getMessage().contains("input") && e3.getMessage().contains("INT64"), e3.getMessage());
        // A FLOAT32 weight with FLOAT64 logits is refused the same way
        // (PyTorch: expected scalar type Double but found Float).
        assertThrows(IllegalArgumentException.class, () -> Functional.crossEntropy(x.to(DType.FLOAT64), idx,
                Tensor.ones(DType.FLOAT32, 4), -100, Reduction.MEAN, 0.0));
        assertEquals(DType.FLOAT32, CrossEntropyLoss.builder().weight(Tensor.ones(DType.FLOAT32, 4)).build()
                .forward(x, idx).dtype());
    }
}
