package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizers on FLOAT32 parameters: PyTorch's float32 numbers
 * (golden/optim_float32_golden.txt, from make_optim_golden.py float32) within float tolerance,
 * FLOAT32 parameters and state throughout, and state dicts: hyperparameters FLOAT64 whatever the
 * default dtype, per-element state loaded in the parameter's dtype.
 */
class Float32Test {
    /** Relative and absolute tolerance of a float32 result after five steps. */
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    static Stream<Golden.OptCase> float32Cases() {
        return Golden.loadFloat32().optCases.stream();
    }

    static void closeFloat(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= ATOL + RTOL * Math.abs(expected[i]))) {
                fail(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i] + " (diff "
                        + (actual[i] - expected[i]) + ")");
            }
        }
    }

    private static Tensor f32(Golden.Values v) {
        return Tensor.of(v.data(), DType.FLOAT32, v.shape());
    }

    @Test
    void goldenFileHasEachOptimizer() {
        List<String> kinds = Golden.loadFloat32().optCases.stream().map(Golden.OptCase::optimizer).distinct()
                .toList();
        assertTrue(kinds.containsAll(List.of("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta")), kinds.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Cases")
    void optimizerMatchesPyTorchInFloat32(Golden.OptCase c) {
        Golden g = Golden.loadFloat32();
        Map<String, Tensor> params = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (Golden.Group group : c.groups()) {
            for (String n : group.params()) {
                params.put(n, f32(g.inputs.get(n)).requiresGrad(true));
                order.add(n);
            }
        }
        Map<String, float[]> storage = new LinkedHashMap<>();
        params.forEach((n, p) -> storage.put(n, p.floatStorage()));
        Optimizer opt = OptimGoldenTest.build(c, params);
        LRScheduler sched = c.scheduler() == null ? null : OptimGoldenTest.scheduler(c.scheduler(), opt);
        for (int k = 0; k < g.grads.size(); k++) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Golden.Values gr = g.grads.get(k).get(e.getKey());
                e.getValue().setGrad(gr == null ? null : f32(gr));
            }
            opt.step();
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Tensor p = e.getValue();
                assertEquals(DType.FLOAT32, p.dtype());
                assertTrue(storage.get(e.getKey()) == p.floatStorage(), "updated in place");
                closeFloat(c.name() + " step " + (k + 1) + " " + e.getKey(), c.after().get(k).get(e.getKey()).data(),
                        p.toArray());
            }
            OptimGoldenTest.stepScheduler(c, sched, opt, k + 1);
        }
        Map<String, Tensor> sd = opt.stateDict();
        for (Map.Entry<String, Map<String, Golden.Values>> e : c.state().entrySet()) {
            int index = order.indexOf(e.getKey());
            for (Map.Entry<String, Golden.Values> s : e.getValue().entrySet()) {
                String key = "state." + index + "." + s.getKey();
                Tensor t = sd.get(key);
                assertNotEquals(null, t, c.name() + ": no " + key + " in " + sd.keySet());
                assertArrayEquals(s.getValue().shape(), t.shape(), key);
                // per-element state in the parameter's dtype, step counts FLOAT64
                assertEquals(t.dim() == 0 ? DType.FLOAT64 : DType.FLOAT32, t.dtype(), key);
                closeFloat(c.name() + " " + key, s.getValue().data(), t.toArray());
            }
        }
    }

    private static Tensor f32Param(double... v) {
        return Tensor.of(v, DType.FLOAT32, v.length).requiresGrad(true);
    }

    @Test
    void hyperparametersStayFloat64UnderAFloat32Default() {
        Tensor p = f32Param(1, 2, 3);
        SGD opt = SGD.builder(List.of(p)).lr(0.1).momentum(0.9).build();
        StepLR steps = new StepLR(opt, 2, 0.1);
        ReduceLROnPlateau plateau = ReduceLROnPlateau.builder(opt).build();
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            p.setGrad(Tensor.of(1.0, 1.0, 1.0));
            assertEquals(DType.FLOAT32, p.grad().dtype());
            opt.step();
            Map<String, Tensor> sd = opt.stateDict();
            assertEquals(DType.FLOAT32, sd.get("state.0.momentum_buffer").dtype());
            assertEquals(DType.FLOAT64, sd.get("param_groups.0.lr").dtype());
            assertEquals(0.1, sd.get("param_groups.0.lr").item()); // exactly 0.1, not 0.1f
            steps.step();
            for (Map<String, Tensor> dict : List.of(sd, steps.stateDict(), plateau.stateDict())) {
                for (Map.Entry<String, Tensor> e : dict.entrySet()) {
                    if (!e.getKey().startsWith("state.") && !e.getKey().endsWith(".params")) {
                        assertEquals(DType.FLOAT64, e.getValue().dtype(), e.getKey());
                    }
                }
            }
            assertEquals(0.1, steps.stateDict().get("base_lrs").toArray()[0]);
            // and they load back
            StepLR again = new StepLR(opt, 2, 0.1);
            again.loadStateDict(steps.stateDict());
            assertEquals(1, again.lastEpoch());
            opt.loadStateDict(sd);
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
    }

    @Test
    void loadingCastsPerElementStateToTheParametersDtype() {
        // saved from FLOAT32 parameters, loaded into FLOAT32 ones: FLOAT32 state
        Tensor a = f32Param(1, -2, 3);
        Adam adam = Adam.builder(List.of(a)).lr(0.01).amsgrad(true).build();
        a.setGrad(Tensor.of(new double[] {0.5, -1, 2}, DType.FLOAT32, 3));
        adam.step();
        Map<String, Tensor> saved = adam.stateDict();
        assertEquals(DType.FLOAT32, saved.get("state.0.exp_avg").dtype());

        Tensor b = f32Param(1, -2, 3);
        Adam restored = Adam.builder(List.of(b)).lr(0.01).amsgrad(true).build();
        restored.loadStateDict(saved);
        Map<String, Tensor> back = restored.stateDict();
        for (String name : List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")) {
            Tensor t = back.get("state.0." + name);
            assertEquals(DType.FLOAT32, t.dtype(), name);
            assertArrayEquals(saved.get("state.0." + name).toArray(), t.toArray(), name);
        }
        assertEquals(DType.FLOAT64, back.get("state.0.step").dtype());
        // a FLOAT32 step (as a float32 file would give) loads as FLOAT64 and keeps counting
        Map<String, Tensor> f32Step = new LinkedHashMap<>(saved);
        f32Step.put("state.0.step", Tensor.full(1.0, DType.FLOAT32));
        restored.loadStateDict(f32Step);
        b.setGrad(Tensor.of(new double[] {0.5, -1, 2}, DType.FLOAT32, 3));
        restored.step();
        assertEquals(DType.FLOAT64, restored.stateDict().get("state.0.step").dtype());
        assertEquals(2.0, restored.stateDict().get("state.0.step").item());

        // saved from FLOAT64 parameters, loaded into FLOAT32 ones: cast, as PyTorch's load_state_dict
        Tensor d = Tensor.of(new double[] {1, -2, 3}, DType.FLOAT64, 3).requiresGrad(true);
        SGD sgd64 = SGD.builder(List.of(d)).lr(0.1).momentum(0.9).build();
        d.setGrad(Tensor.of(new double[] {0.1, 0.2, 0.3}, DType.FLOAT64, 3));
        sgd64.step();
        Tensor f = f32Param(1, -2, 3);
        SGD sgd32 = SGD.builder(List.of(f)).lr(0.1).momentum(0.9).build();
        sgd32.loadStateDict(sgd64.stateDict());
        Tensor buf = sgd32.stateDict().get("state.0.momentum_buffer");
        assertEquals(DType.FLOAT32, buf.dtype());
        assertArrayEquals(new double[] {(float) 0.1, (float) 0.2, (float) 0.3}, buf.toArray());
        // the loaded FLOAT32 buffer keeps working: buf = 0.9 buf + g, x -= 0.1 buf
        f.setGrad(Tensor.of(new double[] {1, 1, 1}, DType.FLOAT32, 3));
        sgd32.step();
        assertEquals(DType.FLOAT32, sgd32.stateDict().get("state.0.momentum_buffer").dtype());
        closeFloat("x", new double[] {1 - 0.1 * (0.9 * 0.1 + 1), -2 - 0.1 * (0.9 * 0.2 + 1),
            3 - 0.1 * (0.9 * 0.3 + 1)}, f.toArray());

        // a non-floating state value is still refused
        Map<String, Tensor> bad = new LinkedHashMap<>(sgd64.stateDict());
        bad.put("state.0.momentum_buffer", Tensor.of(1, 2, 3));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> sgd32.loadStateDict(bad));
        assertTrue(e.getMessage().contains("state.0.momentum_buffer (expected FLOAT64, got INT64)"), e.getMessage());
    }

    @Test
    void float32ParametersAreAcceptedAndMixedListsWork() {
        Tensor a = f32Param(1, 2);
        Tensor b = Tensor.of(new double[] {3, 4}, DType.FLOAT64, 2).requiresGrad(true);
        Optimizer opt = new RMSprop(List.of(a, b));
        a.setGrad(Tensor.of(new double[] {1, 1}, DType.FLOAT32, 2));
        b.setGrad(Tensor.of(new double[] {1, 1}, DType.FLOAT64, 2));
        opt.step();
        assertEquals(DType.FLOAT32, a.dtype());
        assertEquals(DType.FLOAT64, b.dtype());
        Map<String, Tensor> sd = opt.stateDict();
        assertEquals(DType.FLOAT32, sd.get("state.0.square_avg").dtype());
        assertEquals(DType.FLOAT64, sd.get("state.1.square_avg").dtype());
        // the same update, rounded to float for the FLOAT32 parameter
        assertEquals((float) (b.toArray()[0] - 2), a.toArray()[0], 1e-6);
    }
}
