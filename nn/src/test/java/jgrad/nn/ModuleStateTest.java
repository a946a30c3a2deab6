package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Buffers, ModuleList, non-strict loading and parameter counts; key order and counts against
 * PyTorch (golden cases state/*, models built the same way in make_nn_golden.py).
 */
class ModuleStateTest {
    /** make_nn_golden.py's Buffered: a buffer registered before the param; one non-persistent buffer. */
    static final class Buffered extends Module {
        final Tensor count = registerBuffer("count", Tensor.wrap(new double[] {0}, DType.INT64));
        final Tensor scratch = registerBuffer("scratch", Tensor.zeros(2), false);
        final Tensor w = registerParameter("w", Tensor.ones(2));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(w);
        }
    }

    /** make_nn_golden.py's Net: own buffer, own param, a Linear and a ModuleList. */
    static final class Net extends Module {
        final Tensor running = registerBuffer("running", Tensor.zeros(3));
        final Tensor scale = registerParameter("scale", Tensor.ones(3));
        final Linear fc = registerModule("fc", new Linear(3, 2));
        final ModuleList blocks = registerModule("blocks", new ModuleList(new Linear(2, 2, false), new Buffered()));

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = fc.forward(x.mul(scale));
            for (Module m : blocks) {
                h = m.forward(h);
            }
            return h;
        }
    }

    private static void checkAgainstGolden(String name, Module m) {
        Golden.Case c = Golden.named(name);
        assertEquals(c.param("named_parameters", ""), keys(m.namedParameters()), name + " named_parameters");
        assertEquals(c.param("named_buffers", ""), keys(m.namedBuffers()), name + " named_buffers");
        assertEquals(c.param("state_dict_keys", ""), keys(m.stateDict()), name + " state_dict");
        assertEquals(Long.parseLong(c.param("num_parameters", "")), m.numParameters(), name + " num_parameters");
    }

    private static String keys(Map<String, Tensor> m) {
        return m.isEmpty() ? "-" : String.join(",", m.keySet());
    }

    @Test
    void sequenceIteratesInOrderWithoutRemoval() {
        Linear a = new Linear(2, 3);
        ReLU r = new ReLU();
        Sequential seq = new Sequential(a, r);
        List<Module> seen = new ArrayList<>();
        for (Module m : seq) {
            seen.add(m);
        }
        assertEquals(List.of(a, r), seen);
        var it = seq.iterator();
        it.next();
        assertThrows(UnsupportedOperationException.class, it::remove);
        assertEquals(2, seq.size());
    }

    @Test
    void keysOrderAndCountsMatchPyTorch() {
        checkAgainstGolden("state/modulelist", new ModuleList(new Linear(3, 2), new ReLU(), new Linear(2, 2, false)));
        checkAgainstGolden("state/buffered", new Buffered());
        checkAgainstGolden("state/net", new Net());
    }

    @Test
    void buffersAreStateButNotParameters() {
        Net net = new Net();
        List<Tensor> params = net.parameters();
        for (Tensor b : net.buffers()) {
            assertTrue(params.stream().noneMatch(p -> p == b), "a buffer is not a parameter");
            assertFalse(b.requiresGrad());
        }
        assertEquals(3, net.buffers().size());
        assertSame(net.running, net.buffers().get(0));
        assertSame(net.running.storage(), net.stateDict().get("running").storage(), "state shares storage");
        assertFalse(net.stateDict().containsKey("blocks.1.scratch"), "non-persistent buffers are not state");
    }

    @Test
    void loadStateDictCopiesBuffersToo() {
        Net a = new Net();
        Net b = new Net();
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            a.running.copyFrom(Tensor.of(1.0, 2.0, 3.0));
        }
        Map<String, Tensor> sd = new LinkedHashMap<>(a.stateDict());
        sd.put("blocks.1.count", Tensor.scalar(7.0)); // FLOAT64 into an INT64 buffer converts, as copy_
        b.loadStateDict(sd);
        assertArrayEquals(new double[] {1, 2, 3}, b.running.toArray());
        assertEquals(7.0, ((Buffered) b.blocks.get(1)).count.item());
        assertEquals(DType.INT64, ((Buffered) b.blocks.get(1)).count.dtype());
        assertArrayEquals(a.fc.weight().toArray(), b.fc.weight().toArray());
    }

    @Test
    void nonStrictLoadReturnsMissingAndUnexpectedKeysAndLoadsTheRest() {
        Net a = new Net();
        Net b = new Net();
        double[] biasBefore = b.fc.bias().toArray();
        Map<String, Tensor> sd = new LinkedHashMap<>(a.stateDict());
        sd.remove("fc.bias");
        sd.remove("running");
        sd.put("extra", Tensor.zeros(1));
        IncompatibleKeys r = b.loadStateDict(sd, false);
        assertEquals(List.of("running", "fc.bias"), r.missingKeys());
        assertEquals(List.of("extra"), r.unexpectedKeys());
        assertFalse(r.isEmpty());
        assertArrayEquals(a.fc.weight().toArray(), b.fc.weight().toArray(), "matching keys are loaded");
        assertArrayEquals(biasBefore, b.fc.bias().toArray(), "missing keys keep their values");
        assertTrue(b.loadStateDict(a.stateDict(), false).isEmpty());
        assertTrue(b.loadStateDict(a.stateDict(), true).isEmpty());
        var e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(sd, true));
        assertTrue(e.getMessage().contains("Missing key(s) in state dict: \"running\", \"fc.bias\"")
                && e.getMessage().contains("Unexpected key(s) in state dict: \"extra\""), e.getMessage());
    }

    @Test
    void nonStrictLoadStillRejectsAShapeMismatchAndCopiesNothing() {
        Net a = new Net();
        Net b = new Net();
        double[] before = b.blocks.get(0).parameters().get(0).toArray();
        Map<String, Tensor> sd = new LinkedHashMap<>(a.stateDict());
        sd.put("fc.weight", Tensor.zeros(3, 3));
        var e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(sd, false));
        assertTrue(e.getMessage().contains("Net") && e.getMessage().contains("size mismatch for fc.weight")
                && e.getMessage().contains("[3, 3]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertFalse(e.getMessage().contains("Missing"), e.getMessage());
        assertArrayEquals(before, b.blocks.get(0).parameters().get(0).toArray(), "nothing copied");
    }

    @Test
    void numParametersCountsSharedTensorsOnceAndCanSkipFrozenOnes() {
        Linear shared = new Linear(2, 3);
        Sequential model = new Sequential(shared, new ReLU(), shared, new Linear(3, 1));
        assertEquals(9 + 4, model.numParameters());
        shared.weight().requiresGrad(false);
        assertEquals(3 + 4, model.numParameters(true));
        assertEquals(13, model.numParameters(false));
    }

    @Test
    void registerBufferRejectsBadNamesAndNonLeaves() {
        Supplier<Module> dup = () -> new Module() {
            final Tensor a = registerParameter("a", Tensor.ones(1));
            final Tensor b = registerBuffer("a", Tensor.ones(1));

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        };
        var e1 = assertThrows(IllegalArgumentException.class, dup::get);
        assertTrue(e1.getMessage().contains("'a' is already registered"), e1.getMessage());
        Tensor nonLeaf = Tensor.ones(1).requiresGrad(true).mul(2.0);
        Supplier<Module> bad = () -> new Module() {
            final Tensor b = registerBuffer("b", nonLeaf);

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        };
        var e2 = assertThrows(IllegalArgumentException.class, bad::get);
        assertTrue(e2.getMessage().contains("buffer 'b'") && e2.getMessage().contains("non-leaf"), e2.getMessage());
    }

    @Test
    void moduleListRegistersIndexesAndIterates() {
        Linear l0 = new Linear(3, 2);
        ModuleList list = new ModuleList(l0).append(new ReLU()).add(new Linear(2, 2, false));
        list.extend(List.of(new Tanh()));
        assertEquals(4, list.size());
        assertSame(l0, list.get(0));
        assertTrue(list.get(-1) instanceof Tanh);
        List<Module> seen = new ArrayList<>();
        list.forEach(seen::add);
        assertEquals(list.children(), seen);
        assertEquals(List.of("0.weight", "0.bias", "2.weight"), new ArrayList<>(list.stateDict().keySet()));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> list.get(4));
        assertTrue(e.getMessage().contains("ModuleList") && e.getMessage().contains("index 4"), e.getMessage());
        var f = assertThrows(UnsupportedOperationException.class, () -> list.forward(Tensor.zeros(3)));
        assertTrue(f.getMessage().contains("ModuleList") && f.getMessage().contains("no forward"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> list.append(null));
    }

    @Test
    void printsLikePyTorch() {
        // print(...) of the same models in PyTorch 1.13
        assertEquals("ModuleList(\n"
                + "  (0): Linear(in_features=3, out_features=2, bias=True)\n"
                + "  (1): ReLU()\n"
                + "  (2): Linear(in_features=2, out_features=2, bias=False)\n"
                + ")", new ModuleList(new Linear(3, 2), new ReLU(), new Linear(2, 2, false)).toString());
        assertEquals("ModuleList()", new ModuleList().toString());
        assertEquals("Net(\n"
                + "  (fc): Linear(in_features=3, out_features=2, bias=True)\n"
                + "  (blocks): ModuleList(\n"
                + "    (0): Linear(in_features=2, out_features=2, bias=False)\n"
                + "    (1): ReLU()\n"
                + "  )\n"
                + ")", netWithRelu().toString());
    }

    private static Module netWithRelu() {
        return new Module() {
            final Tensor running = registerBuffer("running", Tensor.zeros(3));
            final Linear fc = registerModule("fc", new Linear(3, 2));
            final ModuleList blocks = registerModule("blocks", new ModuleList(new Linear(2, 2, false), new ReLU()));

            @Override
            public Tensor forward(Tensor x) {
                return x;
            }

            @Override
            protected String getName() {
                return "Net";
            }
        };
    }

    @Test
    void theListConstructorKeepsTheOrder() {
        Module[] ms = {new ReLU(), new Tanh()};
        assertEquals(Arrays.asList(ms), new ModuleList(Arrays.asList(ms)).children());
    }
}
