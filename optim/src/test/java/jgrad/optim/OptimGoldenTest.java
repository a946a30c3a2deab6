package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta and the schedulers with numbers made by PyTorch
 * (src/test/resources/golden/make_optim_golden.py): float64 agreement to 1e-12.
 */
class OptimGoldenTest {
    static final double TOL = 1e-12;

    static Stream<Golden.OptCase> optimizerCases() {
        return Golden.load().optCases.stream();
    }

    static Stream<Golden.SchedCase> schedulerCases() {
        return Golden.load().schedCases.stream();
    }

    @Test
    void goldenFileCoversEveryOption() {
        Golden g = Golden.load();
        assertEquals(5, g.grads.size(), "steps");
        long sgd = g.optCases.stream().filter(c -> c.optimizer().equals("SGD")).count();
        long adam = g.optCases.stream().filter(c -> c.optimizer().equals("Adam")).count();
        long adamw = g.optCases.stream().filter(c -> c.optimizer().equals("AdamW")).count();
        assertTrue(sgd >= 20, "SGD cases: " + sgd);
        assertTrue(adam >= 8 && adamw >= 8, "Adam/AdamW cases: " + adam + "/" + adamw);
        assertTrue(g.schedCases.size() >= 6, "scheduler cases");
        for (String kind : List.of("RMSprop", "Adagrad", "Adadelta")) {
            long n = g.optCases.stream().filter(c -> c.optimizer().equals(kind)).count();
            assertTrue(n >= 8, kind + " cases: " + n);
        }
        assertTrue(g.optCases.stream().anyMatch(c -> c.scheduler() != null && c.optimizer().equals("Adadelta")),
                "an Adadelta case with StepLR");
        for (String kind : List.of("ExponentialLR", "LambdaLR", "ReduceLROnPlateau")) {
            long n = g.schedCases.stream().filter(c -> c.scheduler().equals(kind)).count();
            assertTrue(n >= 3, kind + " cases: " + n);
        }
    }

