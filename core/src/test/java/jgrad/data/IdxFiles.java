package jgrad.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files in memory for the tests. */
public final class IdxFiles {
    private IdxFiles() {}

    /** An images file: header (magic, n, rows, cols) then the pixels. */
    static byte[] images(int magic, int n, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** A valid images file whose pixel k has value (k * 37 + 11) mod 256. */
    static byte[] images(int n, int rows, int cols) {
        byte[] px = new byte[n * rows * cols];
        for (int k = 0; k < px.length; k++) {
            px[k] = (byte) (k * 37 + 11);
        }
        return images(IdxReader.IMAGES_MAGIC, n, rows, cols, px);
    }

    /** A labels file: header (magic, n) then the labels. */
    static byte[] labels(int magic, int n, byte[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(n).put(labels);
        return b.array();
    }

    /** A valid labels file with labels i mod 10. */
    static byte[] labels(int n) {
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            y[i] = (byte) (i % 10);
        }
        return labels(IdxReader.LABELS_MAGIC, n, y);
    }

    /**
     * Gzip as {@link GZIPOutputStream} writes it (also used by the fuzz targets in {@code jgrad.fuzz}).
     *
     * @param raw the bytes to compress
     * @return the gzip stream
     */
    public static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bos)) {
                out.write(raw);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
