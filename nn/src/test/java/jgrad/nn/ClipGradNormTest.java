package jgrad.nn;

import static jgrad.nn.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jgrad.GoldenNumbers;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Utils#clipGradNorm} against torch.nn.utils.clip_grad_norm_ (golden cases clip/*) and its errors. */
class ClipGradNormTest {
    static List<Golden.Case> cases() {
        return Golden.withOp("clip_grad_norm");
    }

    @Test
    void theGoldenFileHasTheCasesTheIssueAsksFor() {
        List<String> names = cases().stream().map(Golden.Case::name).toList();
        for (String n : List.of("clip/2/clipped", "clip/inf/clipped", "clip/1.5/clipped", "clip/2/one-without-grad",
                "clip/inf/one-without-grad", "clip/2/unclipped")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(Golden.Case c) {
        int n = Integer.parseInt(c.param("num_params", "0"));
        List<Tensor> params = new ArrayList<>();
        List<Tensor> grads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Tensor p = c.tensor("param_" + i).requiresGrad(true);
            Tensor g = c.tensor("grad_" + i);
            p.setGrad(g);
            params.add(p);
            grads.add(g);
        }
        double[] before = c.tensor("param_0").toArray();
        Tensor total = Utils.clipGradNorm(params, GoldenNumbers.parse(c.param("max_norm", "")),
                GoldenNumbers.parse(c.param("norm_type", "")));
        assertEquals(0, total.dim());
        assertClose(c.tensor("total_norm"), total, c + " total_norm");
        for (int i = 0; i < n; i++) {
            if (c.has("grad_" + i)) {
                assertSame(grads.get(i), params.get(i).grad(), "clipped in place");
                assertClose(c.tensor("clipped_" + i), params.get(i).grad(), c + " clipped_" + i);
            } else {
                assertNull(params.get(i).grad(), c + ": a param without grad keeps none");
            }
        }
        assertArrayEquals(before, params.get(0).toArray(), "the parameters themselves are not touched");
    }

    @Test
    void noGradsGiveZeroAndTheDefaultIsTheTwoNorm() {
        assertEquals(0.0, Utils.clipGradNorm(List.of(Tensor.zeros(2).requiresGrad(true)), 1.0).item());
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.setGrad(Tensor.of(3.0, 4.0));
        assertEquals(5.0, Utils.clipGradNorm(List.of(p), 1.0).item(), 1e-15);
        assertArrayEquals(new double[] {3 / (5 + 1e-6), 4 / (5 + 1e-6)}, p.grad().toArray(), 1e-15);
    }

    @Test
    void aNonFiniteNormScalesAsPyTorchOrThrowsWhenAsked() {
        Tensor p = Tensor.zeros(2).requiresGrad(true);
        p.setGrad(Tensor.of(Double.POSITIVE_INFINITY, 1.0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Utils.clipGradNorm(List.of(p), 1.0, 2.0, true));
        assertTrue(e.getMessage().contains("clipGradNorm") && e.getMessage().contains("Infinity")
                && e.getMessage().contains("errorIfNonfinite"), e.getMessage());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 1.0}, p.grad().toArray(), "untouched on error");
        // PyTorch: tensor(inf), grads [nan, 0]
        assertEquals(Double.POSITIVE_INFINITY, Utils.clipGradNorm(List.of(p), 1.0).item());
        assertTrue(Double.isNaN(p.grad().get(0)) && p.grad().get(1) == 0.0, Arrays.toString(p.grad().toArray()));
    }

    @Test
    void badArgumentsNameTheFunctionAndTheValue() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> Utils.clipGradNorm(null, 1.0));
        assertTrue(e1.getMessage().contains("clipGradNorm") && e1.getMessage().contains("null"), e1.getMessage());
        List<Tensor> withNull = Arrays.asList(Tensor.zeros(1).requiresGrad(true), null);
        var e2 = assertThrows(IllegalArgumentException.class, () -> Utils.clipGradNorm(withNull, 1.0));
        assertTrue(e2.getMessage().contains("params[1]"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Utils.clipGradNorm(List.of(), 1.0, Double.NaN));
        assertTrue(e3.getMessage().contains("normType") && e3.getMessage().contains("NaN"), e3.getMessage());
    }
}
