package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The CSV reader's fuzz target, as a plain seeded JUnit loop: damaged input (changed bytes,
 * some from CSV's own alphabet; truncation; appended bytes; plain or gzipped, damaged before or
 * after compression) reads into consistent tensors or fails with a {@link DataFileException}
 * naming the input, never anything else.
 */
class CsvFuzzTest {
    private static final byte[] ALPHABET = "0123456789,;.-+eE \t\r\nNaInf\uFEFF\u00e9".getBytes(StandardCharsets.UTF_8);

    @Test
    void seededFuzzOfDamagedInputOnlyThrowsDataFileException() {
        SplittableRandom rng = new SplittableRandom(19);
        CsvReader[] readers = {new CsvReader(), CsvReader.builder().header(true).labelColumn(0).build(),
            CsvReader.builder().delimiter(';').maxLineLength(24).build()};
        int failures = 0;
        int loaded = 0;
        for (int trial = 0; trial < 4000; trial++) {
            StringBuilder sb = new StringBuilder();
            int rows = rng.nextInt(6);
            int cols = 2 + rng.nextInt(3);
            CsvReader reader = readers[rng.nextInt(readers.length)];
            char delim = reader == readers[2] ? ';' : ',';
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    sb.append(c > 0 ? String.valueOf(delim) : "").append(rng.nextInt(4) == 0 ? rng.nextDouble() : rng.nextInt(5));
                }
                sb.append(rng.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            boolean gzip = rng.nextBoolean();
            boolean damageCompressed = gzip && rng.nextBoolean();
            if (damageCompressed) {
                b = IdxFiles.gzip(b);
            }
            int pokes = rng.nextInt(4);
            for (int k = 0; k < pokes && b.length > 0; k++) {
                b[rng.nextInt(b.length)] = rng.nextBoolean() ? (byte) rng.nextInt(256) : ALPHABET[rng.nextInt(ALPHABET.length)];
            }
            int change = rng.nextInt(3);
            if (change == 1) {
                b = Arrays.copyOf(b, rng.nextInt(b.length + 1));
            } else if (change == 2) {
                b = Arrays.copyOf(b, b.length + 1 + rng.nextInt(12));
            }
            if (gzip && !damageCompressed) {
                b = IdxFiles.gzip(b);
            }
            byte[] input = b;
            try {
                TensorDataset d = reader.read(new ByteArrayInputStream(input), "fuzz");
                loaded++;
                assertEquals(2, d.inputs().dim());
                assertEquals(d.inputs().shape()[0], d.targets().numel());
                assertTrue(d.inputs().numel() <= input.length * 1032L, "no more values than the input could hold");
            } catch (DataFileException expected) {
                failures++;
                assertTrue(expected.getMessage().startsWith("fuzz"), expected.getMessage());
            } catch (Exception | Error other) {
                throw new AssertionError("trial " + trial + ": undocumented " + other + " for "
                        + Arrays.toString(input), other);
            }
        }
        assertTrue(failures > 500 && loaded > 100, failures + " failed, " + loaded + " loaded");
    }
}
