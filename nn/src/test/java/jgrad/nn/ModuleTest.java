package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** Module bookkeeping: parameters, state dicts, printing, modes, Linear's init, Dropout. */
class ModuleTest {
    private static Sequential mlp() {
        return new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
    }

    /** A module with its own parameter and two children, to check ordering and prefixes. */
    static final class Net extends Module {
        final Tensor scale = registerParameter("scale", Tensor.ones(2));
        final Linear fc1 = registerModule("fc1", new Linear(3, 2));
        final Sequential body = registerModule("body", new Sequential(new Tanh(), new Linear(2, 2, false)));

        @Override
        public Tensor forward(Tensor x) {
            return body.forward(fc1.forward(x).mul(scale));
        }
    }

    @Test
    void sequentialParametersAreInRegistrationOrderWithPyTorchNames() {
        Sequential model = mlp();
        Linear l0 = (Linear) model.get(0);
        Linear l2 = (Linear) model.get(2);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(model.namedParameters()
                .keySet()));
        List<Tensor> params = model.parameters();
        assertEquals(4, params.size());
        assertSame(l0.weight(), params.get(0));
        assertSame(l0.bias(), params.get(1));
        assertSame(l2.weight(), params.get(2));
        assertSame(l2.bias(), params.get(3));
        params.forEach(p -> assertTrue(p.requiresGrad() && p.isLeaf()));
        Map<String, Tensor> sd = model.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(sd.keySet()));
        assertArrayEquals(new int[] {10, 2}, sd.get("0.weight").shape());
        assertArrayEquals(new int[] {2}, sd.get("2.bias").shape());
    }

    @Test
    void ownParametersComeBeforeChildrenAndNamesNest() {
        Net net = new Net();
        assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "body.1.weight"),
                new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(List.of("fc1", "body"), new ArrayList<>(net.namedChildren().keySet()));
        assertEquals(2, net.children().size());
    }

    @Test
    void sharedParametersAreListedOnceButStateDictKeepsEveryName() {
        Linear shared = new Linear(2, 2);
        Sequential model = new Sequential(shared, new ReLU(), shared);
        assertEquals(2, model.parameters().size());
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(model.stateDict().keySet()));
    }

    @Test
    void stateDictValuesShareStorageButAreDetached() {
        Linear layer = new Linear(3, 2);
        Tensor w = layer.stateDict().get("weight");
        assertFalse(w.requiresGrad());
        assertSame(layer.weight().storage(), w.storage());
        assertThrows(UnsupportedOperationException.class, () -> layer.stateDict().put("x", w));
    }

    @Test
    void loadStateDictCopiesValuesInPlaceSoHeldParametersSeeThem() {
        Tensor.manualSeed(1);
        Sequential a = mlp();
        Tensor.manualSeed(2);
        Sequential b = mlp();
        List<Tensor> held = b.parameters(); // what an optimizer would hold
        Map<String, Tensor> snapshot = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> snapshot.put(k, v.copy()));
        b.loadStateDict(a.stateDict());
        List<Tensor> after = b.parameters();
        for (int i = 0; i < held.size(); i++) {
            assertSame(held.get(i), after.get(i));
            assertArrayEquals(a.parameters().get(i).toArray(), held.get(i).toArray(), 0.0);
            assertTrue(held.get(i).requiresGrad());
        }
        // The copies are independent: changing a does not change b.
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            a.parameters().get(0).fill(7.0);
        }
        assertArrayEquals(snapshot.get("0.weight").toArray(), b.parameters().get(0).toArray(), 0.0);
        // And b still trains: backward reaches the loaded parameters.
        Tensor x = Tensor.of(new double[][] {{1, 2}});
        new CrossEntropyLoss().forward(b.forward(x), Tensor.of(1)).backward();
        assertTrue(held.get(0).grad() != null);
    }

    @Test
    void loadStateDictIsStrictAndListsEveryProblem() {
        Sequential model = mlp();
        Tensor before = model.parameters().get(0).copy();
        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        state.remove("0.bias");
        state.remove("2.weight");
        state.put("3.weight", Tensor.zeros(2, 2));
        state.put("extra", Tensor.zeros(1));
        state.put("0.weight", Tensor.zeros(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
        String m = e.getMessage();
        assertTrue(m.contains("Missing key(s)") && m.contains("\"0.bias\"") && m.contains("\"2.weight\""), m);
        assertTrue(m.contains("Unexpected key(s)") && m.contains("\"3.weight\"") && m.contains("\"extra\""), m);
        assertTrue(m.contains("size mismatch for 0.weight") && m.contains("[3, 2]") && m.contains("[10, 2]"), m);
        assertTrue(m.contains("Sequential"), m);
        // Nothing was copied.
        assertArrayEquals(before.toArray(), model.parameters().get(0).toArray(), 0.0);
    }

    @Test
    void loadStateDictRejectsNullMapsAndValues() {
        Linear layer = new Linear(2, 2);
        assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(null));
        Map<String, Tensor> state = new LinkedHashMap<>(layer.stateDict());
        state.put("bias", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.loadStateDict(state));
        assertTrue(e.getMessage().contains("\"bias\""), e.getMessage());
    }

    @Test
    void toStringPrintsTheTreeLikePyTorch() {
        assertEquals("Sequential(\n"
                + "  (0): Linear(in_features=2, out_features=10, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Linear(in_features=10, out_features=2, bias=True)\n"
                + ")", mlp().toString());
        Sequential nested = new Sequential(new Flatten(), new Sequential(new Linear(4, 3, false), new Dropout(0.25)),
                new LogSoftmax(1), new Softmax(-1), new Sigmoid(), new Tanh());
        assertEquals("Sequential(\n"
                + "  (0): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (1): Sequential(\n"
                + "    (0): Linear(in_features=4, out_features=3, bias=False)\n"
                + "    (1): Dropout(p=0.25, inplace=False)\n"
                + "  )\n"
                + "  (2): LogSoftmax(dim=1)\n"
                + "  (3): Softmax(dim=-1)\n"
                + "  (4): Sigmoid()\n"
                + "  (5): Tanh()\n"
                + ")", nested.toString());
        assertEquals("Sequential()", new Sequential().toString());
        assertEquals("Net(\n  (fc1): Linear(in_features=3, out_features=2, bias=True)\n  (body): Sequential(\n"
                + "    (0): Tanh()\n    (1): Linear(in_features=2, out_features=2, bias=False)\n  )\n)",
                new Net().toString());
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
        assertEquals("Dropout(p=1e-05, inplace=False)", new Dropout(1e-5).toString());
        assertEquals("Dropout(p=0.0001, inplace=False)", new Dropout(1e-4).toString());
        assertEquals("Dropout(p=0.0, inplace=False)", new Dropout(0).toString());
    }

    @Test
    void trainAndEvalAreRecursive() {
        Sequential inner = new Sequential(new Dropout(0.5));
        Sequential model = new Sequential(new Linear(2, 2), inner);
        assertTrue(model.isTraining() && inner.isTraining() && inner.get(0).isTraining());
        assertSame(model, model.eval());
        assertFalse(model.isTraining() || inner.isTraining() || inner.get(0).isTraining());
        assertSame(model, model.train());
        assertTrue(model.isTraining() && inner.get(0).isTraining());
        inner.train(false);
        assertTrue(model.isTraining());
        assertFalse(inner.get(0).isTraining());
    }

    @Test
    void dropoutZeroesAboutPAndScalesSurvivorsInTrainingOnly() {
        Dropout d = new Dropout(0.3);
        Tensor x = Tensor.ones(100, 100);
        Tensor.manualSeed(3);
        double[] y = d.forward(x).toArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0.0) {
                zeros++;
            } else {
                assertEquals(1 / 0.7, v, 1e-15);
            }
        }
        assertEquals(0.3, zeros / 10000.0, 0.02);
        // Reproducible with the seed; different without reseeding.
        Tensor.manualSeed(3);
        assertArrayEquals(y, d.forward(x).toArray(), 0.0);
        assertFalse(java.util.Arrays.equals(y, d.forward(x).toArray()));
        // Eval: the input itself.
        d.eval();
        assertSame(x, d.forward(x));
        // p = 0 is the identity, p = 1 zeroes everything; the gradient is the mask.
        d.train();
        assertSame(x, new Dropout(0.0).forward(x));
        assertArrayEquals(new double[6], new Dropout(1.0).forward(Tensor.ones(2, 3)).toArray(), 0.0);
        Tensor xi = Tensor.randn(new SplittableRandom(1), 4, 5).requiresGrad(true);
        Tensor out = Functional.dropout(xi, 0.5, true);
        out.sum().backward();
        double[] xv = xi.toArray();
        double[] ov = out.toArray();
        double[] gv = xi.grad().toArray();
        for (int i = 0; i < xv.length; i++) {
            assertEquals(ov[i] == 0.0 ? 0.0 : 2.0, gv[i], 0.0);
        }
        assertSame(xi, Functional.dropout(xi, 0.5, false));
    }

    @Test
    void linearInitIsPyTorchsDefaultAndReproducible() {
        int in = 16;
        int out = 40;
        double bound = 1 / Math.sqrt(in);
        Tensor.manualSeed(42);
        Linear a = new Linear(in, out);
        for (double v : a.weight().toArray()) {
            assertTrue(v >= -bound && v < bound, "weight " + v);
        }
        for (double v : a.bias().toArray()) {
            assertTrue(v >= -bound && v < bound, "bias " + v);
        }
        // Spread over the whole interval (not, say, a fixed fraction of it).
        double max = java.util.Arrays.stream(a.weight().toArray()).map(Math::abs).max().orElse(0);
        assertTrue(max > 0.9 * bound, "max |w| " + max);
        assertArrayEquals(new int[] {out, in}, a.weight().shape());
        assertArrayEquals(new int[] {out}, a.bias().shape());
        // Weight first, then bias, both U(-1/sqrt(in), 1/sqrt(in)) from the default generator.
        Tensor.manualSeed(42);
        Tensor w = Tensor.uniform(-bound, bound, out, in);
        Tensor b = Tensor.uniform(-bound, bound, out);
        assertArrayEquals(w.toArray(), a.weight().toArray(), 0.0);
        assertArrayEquals(b.toArray(), a.bias().toArray(), 0.0);
        Tensor.manualSeed(42);
        assertArrayEquals(a.weight().toArray(), new Linear(in, out).weight().toArray(), 0.0);
        Tensor.manualSeed(43);
        assertNotEquals(a.weight().get(0, 0), new Linear(in, out).weight().get(0, 0));
    }

    @Test
    void linearWithoutBiasAndWithGivenTensors() {
        Linear nb = new Linear(3, 2, false);
        assertNull(nb.bias());
        assertEquals(List.of("weight"), new ArrayList<>(nb.stateDict().keySet()));
        assertEquals(1, nb.parameters().size());
        Tensor w = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.of(0.5, -0.5);
        Linear given = new Linear(w, b);
        assertSame(w, given.weight());
        assertSame(b, given.bias());
        assertTrue(w.requiresGrad());
        assertEquals(3, given.inFeatures());
        assertEquals(2, given.outFeatures());
        assertArrayEquals(new double[] {14.5, 31.5}, given.forward(Tensor.of(1.0, 2.0, 3.0)).toArray(), 0.0);
        Tensor y2 = given.forward(Tensor.of(new double[][] {{1, 2, 3}, {0, 0, 1}}));
        assertArrayEquals(new double[] {14.5, 31.5, 3.5, 5.5}, y2.toArray(), 0.0);
        Tensor y3 = given.forward(Tensor.of(new double[] {1, 2, 3, 0, 0, 1}, 2, 1, 3));
        assertArrayEquals(new int[] {2, 1, 2}, y3.shape());
        assertArrayEquals(y2.toArray(), y3.toArray(), 0.0);
        // The forward uses the transposed-operand product: one matmul node, no transpose node.
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}}).requiresGrad(true);
        List<String> tape = jgrad.autograd.Autograd.tape(given.forward(x));
        assertTrue(tape.stream().noneMatch(l -> l.contains("TBackward")), tape.toString());
    }

    private static List<String> names(Tensor y) {
        List<String> out = new ArrayList<>();
        for (String line : jgrad.autograd.Autograd.tape(y)) {
            out.add(line.substring(line.indexOf(' ') + 1, line.indexOf('(')));
        }
        return out;
    }

    @Test
    void linearRecordsOneAddmmNodeWithBiasAndOneMmNodeWithout() {
        Tensor.manualSeed(3);
        Linear fc = new Linear(2, 3);
        Tensor x = Tensor.randn(4, 2);
        Tensor y = fc.forward(x);
        assertEquals("AddmmBackward", y.gradFn().name());
        List<String> tape = jgrad.autograd.Autograd.tape(y);
        assertEquals(1, tape.size(), tape.toString());
        assertTrue(tape.get(0).endsWith(" AddmmBackward([3] leaf, [4, 2], [3, 2] leaf) -> [4, 3]"), tape.get(0));
        assertSame(fc.bias(), y.gradFn().inputs().get(0));
        assertSame(x, y.gradFn().inputs().get(1));
        assertSame(fc.weight(), y.gradFn().inputs().get(2));

        Linear noBias = new Linear(2, 3, false);
        List<String> nb = jgrad.autograd.Autograd.tape(noBias.forward(x));
        assertEquals(1, nb.size(), nb.toString());
        assertTrue(nb.get(0).endsWith(" MmBackward([4, 2], [3, 2] leaf) -> [4, 3]"), nb.get(0));

        // Other than 2-D inputs keep the reshapes around the one product node.
        Tensor x3 = Tensor.randn(2, 5, 2).requiresGrad(true);
        assertEquals(List.of("ReshapeBackward", "AddmmBackward", "ReshapeBackward"), names(fc.forward(x3)));
        assertEquals(List.of("ReshapeBackward", "AddmmBackward", "ReshapeBackward"),
                names(fc.forward(Tensor.randn(2).requiresGrad(true))));
        assertEquals(List.of("ReshapeBackward", "MmBackward", "ReshapeBackward"), names(noBias.forward(x3)));

        Tensor loss = new CrossEntropyLoss().forward(mlp().forward(Tensor.randn(4, 2)), Tensor.of(0, 1, 1, 0));
        assertEquals(List.of("AddmmBackward", "ReluBackward", "AddmmBackward", "CrossEntropyBackward"), names(loss));
    }

    @Test
    void linearGivesBitForBitWhatMmThenAddGave() {
        SplittableRandom r = new SplittableRandom(11);
        for (int[] s : new int[][] {{4, 2, 10}, {32, 64, 10}, {1, 300, 7}, {200, 100, 50}}) {
            Tensor x = Tensor.randn(r, s[0], s[1]);
            Tensor w = Tensor.randn(r, s[2], s[1]);
            Tensor b = Tensor.randn(r, s[2]);
            Tensor g = Tensor.randn(r, s[0], s[2]);
            Tensor[] fused = {x.copy().requiresGrad(true), w.copy().requiresGrad(true), b.copy().requiresGrad(true)};
            Tensor[] plain = {x.copy().requiresGrad(true), w.copy().requiresGrad(true), b.copy().requiresGrad(true)};
            Tensor y1 = Functional.linear(fused[0], fused[1], fused[2]);
            Tensor y2 = jgrad.ops.LinAlg.mm(plain[0], plain[1], false, true).add(plain[2]);
            assertArrayEquals(y2.toArray(), y1.toArray(), "forward " + java.util.Arrays.toString(s));
            y1.backward(g);
            y2.backward(g);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plain[i].grad().toArray(), fused[i].grad().toArray(), "grad " + i);
            }
        }
    }

    @Test
    void zeroGradSetsEveryGradToNull() {
        Sequential model = mlp();
        Tensor loss = new CrossEntropyLoss().forward(model.forward(Tensor.of(new double[][] {{1, 2}, {3, 4}})),
                Tensor.of(0, 1));
        loss.backward();
        model.parameters().forEach(p -> assertTrue(p.grad() != null));
        model.zeroGrad();
        model.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void sequentialAddGetSizeAndIteration() {
        Sequential s = new Sequential(new Linear(2, 3));
        s.add(new ReLU()).add(new Linear(3, 1));
        assertEquals(3, s.size());
        assertTrue(s.get(-1) instanceof Linear);
        assertTrue(s.get(1) instanceof ReLU);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(s.stateDict().keySet()));
        int n = 0;
        for (Module m : s) {
            assertSame(s.get(n++), m);
        }
        assertEquals(3, n);
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(-4));
        Tensor x = Tensor.ones(2);
        assertSame(x, new Sequential().forward(x));
    }

    @Test
    void registrationRejectsBadNamesDuplicatesAndNonLeaves() {
        class Bad extends Module {
            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        Bad m = new Bad();
        m.registerParameter("w", Tensor.zeros(2));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> m.registerParameter("w", Tensor.zeros(2)));
        assertTrue(dup.getMessage().contains("'w'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("w", new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> m.registerParameter("a.b", Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> m.registerParameter("", Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("c", null));
        Tensor nonLeaf = Tensor.zeros(2).requiresGrad(true).mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.registerParameter("v", nonLeaf));
        assertTrue(e.getMessage().contains("non-leaf"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.registerParameter("i", Tensor.of(1, 2)));
        m.registerParameter("none", null);
        assertEquals(List.of("w"), new ArrayList<>(m.stateDict().keySet()));
    }
}
