package jgrad.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builders for hand-made safetensors byte strings, and test resources. */
final class Bytes {
    private Bytes() {}

    /** A file: 8-byte little-endian {@code n}, then the header bytes, then the data. */
    static byte[] file(long n, byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(n).put(header).put(data).array();
    }

    /** A file whose length field matches the (UTF-8) header exactly. */
    static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return file(h.length, h, data);
    }

    /** A file with a header given as raw bytes and a matching length. */
    static byte[] file(byte[] header, byte[] data) {
        return file(header.length, header, data);
    }

    /** Little-endian float64 values. */
    static byte[] f64(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putLong(Double.doubleToRawLongBits(d));
        }
        return b.array();
    }

    /** Little-endian int64 values. */
    static byte[] i64(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long d : v) {
            b.putLong(d);
        }
        return b.array();
    }

    /** Little-endian float32 values. */
    static byte[] f32(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float d : v) {
            b.putFloat(d);
        }
        return b.array();
    }

    /** {@code n} zero bytes. */
    static byte[] zeros(int n) {
        return new byte[n];
    }

    /** A classpath resource under {@code /io/}. */
    static byte[] resource(String name) {
        try (InputStream in = Bytes.class.getResourceAsStream("/io/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /io/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A classpath text resource under {@code /io/}. */
    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
