package jgrad.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds gzip members byte by byte for the tests, with control over the header's length. */
final class GzipMembers {
    private GzipMembers() {}

    /** Raw deflate data of {@code raw}, no header or trailer. */
    static byte[] deflate(byte[] raw) {
        return deflate(raw, Deflater.BEST_COMPRESSION);
    }

    /** Raw deflate data of {@code raw} at a compression level (0 stores the bytes as they are). */
    static byte[] deflate(byte[] raw, int level) {
        Deflater d = new Deflater(level, true);
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * A gzip member of {@code raw} exactly {@code total} bytes long: the header carries an
     * FEXTRA field sized to make up the difference, so the member's end can be placed at any
     * offset, such as a reader's buffer boundary.
     */
    static byte[] ofLength(byte[] raw, int total) {
        byte[] deflated = deflate(raw);
        int extra = total - 10 - 2 - deflated.length - 8;
        if (extra < 0 || extra > 0xFFFF) {
            throw new IllegalArgumentException("cannot pad to " + total + " bytes (deflated " + deflated.length + ")");
        }
        return member(raw, deflated, extra);
    }

    /** A gzip member of {@code raw} whose header has an FEXTRA field of {@code extra} bytes. */
    static byte[] member(byte[] raw, byte[] deflated, int extra) {
        int total = 10 + 2 + extra + deflated.length + 8;
        CRC32 crc = new CRC32();
        crc.update(raw);
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x1f).put((byte) 0x8b).put((byte) 8).put((byte) 4).putInt(0).put((byte) 0).put((byte) 255);
        b.putShort((short) extra).put(new byte[extra]).put(deflated);
        b.putInt((int) crc.getValue()).putInt(raw.length);
        return b.array();
    }
}
