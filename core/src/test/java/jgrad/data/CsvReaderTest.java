package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import jgrad.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bos)) {
            out.write(raw);
        }
        return bos.toByteArray();
    }

    @Test
    void readsFeaturesAndLastColumnLabels() throws IOException {
        TensorDataset d = new CsvReader().read(write("a.csv", "1,2,3,0\n4.5,-5,6e1,2\n"));
        assertArrayEquals(new int[] {2, 3}, d.inputs().shape());
        assertEquals(DType.FLOAT64, d.inputs().dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4.5, -5, 60}, d.inputs().toArray());
        assertArrayEquals(new int[] {2}, d.targets().shape());
        assertEquals(DType.INT64, d.targets().dtype());
        assertArrayEquals(new double[] {0, 2}, d.targets().toArray());
    }

    @Test
    void headerFirstColumnLabelDelimiterAndBlankLines() throws IOException {
        String text = "\uFEFFlabel;x;y\r\n3;0.5;1\r\n\r\n  1 ; 2 ;3  \r\n   \n";
        CsvReader r = CsvReader.builder().header(true).labelColumn(0).delimiter(';').build();
        TensorDataset d = r.read(write("b.csv", text));
        assertArrayEquals(new double[] {0.5, 1, 2, 3}, d.inputs().toArray());
        assertArrayEquals(new double[] {3, 1}, d.targets().toArray());
    }

    @Test
    void negativeLabelColumnCountsFromTheEnd() throws IOException {
        TensorDataset d = CsvReader.builder().labelColumn(-2).build().read(write("c.csv", "1,7,2\n3,8.0,4\n"));
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.inputs().toArray());
        assertArrayEquals(new double[] {7, 8}, d.targets().toArray());
    }

    @Test
    void tabsNanAndInfinity() throws IOException {
        TensorDataset d = CsvReader.builder().delimiter('\t').build()
                .read(write("t.tsv", "NaN\t-inf\t1\nInfinity\t1E-3\t0\n"));
        double[] x = d.inputs().toArray();
        assertTrue(Double.isNaN(x[0]));
        assertEquals(Double.NEGATIVE_INFINITY, x[1]);
        assertEquals(Double.POSITIVE_INFINITY, x[2]);
        assertEquals(1e-3, x[3]);
    }

    @Test
    void gzipIsDetectedByContentNotName() throws IOException {
        byte[] gz = gzip("1,2,1\n3,4,0\n".getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("no-extension");
        Files.write(p, gz);
        TensorDataset d = new CsvReader().read(p);
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.inputs().toArray());
        Path q = dir.resolve("plain.csv.gz");
        Files.writeString(q, "5,6,1\n");
        assertArrayEquals(new double[] {5, 6}, new CsvReader().read(q).inputs().toArray());
        TensorDataset s = new CsvReader().read(new ByteArrayInputStream(gz), "stream.csv.gz");
        assertArrayEquals(new double[] {1, 0}, s.targets().toArray());
    }

    @Test
    void manyRowsGrowTheBuffers() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(',').append(-i).append(',').append(i % 10).append('\n');
        }
        TensorDataset d = new CsvReader().read(write("big.csv", sb.toString()));
        assertArrayEquals(new int[] {5000, 2}, d.inputs().shape());
        assertEquals(-4999, d.inputs().get(4999, 1));
        assertEquals(9, d.targets().get(4999));
    }

    /** Reads a bad file and returns the error, checking it names the file. */
    DataFileException bad(String text, CsvReader reader) throws IOException {
        Path p = write("bad.csv", text);
        DataFileException e = assertThrows(DataFileException.class, () -> reader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertEquals(p.toString(), e.source());
        return e;
    }

    DataFileException bad(String text) throws IOException {
        return bad(text, new CsvReader());
    }

    static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should mention \"" + part + "\"");
        }
    }

    @Test
    void nonNumericValueNamesLineColumnAndValue() throws IOException {
        DataFileException e = bad("1,2,0\n3,abc,1\n");
        assertEquals(2, e.line());
        assertMentions(e, ":2:", "column 2", "\"abc\"", "not a number");
        assertMentions(bad("1,0x10,0\n"), ":1:", "\"0x10\"");
        assertMentions(bad("1,2f,0\n"), "\"2f\"");
        assertMentions(bad("1,,0\n"), ":1:", "column 2", "empty");
    }

    @Test
    void wrongColumnCount() throws IOException {
        DataFileException e = bad("# comment-free header\n1,2,0\n\n3,4,5,1\n", CsvReader.builder().header(true).build());
        assertEquals(4, e.line());
        assertMentions(e, ":4:", "found 4 columns", "expected 3", "line 2");
        assertMentions(bad("1,2,0\n3\n"), ":2:", "found 1 column");
        assertMentions(bad("1;2;3\n"), ":1:", "wrong delimiter");
    }

    @Test
    void badLabels() throws IOException {
        assertMentions(bad("1,2,0\n3,4,2.5\n"), ":2:", "column 3", "\"2.5\"", "not an integer");
        assertMentions(bad("1,2,-1\n"), ":1:", "\"-1\"", "negative");
        assertMentions(bad("1,2,cat\n"), ":1:", "\"cat\"", "not an integer");
        assertMentions(bad("1,2,NaN\n"), "not an integer");
        assertMentions(bad("1,2,inf\n"), "not an integer");
        assertMentions(bad("1,2,1e12\n"), "too large");
        assertMentions(bad("1,2,\n"), "label", "empty");
    }

    @Test
    void emptyFilesAndBadLabelColumn() throws IOException {
        assertMentions(bad(""), "no data lines", "empty");
        assertMentions(bad("a,b,c\n", CsvReader.builder().header(true).build()), "no data lines", "header");
        assertMentions(bad("\n\n"), "no data lines");
        assertMentions(bad("1,2,3\n", CsvReader.builder().labelColumn(3).build()), "label column 3", "3 columns");
        assertMentions(bad("1,2,3\n", CsvReader.builder().labelColumn(-4).build()), "label column -4");
    }

    @Test
    void truncatedOrCorruptGzip() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append(i * 31 % 97).append(',').append(i % 7).append('\n');
        }
        byte[] gz = gzip(sb.toString().getBytes(StandardCharsets.UTF_8));
        Path p = dir.resolve("cut.csv.gz");
        Files.write(p, Arrays.copyOf(gz, gz.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader().read(p));
        assertMentions(e, p.toString(), "gzip");
        byte[] flipped = gz.clone();
        flipped[gz.length - 6] ^= 0x5a; // the CRC / size trailer
        Files.write(p, flipped);
        assertMentions(assertThrows(DataFileException.class, () -> new CsvReader().read(p)), "gzip");
        DataFileException onlyMagic = assertThrows(DataFileException.class,
                () -> new CsvReader().read(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b}), "m.gz"));
        assertMentions(onlyMagic, "m.gz", "gzip");
    }

    @Test
    void streamErrorsUseTheGivenName() throws IOException {
        DataFileException e = assertThrows(DataFileException.class, () -> new CsvReader()
                .read(new ByteArrayInputStream("1,2,x\n".getBytes(StandardCharsets.UTF_8)), "classpath:x.csv"));
        assertTrue(e.getMessage().startsWith("classpath:x.csv:1: "), e.getMessage());
    }

    @Test
    void badSettings() {
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('.'));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('e'));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('\n'));
        assertThrows(IllegalArgumentException.class, () -> CsvReader.builder().delimiter('5'));
    }
}
