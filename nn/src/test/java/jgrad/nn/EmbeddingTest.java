package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Embedding against PyTorch 1.13 (golden/nn_golden.txt), gradchecks, init, printing and checks. */
class EmbeddingTest {
    static List<Golden.Case> cases() {
        return Golden.ofOp("embedding", 4);
    }

    @Test
    void goldenFileHasEveryCaseInBothDtypes() {
        assertEquals(8, cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void moduleAndFunctionalMatchPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        String pad = c.param("padding_idx", "?");
        Tensor w = c.tensor("weight");
        Tensor idx = c.tensor("indices");
        Embedding emb = pad.equals("None") ? new Embedding(w.size(0), w.size(1))
                : new Embedding(w.size(0), w.size(1), Integer.parseInt(pad));
        if (f32) {
            emb.to(DType.FLOAT32);
        }
        emb.loadStateDict(Map.of("weight", w));
        Tensor y = emb.forward(idx);
        y.backward(c.tensor("grad_output"));
        Tensor wf = c.tensor("weight").requiresGrad(true);
        Tensor yf = pad.equals("None") ? Functional.embedding(idx, wf) : Functional.embedding(idx, wf,
                Integer.parseInt(pad));
        yf.backward(c.tensor("grad_output"));
        for (Tensor out : List.of(y, yf)) {
            ActivationTest.check(f32, c.tensor("output"), out, c + " output");
        }
        ActivationTest.check(f32, c.tensor("grad_weight"), emb.weight().grad(), c + " grad_weight");
        ActivationTest.check(f32, c.tensor("grad_weight"), wf.grad(), c + " functional grad_weight");
    }

    /**
     * The padding row's zero gradient is by design not the derivative (the output does depend on
     * that row), so gradcheck looks up only other rows when a padding index is set; gradgradcheck
     * (the backward is linear in grad_output) also looks the padding row up.
     */
    @Test
    void gradcheckAndGradgradcheckWithRespectToWeight() {
        Tensor idx = Tensor.of(new double[] {0, 2, 2, 4, 1, 0}, DType.INT64, 2, 3);
        Tensor idxNoPad = Tensor.of(new double[] {0, 3, 3, 4, 1, 0}, DType.INT64, 2, 3);
        List<Function<Tensor[], Tensor>> fs = List.of(t -> Functional.embedding(t[0], t[1]),
                t -> Functional.embedding(t[0], t[1], 2), t -> Functional.embedding(t[0], t[1], -3));
        for (int i = 0; i < fs.size(); i++) {
            assertTrue(GradCheck.gradcheck(fs.get(i), i == 0 ? idx : idxNoPad, Tensor.randn(5, 3).requiresGrad(true)));
            assertTrue(GradCheck.gradgradcheck(fs.get(i), idx, Tensor.randn(5, 3).requiresGrad(true)));
        }
    }

    @Test
    void paddingRowIsZeroAtInitAndGetsNoGradient() {
        Tensor.manualSeed(3);
        Embedding emb = new Embedding(10, 3, 0);
        double[] w = emb.weight().toArray();
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOf(w, 3));
        assertTrue(java.util.Arrays.stream(w, 3, 30).allMatch(v -> v != 0.0), "other rows drawn from N(0, 1)");
        emb.forward(Tensor.of(new double[] {0, 1, 0}, DType.INT64, 3)).sum().backward();
        double[] g = emb.weight().grad().toArray();
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1}, java.util.Arrays.copyOf(g, 6));
        assertEquals(OptionalInt.of(9), new Embedding(10, 3, -1).paddingIdx());
        assertEquals(OptionalInt.empty(), new Embedding(10, 3).paddingIdx());
        DType saved = Tensor.getDefaultDtype();
        try {
            Tensor.setDefaultDtype(DType.FLOAT32);
            Embedding f32 = new Embedding(4, 2, 1);
            assertEquals(DType.FLOAT32, f32.weight().dtype());
            assertEquals(DType.FLOAT32, f32.forward(Tensor.of(new double[] {1}, DType.INT64)).dtype());
        } finally {
            Tensor.setDefaultDtype(saved);
        }
    }

    @Test
    void shapesStateDictAndPrinting() {
        Embedding emb = new Embedding(10, 3);
        assertEquals("Embedding(10, 3)", emb.toString());
        assertEquals("Embedding(10, 3, padding_idx=0)", new Embedding(10, 3, 0).toString());
        assertEquals("Embedding(10, 3, padding_idx=8)", new Embedding(10, 3, -2).toString());
        assertEquals(List.of("weight"), List.copyOf(emb.stateDict().keySet()));
        assertArrayEquals(new int[] {10, 3}, emb.weight().shape());
        assertArrayEquals(new int[] {2, 2, 4, 3}, emb.forward(Tensor.zeros(DType.INT64, 2, 2, 4)).shape());
        assertArrayEquals(new int[] {3}, emb.forward(Tensor.zeros(DType.INT64)).shape());
        assertArrayEquals(new int[] {0, 3}, emb.forward(Tensor.zeros(DType.INT64, 0)).shape());
    }

    @Test
    void badArgumentsAreRefusedClearly() {
        Embedding emb = new Embedding(10, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> emb.forward(Tensor.of(new double[] {3, 10}, DType.INT64, 2)));
        assertTrue(e.getMessage().contains("Embedding") && e.getMessage().contains("index 10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.of(new double[] {-1}, DType.INT64, 1)));
        assertTrue(e.getMessage().contains("index -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.of(1.0, 2.0)));
        assertTrue(e.getMessage().contains("INT64") && e.getMessage().contains("FLOAT64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 3, 10));
        assertTrue(e.getMessage().contains("padding_idx") && e.getMessage().contains("10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(10, 3, -11));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(-1, 3));
        e = assertThrows(IllegalArgumentException.class,
                () -> Functional.embedding(Tensor.zeros(DType.INT64, 2), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
    }
}
