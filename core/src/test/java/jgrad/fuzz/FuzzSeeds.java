package jgrad.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.data.IdxFiles;
import jgrad.data.IdxReader;
import jgrad.io.SafeTensors;

/**
 * The seed inputs of the fuzz targets, committed as files named {@code seed-*} in each
 * target's inputs directory (see {@link FuzzSeedsTest}): small valid files of each format and
 * hand-made damaged ones. Each seed ends with the control bytes its target reads from the end
 * (see the targets' class comments).
 */
final class FuzzSeeds {
    private FuzzSeeds() {}

    /** Seeds of {@link SafeTensorsLoaderFuzzTest}, by name. */
    static Map<String, byte[]> safetensors() {
        var out = new LinkedHashMap<String, byte[]>();
        for (String r : new String[] {"torch_mlp", "torch_mixed", "torch_dtypes", "jgrad_written"}) {
            byte[] f = resource("/io/" + r + ".safetensors");
            out.put(r, st(f, false));
            out.put(r + "-header-only", st(f, true));
            out.put(r + "-from-bytes", append(f, 2));
            out.put(r + "-truncated", st(Arrays.copyOf(f, f.length - 5), false));
        }
        out.put("empty-map", st(SafeTensors.toBytes(Map.of(), null), false));
        out.put("scalar-metadata", st(SafeTensors.toBytes(Map.of("s", Tensor.scalar(2)), Map.of("k", "v")), false));
        var several = new LinkedHashMap<String, Tensor>();
        several.put("a", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        several.put("i", Tensor.wrap(new double[] {1, -2, 3}, DType.INT64, 3));
        out.put("two-tensors", st(SafeTensors.toBytes(several, null), false));
        out.put("empty-input", st(new byte[0], false));
        out.put("length-2^63", st(stFile(Long.MIN_VALUE, "{}", 0), false));
        out.put("length-past-end", st(stFile(1 << 20, "{}", 0), false));
        out.put("shape-overflow", st(stFile(
                "{\"x\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8), false));
        out.put("huge-offsets", st(stFile(
                "{\"x\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[9223372036854775800,9223372036854775807]}}",
                8), false));
        out.put("overlap", st(stFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), false));
        out.put("duplicate-key", st(stFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8), false));
        out.put("dtype-u16", st(stFile("{\"x\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), false));
        out.put("bool-2", st(stFile("{\"x\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, 2), false));
        out.put("deep-nesting", st(stFile("[".repeat(5000), 0), true));
        out.put("bad-utf8", st(stFile(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}, 0), false));
        out.put("length-past-end-from-bytes", append(stFile(1 << 20, "{}", 0), 2));
        out.put("overlap-from-bytes", append(stFile("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8), 2));
        return out;
    }

    /** Seeds of {@link IdxLoaderFuzzTest}, by name. */
    static Map<String, byte[]> idx() {
        var out = new LinkedHashMap<String, byte[]>();
        byte[] images = idxImages(IdxReader.IMAGES_MAGIC, 2, 3, 4, 24);
        byte[] labels = idxLabels(IdxReader.LABELS_MAGIC, 5, 0, 1, 9, 3, 7);
        out.put("images", idx(images, false, false));
        out.put("images-gz", idx(images, false, true));
        out.put("labels", idx(labels, true, false));
        out.put("labels-gz", idx(labels, true, true));
        out.put("label-12", idx(idxLabels(IdxReader.LABELS_MAGIC, 2, 1, 12), true, false));
        out.put("images-truncated", idx(Arrays.copyOf(images, images.length - 3), false, false));
        out.put("images-trailing", idx(Arrays.copyOf(images, images.length + 12), false, true));
        out.put("images-count-2^31-1", idx(idxImages(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28, 16), false,
                false));
        out.put("images-count-2^31-1-gz", idx(idxImages(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28, 16),
                false, true));
        out.put("images-negative-dim", idx(idxImages(IdxReader.IMAGES_MAGIC, 2, -1, 4, 8), false, false));
        out.put("images-zero-dim", idx(idxImages(IdxReader.IMAGES_MAGIC, 0, 3, 4, 0), false, false));
        out.put("labels-as-images", idx(labels, false, false));
        out.put("header-only-magic", idx(new byte[] {0, 0, 8, 3}, false, false));
        out.put("empty", idx(new byte[0], true, false));
        byte[] stored = storedGzip(labels);
        out.put("raw-gzip", idx(stored, true, false));
        out.put("raw-gzip-truncated", idx(Arrays.copyOf(stored, stored.length - 6), true, false));
        byte[] badCrc = stored.clone();
        badCrc[badCrc.length - 8] ^= 1;
        out.put("raw-gzip-bad-crc", idx(badCrc, true, false));
        out.put("raw-gzip-trailing", idx(Arrays.copyOf(stored, stored.length + 3), true, false));
        return out;
    }

    /** Seeds of {@link CsvLoaderFuzzTest}, by name. */
    static Map<String, byte[]> csv() {
        var out = new LinkedHashMap<String, byte[]>();
        out.put("plain", csv("1,2,0\n3.5,-4,1\n", 0, false));
        out.put("plain-gz", csv("1,2,0\n3.5,-4,1\n", 0, true));
        out.put("header", csv("a,b,label\n1,2,0\n3,4,1\n", 1, false));
        out.put("label-first-semicolon", csv("0;1e-3;2\n1;NaN;-Infinity\n", 6, false));
        out.put("header-label-first-semicolon-gz", csv("y;a\n2;0.5\n", 7, true));
        out.put("bom-blank-lines-spaces", csv("\uFEFF\n 1 , 2 , 3.0 \n\n4,5,6\r\n", 0, false));
        out.put("inf-nan", csv("inf,NaN,1\n-inf,1e308,2\n", 0, false));
        out.put("not-a-number", csv("1,abc,0\n", 0, false));
        out.put("ragged", csv("1,2,0\n1,0\n", 0, false));
        out.put("negative-label", csv("1,2,-1\n", 0, false));
        out.put("fractional-label", csv("1,2,1.5\n", 0, false));
        out.put("huge-label", csv("1,2,1e30\n", 0, false));
        out.put("empty", csv("", 0, false));
        out.put("header-only", csv("a,b,c\n", 1, false));
        out.put("wide-row", csv("1,".repeat(2000) + "0\n", 0, false));
        out.put("bad-utf8", csv(new byte[] {'1', ',', (byte) 0xC3, '\n'}, 0, false));
        byte[] stored = storedGzip("1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8));
        out.put("raw-gzip", csv(stored, 0, false));
        out.put("raw-gzip-truncated", csv(Arrays.copyOf(stored, 15), 0, false));
        return out;
    }

    /** Gzip as {@link java.util.zip.GZIPOutputStream} writes it. */
    static byte[] gzip(byte[] raw) {
        return IdxFiles.gzip(raw);
    }

    /**
     * Gzip with one stored (uncompressed) deflate block, written byte by byte so the seed does
     * not depend on the zlib version.
     */
    static byte[] storedGzip(byte[] raw) {
        if (raw.length > 0xffff) {
            throw new IllegalArgumentException("one stored block holds at most 65535 bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(raw);
        ByteBuffer b = ByteBuffer.allocate(10 + 5 + raw.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        b.put((byte) 1).putShort((short) raw.length).putShort((short) ~raw.length).put(raw);
        b.putInt((int) crc.getValue()).putInt(raw.length);
        return b.array();
    }

    private static byte[] st(byte[] file, boolean headerOnly) {
        return append(file, headerOnly ? 1 : 0);
    }

    private static byte[] idx(byte[] file, boolean labels, boolean gzip) {
        return append(file, labels ? 1 : 0, gzip ? 1 : 0);
    }

    private static byte[] csv(String text, int settings, boolean gzip) {
        return csv(text.getBytes(StandardCharsets.UTF_8), settings, gzip);
    }

    private static byte[] csv(byte[] file, int settings, boolean gzip) {
        return append(file, settings, gzip ? 1 : 0);
    }

    private static byte[] append(byte[] payload, int... control) {
        byte[] out = Arrays.copyOf(payload, payload.length + control.length);
        for (int i = 0; i < control.length; i++) {
            out[payload.length + i] = (byte) control[i];
        }
        return out;
    }

    private static byte[] stFile(long headerLength, String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(headerLength).put(h).array();
    }

    private static byte[] stFile(String json, int dataBytes, int... data) {
        return stFile(json.getBytes(StandardCharsets.UTF_8), dataBytes, data);
    }

    private static byte[] stFile(byte[] h, int dataBytes, int... data) {
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h);
        for (int d : data) {
            b.put((byte) d);
        }
        return b.array();
    }

    private static byte[] idxImages(int magic, int n, int rows, int cols, int pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels).putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int k = 0; k < pixels; k++) {
            b.put((byte) (k * 37 + 11));
        }
        return b.array();
    }

    private static byte[] idxLabels(int magic, int n, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(n);
        for (int y : labels) {
            b.put((byte) y);
        }
        return b.array();
    }

    private static byte[] resource(String name) {
        try (InputStream in = FuzzSeeds.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