    static void close(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(e - a) <= TOL * Math.max(1.0, Math.abs(e)))) {
                fail(what + "[" + i + "]: expected " + e + " but was " + a + " (diff " + (a - e) + ")");
            }
        }
    }

    /** Calls {@code set} for each setting of the first group; betas as one call. */
    private static void settings(Map<String, Double> o, BiConsumer<String, Double> set) {
        if (o.containsKey("beta1") || o.containsKey("beta2")) {
            set.accept("betas", Double.NaN);
        }
        for (Map.Entry<String, Double> e : o.entrySet()) {
            if (!e.getKey().startsWith("beta")) {
                set.accept(e.getKey(), e.getValue());
            }
        }
    }

    private static IllegalStateException unknown(String name) {
        return new IllegalStateException("golden file: unknown setting " + name);
    }

    static Optimizer build(Golden.OptCase c, Map<String, Tensor> params) {
        List<Golden.Group> groups = c.groups();
        List<Tensor> first = paramsOf(groups.get(0), params);
        Map<String, Double> o = groups.get(0).options();
        Map<String, Double> set = o == null ? Map.of() : o;
        Optimizer opt;
        switch (c.optimizer()) {
            case "SGD" -> {
                SGD.Builder b = SGD.builder(first);
                settings(set, (k, v) -> {
                    switch (k) {
                        case "lr" -> b.lr(v);
                        case "momentum" -> b.momentum(v);
                        case "dampening" -> b.dampening(v);
                        case "weight_decay" -> b.weightDecay(v);
                        case "nesterov" -> b.nesterov(v != 0);
                        case "maximize" -> b.maximize(v != 0);
                        default -> throw unknown(k);
                    }
                });
                extraGroups(groups, params, b::paramGroup);
                opt = b.build();
            }
            case "Adam", "AdamW" -> {
                if (o == null) { // the constructors with PyTorch's defaults
                    opt = c.optimizer().equals("AdamW") ? new AdamW(first) : new Adam(first);
                    break;
                }
                AdamBuilder<?> b = c.optimizer().equals("AdamW") ? AdamW.builder(first) : Adam.builder(first);
                settings(set, (k, v) -> {
                    switch (k) {
                        case "lr" -> b.lr(v);
                        case "betas" -> b.betas(set.getOrDefault("beta1", 0.9), set.getOrDefault("beta2", 0.999));
                        case "eps" -> b.eps(v);
                        case "weight_decay" -> b.weightDecay(v);
                        case "amsgrad" -> b.amsgrad(v != 0);
                        case "maximize" -> b.maximize(v != 0);
                        default -> throw unknown(k);
                    }
                });
                extraGroups(groups, params, b::paramGroup);
                opt = b.build();
            }
            case "RMSprop" -> {
                if (o == null) {
                    opt = new RMSprop(first);
                    break;
                }
                RMSprop.Builder b = RMSprop.builder(first);
                settings(set, (k, v) -> {
                    switch (k) {
                        case "lr" -> b.lr(v);
                        case "alpha" -> b.alpha(v);
                        case "eps" -> b.eps(v);
                        case "weight_decay" -> b.weightDecay(v);
                        case "momentum" -> b.momentum(v);
                        case "centered" -> b.centered(v != 0);
                        case "maximize" -> b.maximize(v != 0);
                        default -> throw unknown(k);
                    }
                });
                extraGroups(groups, params, b::paramGroup);
                opt = b.build();
            }
            case "Adagrad" -> {
                if (o == null) {
                    opt = new Adagrad(first);
                    break;
                }
                Adagrad.Builder b = Adagrad.builder(first);
                settings(set, (k, v) -> {
                    switch (k) {
                        case "lr" -> b.lr(v);
                        case "lr_decay" -> b.lrDecay(v);
                        case "weight_decay" -> b.weightDecay(v);
                        case "initial_accumulator_value" -> b.initialAccumulatorValue(v);
                        case "eps" -> b.eps(v);
                        case "maximize" -> b.maximize(v != 0);
                        default -> throw unknown(k);
                    }
                });
                extraGroups(groups, params, b::paramGroup);
                opt = b.build();
            }
            case "Adadelta" -> {
                if (o == null) {
                    opt = new Adadelta(first);
                    break;
                }
                Adadelta.Builder b = Adadelta.builder(first);
                settings(set, (k, v) -> {
                    switch (k) {
                        case "lr" -> b.lr(v);
                        case "rho" -> b.rho(v);
                        case "eps" -> b.eps(v);
                        case "weight_decay" -> b.weightDecay(v);
                        case "maximize" -> b.maximize(v != 0);
                        default -> throw unknown(k);
                    }
                });
                extraGroups(groups, params, b::paramGroup);
                opt = b.build();
            }
            default -> throw new IllegalStateException(c.optimizer());
        }
        assertEquals(groups.size(), opt.paramGroups().size(), "groups");
        return opt;
    }

    private static void extraGroups(List<Golden.Group> groups, Map<String, Tensor> params,
            BiConsumer<List<Tensor>, Map<String, Double>> add) {
        for (int gi = 1; gi < groups.size(); gi++) {
            add.accept(paramsOf(groups.get(gi), params), groups.get(gi).options());
        }
    }

    private static List<Tensor> paramsOf(Golden.Group g, Map<String, Tensor> params) {
        List<Tensor> out = new ArrayList<>();
        for (String n : g.params()) {
            out.add(params.get(n));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizerCases")
    void optimizerMatchesPyTorch(Golden.OptCase c) {
        Golden g = Golden.load();
        Map<String, Tensor> params = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        for (Golden.Group group : c.groups()) {
            for (String n : group.params()) {
                Golden.Values v = g.inputs.get(n);
                params.put(n, Tensor.of(v.data(), v.shape()).requiresGrad(true));
                order.add(n);
            }
        }
        Optimizer opt = build(c, params);
        LRScheduler sched = c.scheduler() == null ? null : scheduler(c.scheduler(), opt);
        for (int k = 0; k < g.grads.size(); k++) {
            Map<String, Integer> versions = new HashMap<>();
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Golden.Values gr = g.grads.get(k).get(e.getKey());
                e.getValue().setGrad(gr == null ? null : Tensor.of(gr.data(), gr.shape()));
                versions.put(e.getKey(), e.getValue().version());
            }
            opt.step();
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                String n = e.getKey();
                close(c.name() + " step " + (k + 1) + " " + n, c.after().get(k).get(n).data(), e.getValue().toArray());
                boolean hadGrad = g.grads.get(k).containsKey(n);
                assertEquals(versions.get(n) + (hadGrad ? 1 : 0), e.getValue().version(), n + " version");
            }
            stepScheduler(c, sched, opt, k + 1);
        }
        // The final state, under PyTorch's names, through stateDict().
        Map<String, Tensor> sd = opt.stateDict();
        int expectedStateKeys = 0;
        for (Map.Entry<String, Map<String, Golden.Values>> e : c.state().entrySet()) {
            int index = order.indexOf(e.getKey());
            for (Map.Entry<String, Golden.Values> s : e.getValue().entrySet()) {
                String key = "state." + index + "." + s.getKey();
                Tensor t = sd.get(key);
                if (t == null) {
                    fail(c.name() + ": stateDict has no " + key + "; it has " + sd.keySet());
                }
                assertArrayEquals(s.getValue().shape(), t.shape(), key + " shape");
                close(c.name() + " " + key, s.getValue().data(), t.toArray());
                expectedStateKeys++;
            }
        }
        long stateKeys = sd.keySet().stream().filter(k -> k.startsWith("state.")).count();
        assertEquals(expectedStateKeys, stateKeys, c.name() + ": state keys " + sd.keySet());
    }

    /**
     * Steps an optimizer case's scheduler (if it has one) after optimizer step {@code k} and
     * checks every group's lr against the golden file's (exactly).
     */
    static void stepScheduler(Golden.OptCase c, LRScheduler sched, Optimizer opt, int k) {
        if (sched == null) {
            return;
        }
        sched.step();
        double[] expected = c.lrs().get(k);
        for (int gi = 0; gi < expected.length; gi++) {
            assertEquals(expected[gi], opt.paramGroups().get(gi).lr(), c.name() + " lr after step " + k);
        }
    }

    static LRScheduler scheduler(Golden.SchedCase c, Optimizer opt) {
        Map<String, Double> o = c.options();
        return switch (c.scheduler()) {
            case "StepLR" -> o.containsKey("gamma")
                    ? new StepLR(opt, o.get("step_size").intValue(), o.get("gamma"))
                    : new StepLR(opt, o.get("step_size").intValue());
            case "CosineAnnealingLR" -> o.containsKey("eta_min")
                    ? new CosineAnnealingLR(opt, o.get("T_max").intValue(), o.get("eta_min"))
                    : new CosineAnnealingLR(opt, o.get("T_max").intValue());
            case "ExponentialLR" -> new ExponentialLR(opt, o.get("gamma"));
            case "LambdaLR" -> {
                List<IntToDoubleFunction> fs = new ArrayList<>();
                for (String name : c.words().get("lr_lambda").split(",")) {
                    fs.add(lambda(name));
                }
                yield fs.size() == 1 ? new LambdaLR(opt, fs.get(0)) : new LambdaLR(opt, fs);
            }
            default -> throw new IllegalStateException(c.scheduler());
        };
    }

    /** The golden file's named lambdas (see make_optim_golden.py). */
    static IntToDoubleFunction lambda(String name) {
        if (name.equals("inverse")) {
            return e -> 1.0 / (e + 1);
        } else if (name.startsWith("decay")) {
            double g = Double.parseDouble(name.substring(5));
            return e -> Math.pow(g, e);
        } else if (name.startsWith("warmup")) {
            int n = Integer.parseInt(name.substring(6));
            return e -> Math.min(1.0, (e + 1) / (double) n);
        }
        throw new IllegalStateException("golden file: unknown lambda " + name);
    }

    static ReduceLROnPlateau plateau(Golden.SchedCase c, Optimizer opt) {
        ReduceLROnPlateau.Builder b = ReduceLROnPlateau.builder(opt);
        c.options().forEach((k, v) -> {
            switch (k) {
                case "factor" -> b.factor(v);
                case "patience" -> b.patience(v.intValue());
                case "threshold" -> b.threshold(v);
                case "cooldown" -> b.cooldown(v.intValue());
                case "min_lr" -> b.minLr(v);
                case "eps" -> b.eps(v);
                default -> throw unknown(k);
            }
        });
        c.words().forEach((k, v) -> {
            switch (k) {
                case "mode" -> b.mode(ReduceLROnPlateau.Mode.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                case "threshold_mode" -> b.thresholdMode(
                        ReduceLROnPlateau.ThresholdMode.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                case "min_lr" -> b.minLrs(java.util.Arrays.stream(v.split(","))
                        .mapToDouble(Double::parseDouble).toArray());
                default -> throw unknown(k);
            }
        });
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schedulerCases")
    void schedulerMatchesPyTorch(Golden.SchedCase c) {
        double[] lrs = c.groupLrs();
        SGD.Builder b = SGD.builder(List.of(Tensor.zeros(1).requiresGrad(true))).lr(lrs[0]);
        for (int i = 1; i < lrs.length; i++) {
            b.paramGroup(List.of(Tensor.zeros(1).requiresGrad(true)), Map.of("lr", lrs[i]));
        }
        SGD opt = b.build();
        boolean plateau = c.scheduler().equals("ReduceLROnPlateau");
        LRScheduler s = plateau ? null : scheduler(c, opt);
        ReduceLROnPlateau p = plateau ? plateau(c, opt) : null;
        for (int epoch = 0; epoch < c.lrs().size(); epoch++) {
            if (epoch > 0) {
                opt.step();
                if (plateau) {
                    p.step(c.metrics()[epoch - 1]);
                } else {
                    s.step();
                }
            }
            assertEquals(epoch, plateau ? p.lastEpoch() : s.lastEpoch());
            double[] got = (plateau ? p.getLastLr() : s.getLastLr()).stream().mapToDouble(Double::doubleValue)
                    .toArray();
            close(c.name() + " epoch " + epoch, c.lrs().get(epoch), got);
            for (int gi = 0; gi < lrs.length; gi++) {
                assertEquals(got[gi], opt.paramGroups().get(gi).lr(), "group lr");
            }
        }
    }
}
