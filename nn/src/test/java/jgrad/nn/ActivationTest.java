package jgrad.nn;

import static jgrad.nn.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LeakyReLU, SiLU and Softplus against PyTorch 1.13 (golden/nn_golden.txt), gradchecks, printing and checks. */
class ActivationTest {
    static List<Golden.Case> cases() {
        return Golden.all().stream().filter(c -> List.of("leaky_relu", "silu", "softplus").contains(c.op())).toList();
    }

    private static Module module(Golden.Case c) {
        return switch (c.op()) {
            case "leaky_relu" -> new LeakyReLU(Double.parseDouble(c.param("negative_slope", "nan")));
            case "silu" -> new SiLU();
            case "softplus" -> new Softplus(Double.parseDouble(c.param("beta", "nan")),
                    Double.parseDouble(c.param("threshold", "nan")));
            default -> throw new AssertionError(c.op());
        };
    }

    @Test
    void goldenFileHasEveryActivationCaseInBothDtypes() {
        // 4 slopes + silu + 6 softplus settings, each FLOAT64 and FLOAT32
        assertEquals(22, cases().size());
        assertEquals(11, cases().stream().filter(c -> c.name().endsWith("/f32")).count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleAndFunctionalMatchPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        Tensor x = c.tensor("input").requiresGrad(true);
        assertEquals(f32 ? DType.FLOAT32 : DType.FLOAT64, x.dtype());
        Tensor y = module(c).forward(x);
        y.backward(c.tensor("grad_output"));
        Module m = module(c);
        Tensor viaFunctional = switch (c.op()) {
            case "leaky_relu" -> Functional.leakyRelu(x.detach(), ((LeakyReLU) m).negativeSlope());
            case "silu" -> Functional.silu(x.detach());
            default -> Functional.softplus(x.detach(), ((Softplus) m).beta(), ((Softplus) m).threshold());
        };
        for (Tensor out : List.of(y, viaFunctional)) {
            check(f32, c.tensor("output"), out, c + " output");
        }
        check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
    }

    static void check(boolean f32, Tensor expected, Tensor actual, String what) {
        if (f32) {
            Golden.assertCloseFloat32(expected, actual, 1e-5, 1e-6, what);
        } else {
            assertEquals(DType.FLOAT64, actual.dtype(), what + ": dtype");
            assertClose(expected, actual, what);
        }
    }

    /** The kinks, where PyTorch picks one side: LeakyReLU's gradient at 0 is the slope; softplus at beta*x == threshold is the log1p side. */
    @Test
    void gradientsAtTheKinksAreTheOnesPyTorchPicks() {
        Tensor x = Tensor.of(0.0, -0.0, 2.0).requiresGrad(true);
        Functional.leakyRelu(x, 0.2).sum().backward();
        assertEquals(List.of(0.2, 0.2, 1.0), List.of(x.grad().toArray()[0], x.grad().toArray()[1],
                x.grad().toArray()[2]));
        Tensor z = Tensor.of(2.0, 2.0000001, 1000.0, -1000.0).requiresGrad(true);
        Tensor y = Functional.softplus(z, 2.0, 4.0);
        y.sum().backward();
        double[] g = z.grad().toArray();
        assertEquals(Math.exp(4.0) / (1 + Math.exp(4.0)), g[0], 1e-15); // beta*x == threshold: not linear yet
        assertEquals(1.0, g[1]);
        assertEquals(1.0, g[2]);
        assertEquals(0.0, g[3]);
        assertEquals(1000.0, y.toArray()[2]);
        assertTrue(Stream.of(0, 1, 2, 3).allMatch(i -> Double.isFinite(g[i])), "no NaN from the unused exp branch");
    }

    static Stream<Arguments> functions() {
        Function<Tensor[], Tensor> leaky = t -> Functional.leakyRelu(t[0], 0.3);
        Function<Tensor[], Tensor> leakyNeg = t -> Functional.leakyRelu(t[0], -1.5);
        Function<Tensor[], Tensor> silu = t -> Functional.silu(t[0]);
        Function<Tensor[], Tensor> softplus = t -> Functional.softplus(t[0]);
        Function<Tensor[], Tensor> softplusSharp = t -> Functional.softplus(t[0], 2.0, 3.0);
        Function<Tensor[], Tensor> softplusNeg = t -> Functional.softplus(t[0], -0.5, 0.5);
        return Stream.of(Arguments.of("leakyRelu 0.3", leaky), Arguments.of("leakyRelu -1.5", leakyNeg),
                Arguments.of("silu", silu), Arguments.of("softplus", softplus),
                Arguments.of("softplus beta 2 threshold 3", softplusSharp),
                Arguments.of("softplus beta -0.5 threshold 0.5", softplusNeg));
    }

    /** Inputs away from the kinks (0, and beta*x == threshold), on both sides of each. */
    private static Tensor input() {
        return Tensor.of(new double[] {-2.5, -0.7, -0.1, 0.2, 0.9, 1.3, 2.1, 25.0}, DType.FLOAT64, 2, 4)
                .requiresGrad(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void gradcheck(String name, Function<Tensor[], Tensor> f) {
        assertTrue(GradCheck.gradcheck(f, input()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void gradgradcheck(String name, Function<Tensor[], Tensor> f) {
        assertTrue(GradCheck.gradgradcheck(f, input()));
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("LeakyReLU(negative_slope=-0.5)", new LeakyReLU(-0.5).toString());
        assertEquals("LeakyReLU(negative_slope=1e-05)", new LeakyReLU(1e-5).toString());
        assertEquals("SiLU()", new SiLU().toString());
        assertEquals("Softplus(beta=1, threshold=20)", new Softplus().toString());
        assertEquals("Softplus(beta=0.5, threshold=-1.5)", new Softplus(0.5, -1.5).toString());
        assertEquals("Flatten(start_dim=0, end_dim=-2)", new Flatten(0, -2).toString());
        Sequential seq = new Sequential(new LeakyReLU(0.2), new SiLU(), new Softplus(2.0, 10.0));
        assertEquals("Sequential(\n  (0): LeakyReLU(negative_slope=0.2)\n  (1): SiLU()\n"
                + "  (2): Softplus(beta=2, threshold=10)\n)", seq.toString());
    }

    @Test
    void defaultsAreTorchs() {
        assertEquals(0.01, new LeakyReLU().negativeSlope());
        assertEquals(1.0, new Softplus().beta());
        assertEquals(20.0, new Softplus().threshold());
        Tensor x = Tensor.of(-3.0, 0.5, 21.0);
        assertClose(Functional.leakyRelu(x, 0.01), Functional.leakyRelu(x), "leakyRelu default");
        assertClose(Functional.softplus(x, 1.0, 20.0), Functional.softplus(x), "softplus default");
        assertEquals(21.0, Functional.softplus(x).toArray()[2]); // 21 > 20: linear
    }

    @Test
    void noParametersBuffersOrState() {
        for (Module m : List.of(new LeakyReLU(), new SiLU(), new Softplus(), new Flatten(0, 1))) {
            assertTrue(m.parameters().isEmpty(), m + " parameters");
            assertTrue(m.buffers().isEmpty(), m + " buffers");
            assertTrue(m.stateDict().isEmpty(), m + " state dict");
        }
    }

    @Test
    void float32InFloat32Out() {
        Tensor x = Tensor.of(new double[] {-2.0, 0.0, 3.0}, DType.FLOAT32, 3).requiresGrad(true);
        for (Module m : List.of(new LeakyReLU(), new SiLU(), new Softplus())) {
            Tensor y = m.forward(x);
            assertEquals(DType.FLOAT32, y.dtype(), m.toString());
            y.sum().backward();
            assertEquals(DType.FLOAT32, x.grad().dtype(), m + " grad");
            x.setGrad(null);
        }
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Softplus(0.0, 20.0));
        assertTrue(e.getMessage().contains("Softplus") && e.getMessage().contains("beta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Softplus(1.0, Double.NaN));
        assertTrue(e.getMessage().contains("threshold") && e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Softplus(Double.POSITIVE_INFINITY, 20.0));
        e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
        assertTrue(e.getMessage().contains("LeakyReLU") && e.getMessage().contains("negative_slope"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.softplus(Tensor.of(1.0), 0.0, 20.0));
        assertTrue(e.getMessage().startsWith("softplus:"), e.getMessage());
        // A negative threshold or beta is fine, as in PyTorch (covered by the golden cases).
        assertFalse(new Softplus(-1.0, -3.0).toString().isEmpty());
        Tensor ints = Tensor.of(1, -2, 3);
        for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Functional::leakyRelu, Functional::silu,
                Functional::softplus)) {
            e = assertThrows(IllegalArgumentException.class, () -> f.apply(ints));
            assertTrue(e.getMessage().contains("INT64") && e.getMessage().contains("floating"), e.getMessage());
        }
        e = assertThrows(IllegalArgumentException.class, () -> new SiLU().forward(null));
        assertTrue(e.getMessage().contains("silu"), e.getMessage());
    }
}
