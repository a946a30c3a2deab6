package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid settings and parameters are IllegalArgumentExceptions naming the offending value. */
class ValidationTest {
    static List<Tensor> params() {
        return List.of(Tensor.ones(2, 3).requiresGrad(true), Tensor.zeros(3).requiresGrad(true));
    }

    static void throwsNaming(Supplier<?> make, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("SGD negative lr", (Supplier<?>) () -> new SGD(params(), -0.1),
                        new String[] {"Invalid learning rate: -0.1"}),
                Arguments.of("SGD NaN lr", (Supplier<?>) () -> SGD.builder(params()).lr(Double.NaN).build(),
                        new String[] {"Invalid learning rate: NaN"}),
                Arguments.of("SGD builder negative lr", (Supplier<?>) () -> SGD.builder(params()).lr(-2).build(),
                        new String[] {"Invalid learning rate: -2.0"}),
                Arguments.of("SGD negative momentum",
                        (Supplier<?>) () -> SGD.builder(params()).lr(0.1).momentum(-0.5).build(),
                        new String[] {"Invalid momentum value: -0.5"}),
                Arguments.of("SGD negative weight decay",
                        (Supplier<?>) () -> SGD.builder(params()).lr(0.1).weightDecay(-0.01).build(),
                        new String[] {"Invalid weight_decay value: -0.01"}),
                Arguments.of("SGD nesterov without momentum",
                        (Supplier<?>) () -> SGD.builder(params()).lr(0.1).nesterov(true).build(),
                        new String[] {"Nesterov", "momentum=0.0"}),
                Arguments.of("SGD nesterov with dampening",
                        (Supplier<?>) () -> SGD.builder(params()).lr(0.1).momentum(0.9).dampening(0.1)
                                .nesterov(true).build(),
                        new String[] {"Nesterov", "dampening=0.1"}),
                Arguments.of("Adam negative lr", (Supplier<?>) () -> new Adam(params(), -1e-3),
                        new String[] {"Invalid learning rate: -0.001"}),
                Arguments.of("Adam negative eps", (Supplier<?>) () -> Adam.builder(params()).eps(-1e-8).build(),
                        new String[] {"Invalid epsilon value: -1.0E-8"}),
                Arguments.of("Adam beta1 = 1", (Supplier<?>) () -> Adam.builder(params()).betas(1.0, 0.999).build(),
                        new String[] {"Invalid beta parameter at index 0: 1.0"}),
                Arguments.of("Adam negative beta2",
                        (Supplier<?>) () -> Adam.builder(params()).betas(0.9, -0.1).build(),
                        new String[] {"Invalid beta parameter at index 1: -0.1"}),
                Arguments.of("Adam negative weight decay",
                        (Supplier<?>) () -> Adam.builder(params()).weightDecay(-0.5).build(),
                        new String[] {"Invalid weight_decay value: -0.5"}),
                Arguments.of("AdamW negative lr", (Supplier<?>) () -> AdamW.builder(params()).lr(-0.25).build(),
                        new String[] {"Invalid learning rate: -0.25"}),
                Arguments.of("AdamW beta2 = 1.5",
                        (Supplier<?>) () -> AdamW.builder(params()).betas(0.9, 1.5).build(),
                        new String[] {"Invalid beta parameter at index 1: 1.5"}),
                Arguments.of("AdamW negative eps", (Supplier<?>) () -> AdamW.builder(params()).eps(-1).build(),
                        new String[] {"Invalid epsilon value: -1.0"}),
                Arguments.of("AdamW negative weight decay",
                        (Supplier<?>) () -> AdamW.builder(params()).weightDecay(-0.01).build(),
                        new String[] {"Invalid weight_decay value: -0.01"}),
                Arguments.of("group override negative lr",
                        (Supplier<?>) () -> SGD.builder(List.of(Tensor.ones(1).requiresGrad(true))).lr(0.1)
                                .paramGroup(List.of(Tensor.ones(1).requiresGrad(true)), Map.of("lr", -3.0)).build(),
                        new String[] {"Invalid learning rate: -3.0"}),
                Arguments.of("group override unknown name",
                        (Supplier<?>) () -> Adam.builder(List.of(Tensor.ones(1).requiresGrad(true)))
                                .paramGroup(List.of(Tensor.ones(1).requiresGrad(true)), Map.of("momentum", 0.9))
                                .build(),
                        new String[] {"'momentum'"}),
                Arguments.of("StepLR step size 0", (Supplier<?>) () -> new StepLR(new SGD(params(), 0.1), 0),
                        new String[] {"step_size", "0"}),
                Arguments.of("CosineAnnealingLR T_max -3",
                        (Supplier<?>) () -> new CosineAnnealingLR(new SGD(params(), 0.1), -3),
                        new String[] {"T_max", "-3"}),
                Arguments.of("scheduler without optimizer", (Supplier<?>) () -> new StepLR(null, 3),
                        new String[] {"optimizer is null"}),
                Arguments.of("RMSprop negative lr", (Supplier<?>) () -> new RMSprop(params(), -0.01),
                        new String[] {"Invalid learning rate: -0.01"}),
                Arguments.of("RMSprop NaN lr", (Supplier<?>) () -> RMSprop.builder(params()).lr(Double.NaN).build(),
                        new String[] {"Invalid learning rate: NaN"}),
                Arguments.of("RMSprop negative alpha",
                        (Supplier<?>) () -> RMSprop.builder(params()).alpha(-0.9).build(),
                        new String[] {"Invalid alpha value: -0.9"}),
                Arguments.of("RMSprop NaN alpha",
                        (Supplier<?>) () -> RMSprop.builder(params()).alpha(Double.NaN).build(),
                        new String[] {"Invalid alpha value: NaN"}),
                Arguments.of("RMSprop negative eps", (Supplier<?>) () -> RMSprop.builder(params()).eps(-1e-8).build(),
                        new String[] {"Invalid epsilon value: -1.0E-8"}),
                Arguments.of("RMSprop negative momentum",
                        (Supplier<?>) () -> RMSprop.builder(params()).momentum(-0.5).build(),
                        new String[] {"Invalid momentum value: -0.5"}),
                Arguments.of("RMSprop negative weight decay",
                        (Supplier<?>) () -> RMSprop.builder(params()).weightDecay(-1).build(),
                        new String[] {"Invalid weight_decay value: -1.0"}),
                Arguments.of("RMSprop group flag 2",
                        (Supplier<?>) () -> RMSprop.builder(List.of(Tensor.ones(1).requiresGrad(true)))
                                .paramGroup(List.of(Tensor.ones(1).requiresGrad(true)), Map.of("centered", 2.0))
                                .build(),
                        new String[] {"centered", "2.0"}),
                Arguments.of("Adagrad negative lr", (Supplier<?>) () -> new Adagrad(params(), -1),
                        new String[] {"Invalid learning rate: -1.0"}),
                Arguments.of("Adagrad negative lr_decay",
                        (Supplier<?>) () -> Adagrad.builder(params()).lrDecay(-0.1).build(),
                        new String[] {"Invalid lr_decay value: -0.1"}),
                Arguments.of("Adagrad NaN eps", (Supplier<?>) () -> Adagrad.builder(params()).eps(Double.NaN).build(),
                        new String[] {"Invalid epsilon value: NaN"}),
                Arguments.of("Adagrad negative initial accumulator",
                        (Supplier<?>) () -> Adagrad.builder(params()).initialAccumulatorValue(-2).build(),
                        new String[] {"Invalid initial_accumulator_value value: -2.0"}),
                Arguments.of("Adagrad negative weight decay",
                        (Supplier<?>) () -> Adagrad.builder(params()).weightDecay(-0.3).build(),
                        new String[] {"Invalid weight_decay value: -0.3"}),
                Arguments.of("Adadelta negative lr", (Supplier<?>) () -> new Adadelta(params(), -1),
                        new String[] {"Invalid learning rate: -1.0"}),
                Arguments.of("Adadelta rho above 1", (Supplier<?>) () -> Adadelta.builder(params()).rho(1.5).build(),
                        new String[] {"Invalid rho value: 1.5"}),
                Arguments.of("Adadelta negative rho", (Supplier<?>) () -> Adadelta.builder(params()).rho(-0.1).build(),
                        new String[] {"Invalid rho value: -0.1"}),
                Arguments.of("Adadelta NaN rho",
                        (Supplier<?>) () -> Adadelta.builder(params()).rho(Double.NaN).build(),
                        new String[] {"Invalid rho value: NaN"}),
                Arguments.of("Adadelta negative eps", (Supplier<?>) () -> Adadelta.builder(params()).eps(-1e-6).build(),
                        new String[] {"Invalid epsilon value: -1.0E-6"}),
                Arguments.of("Adadelta negative weight decay",
                        (Supplier<?>) () -> Adadelta.builder(params()).weightDecay(-0.1).build(),
                        new String[] {"Invalid weight_decay value: -0.1"}),
                Arguments.of("Adadelta group rho above 1",
                        (Supplier<?>) () -> Adadelta.builder(List.of(Tensor.ones(1).requiresGrad(true)))
                                .paramGroup(List.of(Tensor.ones(1).requiresGrad(true)), Map.of("rho", 1.01))
                                .build(),
                        new String[] {"Invalid rho value: 1.01"}),
                Arguments.of("ExponentialLR negative gamma",
                        (Supplier<?>) () -> new ExponentialLR(new SGD(params(), 0.1), -0.5),
                        new String[] {"ExponentialLR", "gamma", "-0.5"}),
                Arguments.of("ExponentialLR NaN gamma",
                        (Supplier<?>) () -> new ExponentialLR(new SGD(params(), 0.1), Double.NaN),
                        new String[] {"gamma", "NaN"}),
                Arguments.of("LambdaLR null function",
                        (Supplier<?>) () -> new LambdaLR(new SGD(params(), 0.1), (IntToDoubleFunction) null),
                        new String[] {"LambdaLR", "lr_lambda"}),
                Arguments.of("LambdaLR wrong number of functions",
                        (Supplier<?>) () -> new LambdaLR(new SGD(params(), 0.1), List.of(e -> 1.0, e -> 0.5)),
                        new String[] {"Expected 1 lr_lambdas, but got 2"}),
                Arguments.of("LambdaLR negative factor at epoch 0",
                        (Supplier<?>) () -> new LambdaLR(new SGD(params(), 0.1), e -> -1.0),
                        new String[] {"LambdaLR", "group 0", "-1.0", "epoch 0"}),
                Arguments.of("ReduceLROnPlateau factor 1",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).factor(1.0).build(),
                        new String[] {"Factor should be < 1.0", "1.0"}),
                Arguments.of("ReduceLROnPlateau NaN factor",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).factor(Double.NaN)
                                .build(),
                        new String[] {"factor", "NaN"}),
                Arguments.of("ReduceLROnPlateau negative factor",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).factor(-0.5).build(),
                        new String[] {"factor", "-0.5"}),
                Arguments.of("ReduceLROnPlateau negative patience",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).patience(-1).build(),
                        new String[] {"patience", "-1"}),
                Arguments.of("ReduceLROnPlateau negative cooldown",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).cooldown(-2).build(),
                        new String[] {"cooldown", "-2"}),
                Arguments.of("ReduceLROnPlateau negative min lr",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).minLr(-0.1).build(),
                        new String[] {"min_lr", "-0.1"}),
                Arguments.of("ReduceLROnPlateau min lrs per group",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).minLrs(0.1, 0.2).build(),
                        new String[] {"expected 1 min_lrs, got 2"}),
                Arguments.of("ReduceLROnPlateau NaN threshold",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).threshold(Double.NaN)
                                .build(),
                        new String[] {"threshold", "NaN"}),
                Arguments.of("ReduceLROnPlateau negative eps",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).eps(-1e-8).build(),
                        new String[] {"eps", "-1.0E-8"}),
                Arguments.of("ReduceLROnPlateau null mode",
                        (Supplier<?>) () -> ReduceLROnPlateau.builder(new SGD(params(), 0.1)).mode(null).build(),
                        new String[] {"mode"}),
                Arguments.of("ReduceLROnPlateau without optimizer", (Supplier<?>) () -> new ReduceLROnPlateau(null),
                        new String[] {"optimizer is null"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalidSettingThrowsNamingTheValue(String name, Supplier<?> make, String[] fragments) {
        throwsNaming(make, fragments);
        String owner = name.substring(0, name.indexOf(' '));
        if (Character.isUpperCase(owner.charAt(0))) { // cases named for a class: the message names it first
            String msg = assertThrows(IllegalArgumentException.class, make::get).getMessage();
            assertTrue(msg.startsWith(owner), "message '" + msg + "' should start with '" + owner + "'");
        }
    }

    @Test
    void lambdaReturningNaNLaterNamesTheEpoch() {
        SGD sgd = new SGD(params(), 0.1);
        LambdaLR s = new LambdaLR(sgd, e -> e < 2 ? 1.0 : Double.NaN);
        s.step();
        throwsNaming(() -> {
            s.step();
            return null;
        }, "LambdaLR", "NaN", "epoch 2");
        assertEquals(0.1, sgd.lr(), "the learning rate is unchanged after the failed step");
        assertEquals(1, s.lastEpoch(), "so is the epoch");
        StepLR negative = new StepLR(sgd, 1, -1.0);
        throwsNaming(() -> {
            negative.step();
            return null;
        }, "StepLR", "group 0", "epoch 1", "-0.1");
        assertEquals(0, negative.lastEpoch());
    }

    @Test
    void invalidParameterLists() {
        Tensor w = Tensor.ones(2, 2).requiresGrad(true);
        throwsNaming(() -> new SGD(List.of(), 0.1), "empty parameter list");
        throwsNaming(() -> new SGD(null, 0.1), "null");
        throwsNaming(() -> new SGD(Arrays.asList(w, null), 0.1), "params[1] is null");
        throwsNaming(() -> new SGD(List.of(w, Tensor.of(1, 2, 3)), 0.1), "params[1]", "INT64", "FLOAT64");
        throwsNaming(() -> new Adam(List.of(w, Tensor.ones(3))), "params[1]", "does not require grad");
        throwsNaming(() -> new AdamW(List.of(w.mul(2.0))), "non-leaf", "params[0]");
        throwsNaming(() -> new SGD(List.of(w, Tensor.zeros(1).requiresGrad(true), w), 0.1), "duplicate",
                "params[0]", "params[2]");
        throwsNaming(() -> SGD.builder(List.of(w)).paramGroup(List.of(w), Map.of()).build(), "duplicate",
                "parameter group 0");
        throwsNaming(() -> SGD.builder(List.of(w)).paramGroup(List.of(), Map.of()).build(), "empty parameter list");
    }

    @Test
    void settingsChangedLaterAreValidatedToo() {
        SGD sgd = SGD.builder(params()).lr(0.1).momentum(0.9).nesterov(true).build();
        ParamGroup g = sgd.paramGroups().get(0);
        throwsNaming(() -> {
            sgd.setLr(-1);
            return null;
        }, "Invalid learning rate: -1.0");
        throwsNaming(() -> {
            g.set("dampening", 0.5);
            return null;
        }, "Nesterov", "dampening=0.5");
        throwsNaming(() -> {
            g.set("nesterov", 0.5);
            return null;
        }, "nesterov", "0.5");
        throwsNaming(() -> {
            g.set("betas", 0.5);
            return null;
        }, "'betas'");
        throwsNaming(() -> g.get("eps"), "'eps'");
        // rejected changes leave the group as it was
        assertEquals(0.1, sgd.lr());
        assertEquals(0.0, g.get("dampening"));
        assertTrue(g.flag("nesterov"));
        // a valid change sticks
        sgd.setLr(0.5);
        assertEquals(0.5, sgd.lr());
        assertEquals(0.5, g.lr());
    }

    @Test
    void defaultsArePyTorchs() {
        List<Tensor> p = params();
        assertEquals(Map.of("lr", 1e-3, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0, "nesterov", 0.0,
                "maximize", 0.0), SGD.builder(p).build().defaults());
        assertEquals(0.01, new SGD(p, 0.01).lr());
        Map<String, Double> adam = Map.of("lr", 1e-3, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8,
                "weight_decay", 0.0, "amsgrad", 0.0, "maximize", 0.0);
        assertEquals(adam, new Adam(p).defaults());
        assertEquals(adam, Adam.builder(p).build().defaults());
        Map<String, Double> adamw = new java.util.HashMap<>(adam);
        adamw.put("weight_decay", 1e-2);
        assertEquals(adamw, new AdamW(p).defaults());
        assertEquals(adamw, AdamW.builder(p).build().defaults());
        assertEquals(new ArrayList<>(SGD.OPTION_NAMES), new ArrayList<>(SGD.builder(p).build().defaults().keySet()));
        assertEquals(Adam.OPTION_NAMES, new ArrayList<>(new Adam(p).defaults().keySet()));
        assertEquals(AdamW.OPTION_NAMES, new ArrayList<>(new AdamW(p).defaults().keySet()));
    }
}
