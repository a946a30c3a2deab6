package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.GoldenNumbers;
import jgrad.Tensor;

/**
 * Reads {@code golden/nn_golden.txt}, written by {@code make_nn_golden.py} from PyTorch, and
 * compares tensors to it.
 */
final class Golden {
    /** Absolute tolerance for values up to 1 in magnitude, relative above. */
    static final double TOL = 1e-12;

    /** One case: an op, its params and its named tensors. */
    record Case(String name, String op, Map<String, String> params, Map<String, Tensor> tensors) {
        Tensor tensor(String label) {
            Tensor t = tensors.get(label);
            return t == null ? null : t.copy();
        }

        /** A fresh copy of the input and of the target, each requiring grad where the case has its gradient. */
        Tensor[] inputAndTarget() {
            Tensor t = tensor("target");
            if (has("grad_target")) {
                t.requiresGrad(true);
            }
            return new Tensor[] {tensor("input").requiresGrad(true), t};
        }

        boolean has(String label) {
            return tensors.containsKey(label);
        }

        String param(String key, String dflt) {
            return params.getOrDefault(key, dflt);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The cases of one op, after checking there are {@code perDtype} FLOAT64 cases and as many
     * FLOAT32 ones (named {@code .../f32}).
     */
    static List<Case> ofOp(String op, int perDtype) {
        List<Case> found = all().stream().filter(c -> c.op().equals(op)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(2 * perDtype, found.size(), op + " cases");
        org.junit.jupiter.api.Assertions.assertEquals(perDtype, found.stream().filter(c -> c.name().endsWith("/f32"))
                .count(), op + " float32 cases");
        return found;
    }

    private static List<Case> cases;

    private Golden() {}

    static synchronized List<Case> all() {
        if (cases == null) {
            cases = parse("/golden/nn_golden.txt");
        }
        return cases;
    }

    static List<Case> withOp(String op) {
        return all().stream().filter(c -> c.op().equals(op)).toList();
    }

    static Case named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no golden case " + name));
    }

    private static List<Case> parse(String resource) {
        List<Case> out = new ArrayList<>();
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            assertNotNull(in, "missing test resource " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String name = null;
            String op = null;
            Map<String, String> params = null;
            Map<String, Tensor> tensors = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "case":
                        name = f[1];
                        op = null;
                        params = new LinkedHashMap<>();
                        tensors = new LinkedHashMap<>();
                        break;
                    case "op":
                        op = f[1];
                        break;
                    case "param":
                        params.put(f[1], f[2]);
                        break;
                    case "tensor":
                        tensors.put(f[1], tensor(f));
                        break;
                    case "end":
                        out.add(new Case(name, op, params, tensors));
                        break;
                    default:
                        throw new IllegalStateException("bad golden line: " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Tensor tensor(String[] f) {
        DType dtype = f[2].equals("int64") ? DType.INT64 : f[2].equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
        int[] shape = f[3].equals("scalar") ? new int[0] : Arrays.stream(f[3].split(",")).mapToInt(Integer::parseInt)
                .toArray();
        double[] v = new double[f.length - 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = GoldenNumbers.parse(f[i + 4]);
        }
        return Tensor.wrap(v, dtype, shape);
    }

    /**
     * Asserts a FLOAT32 result: the dtype, the shape, and values within {@code atol + rtol |e|}
     * of PyTorch's float32 values.
     */
    static void assertCloseFloat32(Tensor expected, Tensor actual, double rtol, double atol, String what) {
        assertNotNull(actual, what + " is null");
        org.junit.jupiter.api.Assertions.assertEquals(DType.FLOAT32, actual.dtype(), what + ": dtype");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + " but was " + a[i]
                        + " (diff " + Math.abs(a[i] - e[i]) + ")");
            }
        }
    }

    /** Asserts same shape and values within {@link #TOL} (relative above magnitude 1); NaN matches NaN. */
    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertNotNull(actual, what + " is null");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : Double.isInfinite(e[i]) ? e[i] == a[i]
                    : Math.abs(a[i] - e[i]) <= TOL * Math.max(1.0, Math.abs(e[i]));
            if (!ok) {
                throw new AssertionError(what + ": element " + i + " expected " + e[i] + " but was " + a[i]
                        + " (diff " + Math.abs(a[i] - e[i]) + ")\n  expected " + Arrays.toString(e)
                        + "\n  actual   " + Arrays.toString(a));
            }
        }
    }
}
