package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.GradCheck;
import jgrad.optim.Optimizer;
import org.junit.jupiter.api.Test;

/** The nanoGPT model of the {@code attention} example: names, sizes, the causal mask, gradients, generation. */
class GptTest {
    private static final Gpt.Config SMALL = new Gpt.Config(4, 10, 1, 2, 8);

    private static Gpt small(long seed) {
        Tensor.manualSeed(seed);
        return new Gpt(SMALL);
    }

    @Test
    void stateDictHasNanoGptsKeysAndTheTiedWeightOnce() {
        Gpt model = small(0);
        assertEquals(List.of("transformer.wte.weight", "transformer.wpe.weight", "transformer.h.0.ln_1.weight",
                "transformer.h.0.ln_1.bias", "transformer.h.0.attn.bias", "transformer.h.0.attn.c_attn.weight",
                "transformer.h.0.attn.c_attn.bias", "transformer.h.0.attn.c_proj.weight",
                "transformer.h.0.attn.c_proj.bias", "transformer.h.0.ln_2.weight", "transformer.h.0.ln_2.bias",
                "transformer.h.0.mlp.c_fc.weight", "transformer.h.0.mlp.c_fc.bias", "transformer.h.0.mlp.c_proj.weight",
                "transformer.h.0.mlp.c_proj.bias", "transformer.ln_f.weight", "transformer.ln_f.bias", "lm_head.weight"),
                List.copyOf(model.stateDict().keySet()));
        Map<String, Tensor> sd = model.stateDict();
        try (var s = Autograd.noGrad()) {
            model.namedParameters().get("transformer.wte.weight").fill(0.5);
        }
        assertEquals(0.5, sd.get("lm_head.weight").get(3, 4), "weight tying: lm_head reads wte's weight");
        assertFalse(model.namedParameters().containsKey("lm_head.weight"), "listed once, as named_parameters()");
        // wte 80 + wpe 32 + ln_1 16 + c_attn 216 + c_proj 72 + ln_2 16 + c_fc 288 + c_proj 264 + ln_f 16
        assertEquals(1000, model.numParameters());
        Tensor mask = sd.get("transformer.h.0.attn.bias");
        assertArrayEquals(new int[] {1, 1, 4, 4}, mask.shape());
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1}, mask.toArray());
    }

    @Test
    void initialisationIsNanoGpts() {
        Gpt model = small(0);
        model.namedParameters().forEach((name, p) -> {
            double[] v = p.toArray();
            if (name.endsWith(".bias")) {
                assertTrue(java.util.Arrays.stream(v).allMatch(x -> x == 0), name + " starts at 0");
            } else if (p.dim() == 2) {
                double sd = Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).average().orElseThrow());
                double want = name.endsWith("c_proj.weight") ? 0.02 / Math.sqrt(2) : 0.02;
                assertTrue(Math.abs(sd - want) < 0.35 * want, name + ": std " + sd + ", nanoGPT's " + want);
            } else {
                assertTrue(java.util.Arrays.stream(v).allMatch(x -> x == 1), name + " (LayerNorm weight) starts at 1");
            }
        });
    }

    @Test
    void logitsAtAPositionDoNotDependOnLaterTokens() {
        Gpt model = small(1);
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, DType.INT64, 2, 4);
        Tensor b = Tensor.of(new double[] {1, 2, 9, 0, 5, 6, 7, 2}, DType.INT64, 2, 4);
        Tensor la = model.forward(a);
        Tensor lb = model.forward(b);
        assertArrayEquals(new int[] {2, 4, 10}, la.shape());
        assertTrue(la.narrow(1, 0, 2).allclose(lb.narrow(1, 0, 2), 0, 1e-12), "positions 0-1 of row 0 see only 1, 2");
        assertTrue(la.select(0, 1).narrow(0, 0, 3).allclose(lb.select(0, 1).narrow(0, 0, 3), 0, 1e-12),
                "positions 0-2 of row 1 see only 5, 6, 7");
        assertFalse(la.select(1, 2).allclose(lb.select(1, 2)), "position 2 of row 0 sees the changed token");
        assertFalse(la.select(1, 3).allclose(lb.select(1, 3)), "position 3 of row 1 sees the changed token");
    }

    @Test
    void attentionAndBlockPassGradcheckThroughTheMaskAndTheHeads() {
        Tensor.manualSeed(2);
        var attn = new Gpt.CausalSelfAttention(SMALL);
        Tensor x = Tensor.randn(2, 3, 8).requiresGrad(true);
        assertTrue(GradCheck.gradcheck(in -> attn.forward(in[0]), x));
        var block = new Gpt.Block(SMALL);
        assertTrue(GradCheck.gradcheck(in -> block.forward(in[0]), x), "LayerNorm, attention, MLP, residuals");
    }

    @Test
    void everyParameterGetsAGradientAndTheOptimizerSplitsDecay() {
        Gpt model = small(3);
        Tensor.manualSeed(3);
        Tensor data = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2}, DType.INT64, 12);
        Tensor[] xy = AttentionExample.getBatch(data, 3, 4);
        assertArrayEquals(new int[] {3, 4}, xy[0].shape());
        // the targets are the inputs one character later
        assertTrue(xy[0].narrow(1, 1, 3).allclose(xy[1].narrow(1, 0, 3)));
        Gpt.loss(model.forward(xy[0]), xy[1]).backward();
        model.namedParameters().forEach((name, p) -> assertNotNull(p.grad(), name + " has no gradient"));
        Optimizer opt = AttentionExample.configureOptimizers(model, 1e-3, 0.1);
        assertEquals(2, opt.paramGroups().size());
        assertEquals(0.1, opt.paramGroups().get(0).get("weight_decay"));
        assertTrue(opt.paramGroups().get(0).params().stream().allMatch(p -> p.dim() == 2));
        assertEquals(6, opt.paramGroups().get(0).params().size(), "wte (tied), wpe, c_attn, c_proj, c_fc, c_proj");
        assertEquals(0.0, opt.paramGroups().get(1).get("weight_decay"));
        assertTrue(opt.paramGroups().get(1).params().stream().allMatch(p -> p.dim() == 1));
    }

    @Test
    void generateAppendsTokensGreedilyOrSampledUnderASeed() {
        Gpt model = small(4);
        Tensor ctx = Tensor.of(new double[] {3}, DType.INT64, 1, 1);
        try (var s = Autograd.noGrad()) {
            Tensor greedy = model.generate(ctx, 6, 0);
            assertArrayEquals(new int[] {1, 7}, greedy.shape());
            // each greedy token is the argmax of the logits given the (cropped) context before it
            for (int t = 1; t < 7; t++) {
                Tensor before = greedy.narrow(1, Math.max(0, t - 4), Math.min(t, 4));
                assertEquals(model.forward(before).select(1, -1).argmax(-1).item(), greedy.get(0, t), "token " + t);
            }
            Tensor.manualSeed(5);
            int[] one = model.generate(ctx, 20, 1.0).toIntArray();
            Tensor.manualSeed(5);
            assertArrayEquals(one, model.generate(ctx, 20, 1.0).toIntArray(), "same seed, same sample");
        }
    }

    @Test
    void badSizesAreErrorsNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Gpt.Config(8, 10, 1, 3, 8));
        assertEquals("GPT: n_embd (8) must be a multiple of n_head (3)", e.getMessage());
        Gpt model = small(0);
        var tooLong = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.of(new double[5],
                DType.INT64, 1, 5)));
        assertEquals("GPT: cannot forward a sequence of length 5, the block size is only 4", tooLong.getMessage());
    }
}
