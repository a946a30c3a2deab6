package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward values and gradients of every {@link OpRegistry} op against PyTorch (float64), read
 * from {@code golden/core_golden.txt}, which {@code golden/make_core_golden.py} writes. The
 * inputs come from the file too, so both sides compute on identical values.
 */
class GoldenOpsTest {
    static final double RTOL = 1e-12;
    static final double ATOL = 1e-12;
    static final String RESOURCE = "/golden/core_golden.txt";

    /** One tensor as written in the file. */
    record Values(String dtypeName, int[] shape, double[] values) {
        Tensor tensor() {
            return Tensor.of(values, DType.FLOAT64, shape).to(dtype()); // whatever the default dtype
        }

        /** The jgrad dtype named in the file. */
        DType dtype() {
            return switch (dtypeName) {
                case "int64" -> DType.INT64;
                case "bool" -> DType.BOOL;
                case "float32" -> DType.FLOAT32;
                default -> DType.FLOAT64;
            };
        }
    }

    /** One golden case. */
    record Case(String name, String op, List<Values> inputs, Values gradOut, Values output, List<Values> grads) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Case> cached;

    /** The parsed file (once per test run). */
    static synchronized List<Case> cases() {
        if (cached == null) {
            cached = List.copyOf(read());
        }
        return cached;
    }

    private static List<Case> read() {
        return read(RESOURCE);
    }

    /** The cases of one golden file on the test class path. */
    static List<Case> read(String resource) {
        try (InputStream in = GoldenOpsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is missing; run make_core_golden.py");
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> parse(BufferedReader r) throws IOException {
        List<Case> out = new ArrayList<>();
        String name = null;
        String op = null;
        List<Values> inputs = new ArrayList<>();
        List<Values> grads = new ArrayList<>();
        Values gradOut = null;
        Values output = null;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] tok = line.split(" ");
            switch (tok[0]) {
                case "case":
                    assertTrue(op == null || name == null, "golden case " + name + " has no end line");
                    name = line.substring(5);
                    op = null;
                    inputs = new ArrayList<>();
                    grads = new ArrayList<>();
                    gradOut = null;
                    output = null;
                    break;
                case "op":
                    op = line.substring(3);
                    break;
                case "input":
                    assertEquals(inputs.size(), Integer.parseInt(tok[1]));
                    inputs.add(values(tok[2], tok, 3));
                    break;
                case "gradout": // gradout [float32] <shape> ...: float64 unless a dtype is given
                    gradOut = tok[1].startsWith("[") ? values("float64", tok, 1) : values(tok[1], tok, 2);
                    break;
                case "output":
                    output = values(tok[1], tok, 2);
                    break;
                case "grad":
                    assertEquals(grads.size(), Integer.parseInt(tok[1]));
                    grads.add(tok[2].equals("none") ? null
                            : tok[2].startsWith("[") ? values("float64", tok, 2) : values(tok[2], tok, 3));
                    break;
                case "end":
                    out.add(new Case(name, op, inputs, gradOut, output, grads));
                    name = null;
                    break;
                default:
                    fail("bad line in a golden file: " + line);
            }
        }
        return out;
    }

    private static Values values(String dtype, String[] tok, int shapeAt) {
        String s = tok[shapeAt];
        assertTrue(s.startsWith("[") && s.endsWith("]"), s);
        String inner = s.substring(1, s.length() - 1);
        int[] shape = inner.isEmpty() ? new int[0]
                : java.util.Arrays.stream(inner.split(",")).mapToInt(Integer::parseInt).toArray();
        double[] v = new double[tok.length - shapeAt - 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = GoldenNumbers.parse(tok[shapeAt + 1 + i]);
        }
        return new Values(dtype, shape, v);
    }

    static Map<String, OpRegistry.OpInfo> registry() {
        Map<String, OpRegistry.OpInfo> m = new LinkedHashMap<>();
        for (OpRegistry.OpInfo op : OpRegistry.all()) {
            assertNull(m.put(op.label(), op), "duplicate registry label " + op.label());
        }
        return m;
    }

    static Stream<Case> golden() {
        return cases().stream();
    }

    /** The function a test's table gives a case's label; fails naming the table when it lacks one. */
    static <F> F mirrored(Map<String, F> table, Case c, String tableName) {
        F f = table.get(c.op());
        assertNotNull(f, "golden case " + c.name() + " names an op " + tableName + " lacks: " + c.op());
        return f;
    }

