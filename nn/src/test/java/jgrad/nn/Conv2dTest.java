package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** Conv2d and Functional.conv2d against PyTorch 1.13 (golden/nn_golden.txt), printing, init, state and checks. */
class Conv2dTest {
    static List<Golden.Case> cases() {
        return Golden.ofOp("conv2d", 4);
    }

    private static int[] pair(Golden.Case c, String key) {
        return Arrays.stream(c.param(key, "").split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static Conv2d module(Golden.Case c) {
        return new Conv2d(Integer.parseInt(c.param("in_channels", "")), Integer.parseInt(c.param("out_channels", "")),
                pair(c, "kernel_size"), pair(c, "stride"), pair(c, "padding"), pair(c, "dilation"),
                Integer.parseInt(c.param("groups", "")), Boolean.parseBoolean(c.param("bias", "").toLowerCase()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleMatchesPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        Conv2d conv = module(c);
        if (f32) {
            conv.to(DType.FLOAT32);
        }
        boolean bias = c.has("bias");
        assertEquals(bias, conv.bias() != null, c + " bias");
        conv.loadStateDict(bias ? Map.of("weight", c.tensor("weight"), "bias", c.tensor("bias"))
                : Map.of("weight", c.tensor("weight")));
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = conv.forward(x);
        y.backward(c.tensor("grad_output"));
        LayerNormTest.check(f32, c.tensor("output"), y, c + " output");
        LayerNormTest.check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
        LayerNormTest.check(f32, c.tensor("grad_weight"), conv.weight().grad(), c + " grad_weight");
        if (bias) {
            LayerNormTest.check(f32, c.tensor("grad_bias"), conv.bias().grad(), c + " grad_bias");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void functionalMatchesPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor w = c.tensor("weight").requiresGrad(true);
        Tensor b = c.has("bias") ? c.tensor("bias").requiresGrad(true) : null;
        Tensor y = Functional.conv2d(x, w, b, pair(c, "stride"), pair(c, "padding"), pair(c, "dilation"),
                Integer.parseInt(c.param("groups", "")));
        y.backward(c.tensor("grad_output"));
        LayerNormTest.check(f32, c.tensor("output"), y, c + " output");
        LayerNormTest.check(f32, c.tensor("grad_weight"), w.grad(), c + " grad_weight");
    }

    @Test
    void shortOverloadsAreTheFullOne() {
        Tensor x = Tensor.randn(2, 3, 7, 6);
        Tensor w = Tensor.randn(4, 3, 3, 3);
        Tensor b = Tensor.randn(4);
        int[] one = {1};
        assertArrayEquals(x.conv2d(w, b, one, new int[] {0}, one, 1).toArray(),
                Functional.conv2d(x, w, b).toArray());
        Tensor strided = Functional.conv2d(x, w, b, 2, 1);
        assertArrayEquals(new int[] {2, 4, 4, 3}, strided.shape());
        assertArrayEquals(x.conv2d(w, b, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1).toArray(),
                strided.toArray());
        Tensor.manualSeed(7);
        Conv2d a = new Conv2d(3, 4, 3, 2, 1);
        Tensor.manualSeed(7);
        Conv2d full = new Conv2d(3, 4, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 1,
                true);
        assertArrayEquals(full.forward(x).toArray(), a.forward(x).toArray());
        assertArrayEquals(new int[] {2, 4, 4, 3}, a.forward(x).shape());
    }

    @Test
    void printsLikePyTorch() {
        // the strings are PyTorch 1.13's repr of the same modules
        assertEquals("Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))", new Conv2d(1, 32, 3).toString());
        assertEquals("Conv2d(32, 64, kernel_size=(3, 3), stride=(1, 1))", new Conv2d(32, 64, 3, 1).toString());
        assertEquals("Conv2d(3, 8, kernel_size=(5, 5), stride=(2, 2), padding=(1, 1))",
                new Conv2d(3, 8, 5, 2, 1).toString());
        assertEquals("Conv2d(4, 6, kernel_size=(2, 3), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2, "
                + "bias=False)", new Conv2d(4, 6, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 0},
                new int[] {1, 2}, 2, false).toString());
        assertEquals("Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), dilation=(2, 2))", new Conv2d(4, 4,
                new int[] {3}, new int[] {1}, new int[] {0}, new int[] {2}, 1, true).toString());
        assertEquals("Conv2d(4, 4, kernel_size=(3, 3), stride=(1, 1), groups=4, bias=False)", new Conv2d(4, 4,
                new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 4, false).toString());
        assertEquals("Sequential(\n  (0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))\n  (1): ReLU()\n)",
                new Sequential(new Conv2d(1, 2, 3), new ReLU()).toString());
    }

    @Test
    void stateDictShapesAndInitBounds() {
        Conv2d conv = new Conv2d(6, 8, new int[] {3, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 2,
                true);
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
        assertArrayEquals(new int[] {8, 3, 3, 2}, conv.weight().shape());
        assertArrayEquals(new int[] {8}, conv.bias().shape());
        assertTrue(conv.weight().requiresGrad() && conv.bias().requiresGrad());
        double bound = 1 / Math.sqrt(3 * 3 * 2); // fan_in = in_channels / groups * kH * kW
        for (Tensor p : List.of(conv.weight(), conv.bias())) {
            double[] v = p.toArray();
            double max = Arrays.stream(v).map(Math::abs).max().orElseThrow();
            assertTrue(max <= bound, "|value| " + max + " > bound " + bound);
        }
        // 144 draws from U(-b, b): the largest magnitude is close to the bound, not far below it
        double max = Arrays.stream(conv.weight().toArray()).map(Math::abs).max().orElseThrow();
        assertTrue(max > 0.9 * bound, "largest |weight| " + max + " of bound " + bound);
        assertEquals(3 * 3 * 2 * 8 + 8, conv.numParameters());
        Conv2d noBias = new Conv2d(2, 2, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1,
                false);
        assertNull(noBias.bias());
        assertEquals(List.of("weight"), List.copyOf(noBias.stateDict().keySet()));
        assertEquals(2, conv.groups());
        assertArrayEquals(new int[] {3, 2}, conv.kernelSize());
        assertEquals(6, conv.inChannels());
        assertEquals(8, conv.outChannels());
        DType saved = Tensor.getDefaultDtype();
        try {
            Tensor.setDefaultDtype(DType.FLOAT32);
            Conv2d f32 = new Conv2d(1, 2, 3);
            assertEquals(DType.FLOAT32, f32.weight().dtype());
            assertEquals(DType.FLOAT32, f32.forward(Tensor.ones(DType.FLOAT32, 1, 1, 4, 4)).dtype());
        } finally {
            Tensor.setDefaultDtype(saved);
        }
    }

    @Test
    void gradcheckAndGradgradcheckThroughTheModule() {
        Conv2d conv = new Conv2d(2, 4, new int[] {2, 3}, new int[] {2, 1}, new int[] {1, 1}, new int[] {1, 2}, 2,
                true);
        Function<Tensor[], Tensor> f = t -> conv.forward(t[0]);
        Tensor x = Tensor.randn(2, 2, 5, 6).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(f, x));
        assertTrue(GradCheck.gradgradcheck(f, x));
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        assertMessage(() -> new Conv2d(3, 4, 0), "Conv2d", "kernel_size", "[0]");
        assertMessage(() -> new Conv2d(3, 4, 3, 0), "Conv2d", "stride", "[0]");
        assertMessage(() -> new Conv2d(3, 4, 3, 1, -1), "Conv2d", "padding", "[-1]");
        assertMessage(() -> new Conv2d(-1, 4, 3), "Conv2d", "in_channels=-1");
        assertMessage(() -> new Conv2d(3, 4, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, 2, true),
                "Conv2d", "in_channels=3", "groups=2");
        assertMessage(() -> new Conv2d(4, 4, new int[] {3}, new int[] {1}, new int[] {0}, new int[] {1}, 0, true),
                "Conv2d", "groups", "0");
        assertMessage(() -> new Conv2d(4, 4, new int[] {3, 3, 3}, new int[] {1}, new int[] {0}, new int[] {1}, 1,
                true), "Conv2d", "kernel_size", "[3, 3, 3]");
        Conv2d conv = new Conv2d(3, 4, 3);
        assertMessage(() -> conv.forward(Tensor.zeros(2, 2, 5, 5)), "conv2d", "[2, 2, 5, 5]", "[4, 3, 3, 3]",
                "3 channels");
        assertMessage(() -> conv.forward(Tensor.zeros(3, 5)), "conv2d", "[3, 5]", "3-D");
        assertMessage(() -> conv.forward(Tensor.zeros(1, 3, 2, 5)), "conv2d", "(2 x 5)", "(3 x 3)");
        assertMessage(() -> conv.forward(Tensor.zeros(DType.FLOAT32, 1, 3, 5, 5)), "conv2d", "FLOAT32", "FLOAT64");
        assertMessage(() -> Functional.conv2d(null, Tensor.zeros(1, 1, 1, 1), null), "conv2d", "input");
        assertMessage(() -> Functional.conv2d(Tensor.zeros(1, 1, 3, 3), Tensor.zeros(2, 1, 1, 1), Tensor.zeros(3)),
                "conv2d", "bias", "[3]", "[2, 1, 1, 1]");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }
}
