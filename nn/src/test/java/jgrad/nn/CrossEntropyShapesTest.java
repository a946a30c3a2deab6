package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-entropy and NLL on more dims: nanoGPT's {@code logits.view(B*T, C)} with
 * {@code targets.view(B*T)} against PyTorch (the {@code cross_entropy_view} cases of
 * nn_golden.txt; the (N, C, d1, d2[, d3]) cases run in GoldenTest, CrossEntropyFloat32Test and
 * Float32GoldenTest), and the message for (B, T, C) logits given with (B, T) targets.
 */
class CrossEntropyShapesTest {
    static List<Golden.Case> viewCases() {
        return Golden.ofOp("cross_entropy_view", 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viewCases")
    void nanoGptViewPatternMatchesPyTorch(Golden.Case c) {
        Tensor logits = c.tensor("input").requiresGrad(true);
        Tensor targets = c.tensor("target");
        int[] s = logits.shape();
        int b = s[0];
        int t = s[1];
        int classes = s[2];
        int ignore = Integer.parseInt(c.param("ignore_index", "-100"));
        Tensor loss = Functional.crossEntropy(logits.view(b * t, classes), targets.view(b * t), null, ignore,
                Reduction.MEAN, 0.0);
        boolean f32 = c.name().endsWith("/f32");
        assertEquals(f32 ? DType.FLOAT32 : DType.FLOAT64, loss.dtype(), c + " dtype");
        loss.backward(c.tensor("grad_output"));
        assertArrayEquals(s, logits.grad().shape(), c + " grad shape");
        LayerNormTest.check(f32, c.tensor("loss"), loss, c + " loss");
        LayerNormTest.check(f32, c.tensor("grad_input"), logits.grad(), c + " grad_input");
        // the module, and the same logits with the classes moved to dim 1, give the same loss
        Tensor viaModule = CrossEntropyLoss.builder().ignoreIndex(ignore).build()
                .forward(logits.detach().reshape(b * t, classes), targets.reshape(b * t));
        LayerNormTest.check(f32, c.tensor("loss"), viaModule, c + " module loss");
        Tensor classesInDim1 = CrossEntropyLoss.builder().ignoreIndex(ignore).build()
                .forward(logits.detach().transpose(1, 2), targets);
        LayerNormTest.check(f32, c.tensor("loss"), classesInDim1, c + " (B, C, T) loss");
    }

    @Test
    void classesInTheLastDimAreRefusedNamingTheShapesAndDim1() {
        for (DType dt : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            Tensor logits = Tensor.randn(dt, 2, 3, 5);
            Tensor targets = Tensor.zeros(DType.INT64, 2, 3);
            for (Loss loss : new Loss[] {new CrossEntropyLoss(), new NLLLoss()}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> loss.forward(logits, targets));
                String m = e.getMessage();
                assertTrue(m.contains("[2, 3, 5]") && m.contains("[2, 3]") && m.contains("dim 1"), m);
                assertTrue(m.contains("view(6, 5)") && m.contains("transpose(1, 2)"), m);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Functional.crossEntropy(logits, targets));
            assertTrue(e.getMessage().startsWith("crossEntropy: ") && e.getMessage().contains("dim 1"), e.getMessage());
        }
        // (N, C, d1) with a target of another trailing size: the shapes and dim 1, without the (B, T, C) hint
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(Tensor.randn(2, 4, 3), Tensor.zeros(DType.INT64, 2, 5)));
        assertTrue(e.getMessage().contains("[2, 4, 3]") && e.getMessage().contains("[2, 5]")
                && e.getMessage().contains("dim 1") && !e.getMessage().contains("transpose"), e.getMessage());
    }
}
