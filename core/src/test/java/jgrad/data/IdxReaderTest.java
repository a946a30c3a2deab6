package jgrad.data;

import static jgrad.data.CsvReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    /** Runs a read that must fail quickly with a DataFileException naming the file. */
    static DataFileException fails(String name, Executable read) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            DataFileException e = assertThrows(DataFileException.class, read);
            assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
            return e;
        });
    }

    @Test
    void readsImagesFlattenedAndScaled() throws IOException {
        byte[] raw = IdxFiles.images(3, 2, 4);
        Tensor x = new IdxReader().readImages(file("img", raw));
        assertArrayEquals(new int[] {3, 8}, x.shape());
        assertEquals(DType.FLOAT64, x.dtype());
        for (int k = 0; k < 24; k++) {
            assertEquals(((k * 37 + 11) & 0xFF) / 255.0, x.storage()[k], 1e-15);
        }
        double max = Arrays.stream(x.storage()).max().orElseThrow();
        assertTrue(max <= 1.0);
    }

    @Test
    void readsImagesUnflattenedUnscaled() throws IOException {
        byte[] raw = IdxFiles.images(2, 3, 5);
        Tensor x = IdxReader.builder().flatten(false).scale(false).build().readImages(stream(raw), "mem");
        assertArrayEquals(new int[] {2, 3, 5}, x.shape());
        assertEquals((1 * 15 + 2 * 5 + 4) * 37 + 11 & 0xFF, (int) x.get(1, 2, 4));
    }

    @Test
    void readsLabelsAndPairs() throws IOException {
        Tensor y = new IdxReader().readLabels(file("lab", IdxFiles.labels(12)));
        assertArrayEquals(new int[] {12}, y.shape());
        assertEquals(DType.INT64, y.dtype());
        assertEquals(9, y.get(9));
        assertEquals(1, y.get(11));
        TensorDataset d = IdxReader.builder().numClasses(10).build()
                .read(file("i.gz", IdxFiles.images(12, 2, 2)), file("l.gz", IdxFiles.labels(12)));
        assertEquals(12, d.size());
        assertArrayEquals(new int[] {12, 4}, d.inputs().shape());
        TensorDataset empty = new IdxReader().read(stream(IdxFiles.images(0, 28, 28)), "i",
                stream(IdxFiles.labels(0)), "l");
        assertArrayEquals(new int[] {0, 784}, empty.inputs().shape());
    }

    @Test
    void gzipIsDetectedByMagicNotByName() throws IOException {
        byte[] raw = IdxFiles.images(4, 3, 3);
        Tensor plain = new IdxReader().readImages(file("plain.gz", raw));
        Tensor gz = new IdxReader().readImages(file("compressed.idx", IdxFiles.gzip(raw)));
        assertArrayEquals(plain.toArray(), gz.toArray());
        Tensor gzStream = new IdxReader().readImages(stream(IdxFiles.gzip(raw)), "s");
        assertArrayEquals(plain.toArray(), gzStream.toArray());
        Tensor y = new IdxReader().readLabels(stream(IdxFiles.gzip(IdxFiles.labels(5))), "y");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, y.toArray());
    }

    @Test
    void largeImagesFileSpanningSeveralChunks() throws IOException {
        int n = 2000; // 2000 * 28 * 28 = 1.5 MiB, more than one read chunk
        byte[] raw = IdxFiles.images(n, 28, 28);
        Tensor x = new IdxReader().readImages(stream(IdxFiles.gzip(raw)), "big");
        assertArrayEquals(new int[] {n, 784}, x.shape());
        int k = n * 784 - 1;
        assertEquals(((k * 37 + 11) & 0xFF) / 255.0, x.storage()[k], 1e-15);
    }

    // ---------------------------------------------------------------- bad files

    @Test
    void emptyAndTruncatedHeader() throws IOException {
        Path empty = file("empty", new byte[0]);
        assertMentions(fails(empty.toString(), () -> new IdxReader().readImages(empty)), "empty");
        Path two = file("two", new byte[] {0, 0});
        assertMentions(fails(two.toString(), () -> new IdxReader().readImages(two)), "after 2 bytes", "magic");
        Path cut = file("cut", Arrays.copyOf(IdxFiles.images(1, 2, 2), 10));
        assertMentions(fails(cut.toString(), () -> new IdxReader().readImages(cut)), "after 10 bytes", "16-byte header");
        Path cutLabels = file("cutl", Arrays.copyOf(IdxFiles.labels(3), 6));
        assertMentions(fails(cutLabels.toString(), () -> new IdxReader().readLabels(cutLabels)), "8-byte header");
    }

    @Test
    void wrongMagicNumbers() throws IOException {
        Path labels = file("labels", IdxFiles.labels(4));
        assertMentions(fails(labels.toString(), () -> new IdxReader().readImages(labels)),
                "wrong magic number 0x00000801", "expected 0x00000803", "labels file");
        Path images = file("images", IdxFiles.images(1, 1, 1));
        assertMentions(fails(images.toString(), () -> new IdxReader().readLabels(images)),
                "0x00000803", "expected 0x00000801", "images file");
        Path floats = file("floats", IdxFiles.images(0x00000D03, 1, 1, 1, new byte[4]));
        assertMentions(fails(floats.toString(), () -> new IdxReader().readImages(floats)), "float", "not supported");
        Path text = file("text", "hello world, not idx".getBytes());
        assertMentions(fails(text.toString(), () -> new IdxReader().readImages(text)), "not an IDX file");
    }

    @Test
    void forgedHeaderClaiming2to31ImagesIn100ByteFileFailsFast() throws IOException {
        byte[] forged = Arrays.copyOf(IdxFiles.images(IdxReader.IMAGES_MAGIC, 0x80000000, 28, 28, new byte[0]), 100);
        Path p = file("forged", forged);
        assertMentions(fails(p.toString(), () -> new IdxReader().readImages(p)), "2147483648", "forged");
        assertMentions(fails("s", () -> new IdxReader().readImages(stream(forged), "s")), "2147483648");
        assertMentions(fails("g", () -> new IdxReader().readImages(stream(IdxFiles.gzip(forged)), "g")),
                "2147483648");
    }

    @Test
    void forgedHeaderBelowTheDimLimitFailsBeforeAllocating() throws IOException {
        // 2^31 - 1 images of 28 x 28: each dim fits an int but the total does not
        byte[] tooMany = Arrays.copyOf(IdxFiles.images(IdxReader.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28,
                new byte[0]), 100);
        assertMentions(fails("t", () -> new IdxReader().readImages(stream(tooMany), "t")), "more than the maximum");
        // 2 billion 1 x 1 images: allowed by the maximum, refuted by the file size before allocating
        byte[] sized = Arrays.copyOf(IdxFiles.images(IdxReader.IMAGES_MAGIC, 2_000_000_000, 1, 1, new byte[0]), 100);
        Path p = file("sized", sized);
        assertMentions(fails(p.toString(), () -> new IdxReader().readImages(p)),
                "2000000016 bytes", "only 100", "forged header");
        // the same in a stream or gzip: the heap check (IdxBombTest) would refuse it, but even
        // without it the data is read in bounded chunks and fails at the early end
        var realHeap = IdxHeader.maxHeap;
        IdxHeader.maxHeap = () -> Long.MAX_VALUE;
        try {
            assertMentions(fails("s", () -> new IdxReader().readImages(stream(sized), "s")),
                    "ends after 84 of 2000000000 bytes");
            assertMentions(fails("g", () -> new IdxReader().readImages(stream(IdxFiles.gzip(sized)), "g")),
                    "ends after 84 of 2000000000 bytes", "decompression");
        } finally {
            IdxHeader.maxHeap = realHeap;
        }
        assertMentions(fails("s", () -> new IdxReader().readImages(stream(sized), "s")),
                "2000000000 values", "maximum heap");
        byte[] labels = Arrays.copyOf(IdxFiles.labels(IdxReader.LABELS_MAGIC, -1, new byte[0]), 100);
        assertMentions(fails("l", () -> new IdxReader().readLabels(stream(labels), "l")), "4294967295");
    }

    @Test
    void countsThatDisagreeWithTheSize() throws IOException {
        byte[] good = IdxFiles.images(3, 4, 4);
        Path shortFile = file("short", Arrays.copyOf(good, good.length - 1));
        assertMentions(fails(shortFile.toString(), () -> new IdxReader().readImages(shortFile)),
                "3 images of 4 x 4 pixels", "64 bytes", "only 63");
        Path longFile = file("long", Arrays.copyOf(good, good.length + 5));
        assertMentions(fails(longFile.toString(), () -> new IdxReader().readImages(longFile)), "5 unexpected bytes");
        assertMentions(fails("s", () -> new IdxReader().readImages(stream(Arrays.copyOf(good, good.length - 1)), "s")),
                "ends after 47 of 48 bytes");
        assertMentions(fails("s", () -> new IdxReader().readImages(stream(Arrays.copyOf(good, good.length + 1)), "s")),
                "unexpected data after");
        byte[] labels = IdxFiles.labels(5);
        Path shortLabels = file("shortl", Arrays.copyOf(labels, labels.length - 2));
        assertMentions(fails(shortLabels.toString(), () -> new IdxReader().readLabels(shortLabels)), "5 labels");
        assertMentions(fails("g", () -> new IdxReader().readLabels(stream(IdxFiles.gzip(Arrays.copyOf(labels,
                labels.length + 3))), "g")), "unexpected data after");
    }

    @Test
    void zeroRowsOrCols() throws IOException {
        Path p = file("zero", IdxFiles.images(IdxReader.IMAGES_MAGIC, 2, 0, 5, new byte[0]));
        assertMentions(fails(p.toString(), () -> new IdxReader().readImages(p)), "rows and cols must be >= 1");
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        Path x = file("x", IdxFiles.images(4, 2, 2));
        Path y = file("y", IdxFiles.labels(5));
        DataFileException e = fails(x.toString(), () -> new IdxReader().read(x, y));
        assertMentions(e, "4 images", y.toString(), "5 labels");
    }

    @Test
    void labelOutsideTheDeclaredClasses() throws IOException {
        Path y = file("y", IdxFiles.labels(IdxReader.LABELS_MAGIC, 3, new byte[] {1, 7, (byte) 200}));
        IdxReader five = IdxReader.builder().numClasses(5).build();
        assertMentions(fails(y.toString(), () -> five.readLabels(y)), "label 1 is 7", "5 declared classes");
        Tensor unchecked = new IdxReader().readLabels(y);
        assertEquals(200, unchecked.get(2));
        assertMentions(fails(y.toString(), () -> IdxReader.builder().numClasses(10).build().readLabels(y)),
                "label 2 is 200");
    }

    @Test
    void truncatedAndCorruptGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(50, 10, 10));
        Path cut = file("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertMentions(fails(cut.toString(), () -> new IdxReader().readImages(cut)), "gzip");
        Path cutEnd = file("cutend.gz", Arrays.copyOf(gz, gz.length - 4)); // data complete, trailer cut
        assertMentions(fails(cutEnd.toString(), () -> new IdxReader().readImages(cutEnd)), "gzip");
        byte[] crc = gz.clone();
        crc[gz.length - 8] ^= 1;
        Path badCrc = file("crc.gz", crc);
        assertMentions(fails(badCrc.toString(), () -> new IdxReader().readImages(badCrc)), "gzip");
        Path header = file("hdr.gz", Arrays.copyOf(gz, 5));
        assertMentions(fails(header.toString(), () -> new IdxReader().readImages(header)), "gzip");
    }

    @Test
    void maxElementsSetting() throws IOException {
        IdxReader small = IdxReader.builder().maxElements(10).build();
        assertMentions(fails("m", () -> small.readImages(stream(IdxFiles.images(3, 2, 2)), "m")),
                "12 values", "maximum of 10");
        assertEquals(2, small.readImages(stream(IdxFiles.images(2, 2, 2)), "m").size(0));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.builder().maxElements(0));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.builder().maxElements(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> IdxReader.builder().numClasses(0));
    }

    @Test
    void streamsAreNotClosed() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(IdxFiles.gzip(IdxFiles.labels(3))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        new IdxReader().readLabels(in, "y");
        assertTrue(!closed[0]);
    }

    /**
     * Fuzzing as a plain seeded JUnit loop: damaged
     * input (changed bytes, often in the header; truncation; appended bytes; plain or gzipped)
     * reads consistently or fails with a DataFileException, never anything else.
     */
    @Test
    void seededFuzzOfDamagedInputOnlyThrowsDataFileException() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2024);
        IdxReader reader = IdxReader.builder().numClasses(10).maxElements(1 << 20).build();
        int failures = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = rng.nextInt(5);
            boolean images = rng.nextBoolean();
            byte[] b = images ? IdxFiles.images(n, 1 + rng.nextInt(4), 1 + rng.nextInt(4)) : IdxFiles.labels(n);
            boolean gzip = rng.nextBoolean();
            boolean damageCompressed = gzip && rng.nextBoolean();
            if (gzip && damageCompressed) {
                b = IdxFiles.gzip(b);
            }
            int pokes = rng.nextInt(4);
            for (int k = 0; k < pokes && b.length > 0; k++) {
                int pos = rng.nextBoolean() ? rng.nextInt(Math.min(b.length, 16)) : rng.nextInt(b.length);
                b[pos] = (byte) rng.nextInt(256);
            }
            int change = rng.nextInt(3);
            if (change == 1) {
                b = Arrays.copyOf(b, rng.nextInt(b.length + 1));
            } else if (change == 2) {
                b = Arrays.copyOf(b, b.length + 1 + rng.nextInt(3));
            }
            if (gzip && !damageCompressed) {
                b = IdxFiles.gzip(b);
            }
            byte[] input = b;
            try {
                Tensor t = images ? reader.readImages(stream(input), "fuzz") : reader.readLabels(stream(input), "fuzz");
                assertEquals(images ? 2 : 1, t.dim());
                assertTrue(t.numel() <= input.length * 1032L, "no more values than the input could hold");
            } catch (DataFileException expected) {
                failures++;
                assertTrue(expected.getMessage().startsWith("fuzz: "), expected.getMessage());
            } catch (Exception | Error other) {
                throw new AssertionError("trial " + trial + ": undocumented " + other + " for "
                        + Arrays.toString(input), other);
            }
        }
        assertTrue(failures > 500, "the damage should usually be detected, was " + failures);
    }

    @Test
    void headerIntsAreBigEndian() {
        assertEquals(0x00000803, ByteBuffer.wrap(IdxFiles.images(1, 1, 1)).getInt());
    }

    @Test
    void trailingBytesAfterGzipDataAreRejectedNamingTheFile() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(3, 2, 2));
        byte[] bad = java.util.Arrays.copyOf(gz, gz.length + 12);
        java.util.Arrays.fill(bad, gz.length, bad.length, (byte) 0x5A);
        Path f = file("junk.gz", bad);
        DataFileException e = org.junit.jupiter.api.Assertions.assertThrows(DataFileException.class,
                () -> new IdxReader().readImages(f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(f.toString())
                && e.getMessage().contains("after the end of the gzip data"), e.getMessage());
    }
}
