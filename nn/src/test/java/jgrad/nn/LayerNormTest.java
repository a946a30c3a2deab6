package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** LayerNorm against PyTorch 1.13 (golden/nn_golden.txt), gradchecks, init, printing and checks. */
class LayerNormTest {
    static List<Golden.Case> cases() {
        return Golden.ofOp("layer_norm", 4);
    }

    private static int[] shape(Golden.Case c) {
        return Arrays.stream(c.param("normalized_shape", "").split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void goldenFileHasEveryCaseInBothDtypes() {
        assertEquals(8, cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void functionalMatchesPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor w = c.has("weight") ? c.tensor("weight").requiresGrad(true) : null;
        Tensor b = c.has("bias") ? c.tensor("bias").requiresGrad(true) : null;
        Tensor y = Functional.layerNorm(x, shape(c), w, b, Double.parseDouble(c.param("eps", "nan")));
        y.backward(c.tensor("grad_output"));
        check(f32, c.tensor("output"), y, c + " output");
        check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
        if (w != null) {
            check(f32, c.tensor("grad_weight"), w.grad(), c + " grad_weight");
            check(f32, c.tensor("grad_bias"), b.grad(), c + " grad_bias");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleMatchesPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        boolean affine = c.has("weight");
        LayerNorm ln = new LayerNorm(shape(c), Double.parseDouble(c.param("eps", "nan")), affine);
        if (f32) {
            ln.to(DType.FLOAT32);
        }
        if (affine) {
            ln.loadStateDict(Map.of("weight", c.tensor("weight"), "bias", c.tensor("bias")));
        }
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = ln.forward(x);
        y.backward(c.tensor("grad_output"));
        check(f32, c.tensor("output"), y, c + " output");
        check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
        if (affine) {
            check(f32, c.tensor("grad_weight"), ln.weight().grad(), c + " grad_weight");
            check(f32, c.tensor("grad_bias"), ln.bias().grad(), c + " grad_bias");
        }
    }

    /** Reductions over the normalised dims (also BatchNormTest): float32 results to rtol 1e-4. */
    static void check(boolean f32, Tensor expected, Tensor actual, String what) {
        if (f32) {
            Golden.assertCloseFloat32(expected, actual, 1e-4, 1e-5, what);
        } else {
            assertEquals(DType.FLOAT64, actual.dtype(), what + ": dtype");
            Golden.assertClose(expected, actual, what);
        }
    }

    @Test
    void gradcheckAndGradgradcheckWithRespectToInputWeightAndBias() {
        Function<Tensor[], Tensor> f = t -> Functional.layerNorm(t[0], new int[] {2, 3}, t[1], t[2], 1e-5);
        for (boolean second : new boolean[] {false, true}) {
            Tensor[] in = {Tensor.randn(2, 2, 3).mul(2.0).add(0.5).requiresGrad(true),
                Tensor.randn(2, 3).requiresGrad(true), Tensor.randn(2, 3).requiresGrad(true)};
            assertTrue(second ? GradCheck.gradgradcheck(f, in) : GradCheck.gradcheck(f, in));
        }
        Function<Tensor[], Tensor> plain = t -> new LayerNorm(new int[] {4}, 0.1, false).forward(t[0]);
        assertTrue(GradCheck.gradgradcheck(plain, Tensor.randn(3, 4).requiresGrad(true)));
    }

    @Test
    void initStateDictAndPrinting() {
        LayerNorm ln = new LayerNorm(4);
        assertEquals("LayerNorm((4,), eps=1e-05, elementwise_affine=True)", ln.toString());
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.stateDict().keySet()));
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), Arrays.stream(ln.weight().toArray()).boxed().toList());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), Arrays.stream(ln.bias().toArray()).boxed().toList());
        assertTrue(ln.weight().requiresGrad() && ln.bias().requiresGrad());
        assertEquals(1e-5, ln.eps());
        LayerNorm plain = new LayerNorm(new int[] {3, 4}, 0.5, false);
        assertEquals("LayerNorm((3, 4), eps=0.5, elementwise_affine=False)", plain.toString());
        assertTrue(plain.stateDict().isEmpty());
        assertNull(plain.weight());
        DType saved = Tensor.getDefaultDtype();
        try {
            Tensor.setDefaultDtype(DType.FLOAT32);
            LayerNorm f32 = new LayerNorm(2);
            assertEquals(DType.FLOAT32, f32.weight().dtype());
            assertEquals(DType.FLOAT32, f32.forward(Tensor.of(1.0, 3.0)).dtype());
        } finally {
            Tensor.setDefaultDtype(saved);
        }
    }

    @Test
    void badInputIsRefusedClearly() {
        LayerNorm ln = new LayerNorm(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ln.forward(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("LayerNorm") && e.getMessage().contains("[*, 4]")
                && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, 4).forward(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("[*, 3, 4]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(DType.FLOAT32, 2, 4)));
        assertTrue(e.getMessage().contains("FLOAT64") && e.getMessage().contains("FLOAT32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.layerNorm(Tensor.zeros(2, 4), new int[] {4}, Tensor.ones(3), null, 1e-5));
        assertTrue(e.getMessage().contains("weight of shape [3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm());
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(-1));
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {4}, Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.arange(4)));
    }
}
