package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jgrad.internal.TensorInternals;

class SafeTensorsRoundTripTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, Tensor> sample() {
        LinkedHashMap<String, Tensor> m = new LinkedHashMap<>();
        m.put("z.weight", Tensor.of(new double[] {1, -2, 3.5, 1e-300, -0.0, Double.MIN_VALUE}, 2, 3));
        m.put("a.scalar", Tensor.scalar(Math.PI));
        m.put("m.labels", Tensor.wrap(new double[] {0, -1, 0x1p53, -0x1p53, 0x1p62, -0x1p63}, DType.INT64, 6));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("empty1d", Tensor.zeros(0));
        m.put("cube", Tensor.wrap(new double[24], DType.FLOAT64, 2, 3, 4));
        m.put("special", Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0x7ff8000000000123L)));
        return m;
    }

    private static void assertSameTensors(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "names in order");
        for (var e : expected.entrySet()) {
            Tensor x = e.getValue();
            Tensor y = actual.get(e.getKey());
            assertEquals(x.dtype(), y.dtype(), e.getKey());
            assertArrayEquals(x.shape(), y.shape(), e.getKey());
            double[] a = x.storage();
            double[] b = y.storage();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]),
                        e.getKey() + "[" + i + "]");
            }
            assertFalse(y.requiresGrad());
            assertNotSame(a, b);
        }
    }

    @Test
    void roundTripsEveryShapeAndValueBitForBitInOrder() throws Exception {
        var tensors = sample();
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(tensors, f);
        assertSameTensors(tensors, SafeTensors.load(f));
        assertSameTensors(tensors, SafeTensors.fromBytes(SafeTensors.toBytes(tensors, null)).tensors());
    }

    @Test
    void boolMasksAreWrittenAsBoolAndLoadAsBool() throws Exception {
        Tensor mask = Tensor.of(0.5, -1, 0, 3).gt(0.0).reshape(2, 2);
        Path f = dir.resolve("mask.safetensors");
        SafeTensors.save(Map.of("mask", mask), f);
        String header = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dtype\":\"BOOL\""), header);
        assertEquals(8 + SafeTensors.readHeader(f).headerLength() + 4, Files.size(f), "one byte per element");
        Tensor back = SafeTensors.load(f).get("mask");
        assertEquals(DType.BOOL, back.dtype());
        assertArrayEquals(new int[] {2, 2}, back.shape());
        assertArrayEquals(new double[] {1, 0, 0, 1}, back.toArray());
    }

    @Test
    void metadataRoundTripsInOrder() throws Exception {
        var meta = new LinkedHashMap<String, String>();
        meta.put("format", "pt");
        meta.put("z", "last? no: second");
        meta.put("odd \"key\"\n", "\u00e9\u2713\ud83d\ude00 \\ \u0001 \t");
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(sample(), meta, f);
        var c = SafeTensors.loadWithMetadata(f);
        assertEquals(List.copyOf(meta.entrySet()), List.copyOf(c.metadata().entrySet()));
        assertSameTensors(sample(), c.tensors());
        assertEquals(meta, SafeTensors.readHeader(f).metadata());
    }

    @Test
    void savedFileIsExactlyToBytes() throws Exception {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(sample(), Map.of("format", "pt"), f);
        assertArrayEquals(SafeTensors.toBytes(sample(), Map.of("format", "pt")), Files.readAllBytes(f));
    }

    @Test
    void writesTheReferenceLayoutForAnEmptyFile() {
        // {} padded with six spaces to 8 bytes, N = 8: the reference implementation's output.
        byte[] expected = Bytes.file("{}      ", new byte[0]);
        assertArrayEquals(expected, SafeTensors.toBytes(Map.of(), null));
        assertArrayEquals(expected, SafeTensors.toBytes(Map.of(), Map.of()), "empty metadata writes none");
        byte[] withMeta = Bytes.file("{\"__metadata__\":{\"framework\":\"pt\"}}     ", new byte[0]);
        assertEquals(48, withMeta.length);
        assertArrayEquals(withMeta, SafeTensors.toBytes(Map.of(), Map.of("framework", "pt")));
    }

    @Test
    void writesCompactJsonPaddedToEightBytesWithMetadataFirst() {
        var m = new LinkedHashMap<String, Tensor>();
        m.put("w", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        m.put("i", Tensor.of(7, 8));
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[48,64]}}";
        int pad = (8 - json.length() % 8) % 8;
        byte[] data = new byte[64];
        System.arraycopy(Bytes.f64(1, 2, 3, 4, 5, 6), 0, data, 0, 48);
        System.arraycopy(Bytes.i64(7, 8), 0, data, 48, 16);
        byte[] expected = Bytes.file(json + " ".repeat(pad), data);
        assertArrayEquals(expected, SafeTensors.toBytes(m, Map.of("k", "v")));
        assertEquals(0, (expected.length - 64 - 8) % 8);
    }

    @Test
    void escapesStringsLikeTheReference() {
        var m = new LinkedHashMap<String, Tensor>();
        m.put("a\"b\\c\nd\te\u0001f\u00e9\u2713/", Tensor.zeros(0));
        byte[] bytes = SafeTensors.toBytes(m, null);
        String header = new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8).strip();
        assertEquals("{\"a\\\"b\\\\c\\nd\\te\\u0001f\u00e9\u2713/\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[0,0]}}",
                header);
    }

    @Test
    void readsTheReferenceImplementationsF32Layout() throws Exception {
        // The reference's own serialization test: one F32 tensor "attn.0" of shape [1, 2, 3].
        String json = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertEquals(64, json.length());
        var t = SafeTensors.fromBytes(Bytes.file(json, Bytes.f32(0, 1, 2, 3, 4, 5))).tensors().get("attn.0");
        assertArrayEquals(new int[] {1, 2, 3}, t.shape());
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, t.toArray());
    }

    @Test
    void loadsInDataOffsetOrderNotHeaderOrder() throws Exception {
        String json = "{\"second\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]},"
                + "\"first\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"zero\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[16,16]}}";
        var c = SafeTensors.fromBytes(Bytes.file(json, Bytes.f64(1, 2)));
        assertEquals(List.of("first", "second", "zero"), List.copyOf(c.tensors().keySet()));
        assertEquals(1.0, c.tensors().get("first").item());
        assertEquals(2.0, c.tensors().get("second").item());
    }

    @Test
    void toleratesWhitespaceAndEscapesInHeaders() throws Exception {
        String json = "{ \"na\\u00efve\\/\\ud83d\\ude00\" :\r\n\t{ \"shape\" : [ 2 ] , \"data_offsets\":[0 , 16],"
                + " \"dtype\" : \"F64\" } ,\n \"__metadata__\" : { } }\n   ";
        var c = SafeTensors.fromBytes(Bytes.file(json, Bytes.f64(3, 4)));
        assertArrayEquals(new double[] {3, 4}, c.tensors().get("na\u00efve/\ud83d\ude00").toArray());
        assertTrue(c.metadata().isEmpty());
    }

    @Test
    void readHeaderDescribesWithoutLoading() throws Exception {
        Path f = dir.resolve("m.safetensors");
        SafeTensors.save(sample(), f);
        var h = SafeTensors.readHeader(f);
        assertEquals(List.copyOf(sample().keySet()), h.tensors().stream().map(SafeTensors.TensorInfo::name).toList());
        var w = h.tensors().get(0);
        assertEquals(new SafeTensors.TensorInfo("z.weight", "F64", new int[] {2, 3}, 0, 48), w);
        assertEquals(DType.FLOAT64, w.jgradDType());
        assertEquals(6, w.numel());
        assertEquals("I64", h.tensors().get(2).dtype());
        assertEquals(0, h.headerLength() % 8);
        assertEquals(Files.size(f), 8 + h.headerLength() + h.dataSize());
    }

    @Test
    void savesTensorsThatRequireGradAsPlainValues() throws Exception {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        var back = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("w", w), null)).tensors().get("w");
        assertArrayEquals(new double[] {1, 2}, back.toArray());
        assertFalse(back.requiresGrad());
    }

    @Test
    void rejectsBadInputToSaveBeforeWritingAnything() throws Exception {
        Path f = dir.resolve("never.safetensors");
        var nullName = new HashMap<String, Tensor>();
        nullName.put(null, Tensor.of(1));
        var nullTensor = new HashMap<String, Tensor>();
        nullTensor.put("w", null);
        List<Map<String, Tensor>> bad = List.of(
                nullName,
                nullTensor,
                Map.of("__metadata__", Tensor.of(1)),
                Map.of("i", TensorInternals.wrap(new double[] {2.5}, DType.INT64, 1)),
                Map.of("i", TensorInternals.wrap(new double[] {Double.NaN}, DType.INT64, 1)),
                Map.of("i", TensorInternals.wrap(new double[] {0x1p63}, DType.INT64, 1)),
                Map.of("bad \ud800 surrogate", Tensor.of(1)));
        for (var m : bad) {
            var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(m, f));
            assertTrue(e.getMessage().startsWith("SafeTensors.save:"), e.getMessage());
            assertFalse(Files.exists(f));
        }
        var nullMeta = new HashMap<String, String>();
        nullMeta.put("k", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(Map.of(), nullMeta, f));
        assertThrows(NullPointerException.class, () -> SafeTensors.save(null, f));
        assertFalse(Files.exists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "no temporary files either");
        }
    }

    @Test
    void convertsHalfPrecisionExactly() {
        assertEquals(1.0, SafeTensorsReader.halfToDouble((short) 0x3C00));
        assertEquals(-2.0, SafeTensorsReader.halfToDouble((short) 0xC000));
        assertEquals(0x1p-24, SafeTensorsReader.halfToDouble((short) 0x0001));
        assertEquals(0x1p-14, SafeTensorsReader.halfToDouble((short) 0x0400));
        assertEquals(65504.0, SafeTensorsReader.halfToDouble((short) 0x7BFF));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(
                SafeTensorsReader.halfToDouble((short) 0x8000)));
        assertEquals(Double.POSITIVE_INFINITY, SafeTensorsReader.halfToDouble((short) 0x7C00));
        assertEquals(Double.NEGATIVE_INFINITY, SafeTensorsReader.halfToDouble((short) 0xFC00));
        assertTrue(Double.isNaN(SafeTensorsReader.halfToDouble((short) 0x7E00)));
        // Every finite half is a float: the conversion agrees with the float path for all of them.
        for (int bits = 0; bits < 0x10000; bits++) {
            int exp = (bits >>> 10) & 0x1F;
            if (exp == 31) {
                continue;
            }
            double h = SafeTensorsReader.halfToDouble((short) bits);
            assertEquals(h, (double) (float) h, "half 0x" + Integer.toHexString(bits));
            if (bits > 0 && bits < 0x7C00) {
                assertTrue(h > SafeTensorsReader.halfToDouble((short) (bits - 1)), "monotone at 0x" + Integer.toHexString(bits));
            }
        }
    }
}
