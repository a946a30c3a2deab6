package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Saving and restoring optimizer and scheduler state: training resumes bit for bit. */
class StateDictTest {
    /** An optimizer and, optionally, a scheduler on the model's parameters. */
    record Setup(Optimizer optimizer, LRScheduler scheduler) {}

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("SGD momentum nesterov + StepLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    SGD o = SGD.builder(m.params()).lr(0.02).momentum(0.9).nesterov(true).weightDecay(1e-3).build();
                    return new Setup(o, new StepLR(o, 3, 0.5));
                }),
                Arguments.of("SGD dampening maximize, two groups", (Function<BehaviourTest.Model, Setup>) m -> {
                    SGD o = SGD.builder(List.of(m.w)).lr(0.01).momentum(0.5).dampening(0.2)
                            .paramGroup(List.of(m.b), Map.of("lr", 0.003, "maximize", 1.0)).build();
                    return new Setup(o, null);
                }),
                Arguments.of("Adam amsgrad + CosineAnnealingLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    Adam o = Adam.builder(m.params()).lr(0.05).amsgrad(true).weightDecay(0.01).build();
                    return new Setup(o, new CosineAnnealingLR(o, 5, 0.001));
                }),
                Arguments.of("AdamW maximize, two groups + StepLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    AdamW o = AdamW.builder(List.of(m.b)).lr(0.01).betas(0.8, 0.99)
                            .paramGroup(List.of(m.w), Map.of("amsgrad", 1.0, "lr", 0.02)).build();
                    return new Setup(o, new StepLR(o, 2));
                }),
                Arguments.of("RMSprop centered momentum + ExponentialLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    RMSprop o = RMSprop.builder(m.params()).lr(0.01).momentum(0.5).centered(true)
                            .weightDecay(0.01).build();
                    return new Setup(o, new ExponentialLR(o, 0.9));
                }),
                Arguments.of("RMSprop maximize, two groups + LambdaLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    RMSprop o = RMSprop.builder(List.of(m.w)).lr(0.002).alpha(0.9)
                            .paramGroup(List.of(m.b), Map.of("momentum", 0.9, "maximize", 1.0)).build();
                    return new Setup(o, new LambdaLR(o, List.of(e -> 1.0 / (e + 1), e -> Math.pow(0.9, e))));
                }),
                Arguments.of("Adagrad lr decay + CosineAnnealingLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    Adagrad o = Adagrad.builder(m.params()).lr(0.05).lrDecay(0.01).initialAccumulatorValue(0.1)
                            .weightDecay(0.001).build();
                    return new Setup(o, new CosineAnnealingLR(o, 4));
                }),
                Arguments.of("Adadelta weight decay, two groups + StepLR", (Function<BehaviourTest.Model, Setup>) m -> {
                    Adadelta o = Adadelta.builder(List.of(m.w)).rho(0.95).weightDecay(0.01)
                            .paramGroup(List.of(m.b), Map.of("lr", 0.5, "maximize", 1.0)).build();
                    return new Setup(o, new StepLR(o, 1, 0.7));
                }));
    }

    static void trainStep(BehaviourTest.Model m, Setup s, int i) {
        s.optimizer().zeroGrad();
        m.loss().backward();
        if (i % 4 == 3) {
            m.b.setGrad(null); // now and then a parameter without a gradient
        }
        s.optimizer().step();
        if (s.scheduler() != null) {
            s.scheduler().step();
        }
    }

    static Map<String, double[]> snapshot(BehaviourTest.Model m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("w", m.w.toArray());
        out.put("b", m.b.toArray());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void trainingResumesBitForBit(String name, Function<BehaviourTest.Model, Setup> make) {
        int n = 7;
        int more = 6;
        BehaviourTest.Model m = new BehaviourTest.Model(11);
        Setup s = make.apply(m);
        for (int i = 0; i < n; i++) {
            trainStep(m, s, i);
        }
        // save: model parameters, optimizer and scheduler state
        Tensor savedW = m.w.copy();
        Tensor savedB = m.b.copy();
        Map<String, Tensor> optState = s.optimizer().stateDict();
        Map<String, Tensor> schedState = s.scheduler() == null ? null : s.scheduler().stateDict();
        List<Map<String, double[]>> expected = new ArrayList<>();
        for (int i = n; i < n + more; i++) {
            trainStep(m, s, i);
            expected.add(snapshot(m));
        }
        // the saved state is a copy: training on did not change it
        assertNotEquals(m.w.toArray()[0], savedW.toArray()[0]);

        // restore into a fresh model (different initial values) and fresh optimizer / scheduler
        BehaviourTest.Model fresh = new BehaviourTest.Model(12);
        assertNotEquals(savedW.toArray()[0], fresh.w.toArray()[0]);
        try (var g = Autograd.noGrad()) {
            fresh.w.copyFrom(savedW);
            fresh.b.copyFrom(savedB);
        }
        Setup r = make.apply(fresh);
        r.optimizer().loadStateDict(optState);
        if (schedState != null) {
            r.scheduler().loadStateDict(schedState);
            assertEquals(s.scheduler().lastEpoch() - more, r.scheduler().lastEpoch());
        }
        for (int i = n; i < n + more; i++) {
            trainStep(fresh, r, i);
            Map<String, double[]> want = expected.get(i - n);
            assertArrayEquals(want.get("w"), fresh.w.toArray(), name + ": w after step " + (i + 1));
            assertArrayEquals(want.get("b"), fresh.b.toArray(), name + ": b after step " + (i + 1));
        }
        // and both optimizers now hold the same state
        Map<String, Tensor> a = s.optimizer().stateDict();
        Map<String, Tensor> b = r.optimizer().stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), k);
        }
        if (schedState != null) {
            assertEquals(s.scheduler().getLastLr(), r.scheduler().getLastLr());
            assertEquals(s.scheduler().stateDict().keySet(), r.scheduler().stateDict().keySet());
        }
    }

    static Adam trainedAdam(BehaviourTest.Model m) {
        Adam adam = Adam.builder(m.params()).lr(0.01).amsgrad(true).build();
        m.loss().backward();
        adam.step();
        return adam;
    }

    @Test
    void keysFollowPyTorchsNames() {
        BehaviourTest.Model m = new BehaviourTest.Model(13);
        Adam adam = trainedAdam(m);
        Map<String, Tensor> sd = adam.stateDict();
        assertEquals(List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
                "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq",
                "param_groups.0.lr", "param_groups.0.beta1", "param_groups.0.beta2", "param_groups.0.eps",
                "param_groups.0.weight_decay", "param_groups.0.amsgrad", "param_groups.0.maximize",
                "param_groups.0.params"), new ArrayList<>(sd.keySet()));
        assertEquals(0, sd.get("state.0.step").dim());
        assertEquals(1.0, sd.get("state.0.step").item());
        assertArrayEquals(new int[] {3, 4}, sd.get("state.0.exp_avg").shape());
        assertEquals(DType.FLOAT64, sd.get("param_groups.0.lr").dtype());
        assertEquals(0.01, sd.get("param_groups.0.lr").item());
        assertEquals(1.0, sd.get("param_groups.0.amsgrad").item());
        assertArrayEquals(new int[] {0, 1}, sd.get("param_groups.0.params").toIntArray());

        BehaviourTest.Model m2 = new BehaviourTest.Model(13);
        SGD sgd = SGD.builder(m2.params()).lr(0.1).momentum(0.9).build();
        m2.loss().backward();
        m2.b.setGrad(null);
        sgd.step();
        Map<String, Tensor> s2 = sgd.stateDict();
        assertTrue(s2.containsKey("state.0.momentum_buffer"));
        assertTrue(!s2.containsKey("state.1.momentum_buffer"), "b had no grad: no state");
        new StepLR(sgd, 5);
        assertEquals(0.1, sgd.stateDict().get("param_groups.0.initial_lr").item());
        // plain SGD keeps no state at all
        SGD plain = new SGD(m2.params(), 0.1);
        plain.step();
        assertTrue(plain.stateDict().keySet().stream().noneMatch(k -> k.startsWith("state.")));
    }

    @Test
    void newOptimizersKeysFollowPyTorchsNames() {
        BehaviourTest.Model m = new BehaviourTest.Model(13);
        RMSprop rms = RMSprop.builder(m.params()).momentum(0.9).centered(true).build();
        m.loss().backward();
        rms.step();
        assertEquals(List.of("state.0.step", "state.0.square_avg", "state.0.momentum_buffer", "state.0.grad_avg",
                "state.1.step", "state.1.square_avg", "state.1.momentum_buffer", "state.1.grad_avg",
                "param_groups.0.lr", "param_groups.0.alpha", "param_groups.0.eps", "param_groups.0.weight_decay",
                "param_groups.0.momentum", "param_groups.0.centered", "param_groups.0.maximize",
                "param_groups.0.params"), new ArrayList<>(rms.stateDict().keySet()));
        RMSprop plain = new RMSprop(m.params());
        plain.step();
        assertEquals(List.of("square_avg", "step"), plain.state(m.w).keySet().stream().sorted().toList());
        // a saved plain state does not fit an RMSprop with momentum: its buffer is missing
        RMSprop withMomentum = RMSprop.builder(m.params()).momentum(0.5).build();
        Map<String, Tensor> sd = new LinkedHashMap<>(plain.stateDict());
        sd.put("param_groups.0.momentum", Tensor.scalar(0.5));
        String msg = loadFails(withMomentum, sd).getMessage();
        assertTrue(msg.startsWith("RMSprop.loadStateDict: missing keys [state.0.momentum_buffer, "
                + "state.1.momentum_buffer]"), msg);

        Adagrad ada = new Adagrad(m.params());
        ada.step();
        assertEquals(List.of("state.0.step", "state.0.sum", "state.1.step", "state.1.sum", "param_groups.0.lr",
                "param_groups.0.lr_decay", "param_groups.0.weight_decay", "param_groups.0.initial_accumulator_value",
                "param_groups.0.eps", "param_groups.0.maximize", "param_groups.0.params"),
                new ArrayList<>(ada.stateDict().keySet()));
        assertEquals(0, ada.stateDict().get("state.0.step").dim());
    }

    @Test
    void plateauResumesExactly() {
        double[] metrics = {1.0, 0.8, 0.79, 0.8, 0.81, 0.795, 0.7, 0.71, 0.72, 0.73, 0.71, 0.705, 0.74, 0.69, 0.7};
        BehaviourTest.Model m = new BehaviourTest.Model(18);
        SGD sgd = SGD.builder(List.of(m.w)).lr(0.1).paramGroup(List.of(m.b), Map.of("lr", 0.3)).build();
        ReduceLROnPlateau p = ReduceLROnPlateau.builder(sgd).factor(0.5).patience(1).cooldown(1).minLrs(0.01, 0.1)
                .threshold(0.02).build();
        int saveAt = 6;
        Map<String, Tensor> optState = null;
        Map<String, Tensor> schedState = null;
        List<List<Double>> expected = new ArrayList<>();
        for (int i = 0; i < metrics.length; i++) {
            if (i == saveAt) {
                optState = sgd.stateDict();
                schedState = p.stateDict();
            }
            p.step(metrics[i]);
            if (i >= saveAt) {
                expected.add(p.getLastLr());
            }
        }
        assertTrue(expected.get(expected.size() - 1).get(0) < 0.1, "the test must see a reduction: " + expected);

        SGD sgd2 = SGD.builder(List.of(m.w)).lr(0.7).paramGroup(List.of(m.b), Map.of("lr", 0.7)).build();
        ReduceLROnPlateau p2 = ReduceLROnPlateau.builder(sgd2).mode(ReduceLROnPlateau.Mode.MAX).build();
        sgd2.loadStateDict(optState);
        p2.loadStateDict(schedState);
        assertEquals(saveAt, p2.lastEpoch());
        for (int i = saveAt; i < metrics.length; i++) {
            p2.step(metrics[i]);
            assertEquals(expected.get(i - saveAt), p2.getLastLr(), "after metric " + i);
        }
        assertEquals(p.stateDict().keySet(), p2.stateDict().keySet());
        assertEquals(p.best(), p2.best());
        assertEquals(p.numBadEpochs(), p2.numBadEpochs());

        Map<String, Tensor> bad = new LinkedHashMap<>(p.stateDict());
        bad.put("mode", Tensor.scalar(2));
        bad.put("min_lrs", Tensor.of(0.1));
        bad.remove("eps");
        bad.put("patience", Tensor.scalar(Double.NaN));
        String msg = assertThrows(IllegalArgumentException.class, () -> p2.loadStateDict(bad)).getMessage();
        assertTrue(msg.startsWith("ReduceLROnPlateau.loadStateDict: missing keys [eps]"), msg);
        assertTrue(msg.contains("min_lrs (expected [2], got [1])") && msg.contains("patience: NaN"), msg);
        assertEquals(p.best(), p2.best(), "unchanged after a failed load");
    }

    @Test
    void loadReplacesHyperparametersAndRestoresState() {
        BehaviourTest.Model m = new BehaviourTest.Model(14);
        Adam trained = trainedAdam(m);
        Adam other = new Adam(m.params(), 0.5);
        other.loadStateDict(trained.stateDict());
        assertEquals(0.01, other.lr());
        assertTrue(other.paramGroups().get(0).flag("amsgrad"));
        assertArrayEquals(trained.state(m.w).get("exp_avg").toArray(), other.state(m.w).get("exp_avg").toArray());
        // loaded state is a copy
        trained.step();
        assertNotEquals(trained.state(m.w).get("step").item(), other.state(m.w).get("step").item());
    }

    static IllegalArgumentException loadFails(Optimizer o, Map<String, Tensor> sd) {
        return assertThrows(IllegalArgumentException.class, () -> o.loadStateDict(sd));
    }

    @Test
    void strictLoadListsMissingUnexpectedAndMisshapedKeys() {
        BehaviourTest.Model m = new BehaviourTest.Model(15);
        Adam adam = trainedAdam(m);
        Map<String, Tensor> good = adam.stateDict();
        Adam target = Adam.builder(m.params()).lr(0.3).build();
        Map<String, Tensor> before = target.stateDict();

        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("state.0.exp_avg");
        missing.remove("param_groups.0.eps");
        String msg = loadFails(target, missing).getMessage();
        assertTrue(msg.contains("missing keys [param_groups.0.eps, state.0.exp_avg]"), msg);

        Map<String, Tensor> unexpected = new LinkedHashMap<>(good);
        unexpected.put("state.0.momentum_buffer", Tensor.zeros(3, 4));
        unexpected.put("state.7.exp_avg", Tensor.zeros(3, 4));
        unexpected.put("param_groups.1.lr", Tensor.scalar(0.1));
        unexpected.put("param_groups.0.momentum", Tensor.scalar(0.1));
        unexpected.put("bogus", Tensor.scalar(1));
        msg = loadFails(target, unexpected).getMessage();
        for (String k : List.of("state.0.momentum_buffer", "state.7.exp_avg", "param_groups.1.lr",
                "param_groups.0.momentum", "bogus")) {
            assertTrue(msg.contains("unexpected keys") && msg.contains(k), msg);
        }

        Map<String, Tensor> misshaped = new LinkedHashMap<>(good);
        misshaped.put("state.0.exp_avg", Tensor.zeros(4));
        misshaped.put("state.1.step", Tensor.zeros(1));
        misshaped.put("param_groups.0.lr", Tensor.of(0.1, 0.2));
        misshaped.put("param_groups.0.params", Tensor.of(0, 1, 2));
        msg = loadFails(target, misshaped).getMessage();
        assertTrue(msg.contains("mis-shaped keys"), msg);
        assertTrue(msg.contains("state.0.exp_avg (expected [3, 4], got [4])"), msg);
        assertTrue(msg.contains("state.1.step (expected [], got [1])"), msg);
        assertTrue(msg.contains("param_groups.0.lr (expected [], got [2])"), msg);
        assertTrue(msg.contains("param_groups.0.params (expected [2]"), msg);

        Map<String, Tensor> all = new LinkedHashMap<>(good);
        all.remove("state.1.exp_avg_sq");
        all.put("extra", Tensor.scalar(0));
        all.put("state.0.exp_avg", Tensor.zeros(3));
        msg = loadFails(target, all).getMessage();
        assertTrue(msg.contains("missing keys [state.1.exp_avg_sq]") && msg.contains("unexpected keys [extra]")
                && msg.contains("mis-shaped keys [state.0.exp_avg (expected [3, 4], got [3])]"), msg);

        Map<String, Tensor> amsgradOff = new LinkedHashMap<>(good);
        amsgradOff.remove("state.0.max_exp_avg_sq");
        msg = loadFails(target, amsgradOff).getMessage();
        assertTrue(msg.contains("missing keys [state.0.max_exp_avg_sq]"), "amsgrad needs its max: " + msg);

        Map<String, Tensor> badValue = new LinkedHashMap<>(good);
        badValue.put("param_groups.0.lr", Tensor.scalar(-1));
        msg = loadFails(target, badValue).getMessage();
        assertTrue(msg.contains("Invalid learning rate: -1.0"), msg);

        Map<String, Tensor> wrongType = new LinkedHashMap<>(good);
        wrongType.put("state.0.exp_avg", Tensor.zeros(3, 4).to(DType.INT64));
        msg = loadFails(target, wrongType).getMessage();
        assertTrue(msg.contains("state.0.exp_avg (expected FLOAT64, got INT64)"), msg);

        // a failed load changes nothing
        Map<String, Tensor> after = target.stateDict();
        assertEquals(before.keySet(), after.keySet());
        assertEquals(0.3, target.lr());
        assertTrue(target.state(m.w).isEmpty());

        // another optimizer's state does not fit
        SGD sgd = SGD.builder(m.params()).lr(0.1).build();
        msg = loadFails(sgd, good).getMessage();
        assertTrue(msg.contains("missing keys [param_groups.0.momentum") && msg.contains("unexpected keys"), msg);
    }

    @Test
    void groupStructureMustMatch() {
        BehaviourTest.Model m = new BehaviourTest.Model(16);
        Adam adam = trainedAdam(m);
        Adam oneParam = new Adam(List.of(m.w));
        String msg = loadFails(oneParam, adam.stateDict()).getMessage();
        assertTrue(msg.contains("param_groups.0.params (expected [1]"), msg);
        Adam twoGroups = Adam.builder(List.of(m.w)).paramGroup(List.of(m.b), Map.of()).build();
        msg = loadFails(twoGroups, adam.stateDict()).getMessage();
        assertTrue(msg.contains("missing keys [param_groups.1.lr"), msg);
    }

    @Test
    void schedulerStateIsStrictToo() {
        BehaviourTest.Model m = new BehaviourTest.Model(17);
        SGD sgd = new SGD(m.params(), 0.1);
        CosineAnnealingLR c = new CosineAnnealingLR(sgd, 4, 0.01);
        c.step();
        Map<String, Tensor> sd = c.stateDict();
        assertEquals(List.of("last_epoch", "_step_count", "base_lrs", "_last_lr", "T_max", "eta_min"),
                new ArrayList<>(sd.keySet()));
        assertEquals(1.0, sd.get("last_epoch").item());
        assertEquals(2.0, sd.get("_step_count").item());
        CosineAnnealingLR fresh = new CosineAnnealingLR(new SGD(m.params(), 0.1), 9);
        fresh.loadStateDict(sd);
        assertEquals(4, fresh.tMax());
        assertEquals(0.01, fresh.etaMin());
        assertEquals(c.getLastLr(), fresh.getLastLr());

        Map<String, Tensor> bad = new LinkedHashMap<>(sd);
        bad.remove("eta_min");
        bad.put("gamma", Tensor.scalar(0.1));
        bad.put("base_lrs", Tensor.of(0.1, 0.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(bad));
        assertTrue(e.getMessage().contains("missing keys [eta_min]") && e.getMessage().contains("unexpected keys [gamma]")
                && e.getMessage().contains("base_lrs"), e.getMessage());
        Map<String, Tensor> badT = new LinkedHashMap<>(sd);
        badT.put("T_max", Tensor.scalar(0));
        e = assertThrows(IllegalArgumentException.class, () -> fresh.loadStateDict(badT));
        assertTrue(e.getMessage().contains("T_max"), e.getMessage());
        assertEquals(4, fresh.tMax(), "unchanged after a failed load");
    }
}
