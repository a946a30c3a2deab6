package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line length is capped: an endless line fails at the limit instead of filling the heap. */
class CsvLongLineTest {
    @TempDir
    Path dir;

    private static void assertLongLine(DataFileException e, String name, long line, int limit) {
        assertTrue(e.getMessage().startsWith(name + ":" + line + ": the line is longer than the limit of " + limit
                + " characters"), e.getMessage());
        assertEquals(line, e.line());
    }

    /** The case, scaled: a small gzip file holding one line of 20 million characters. */
    @Test
    void aGzipOfOneVeryLongLineFailsAtTheDefaultLimit() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        byte[] chunk = "1,".repeat(1 << 15).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write("1,2,0\n".getBytes(StandardCharsets.US_ASCII));
            for (long written = 0; written < 20_000_000; written += chunk.length) {
                out.write(chunk);
            }
            out.write("0\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(bos.size() < 200_000, "the file is " + bos.size() + " bytes");
        Path f = dir.resolve("long.csv.gz");
        Files.write(f, bos.toByteArray());
        assertLongLine(assertThrows(DataFileException.class, () -> new CsvReader().read(f)), f.toString(), 2,
                CsvReader.DEFAULT_MAX_LINE_LENGTH);
    }

    /** A line that never ends: the reader stops at the limit, so it neither hangs nor runs out of memory. */
    @Test
    void anEndlessLineFailsWithoutReadingItAll() {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return '7';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) '7');
                served[0] += len;
                return len;
            }
        };
        assertLongLine(assertThrows(DataFileException.class, () -> new CsvReader().read(endless, "endless")),
                "endless", 1, CsvReader.DEFAULT_MAX_LINE_LENGTH);
        assertTrue(served[0] < CsvReader.DEFAULT_MAX_LINE_LENGTH + (1 << 20), "read " + served[0] + " bytes");
    }

    @Test
    void theLimitIsSettableAndCountsCharactersWithoutTheLineBreak() throws IOException {
        CsvReader r = CsvReader.builder().maxLineLength(5).build();
        byte[] ok = "1,2,0\r\n3,4,1\r\n".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new double[] {1, 2, 3, 4}, r.read(new ByteArrayInputStream(ok), "ok").inputs().toArray());
        byte[] bad = "1,2,0\n\n3,4,1\n10,2,0\n".getBytes(StandardCharsets.UTF_8);
        assertLongLine(assertThrows(DataFileException.class, () -> r.read(new ByteArrayInputStream(bad), "bad")),
                "bad", 4, 5);
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().maxLineLength(0));
        assertTrue(r.toString().contains("maxLineLength=5"), r.toString());
    }

    @Test
    void lineBreaksAreTheOnesBufferedReaderKnows() throws IOException {
        byte[] text = "1,2,0\r3,4,1\r\n\n5,6,2".getBytes(StandardCharsets.UTF_8);
        TensorDataset d = new CsvReader().read(new ByteArrayInputStream(text), "t");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.inputs().toArray());
        assertArrayEquals(new double[] {0, 1, 2}, d.targets().toArray());
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(
                new ByteArrayInputStream("1,2,0\r\n\r\n3,x,1\n".getBytes(StandardCharsets.UTF_8)), "n"));
        assertTrue(e.getMessage().startsWith("n:3: "), e.getMessage());
    }
}
