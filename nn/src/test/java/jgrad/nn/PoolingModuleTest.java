package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MaxPool2d, AvgPool2d, AdaptiveAvgPool2d (and Flatten's dims) against PyTorch 1.13: printing,
 * errors, no parameters, the Functional forms, and stacks of pooling layers on a conv-like
 * (ReLU'd, so with tied zeros) input against golden/nn_golden.txt (op {@code pool}).
 */
class PoolingModuleTest {
    /** The stacks of make_nn_golden.py's POOL_STACKS, by the case's {@code layers} param. */
    private static final Map<String, Supplier<Module>> STACKS = Map.of(
            "max2", () -> new MaxPool2d(2),
            "max3s2p1-avg3s1p1nopad-adaptive2x3", () -> new Sequential(new MaxPool2d(3, 2, 1),
                    new AvgPool2d(3, 1, 1, false, false), new AdaptiveAvgPool2d(2, 3)),
            "maxrect-avg2ceil-adaptive1", () -> new Sequential(new MaxPool2d(new int[] {2, 3}, new int[] {1, 2},
                    new int[] {1, 0}, new int[] {2, 1}, true), new AvgPool2d(2, 2, 0, true, true),
                    new AdaptiveAvgPool2d(1)));

    static List<Golden.Case> cases() {
        return Golden.ofOp("pool", 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void poolingStacksMatchPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        Module m = STACKS.get(c.param("layers", "?")).get();
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = m.forward(x);
        y.backward(c.tensor("grad_output"));
        LayerNormTest.check(f32, c.tensor("output"), y, c + " output");
        LayerNormTest.check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
    }

    /** The ReLU'd input has all-zero windows: PyTorch's gradient goes to the first zero of each, and so does ours. */
    @Test
    void theMnistLikeCaseHasTiedWindows() {
        Golden.Case c = Golden.named("pool/max2/mnist-like");
        double[] x = c.tensor("input").toArray();
        int tied = 0;
        for (int p = 0; p < 4 * 8; p++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    int at = p * 144 + 2 * i * 12 + 2 * j;
                    tied += x[at] == 0 && x[at + 1] == 0 && x[at + 12] == 0 && x[at + 13] == 0 ? 1 : 0;
                }
            }
        }
        assertTrue(tied > 10, "all-zero windows: " + tied);
    }

    @Test
    void printsAsPyTorch() {
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=2, stride=1, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool2d(2, 1).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)",
                new MaxPool2d(3, 2, 1).toString());
        assertEquals("MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=2, ceil_mode=True)",
                new MaxPool2d(3, 2, 1, 2, true).toString());
        assertEquals("MaxPool2d(kernel_size=(2, 3), stride=(1, 2), padding=(1, 0), dilation=(2, 1), ceil_mode=True)",
                new MaxPool2d(new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 0}, new int[] {2, 1}, true).toString());
        assertEquals("MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0,), dilation=(1,), ceil_mode=False)",
                new MaxPool2d(new int[] {2, 2}, null, new int[] {0}, new int[] {1}, false).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=1, padding=0)", new AvgPool2d(2, 1).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=1)", new AvgPool2d(3, 2, 1).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2, 2, 0, true, false).toString());
        assertEquals("AvgPool2d(kernel_size=(2, 3), stride=(1, 2), padding=(1, 0))", new AvgPool2d(new int[] {2, 3},
                new int[] {1, 2}, new int[] {1, 0}, true, false).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d(5, 7).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d(new int[] {5, 7}).toString());
        assertEquals("Sequential(\n  (0): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)\n"
                + "  (1): Flatten(start_dim=1, end_dim=-1)\n)", new Sequential(new MaxPool2d(2), new Flatten())
                .toString());
    }

    @Test
    void haveNoParametersOrState() {
        for (Module m : List.of(new MaxPool2d(2), new AvgPool2d(3, 1, 1), new AdaptiveAvgPool2d(2, 3))) {
            assertTrue(m.parameters().isEmpty(), m.toString());
            assertTrue(m.stateDict().isEmpty(), m.toString());
        }
    }

    @Test
    void functionalFormsUsePyTorchsDefaults() {
        Tensor x = Tensor.randn(new SplittableRandom(5), 2, 3, 7, 6);
        assertArrayEquals(new MaxPool2d(2).forward(x).toArray(), Functional.maxPool2d(x, 2).toArray());
        assertArrayEquals(x.maxPool2d(new int[] {3}, new int[] {3}, new int[] {0}, new int[] {1}, false).toArray(),
                Functional.maxPool2d(x, 3).toArray());
        assertArrayEquals(new int[] {2, 3, 3, 3}, Functional.maxPool2d(x, 2).shape());
        assertArrayEquals(new AvgPool2d(2).forward(x).toArray(), Functional.avgPool2d(x, 2).toArray());
        assertArrayEquals(x.avgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, false, true).toArray(),
                Functional.avgPool2d(x, 2).toArray());
        assertArrayEquals(x.mean(-1, true).mean(-2, true).toArray(), Functional.adaptiveAvgPool2d(x, 1).toArray(),
                1e-15);
        assertArrayEquals(new AdaptiveAvgPool2d(3).forward(x).toArray(), Functional.adaptiveAvgPool2d(x, 3).toArray());
        Tensor f = Functional.maxPool2d(x.to(DType.FLOAT32), 2);
        assertEquals(DType.FLOAT32, f.dtype());
    }

    private static void assertMessage(Runnable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    /** PyTorch checks the arguments when the layer runs; so do these, naming the op and the values. */
    @Test
    void badArgumentsAndInputsFailWhenTheLayerRuns() {
        Tensor x = Tensor.ones(1, 1, 4, 4);
        assertMessage(() -> new MaxPool2d(0).forward(x), "maxPool2d", "kernelSize", "[0]");
        assertMessage(() -> new MaxPool2d(2, 0).forward(x), "maxPool2d", "stride", "[0]");
        assertMessage(() -> new MaxPool2d(2, 2, 2).forward(x), "maxPool2d", "padding [2, 2]", "half");
        assertMessage(() -> new MaxPool2d(3, 1, 1, 0, false).forward(x), "maxPool2d", "dilation", "[0]");
        assertMessage(() -> new MaxPool2d(5).forward(x), "maxPool2d", "[1, 1, 4, 4]", "too small");
        assertMessage(() -> new MaxPool2d(2).forward(Tensor.ones(4, 4)), "maxPool2d", "[4, 4]");
        assertMessage(() -> new MaxPool2d(new int[] {2, 2, 2}, null, new int[] {0}, new int[] {1}, false).forward(x),
                "maxPool2d", "kernelSize", "[2, 2, 2]");
        assertMessage(() -> new AvgPool2d(2, -1).forward(x), "avgPool2d", "stride", "[-1]");
        assertMessage(() -> new AvgPool2d(3, 1, 2).forward(x), "avgPool2d", "padding [2, 2]");
        assertMessage(() -> new AvgPool2d(2).forward(Tensor.ones(1, 0, 4, 4)), "avgPool2d", "[1, 0, 4, 4]");
        assertMessage(() -> new AdaptiveAvgPool2d(-1).forward(x), "adaptiveAvgPool2d", "outputSize", "[-1]");
        assertMessage(() -> new AdaptiveAvgPool2d(2).forward(Tensor.of(1, 2, 3, 4).reshape(1, 2, 2)),
                "adaptiveAvgPool2d", "INT64");
        assertMessage(() -> Functional.maxPool2d(Tensor.ones(2, 3), 2), "maxPool2d", "[2, 3]");
    }

    /** Flatten's dims as PyTorch's: negative dims, 0-D inputs, start after end. */
    @Test
    void flattenDimsMatchPyTorch() {
        assertEquals("Flatten(start_dim=1, end_dim=-1)", new Flatten().toString());
        assertArrayEquals(new int[] {2, 12}, new Flatten(-2, -1).forward(Tensor.ones(2, 3, 4)).shape());
        assertArrayEquals(new int[] {6, 4}, new Flatten(-3, 1).forward(Tensor.ones(2, 3, 4)).shape());
        assertArrayEquals(new int[] {1}, new Flatten(0, -1).forward(Tensor.scalar(2)).shape());
        assertArrayEquals(new int[] {2, 48}, new Flatten().forward(Tensor.ones(2, 3, 4, 4)).shape());
        // PyTorch: IndexError "Dimension out of range (expected to be in range of [-1, 0], but got 1)"
        assertMessage(() -> new Flatten().forward(Tensor.scalar(2)), "Flatten", "1");
        assertMessage(() -> new Flatten().forward(Tensor.ones(3)), "Flatten", "1");
        // PyTorch: "flatten() has invalid args: start_dim cannot come after end_dim"
        assertMessage(() -> new Flatten(-1, 0).forward(Tensor.ones(2, 3)), "Flatten", "start_dim");
    }
}
