package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes after the end of gzip data are rejected wherever they fall, in particular when the
 * gzip trailer ends exactly where a read buffer is refilled and fewer bytes follow than a gzip
 * header (10) — the case {@code GZIPInputStream} swallows silently.
 */
class GzipTrailingBytesTest {
    @TempDir
    Path dir;

    private static final byte[] IMAGES = IdxFiles.images(3, 4, 5);

    private static byte[] withJunk(byte[] gz, int junk) {
        byte[] out = Arrays.copyOf(gz, gz.length + junk);
        for (int i = gz.length; i < out.length; i++) {
            out[i] = (byte) (0x41 + i % 7);
        }
        return out;
    }

    /**
     * A stream that returns its bytes in two reads split at {@code split}, then one at a time;
     * {@code available()} reports what is left, or 0 when {@code silent}.
     */
    private static InputStream splitAt(byte[] data, int split, boolean silent) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                if (pos < split) {
                    len = Math.min(len, split - pos);
                } else {
                    len = Math.min(len, 1);
                }
                return super.read(b, off, len);
            }

            @Override
            public synchronized int available() {
                return silent ? 0 : super.available();
            }
        };
    }

    private static void assertTrailingError(String name, DataFileException e) {
        assertTrue(e.getMessage().startsWith(name + ": ") && e.getMessage().contains("after the end of the gzip data"),
                e.getMessage());
    }

    @Test
    void junkRightAfterATrailerThatEndsAtABufferBoundaryIsRejected() throws IOException {
        for (int total : new int[] {DataIO.BUFFER, DataIO.BUFFER - 4, DataIO.BUFFER + 8}) {
            byte[] gz = GzipMembers.ofLength(IMAGES, total);
            Path clean = dir.resolve("clean.gz");
            Files.write(clean, gz);
            assertArrayEquals(new IdxReader().readImages(new ByteArrayInputStream(IMAGES), "raw").storage(),
                    new IdxReader().readImages(clean).storage());
            for (int junk = 1; junk <= 12; junk++) {
                Path f = dir.resolve("junk" + total + "-" + junk + ".gz");
                Files.write(f, withJunk(gz, junk));
                assertTrailingError(f.toString(), assertThrows(DataFileException.class,
                        () -> new IdxReader().readImages(f), "total " + total + ", junk " + junk));
            }
        }
    }

    /**
     * The reader's first buffer of compressed data holds exactly the deflate data and the
     * trailer (stored blocks make its length exact), so the junk arrives only with the next
     * refill: the layout that let fewer than 10 junk bytes through before.
     */
    @Test
    void junkStartingExactlyAtARefillIsRejected() throws IOException {
        byte[] raw = null;
        byte[] deflated = null;
        for (int cols = DataIO.BUFFER - 200; deflated == null || deflated.length != DataIO.BUFFER - 8; cols++) {
            raw = IdxFiles.images(1, 1, cols);
            deflated = GzipMembers.deflate(raw, 0);
            assertTrue(deflated.length <= DataIO.BUFFER - 8, "no length fits");
        }
        for (int extra : new int[] {0, 1, 100}) {
            byte[] gz = GzipMembers.member(raw, deflated, extra);
            Path clean = dir.resolve("refill" + extra + ".gz");
            Files.write(clean, gz);
            assertEquals(raw.length - 16, new IdxReader().readImages(clean).numel());
            for (int junk = 1; junk <= 12; junk++) {
                Path f = dir.resolve("refill" + extra + "-" + junk + ".gz");
                Files.write(f, withJunk(gz, junk));
                assertTrailingError(f.toString(), assertThrows(DataFileException.class,
                        () -> new IdxReader().readImages(f), "extra " + extra + ", junk " + junk));
            }
        }
    }

    @Test
    void junkIsRejectedWhereverTheStreamSplitsItsReads() {
        byte[] gz = IdxFiles.gzip(IMAGES);
        for (int junk = 1; junk <= 12; junk++) {
            byte[] bad = withJunk(gz, junk);
            for (int split = gz.length - 30; split <= bad.length; split++) {
                for (boolean silent : new boolean[] {false, true}) {
                    InputStream in = splitAt(bad, split, silent);
                    assertTrailingError("s", assertThrows(DataFileException.class,
                            () -> new IdxReader().readImages(in, "s"), "junk " + junk + ", split " + split));
                }
            }
        }
    }

    @Test
    void csvInputIsCheckedTheSameWay() throws IOException {
        byte[] csv = "1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] gz = GzipMembers.ofLength(csv, DataIO.BUFFER);
        assertEquals(2, new CsvReader().read(new ByteArrayInputStream(gz), "c").size());
        for (int junk = 1; junk <= 12; junk++) {
            byte[] bad = withJunk(gz, junk);
            assertTrailingError("c", assertThrows(DataFileException.class,
                    () -> new CsvReader().read(new ByteArrayInputStream(bad), "c")));
        }
    }

    @Test
    void concatenatedMembersAreOneValidStream() throws IOException {
        byte[] a = IdxFiles.gzip(Arrays.copyOf(IMAGES, 20));
        byte[] b = GzipMembers.ofLength(Arrays.copyOfRange(IMAGES, 20, IMAGES.length), 300);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(a);
        both.write(b);
        Tensor x = new IdxReader().readImages(splitAt(both.toByteArray(), a.length, false), "two");
        assertArrayEquals(new IdxReader().readImages(new ByteArrayInputStream(IMAGES), "raw").storage(), x.storage());
        byte[] bad = withJunk(both.toByteArray(), 3);
        assertTrailingError("two", assertThrows(DataFileException.class,
                () -> new IdxReader().readImages(new ByteArrayInputStream(bad), "two")));
    }

    @Test
    void aCorruptSecondMemberIsAnError() {
        byte[] a = IdxFiles.gzip(Arrays.copyOf(IMAGES, 20));
        byte[] b = IdxFiles.gzip(Arrays.copyOfRange(IMAGES, 20, IMAGES.length));
        b[b.length - 5] ^= 1; // its length field
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        DataFileException e = assertThrows(DataFileException.class,
                () -> new IdxReader().readImages(new ByteArrayInputStream(both), "two"));
        assertTrue(e.getMessage().startsWith("two: ") && e.getMessage().contains("gzip"), e.getMessage());
    }
}
