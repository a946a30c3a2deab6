package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip bombs: small files whose header declares (and, for some, whose data really inflates
 * to) more values than the heap can hold fail with a {@link DataFileException} naming the
 * file, the dims and the limit, before the reader allocates or decompresses more than the
 * input justifies. They run in the normal test heap.
 */
class IdxBombTest {
    @TempDir
    Path dir;

    private final LongSupplier realHeap = IdxHeader.maxHeap;

    @AfterEach
    void restoreHeapLimit() {
        IdxHeader.maxHeap = realHeap;
    }

    private static byte[] header(int n, int rows, int cols) {
        return ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols).array();
    }

    /** A gzip of the header followed by {@code zeros} zero bytes, compressed as it is written. */
    private static byte[] bomb(byte[] header, long zeros) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 20];
        try (OutputStream out = new GZIPOutputStream(bos, 1 << 16)) {
            out.write(header);
            for (long left = zeros; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return bos.toByteArray();
    }

    /**
     * The same data as {@link #bomb}, quicker to build for gigabytes: concatenated gzip members
     * (one valid gzip stream), the header's, then one 16 MiB member of zeros repeated, then
     * the rest.
     */
    private static byte[] bigBomb(byte[] header, long zeros) throws IOException {
        int member = 16 << 20;
        byte[] full = bomb(new byte[0], member);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        bos.write(bomb(header, 0));
        long left = zeros;
        for (; left >= member; left -= member) {
            bos.write(full);
        }
        bos.write(bomb(new byte[0], left));
        return bos.toByteArray();
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
        }
    }

    /** The 2 MB bomb: 1 x 46340 x 46340 zeros, within the default maxElements. */
    @Test
    void aTwoMegabyteBombOfRealZerosFailsOnTheHeapCheck() throws IOException {
        long heap = Runtime.getRuntime().maxMemory();
        long values = 46340L * 46340L;
        Assumptions.assumeTrue(heap < 9 * values, "only meaningful with a heap under " + 9 * values + " bytes");
        // the same construction, small enough to load, is valid data
        jgrad.Tensor small = new IdxReader().readImages(new ByteArrayInputStream(
                bigBomb(header(1, 5000, 4000), 20_000_000)), "small");
        assertEquals(20_000_000, small.numel());
        assertTrue(java.util.Arrays.stream(small.storage()).allMatch(v -> v == 0.0));
        byte[] gz = bigBomb(header(1, 46340, 46340), values);
        assertTrue(gz.length < 3 << 20, "bomb is " + gz.length + " bytes");
        Path f = dir.resolve("bomb-idx3-ubyte.gz");
        Files.write(f, gz);
        DataFileException e = assertThrows(DataFileException.class, () -> new IdxReader().readImages(f));
        assertMentions(e, f.toString(), "1 image of 46340 x 46340 pixels", "= " + values + " values",
                "maximum heap of " + heap + " bytes");
    }

    @Test
    void aBombIsRejectedBeforeDecompressingMoreThanOneBuffer() throws IOException {
        IdxHeader.maxHeap = () -> 64L << 20;
        byte[] gz = bomb(header(1, 4096, 4096), 4096 * 4096);
        long[] consumed = {0};
        InputStream counting = new ByteArrayInputStream(gz) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int r = super.read(b, off, len);
                consumed[0] += Math.max(r, 0);
                return r;
            }
        };
        DataFileException e = assertThrows(DataFileException.class,
                () -> new IdxReader().readImages(counting, "zeros.gz"));
        assertMentions(e, "zeros.gz: ", "1 image of 4096 x 4096 pixels", "= 16777216 values",
                "150994944 bytes of heap", "maximum heap of 67108864 bytes");
        assertTrue(consumed[0] <= 2 * DataIO.BUFFER, "read " + consumed[0] + " compressed bytes");
    }

    @Test
    void labelsAreCheckedToo() {
        IdxHeader.maxHeap = () -> 9_000L;
        byte[] labels = ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(1001).array();
        DataFileException e = assertThrows(DataFileException.class,
                () -> new IdxReader().readLabels(new ByteArrayInputStream(IdxFiles.gzip(labels)), "y.gz"));
        assertMentions(e, "y.gz: ", "1001 labels", "maximum heap of 9000 bytes");
        byte[] fits = IdxFiles.labels(1000);
        assertEquals(1000, assertDoesNotThrow(fits).numel());
    }

    private static jgrad.Tensor assertDoesNotThrow(byte[] labels) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(
                () -> new IdxReader().readLabels(new ByteArrayInputStream(labels), "ok"));
    }

    /**
     * With the heap check out of the way, a header declaring 1 x 46340 x 46340 followed by a
     * few bytes still allocates only what was read: it fails as truncated, not out of memory.
     */
    @Test
    void aForgedHeaderWithFewBytesFailsAsTruncatedWithoutAllocatingTheDeclaredSize() throws IOException {
        IdxHeader.maxHeap = () -> Long.MAX_VALUE;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write(header(1, 46340, 46340));
        raw.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
        Path f = dir.resolve("forged.gz");
        Files.write(f, IdxFiles.gzip(raw.toByteArray()));
        DataFileException e = assertThrows(DataFileException.class, () -> new IdxReader().readImages(f));
        assertMentions(e, f.toString(), "ends after 7 of 2147395600 bytes", "truncated");
    }
}