    /** A golden file's labels, in order, are exactly the keys of the table that mirrors it. */
    static void assertMirrors(String resource, Map<String, ?> table, String what) {
        List<String> labels = read(resource).stream().map(Case::op).collect(Collectors.toList());
        assertEquals(List.copyOf(table.keySet()), labels, what + " must list the same labels");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void forwardAndBackwardMatchPyTorch(Case c) {
        OpRegistry.OpInfo op = registry().get(c.op());
        assertNotNull(op, "golden case " + c.name() + " names unknown registry op " + c.op());
        check(c, op.f(), RTOL, ATOL);
    }

    /**
     * Runs {@code f} on the case's inputs (the floating ones requiring grad) and compares the
     * output and, after backward of the case's grad_output, each input's gradient (values and
     * dtype) with PyTorch's.
     */
    static void check(Case c, java.util.function.Function<Tensor[], Tensor> f, double rtol, double atol) {
        Tensor[] in = new Tensor[c.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = c.inputs().get(i).tensor();
            if (in[i].dtype().isFloatingPoint()) {
                in[i].requiresGrad(true);
            }
        }
        Tensor out = f.apply(in);
        assertClose(c.name() + " output", c.output(), out, rtol, atol);
        if (out.requiresGrad()) {
            out.backward(c.gradOut().tensor());
        }
        for (int i = 0; i < in.length; i++) {
            Values want = c.grads().get(i);
            if (want == null) {
                assertNull(in[i].grad(), c.name() + " grad " + i + " should be null");
            } else if (want.values().length == 0 && in[i].grad() == null) {
                assertTrue(!out.requiresGrad() || out.numel() == 0, c.name() + " grad " + i);
            } else {
                assertNotNull(in[i].grad(), c.name() + " grad " + i + " missing");
                assertClose(c.name() + " grad " + i, want, in[i].grad(), rtol, atol);
            }
        }
    }

    static void assertClose(String what, Values want, Tensor got) {
        assertClose(what, want, got, RTOL, ATOL);
    }

    /** {@code got} has PyTorch's shape, dtype and values within {@code atol + rtol * |want|}, NaN and infinities exactly. */
    static void assertClose(String what, Values want, Tensor got, double rtol, double atol) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape " + Shape.str(got.shape()) + " vs PyTorch "
                + Shape.str(want.shape()));
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        double[] g = got.toArray();
        double[] w = want.values();
        for (int i = 0; i < w.length; i++) {
            boolean ok;
            if (Double.isNaN(w[i]) || Double.isInfinite(w[i])) {
                ok = Double.compare(w[i], g[i]) == 0 || (Double.isNaN(w[i]) && Double.isNaN(g[i]));
            } else {
                ok = Math.abs(g[i] - w[i]) <= atol + rtol * Math.abs(w[i]);
            }
            if (!ok) {
                fail(what + ": element " + i + " is " + g[i] + ", PyTorch gives " + w[i]);
            }
        }
    }

    @Test
    void everyRegistryLabelHasAGoldenCase() {
        List<Case> all = cases();
        Set<String> mirrored = all.stream().filter(c -> c.name().equals(c.op())).map(Case::op)
                .collect(Collectors.toSet());
        Map<String, OpRegistry.OpInfo> reg = registry();
        Set<String> missing = new TreeSet<>(reg.keySet());
        missing.removeAll(mirrored);
        assertEquals(Set.of(), missing, "OpRegistry labels without a golden case; rerun make_core_golden.py "
                + "after mirroring the entry there");
        for (Case c : all) {
            assertTrue(reg.containsKey(c.op()), c.name() + " uses unknown op " + c.op());
        }
    }

    @Test
    void goldenInputsUseTheRegistryShapes() {
        Map<String, OpRegistry.OpInfo> reg = registry();
        for (Case c : cases()) {
            if (!c.name().equals(c.op())) {
                continue;
            }
            int[][] shapes = reg.get(c.op()).shapes();
            assertEquals(shapes.length, c.inputs().size(), c.name());
            for (int i = 0; i < shapes.length; i++) {
                assertArrayEquals(shapes[i], c.inputs().get(i).shape(), c.name() + " input " + i);
            }
        }
    }

    @Test
    void stabilityCasesAreFinite() {
        for (Case c : cases()) {
            if (c.name().contains("1000") || c.name().contains("1e300")) {
                for (double v : c.output().values()) {
                    assertTrue(Double.isFinite(v), c.name() + " output");
                }
                for (double v : c.grads().get(0).values()) {
                    assertTrue(Double.isFinite(v), c.name() + " grad");
                }
            }
        }
        assertFalse(cases().isEmpty());
    }
}
