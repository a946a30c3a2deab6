package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.GoldenNumbers;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by PyTorch (through make_safetensors.py's reference writer) load with exactly
 * the values PyTorch printed; the file jgrad writes is byte-identical to the one the Python
 * reader verified (see jgrad_written.verify.txt).
 */
class TorchInteropTest {
    @TempDir
    Path dir;

    /** One golden line: a tensor, or a tagged line such as {@code @metadata}. */
    private record Golden(String name, String dtype, int[] shape, String[] values) {}

    private static List<Golden> golden(String resource) {
        List<Golden> out = new ArrayList<>();
        for (String line : Bytes.text(resource).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("@metadata")) {
                out.add(new Golden(f[0], f[1], null, new String[] {f[2]}));
            } else if (f[0].startsWith("@")) {
                out.add(new Golden(f[0], null, shape(f[1]), values(f[2])));
            } else {
                out.add(new Golden(f[0], f[1], shape(f[2]), values(f[3])));
            }
        }
        return out;
    }

    private static int[] shape(String s) {
        return s.isEmpty() ? new int[0] : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static String[] values(String s) {
        return s.isEmpty() ? new String[0] : s.split(" ");
    }

    private static Tensor tensor(Golden g) {
        double[] d = new double[g.values().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = GoldenNumbers.parse(g.values()[i]);
        }
        return Tensor.of(d, g.shape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_mlp", "torch_mixed", "torch_dtypes"})
    void loadsTorchFilesWithExactlyTheValuesTorchHas(String base) throws Exception {
        Path f = dir.resolve(base + ".safetensors");
        Files.write(f, Bytes.resource(base + ".safetensors"));
        var contents = SafeTensors.loadWithMetadata(f);
        var goldens = golden(base + ".golden.txt");

        Map<String, String> expectedMeta = new LinkedHashMap<>();
        List<String> expectedNames = new ArrayList<>();
        for (Golden g : goldens) {
            if (g.name().equals("@metadata")) {
                expectedMeta.put(g.dtype(), g.values()[0]);
                continue;
            }
            if (g.name().startsWith("@")) {
                continue;
            }
            expectedNames.add(g.name());
            Tensor t = contents.tensors().get(g.name());
            String what = base + ":" + g.name();
            assertArrayEquals(g.shape(), t.shape(), what);
            boolean floating = g.dtype().startsWith("F") || g.dtype().equals("BF16");
            assertEquals(floating ? (g.dtype().equals("F64") ? DType.FLOAT64 : DType.FLOAT32) : g.dtype().equals("BOOL") ? DType.BOOL : DType.INT64, t.dtype(), what);
            double[] got = t.doubles();
            assertEquals(g.values().length, got.length, what);
            for (int i = 0; i < got.length; i++) {
                double want = floating ? GoldenNumbers.parse(g.values()[i]) : Long.parseLong(g.values()[i]);
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got[i]),
                        what + "[" + i + "]: want " + want + ", got " + got[i]);
            }
        }
        assertEquals(expectedNames, List.copyOf(contents.tensors().keySet()), "file order");
        assertEquals(expectedMeta, contents.metadata());
    }

    @Test
    void torchMlpIsPytorchsSequentialStateDictInTheReferenceOrder() throws Exception {
        Path f = dir.resolve("torch_mlp.safetensors");
        Files.write(f, Bytes.resource("torch_mlp.safetensors"));
        var h = SafeTensors.readHeader(f);
        assertEquals(List.of("0.bias", "0.weight", "2.bias", "2.weight"),
                h.tensors().stream().map(SafeTensors.TensorInfo::name).toList());
        assertEquals(new SafeTensors.TensorInfo("0.weight", "F64", new int[] {10, 2}, 80, 240), h.tensors().get(1));
        assertEquals(Map.of("format", "pt"), h.metadata());
        assertEquals(0, h.headerLength() % 8);
    }

    @Test
    void torchMlpWeightsReproduceTorchsForwardPass() {
        var state = loadResource("torch_mlp.safetensors");
        Tensor x = null;
        Tensor expected = null;
        for (Golden g : golden("torch_mlp.golden.txt")) {
            if (g.name().equals("@forward_input")) {
                x = tensor(g);
            } else if (g.name().equals("@forward_output")) {
                expected = tensor(g);
            }
        }
        Tensor h = x.matmul(state.get("0.weight").t()).add(state.get("0.bias")).relu();
        Tensor y = h.matmul(state.get("2.weight").t()).add(state.get("2.bias"));
        assertArrayEquals(expected.shape(), y.shape());
        double[] a = expected.toArray();
        double[] b = y.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-14, "output[" + i + "]");
        }
    }

    private static LinkedHashMap<String, Tensor> loadResource(String name) {
        try {
            return SafeTensors.fromBytes(Bytes.resource(name)).tensors();
        } catch (SafeTensorsException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ jgrad -> torch

    /** Exactly what jgrad_written.safetensors holds; make_safetensors.py verify checks the same values. */
    static LinkedHashMap<String, Tensor> jgradWrittenTensors() {
        var m = new LinkedHashMap<String, Tensor>();
        m.put("linear.weight", Tensor.of(new double[] {0.1, -2.5, Math.PI, -0.0, 1e-300, Double.MIN_VALUE}, 3, 2));
        m.put("linear.bias", Tensor.of(1.0 / 3.0, 1e300, -7.25));
        m.put("special", Tensor.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN));
        m.put("labels", Tensor.wrap(new double[] {0, 3, 1, -7, 0x1p53}, DType.INT64, 5));
        m.put("scalar", Tensor.scalar(42.5));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("na\u00efve \u2713 \"quoted\"\n", Tensor.of(1.0));
        return m;
    }

    static LinkedHashMap<String, String> jgradWrittenMetadata() {
        var meta = new LinkedHashMap<String, String>();
        meta.put("format", "pt");
        meta.put("producer", "jgrad");
        meta.put("note", "quote \" backslash \\ newline \n tab \t bell \007 \u00e9 \u2713 \ud83d\ude00");
        return meta;
    }

    /**
     * The committed file is what jgrad writes today, byte for byte, so the Python check recorded
     * next to it still holds. Run with {@code -Djgrad.io.regenerate=true} (from the core module)
     * to rewrite it after a deliberate format change, then re-run
     * {@code make_safetensors.py verify} and update jgrad_written.verify.txt.
     */
    @Test
    void jgradWritesExactlyTheFileThatPythonVerified() throws Exception {
        byte[] now = SafeTensors.toBytes(jgradWrittenTensors(), jgradWrittenMetadata());
        if (Boolean.getBoolean("jgrad.io.regenerate")) {
            Files.write(Path.of("src/test/resources/io/jgrad_written.safetensors"), now);
        }
        assertArrayEquals(Bytes.resource("jgrad_written.safetensors"), now);
        Path f = dir.resolve("jgrad_written.safetensors");
        SafeTensors.save(jgradWrittenTensors(), jgradWrittenMetadata(), f);
        assertArrayEquals(now, Files.readAllBytes(f), "save writes the same bytes as toBytes");
        String verified = Bytes.text("jgrad_written.verify.txt");
        assertTrue(verified.contains("RESULT: OK"), "the recorded Python verification passed");
        assertTrue(verified.contains("(" + now.length + " bytes)"), "and was made on a file of this size");
    }
}
