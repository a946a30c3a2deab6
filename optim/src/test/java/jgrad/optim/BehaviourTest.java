package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import jgrad.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** zeroGrad, skipping parameters without a gradient, in-place updates, and training with autograd. */
class BehaviourTest {
    /** A small model: loss = sum((x @ W + b)^2 * c) for fixed x, c. */
    static final class Model {
        final Tensor w;
        final Tensor b;
        final Tensor x;
        final Tensor c;

        Model(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            w = Tensor.randn(rng, 3, 4).requiresGrad(true);
            b = Tensor.randn(rng, 4).requiresGrad(true);
            SplittableRandom data = new SplittableRandom(99);
            x = Tensor.randn(data, 5, 3);
            c = Tensor.rand(data, 5, 4).add(0.1);
        }

        List<Tensor> params() {
            return List.of(w, b);
        }

        Tensor loss() {
            Tensor y = x.matmul(w).add(b);
            return y.mul(y).mul(c).sum();
        }

        double lossValue() {
            return loss().item();
        }
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD", (Function<List<Tensor>, Optimizer>) p -> new SGD(p, 0.01)),
                Arguments.of("SGD momentum nesterov", (Function<List<Tensor>, Optimizer>) p ->
                        SGD.builder(p).lr(0.01).momentum(0.9).nesterov(true).weightDecay(1e-3).build()),
                Arguments.of("Adam", (Function<List<Tensor>, Optimizer>) p -> new Adam(p, 0.05)),
                Arguments.of("Adam amsgrad", (Function<List<Tensor>, Optimizer>) p ->
                        Adam.builder(p).lr(0.05).amsgrad(true).weightDecay(1e-3).build()),
                Arguments.of("AdamW", (Function<List<Tensor>, Optimizer>) p -> new AdamW(p, 0.05)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void trainingWithAutogradReducesTheLoss(String name, Function<List<Tensor>, Optimizer> make) {
        Model m = new Model(1);
        Optimizer opt = make.apply(m.params());
        double before = m.lossValue();
        for (int i = 0; i < 100; i++) {
            opt.zeroGrad();
            m.loss().backward();
            opt.step();
        }
        double after = m.lossValue();
        assertTrue(after < 0.5 * before, name + ": loss " + before + " -> " + after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void zeroGradSetsGradsToNull(String name, Function<List<Tensor>, Optimizer> make) {
        Model m = new Model(2);
        Optimizer opt = make.apply(m.params());
        m.loss().backward();
        assertNotNull(m.w.grad());
        assertNotNull(m.b.grad());
        opt.zeroGrad();
        assertNull(m.w.grad());
        assertNull(m.b.grad());
    }

    @ParameterizedTest(name = "momentum={0}")
    @MethodSource("momenta")
    void plainFastPathMatchesTheGeneralLoopBitForBit(double momentum) {
        // SGD's common case (no weight decay, no maximize, no nesterov) runs a loop of its own.
        // Minimising with gradient g must give the very bits of maximising with gradient -g,
        // which takes the general loop.
        SplittableRandom rng = new SplittableRandom(5);
        Tensor start = Tensor.randn(rng, 7, 9);
        Tensor fast = start.detach().mul(1.0).requiresGrad(true);
        Tensor general = start.detach().mul(1.0).requiresGrad(true);
        SGD minimise = SGD.builder(List.of(fast)).lr(0.05).momentum(momentum).dampening(0.25).build();
        SGD maximise = SGD.builder(List.of(general)).lr(0.05).momentum(momentum).dampening(0.25).maximize(true)
                .build();
        for (int step = 0; step < 5; step++) {
            Tensor c = Tensor.randn(rng, 7, 9);
            minimise.zeroGrad();
            maximise.zeroGrad();
            fast.mul(c).sum().backward();
            general.mul(c).sum().neg().backward();
            minimise.step();
            maximise.step();
            assertArrayEquals(fast.storage(), general.storage(), "step " + step);
        }
    }

    static Stream<Arguments> momenta() {
        return Stream.of(Arguments.of(0.0), Arguments.of(0.9));
    }

    @Test
    void zeroGradFalseZeroesInPlace() {
        Model m = new Model(3);
        Optimizer opt = new SGD(m.params(), 0.1);
        m.loss().backward();
        Tensor g = m.w.grad();
        opt.zeroGrad(false);
        assertSame(g, m.w.grad());
        assertArrayEquals(new double[12], m.w.grad().toArray());
        assertArrayEquals(new double[4], m.b.grad().toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void parameterWithoutGradIsSkipped(String name, Function<List<Tensor>, Optimizer> make) {
        Model m = new Model(4);
        Optimizer opt = make.apply(m.params());
        m.loss().backward();
        m.b.setGrad(null);
        double[] w0 = m.w.toArray();
        double[] b0 = m.b.toArray();
        int wv = m.w.version();
        int bv = m.b.version();
        opt.step();
        assertArrayEquals(b0, m.b.toArray(), "b has no grad: unchanged");
        assertEquals(bv, m.b.version(), "b's version");
        assertTrue(opt.state(m.b).isEmpty(), "no state for b");
        assertNotEquals(w0[0], m.w.toArray()[0], "w moved");
        assertEquals(wv + 1, m.w.version(), "w's version is bumped once per step");
        // with no grads at all, step is a no-op
        opt.zeroGrad();
        double[] w1 = m.w.toArray();
        opt.step();
        assertArrayEquals(w1, m.w.toArray());
    }

    @Test
    void stepsDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Model m = new Model(5);
        m.loss().backward();
        List<Optimizer> opts = List.of(
                SGD.builder(m.params()).lr(1e-6).momentum(0.9).nesterov(true).weightDecay(1e-4).build(),
                Adam.builder(m.params()).lr(1e-6).amsgrad(true).weightDecay(1e-4).build(),
                AdamW.builder(m.params()).lr(1e-6).maximize(true).build(),
                RMSprop.builder(m.params()).lr(1e-6).momentum(0.9).centered(true).weightDecay(1e-4).build(),
                Adagrad.builder(m.params()).lr(1e-6).lrDecay(0.01).maximize(true).build(),
                Adadelta.builder(m.params()).lr(1e-6).weightDecay(1e-4).maximize(true).build());
        for (Optimizer opt : opts) {
            for (int i = 0; i < 3000; i++) {
                opt.step();
            }
            Tensor buffer = opt.state(m.w).values().iterator().next();
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) {
                opt.step();
            }
            long allocated = mx.getThreadAllocatedBytes(id) - before;
            // one 16-byte object per step would be 160 kB
            assertTrue(allocated < 32_000, opt.getClass().getSimpleName() + " allocated " + allocated
                    + " bytes in 10000 steps");
            assertSame(buffer, opt.state(m.w).values().iterator().next(), "state buffers are reused");
        }
    }

    @Test
    void stepWorksInsideAndOutsideNoGrad() {
        Model m = new Model(6);
        Optimizer opt = new SGD(m.params(), 0.1);
        m.loss().backward();
        double[] w0 = m.w.toArray();
        double[] g = m.w.grad().toArray();
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            opt.step();
        }
        double[] w1 = m.w.toArray();
        for (int i = 0; i < w0.length; i++) {
            assertEquals(w0[i] - 0.1 * g[i], w1[i], 0.0);
        }
        assertTrue(m.w.isLeaf() && m.w.requiresGrad());
        assertNull(m.w.gradFn());
    }

    @Test
    void paramGroupsHaveTheirOwnSettings() {
        Model m = new Model(7);
        SGD sgd = SGD.builder(List.of(m.w)).lr(0.1).paramGroup(List.of(m.b), java.util.Map.of("lr", 0.0)).build();
        assertEquals(2, sgd.paramGroups().size());
        assertEquals(List.of(m.w, m.b), sgd.params());
        m.loss().backward();
        double[] b0 = m.b.toArray();
        double[] w0 = m.w.toArray();
        sgd.step();
        assertArrayEquals(b0, m.b.toArray(), "lr 0 group does not move");
        assertNotEquals(w0[0], m.w.toArray()[0]);
        assertEquals(0.1, sgd.lr(), "lr() is the first group's");
        sgd.setLr(0.2);
        assertEquals(0.2, sgd.paramGroups().get(1).lr(), "setLr sets every group");
    }

    @Test
    void schedulerSetsTheOptimizersLr() {
        Model m = new Model(8);
        SGD sgd = new SGD(m.params(), 0.5);
        StepLR s = new StepLR(sgd, 2);
        assertEquals(List.of(0.5), s.getLastLr());
        assertEquals(0.1, s.gamma());
        assertEquals(2, s.stepSize());
        s.step();
        assertEquals(0.5, sgd.lr());
        s.step();
        assertEquals(0.05, sgd.lr(), 1e-17);
        assertEquals(0.5, sgd.paramGroups().get(0).initialLr());
        // a second scheduler keeps the initial lr recorded by the first, as in PyTorch
        CosineAnnealingLR c = new CosineAnnealingLR(sgd, 10);
        assertEquals(0.0, c.etaMin());
        assertEquals(10, c.tMax());
        assertEquals(0.05, c.getLastLr().get(0), 1e-17);
        assertEquals(0, c.lastEpoch());
        assertSame(sgd, c.optimizer());
        // groups added after the scheduler was made are an error, not a silent mismatch
        sgd.addParamGroup(List.of(Tensor.zeros(2).requiresGrad(true)), java.util.Map.of());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, c::step);
        assertTrue(e.getMessage().contains("2 parameter groups"), e.getMessage());
    }
}
