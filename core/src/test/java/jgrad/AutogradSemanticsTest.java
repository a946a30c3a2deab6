package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static jgrad.BadInputTest.assertError;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import jgrad.autograd.Autograd;
import jgrad.autograd.Function;
import jgrad.autograd.Graphviz;
import org.junit.jupiter.api.Test;

/** Autograd's rules, each checked against what PyTorch does. */
class AutogradSemanticsTest {
    static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void gradAccumulatesOverBackwardCalls() {
        Tensor x = leaf(1, 2, 3);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toArray());
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {5, 7, 9}, x.grad().toArray());
        Tensor first = x.grad();
        x.sum().backward();
        assertArrayEquals(new double[] {6, 8, 10}, x.grad().toArray());
        assertSame(first, x.grad(), "accumulation is in place, as PyTorch's");
        x.setGrad(null);
        x.sum().backward();
        assertArrayEquals(new double[] {1, 1, 1}, x.grad().toArray());
    }

    @Test
    void aSecondBackwardNeedsRetainGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(x).sum();
        y.backward();
        IllegalStateException e = assertError(IllegalStateException.class, y::backward, "retainGraph",
                "second time");
        assertTrue(e.getMessage().contains("MulBackward") || e.getMessage().contains("SumBackward"), e.getMessage());

        Tensor z = leaf(1, 2);
        Tensor w = z.mul(z).sum();
        w.backward(null, true);
        w.backward(null, true);
        w.backward();
        assertArrayEquals(new double[] {6, 12}, z.grad().toArray());
        assertError(IllegalStateException.class, w::backward, "retainGraph");
    }

    @Test
    void inPlaceChangeOfASavedTensorFailsBackward() {
        Tensor a = leaf(1, 2);
        Tensor c = Tensor.of(3, 4.0);
        Tensor d = a.mul(c).sum();
        c.addInPlace(Tensor.of(1, 1.0)); // c does not require grad: allowed, but MulBackward saved it
        assertEquals(1, c.version());
        assertError(IllegalStateException.class, d::backward, "MulBackward", "version 1; expected version 0", "[2]");

        Tensor w = leaf(1, 2);
        Tensor e = w.exp().sum(); // ExpBackward saves its output, not w
        Tensor f = w.log().sum(); // LogBackward saves w
        try (var s = Autograd.noGrad()) {
            w.mulInPlace(2);
        }
        e.backward(); // unaffected
        assertError(IllegalStateException.class, f::backward, "LogBackward", "version 1; expected version 0");
    }

    @Test
    void reshapeSharesTheVersionCounter() {
        Tensor c = Tensor.of(1, 2, 3, 4.0);
        Tensor v = c.reshape(2, 2);
        Tensor a = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y = a.mul(v).sum();
        c.fill(0);
        assertEquals(1, v.version());
        assertError(IllegalStateException.class, y::backward, "MulBackward", "version 1; expected version 0");
    }

    @Test
    void inPlaceOnALeafRequiringGradNeedsNoGrad() {
        Tensor x = leaf(1, 2);
        assertError(IllegalStateException.class, () -> x.addInPlace(Tensor.of(1, 1.0)), "addInPlace", "leaf",
                "requires grad", "[2]");
        assertError(IllegalStateException.class, () -> x.mulInPlace(2), "mulInPlace");
        assertError(IllegalStateException.class, () -> x.fill(0), "fill");
        assertError(IllegalStateException.class, x::zero, "fill");
        assertEquals(0, x.version());
        try (var s = Autograd.noGrad()) {
            x.addInPlace(Tensor.of(1, 1.0), -0.5);
            x.mulInPlace(Tensor.of(2, 4.0));
            x.divInPlace(Tensor.scalar(2));
            x.subInPlace(Tensor.of(0.5, 0.5));
            x.copyFrom(x.add(1));
        }
        assertEquals(5, x.version());
        assertArrayEquals(new double[] {1, 3.5}, x.toArray());
        assertTrue(x.requiresGrad() && x.isLeaf());

        Tensor y = x.mul(2);
        assertError(IllegalStateException.class, () -> {
            try (var s = Autograd.noGrad()) {
                y.mulInPlace(2);
            }
        }, "mulInPlace", "MulBackward");
    }

    @Test
    void noGradNestsAndIsPerThread() throws Exception {
        Tensor x = leaf(1, 2);
        assertTrue(Autograd.isGradEnabled());
        try (var outer = Autograd.noGrad()) {
            try (var inner = Autograd.noGrad()) {
                assertFalse(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled(), "closing the inner scope keeps the outer one");
            assertFalse(x.mul(2).requiresGrad());

            AtomicBoolean otherRecords = new AtomicBoolean();
            Thread t = new Thread(() -> otherRecords.set(Autograd.isGradEnabled() && x.mul(2).requiresGrad()));
            t.start();
            t.join();
            assertTrue(otherRecords.get(), "another thread still records");
            outer.close();
            outer.close(); // a second close does nothing
            assertTrue(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(2).requiresGrad());
    }

    @Test
    void detachSharesDataButHasNoGrad() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(3);
        Tensor d = y.detach();
        assertFalse(d.requiresGrad());
        assertTrue(d.isLeaf());
        assertNull(d.gradFn());
        assertArrayEquals(y.toArray(), d.toArray());
        d.fill(7); // shares storage: y sees it, and y's saved-ness is guarded by the shared version
        assertEquals(7.0, y.get(0));
        assertEquals(1, y.version());
        Tensor z = d.mul(x).sum();
        z.backward();
        assertArrayEquals(new double[] {7, 7}, x.grad().toArray());
        assertNull(d.grad());
    }

    @Test
    void retainGradKeepsAnIntermediatesGradient() {
        Tensor x = leaf(1, 2, 3);
        Tensor h = x.mul(2);
        Tensor k = x.mul(5);
        h.retainGrad();
        assertSame(h, h.retainGrad());
        h.mul(h).sum().add(k.sum()).backward();
        assertArrayEquals(new double[] {4, 8, 12}, h.grad().toArray()); // 2h
        assertNull(k.grad(), "not retained: no grad, as PyTorch");
        assertArrayEquals(new double[] {13, 21, 29}, x.grad().toArray()); // 8x + 5
        assertError(IllegalStateException.class, () -> Tensor.of(1.0).retainGrad(), "retainGrad");
    }

    @Test
    void secondDerivativeOfXCubedIsSixX() {
        Tensor x = leaf(-1.5, 0.5, 2);
        Tensor y = x.pow(3).sum();
        Tensor g = Autograd.grad(y, List.of(x), null, true).get(0);
        assertArrayEquals(new double[] {6.75, 0.75, 12}, g.toArray(), 1e-15);
        assertTrue(g.requiresGrad(), "createGraph records the gradient");
        Tensor g2 = Autograd.grad(g.sum(), List.of(x), null, false).get(0);
        assertArrayEquals(new double[] {-9, 3, 12}, g2.toArray(), 1e-15);
        assertNull(x.grad(), "Autograd.grad leaves .grad alone");
        // third derivative: 6
        Tensor g1 = Autograd.grad(x.pow(3).sum(), List.of(x), null, true).get(0);
        Tensor h = Autograd.grad(g1.sum(), List.of(x), null, true).get(0);
        Tensor g3 = Autograd.grad(h.sum(), List.of(x), null, false).get(0);
        assertArrayEquals(new double[] {6, 6, 6}, g3.toArray(), 1e-15);
    }

    @Test
    void hessianVectorProductMatchesTheAnalyticHessian() {
        // f(x) = sum(x^3) + (a . x)^2 + sum(exp(x)); H = diag(6x + exp(x)) + 2 a a^T
        double[] xv = {0.3, -1.2, 2.0, 0.7};
        double[] a = {1.0, -2.0, 0.5, 3.0};
        double[] v = {0.25, 1.0, -0.5, 2.0};
        Tensor x = leaf(xv);
        Tensor at = Tensor.of(a);
        Tensor f = x.pow(3).sum().add(at.matmul(x).pow(2)).add(x.exp().sum());
        Tensor g = Autograd.grad(f, List.of(x), null, true).get(0);
        Tensor hv = Autograd.grad(g.mul(Tensor.of(v)).sum(), List.of(x), null, false, true, false).get(0);
        double av = 0;
        for (int i = 0; i < 4; i++) {
            av += a[i] * v[i];
        }
        double[] want = new double[4];
        for (int i = 0; i < 4; i++) {
            want[i] = (6 * xv[i] + Math.exp(xv[i])) * v[i] + 2 * a[i] * av;
        }
        assertArrayEquals(want, hv.toArray(), 1e-12);
        // backward() of a createGraph gradient fills .grad with the same HVP
        g.mul(Tensor.of(v)).sum().backward();
        assertArrayEquals(want, x.grad().toArray(), 1e-12);
    }

    @Test
    void gradOfAnUnusedInputIsAnErrorOrNull() {
        Tensor x = leaf(1, 2);
        Tensor u = leaf(3, 4);
        Tensor y = x.mul(x).sum();
        assertError(IllegalArgumentException.class, () -> Autograd.grad(y, List.of(x, u), null, false, true, false),
                "Autograd.grad", "input 1", "[2]", "allowUnused");
        List<Tensor> g = Autograd.grad(y, List.of(x, u), null, false, false, true);
        assertArrayEquals(new double[] {2, 4}, g.get(0).toArray());
        assertNull(g.get(1));
        assertError(IllegalArgumentException.class, () -> Autograd.grad(x.sum(), List.of(Tensor.of(1.0)), null,
                false), "Autograd.grad", "does not require grad");
    }

    @Test
    void gradOfARepeatedInputIsGivenForEachListing() {
        Tensor x = leaf(1, 2);
        List<Tensor> g = Autograd.grad(x.mul(x).sum(), List.of(x, x), null, false);
        assertArrayEquals(new double[] {2, 4}, g.get(0).toArray());
        assertArrayEquals(new double[] {2, 4}, g.get(1).toArray());
        Tensor h = x.mul(3);
        List<Tensor> gh = Autograd.grad(h.sum(), List.of(h, x, h), null, false);
        assertArrayEquals(new double[] {1, 1}, gh.get(2).toArray());
        assertArrayEquals(new double[] {3, 3}, gh.get(1).toArray());
    }

    @Test
    void retainedGradUnderCreateGraphDoesNotAliasTheGradOutput() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(2);
        y.retainGrad();
        Tensor gOut = Tensor.ones(2);
        Autograd.grad(y, List.of(x), gOut, true);
        assertArrayEquals(new double[] {1, 1}, y.grad().toArray()); // like PyTorch, grad() fills retained grads
        y.backward(Tensor.ones(2));
        assertArrayEquals(new double[] {2, 2}, y.grad().toArray());
        assertArrayEquals(new double[] {1, 1}, gOut.toArray(), "the caller's gradOutput must not change");
    }

    @Test
    void opNamesFollowPyTorch() {
        Tensor x = leaf(1, 2);
        assertEquals("SubBackward", x.sub(1).gradFn().name());
        assertEquals("SubBackward", x.sub(x).gradFn().name());
        assertEquals("AddBackward", x.add(1).gradFn().name());
        assertEquals("UnsqueezeBackward", x.unsqueeze(0).gradFn().name());
        assertEquals("SqueezeBackward", x.reshape(2, 1).squeeze(1).gradFn().name());
        assertEquals("MmBackward", x.reshape(1, 2).matmul(x.reshape(2, 1)).gradFn().name());
        assertEquals("SoftmaxBackward", x.softmax(0).gradFn().name());
        assertEquals("LogSoftmaxBackward", x.logSoftmax(0).gradFn().name());
        assertEquals("LogsumexpBackward", x.logSumExp(0, false).gradFn().name());
        assertEquals("MaxBackward", x.max(0, false).gradFn().name());
        assertEquals("tensor([0., 1.], gradFn=<SubBackward>)", x.sub(1).toString());
    }

    @Test
    void gradWithRespectToAnIntermediate() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3);
        Tensor y = h.mul(h).sum();
        List<Tensor> g = Autograd.grad(y, List.of(h, x), null, false);
        assertArrayEquals(new double[] {6, 12}, g.get(0).toArray());
        assertArrayEquals(new double[] {18, 36}, g.get(1).toArray());
    }

    @Test
    void anomalyDetectionNamesTheForwardThatMadeNaN() {
        Tensor x = leaf(1, -1);
        try (var s = Autograd.detectAnomaly()) {
            assertError(ArithmeticException.class, x::log, "Log", "nan", "[2]");
            // NaN coming in is not this op's fault
            Tensor n = Tensor.of(Double.NaN);
            assertTrue(Double.isNaN(n.exp().item()));
        }
        assertTrue(Double.isNaN(x.log().get(1)), "off again after the scope");
    }

    @Test
    void anomalyDetectionNamesTheBackwardThatMadeInf() {
        Tensor x = leaf(0, 4);
        Tensor y = x.sqrt().sum(); // finite forward, infinite gradient at 0
        try (var s = Autograd.detectAnomaly()) {
            assertError(ArithmeticException.class, y::backward, "SqrtBackward", "inf");
        }
        Tensor z = leaf(0, 4);
        z.sqrt().sum().backward();
        assertEquals(Double.POSITIVE_INFINITY, z.grad().get(0));
        assertEquals(0.25, z.grad().get(1));
    }

    /** x * y with a hand-written backward that reads its saved tensors. */
    static final class MulFn extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            ctx.put("calls", 1);
            return in[0].mul(in[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            List<Tensor> s = ctx.savedTensors();
            assertEquals(Integer.valueOf(1), ctx.get("calls"));
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.mul(s.get(1)) : null,
                ctx.needsInputGrad(1) ? g.mul(s.get(0)) : null};
        }
    }

    /** Returns a gradient of the wrong shape. */
    static final class BadShape extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            return in[0].sum();
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            return new Tensor[] {Tensor.ones(3)};
        }
    }

    @Test
    void customFunctionUsesItsSavedTensors() {
        Tensor x = leaf(1, 2, 3);
        Tensor w = Tensor.of(4, 5, 6.0);
        Tensor y = new MulFn().apply(x, w);
        assertEquals("MulFnBackward", y.gradFn().name());
        assertFalse(y.isLeaf());
        y.sum().backward();
        assertArrayEquals(new double[] {4, 5, 6}, x.grad().toArray());
        assertNull(w.grad());
        // its saved tensors are version-checked like a built-in op's
        Tensor z = new MulFn().apply(x, w).sum();
        w.mulInPlace(2);
        assertError(IllegalStateException.class, z::backward, "MulFnBackward", "version 1; expected version 0");
        // twice differentiable when written with Tensor ops
        Tensor q = leaf(2, 3);
        Tensor g = Autograd.grad(new MulFn().apply(q, q).sum(), List.of(q), null, true).get(0);
        assertArrayEquals(new double[] {4, 6}, g.toArray());
        assertArrayEquals(new double[] {2, 2}, Autograd.grad(g.sum(), List.of(q), null, false).get(0).toArray());
    }

    @Test
    void customFunctionWithAWrongShapedGradientIsAnError() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y = new BadShape().apply(x);
        assertError(IllegalStateException.class, y::backward, "BadShapeBackward", "[3]", "[2, 2]", "input 0");
    }

    @Test
    void tapeListsTheOpsInOrderWithShapes() {
        Tensor x = Tensor.ones(4, 2).requiresGrad(true);
        Tensor w = Tensor.ones(10, 2).requiresGrad(true);
        Tensor b = Tensor.ones(10).requiresGrad(true);
        Tensor loss = x.matmul(w.t()).add(b).relu().sum();
        List<String> tape = Autograd.tape(loss);
        assertEquals(5, tape.size(), tape.toString());
        String[] ops = {"TBackward([10, 2] leaf) -> [2, 10]", "MmBackward([4, 2] leaf, [2, 10] from #",
            "AddBackward([4, 10] from #", "ReluBackward([4, 10] from #", "SumBackward([4, 10] from #"};
        for (int i = 0; i < ops.length; i++) {
            assertTrue(tape.get(i).contains(ops[i]), tape.get(i) + " should contain " + ops[i]);
        }
        assertTrue(tape.get(1).endsWith("-> [4, 10]"), tape.get(1));
        assertTrue(tape.get(4).endsWith("-> []"), tape.get(4));
        long prev = -1;
        for (String line : tape) {
            long seq = Long.parseLong(line.substring(1, line.indexOf(' ')));
            assertTrue(seq > prev, "creation order: " + tape);
            prev = seq;
        }
        assertEquals(List.of(), Autograd.tape(x), "a leaf has no ops");
    }

    @Test
    void graphvizShowsOpsShapesAndLeaves() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor loss = x.softmax(1).mul(x).sum();
        loss.backward(null, true);
        String dot = Graphviz.dot(loss);
        assertTrue(dot.startsWith("digraph"), dot);
        for (String s : new String[] {"SoftmaxBackward", "MulBackward", "SumBackward", "[2, 3]", "[]", "->"}) {
            assertTrue(dot.contains(s), "dot should contain " + s + ":\n" + dot);
        }
        assertTrue(dot.contains("grad"), "a small leaf shows its grad:\n" + dot);
        // x->softmax, softmax->mul, x->mul, mul->sum, and sum->the output node
        assertEquals(5, dot.split("->", -1).length - 1, dot);
        assertTrue(dot.trim().endsWith("}"));
    }

    @Test
    void backwardFromALeafAndWithAnExplicitGradient() {
        Tensor x = leaf(1, 2);
        x.backward(Tensor.of(3, 4.0));
        assertArrayEquals(new double[] {3, 4}, x.grad().toArray());
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        s.backward();
        assertEquals(1.0, s.grad().item());
        assertArrayEquals(new int[0], s.grad().shape());
        Tensor y = leaf(1, 2);
        y.mul(y).backward(Tensor.of(1, 0.5));
        assertArrayEquals(new double[] {2, 2}, y.grad().toArray());
    }

    @Test
    void gradientsMeetAtSharedNodes() {
        // diamond: h feeds two paths; the engine sums them before going on
        Tensor x = leaf(0.5, -1);
        Tensor h = x.exp();
        Tensor y = h.mul(h).add(h.tanh()).sum();
        double[] want = new double[2];
        for (int i = 0; i < 2; i++) {
            double e = Math.exp(x.get(i));
            want[i] = (2 * e + 1 - Math.tanh(e) * Math.tanh(e)) * e;
        }
        y.backward();
        assertArrayEquals(want, x.grad().toArray(), 1e-12);
    }

    @Test
    void gradOfANonLeafWarnsOnceAndNamesRetainGrad() {
        var records = new java.util.ArrayList<java.util.logging.LogRecord>();
        var handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        var logger = java.util.logging.Logger.getLogger("jgrad");
        logger.addHandler(handler);
        try {
            Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor y = x.mul(3.0);
            y.sum().backward();
            assertNull(y.grad());
            assertNull(y.grad());
            assertEquals(1, records.size(), "one warning per tensor");
            String msg = records.get(0).getMessage();
            assertTrue(msg.contains("not a leaf") && msg.contains("retainGrad()") && msg.contains("[2]"), msg);
            assertArrayEquals(new double[] {3, 3}, x.grad().toArray());
            Tensor z = x.mul(2.0).retainGrad();
            z.sum().backward();
            assertArrayEquals(new double[] {1, 1}, z.grad().toArray());
            assertEquals(1, records.size(), "a retained non-leaf and a leaf do not warn");
        } finally {
            logger.removeHandler(handler);
        }
    }
}
