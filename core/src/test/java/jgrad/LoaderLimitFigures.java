package jgrad;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import jgrad.data.CsvReader;
import jgrad.data.IdxReader;
import jgrad.io.SafeTensors;

/**
 * Reproduces the heap and time figures quoted in docs/08-moving-models-to-pytorch.md and in
 * {@code SafeTensorsReader}'s javadoc: writes the hostile files to a temporary directory and
 * loads each in a child JVM with a given {@code -Xmx}, printing whether it loaded, was refused
 * (with the loader's message) or ran out of memory, and how long the load took. Not a test (it
 * needs up to 1 GB of heap per child); run it with
 * <pre>
 * ./mvnw -B -ntp -o -q -pl core test-compile
 * java -cp core/target/test-classes:core/target/classes jgrad.LoaderLimitFigures
 * </pre>
 */
public final class LoaderLimitFigures {
    private LoaderLimitFigures() {}

    /**
     * Without arguments: writes the files and runs every case. With {@code load KIND FILE}: the
     * child's side, which loads FILE once and prints the outcome.
     *
     * @param args nothing, or {@code load safetensors|idx|csv FILE}
     * @throws Exception when a file cannot be written or a child cannot be started
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("load")) {
            System.out.println(load(args[1], Path.of(args[2])));
            return;
        }
        Path dir = Files.createTempDirectory("jgrad-limits");
        try {
            Path ascii = dir.resolve("ascii-header.safetensors");
            header(ascii, metadataHeader(""), 8);
            Path cjk = dir.resolve("cjk-header.safetensors");
            header(cjk, metadataHeader("\u4e2d"), 8);
            Path empties = dir.resolve("empty-tensors.safetensors");
            int count = header(empties, emptyTensorsHeader(List.of(0)), 0);
            Path deep = dir.resolve("empty-64-dim-tensors.safetensors");
            List<Integer> dims64 = new ArrayList<>(Collections.nCopies(64, 1));
            dims64.set(0, 0);
            int deepCount = header(deep, emptyTensorsHeader(dims64), 0);
            Path idx = dir.resolve("huge-image.idx.gz");
            hugeImage(idx);
            Path csv = dir.resolve("endless-line.csv.gz");
            endlessLine(csv);
            System.out.println("100 MB header, one ASCII metadata string:");
            run("320m", "safetensors", ascii);
            run("256m", "safetensors", ascii);
            System.out.println("100 MB header, one ASCII metadata string ending in one CJK character:");
            run("576m", "safetensors", cjk);
            System.out.println("100 MB header of " + count + " empty tensors:");
            run("640m", "safetensors", empties);
            run("512m", "safetensors", empties);
            System.out.println("100 MB header of " + deepCount + " empty tensors of shape [0, 1, ..., 1] (64 dims):");
            run("560m", "safetensors", deep);
            run("1g", "safetensors", deep);
            System.out.println("gzip IDX file (" + kb(idx) + ") declaring one 20000 x 20000 image:");
            run("1g", "idx", idx);
            System.out.println("gzip CSV file (" + kb(csv) + ") of one line of 600 million characters:");
            run("1g", "csv", csv);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String kb(Path f) throws IOException {
        return String.format(Locale.ROOT, "%.0f KB", Files.size(f) / 1024.0);
    }

    /** The child's side: one load, timed. */
    private static String load(String kind, Path file) {
        long t0 = System.nanoTime();
        String outcome;
        try {
            switch (kind) {
                case "safetensors" -> outcome = "loaded " + SafeTensors.load(file).size() + " tensors";
                case "idx" -> outcome = "loaded " + Arrays.toString(new IdxReader().readImages(file).shape());
                default -> outcome = "loaded " + new CsvReader().read(file).size() + " rows";
            }
        } catch (IOException e) {
            outcome = "refused: " + e.getMessage();
        } catch (OutOfMemoryError e) {
            outcome = "OutOfMemoryError";
        }
        return String.format(Locale.ROOT, "%s (%.2f s)", outcome, (System.nanoTime() - t0) / 1e9);
    }

    private static void run(String heap, String kind, Path file) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                LoaderLimitFigures.class.getName(), "load", kind, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            out = "did not finish in 300 s";
        }
        String shown = out.length() > 300 ? out.substring(0, 300) + "..." : out;
        System.out.println("  -Xmx" + heap + ": " + shown.replace(file.getParent().toString() + "/", ""));
    }

    /** A header of exactly MAX_HEADER_SIZE bytes: one metadata string, then {@code tail}, and one tensor. */
    private static byte[] metadataHeader(String tail) {
        String tensor = "\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}";
        String head = "{\"__metadata__\":{\"k\":\"";
        String end = "\"}," + tensor + "}";
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        int fill = (int) SafeTensors.MAX_HEADER_SIZE - head.length() - end.length() - t.length;
        byte[] h = new byte[(int) SafeTensors.MAX_HEADER_SIZE];
        int at = put(h, 0, head.getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(h, at, at + fill, (byte) 'a');
        at = put(h, at + fill, t);
        put(h, at, end.getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    /** A header of up to MAX_HEADER_SIZE bytes, all of it empty F64 tensors of this shape, padded with spaces. */
    private static byte[] emptyTensorsHeader(List<Integer> shape) {
        StringBuilder sb = new StringBuilder((int) SafeTensors.MAX_HEADER_SIZE);
        sb.append('{');
        String entry = "\":{\"dtype\":\"F64\",\"shape\":" + shape.toString().replace(" ", "")
                + ",\"data_offsets\":[0,0]}";
        for (int i = 0; ; i++) {
            String name = (i == 0 ? "\"" : ",\"") + i;
            if (sb.length() + name.length() + entry.length() + 1 > SafeTensors.MAX_HEADER_SIZE) {
                break;
            }
            sb.append(name).append(entry);
        }
        sb.append('}');
        byte[] h = new byte[(int) SafeTensors.MAX_HEADER_SIZE];
        Arrays.fill(h, (byte) ' ');
        put(h, 0, sb.toString().getBytes(StandardCharsets.US_ASCII));
        return h;
    }

    private static int put(byte[] dst, int at, byte[] src) {
        System.arraycopy(src, 0, dst, at, src.length);
        return at + src.length;
    }

    /** Writes a safetensors file with this header and this many zero data bytes; returns the number of '{' less one
     * (the tensors, when there is no metadata). */
    private static int header(Path file, byte[] header, int dataBytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            out.write(new byte[dataBytes]);
        }
        int braces = 0;
        for (byte b : header) {
            braces += b == '{' ? 1 : 0;
        }
        return braces - 1;
    }

    /** An IDX images file declaring 1 x 20000 x 20000 pixels, gzipped, with 400 million zero bytes. */
    private static void hugeImage(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(16).putInt(0x00000803).putInt(1).putInt(20000).putInt(20000).array());
            byte[] zeros = new byte[1 << 20];
            for (long left = 400_000_000L; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
    }

    /** A CSV file of one line, "1,1,1,..." of 600 million characters, gzipped. */
    private static void endlessLine(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] block = "1,".repeat(1 << 19).getBytes(StandardCharsets.US_ASCII);
            for (long left = 600_000_000L; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(left, block.length));
            }
            out.write('\n');
        }
    }
}
