package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GELU (exact and tanh) against PyTorch 1.13 (golden/nn_golden.txt), gradchecks, printing and checks. */
class GeluTest {
    static List<Golden.Case> cases() {
        return Golden.ofOp("gelu", 2);
    }

    @Test
    void goldenFileHasEveryCaseInBothDtypes() {
        assertEquals(4, cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleAndFunctionalMatchPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        String approximate = c.param("approximate", "?");
        Tensor x = c.tensor("input").requiresGrad(true);
        assertEquals(f32 ? DType.FLOAT32 : DType.FLOAT64, x.dtype());
        Tensor y = new GELU(approximate).forward(x);
        y.backward(c.tensor("grad_output"));
        Tensor viaFunctional = approximate.equals("none") ? Functional.gelu(x.detach())
                : Functional.gelu(x.detach(), approximate);
        for (Tensor out : List.of(y, viaFunctional)) {
            ActivationTest.check(f32, c.tensor("output"), out, c + " output");
        }
        ActivationTest.check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "tanh"})
    void gradcheckAndGradgradcheck(String approximate) {
        Function<Tensor[], Tensor> f = t -> Functional.gelu(t[0], approximate);
        Tensor x = Tensor.of(new double[] {-3.5, -1.2, -0.3, 0.0, 0.4, 1.1, 2.7, 6.0}, DType.FLOAT64, 2, 4);
        assertTrue(GradCheck.gradcheck(f, x.requiresGrad(true)));
        assertTrue(GradCheck.gradgradcheck(f, x.detach().requiresGrad(true)));
    }

    @Test
    void exactFormIsHalfXTimesOnePlusErf() {
        double[] y = Functional.gelu(Tensor.of(1.0, -1.0, 0.0)).toArray();
        // 0.5 * (1 + erf(1/sqrt 2)) = Phi(1) = 0.8413447460685429
        assertEquals(0.8413447460685429, y[0], 1e-15);
        assertEquals(-(1 - 0.8413447460685429), y[1], 1e-15);
        assertEquals(0.0, y[2]);
        assertTrue(Math.abs(Functional.gelu(Tensor.of(1.0), "tanh").item() - 0.8413447460685429) > 1e-5,
                "the tanh form differs from the exact one");
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("GELU(approximate='none')", new GELU().toString());
        assertEquals("GELU(approximate='tanh')", new GELU("tanh").toString());
        assertEquals("none", new GELU().approximate());
        assertTrue(new GELU().parameters().isEmpty());
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GELU("Tanh"));
        assertTrue(e.getMessage().contains("GELU") && e.getMessage().contains("'Tanh'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.gelu(Tensor.of(1.0), "erf"));
        assertTrue(e.getMessage().contains("gelu") && e.getMessage().contains("'none' or 'tanh'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GELU(null));
        e = assertThrows(IllegalArgumentException.class, () -> Functional.gelu(Tensor.arange(3)));
        assertTrue(e.getMessage().contains("INT64"), e.getMessage());
    }
}
