package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated, truncated and extended valid files either load — with exactly the tensors their
 * header describes — or fail with a {@link SafeTensorsException}; never another exception, an
 * error (OutOfMemoryError, StackOverflowError) or a hang.
 */
class SafeTensorsFuzzTest {
    private static final long PER_TRY_TIMEOUT_SECONDS = 10;

    private static List<byte[]> bases;
    private static ExecutorService executor;
    private static Path tmpDir;
    private static final AtomicInteger LOADED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();

    /** Snippets spliced into headers: structure, hostile numbers, bad strings, bad bytes. */
    private static final byte[][] FRAGMENTS = fragments(
            "[", "]", "{", "}", "\"", ",", ":", " ", "\\", "\\u", "\\ud800", "0", "-1", "1.5", "1e9", "01",
            "18446744073709551616", "9223372036854775807", "4611686018427387904", "2147483648", "true", "null",
            "\"dtype\":\"F64\",", "\"dtype\":\"U16\"", "\"dtype\":\"BOOL\"", "\"shape\":[4294967296,4294967296],",
            "\"shape\":[],", "\"data_offsets\":[0,8],", "\"data_offsets\":[8,0]", "\"__metadata__\":{},",
            "\"__metadata__\":{\"a\":\"b\"},", "\"x\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},",
            "\"x\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[0,0]},",
            "[".repeat(5000), "{".repeat(5000), "{\"a\":".repeat(2000), "\"" + "a".repeat(3000) + "\"");

    private static byte[][] fragments(String... s) {
        List<byte[]> out = new ArrayList<>();
        for (String x : s) {
            out.add(x.getBytes(StandardCharsets.UTF_8));
        }
        out.add(new byte[] {(byte) 0xFF});
        out.add(new byte[] {(byte) 0xC0, (byte) 0xAF});
        out.add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        out.add(new byte[] {0});
        out.add(new byte[] {(byte) 0xE2, (byte) 0x9C});
        return out.toArray(new byte[0][]);
    }

    @BeforeAll
    static void setUp() throws IOException {
        bases = new ArrayList<>();
        for (String r : List.of("torch_mlp.safetensors", "torch_mixed.safetensors", "torch_dtypes.safetensors",
                "jgrad_written.safetensors")) {
            bases.add(Bytes.resource(r));
        }
        bases.add(SafeTensors.toBytes(Map.of(), null));
        bases.add(SafeTensors.toBytes(Map.of("s", Tensor.scalar(2)), Map.of("k", "v")));
        var several = new LinkedHashMap<String, Tensor>();
        several.put("a", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        several.put("i", Tensor.wrap(new double[] {1, -2, 3}, DType.INT64, 3));
        several.put("e", Tensor.zeros(0, 2));
        several.put("s", Tensor.scalar(-1));
        bases.add(SafeTensors.toBytes(several, null));
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "safetensors-fuzz");
            t.setDaemon(true);
            return t;
        });
        tmpDir = Files.createTempDirectory("jgrad-fuzz");
    }

    @AfterAll
    static void tearDown() throws IOException {
        executor.shutdownNow();
        try (var s = Files.list(tmpDir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(tmpDir);
        // After a full run both outcomes must have been exercised, or the mutations are too weak
        // (everything still loads) or too blunt (nothing gets past the length check).
        if (LOADED.get() + REJECTED.get() >= 2000) {
            assertTrue(LOADED.get() > 20 && REJECTED.get() > 200,
                    "loaded " + LOADED.get() + ", rejected " + REJECTED.get());
        }
        System.out.println("SafeTensorsFuzzTest: mutated files loaded " + LOADED.get() + ", rejected " + REJECTED.get());
    }

    /** One edit of a file. The fields are interpreted by {@link #apply}. */
    record Mutation(int kind, double where, long value, int fragment, boolean fixLength) {}

    /** A random edit, seeded. */
    static Mutation mutation(SplittableRandom rng) {
        return new Mutation(rng.nextInt(10), rng.nextDouble(), rng.nextLong(), rng.nextInt(FRAGMENTS.length),
                rng.nextBoolean());
    }

    /** 2000 seeded files of one to four edits each: about 2 s here, with a 10 s limit per file. */
    @Test
    void mutatedFilesLoadOrFailWithTheDocumentedException() throws Exception {
        SplittableRandom rng = new SplittableRandom(20261125);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bytes = bases.get(rng.nextInt(bases.size())).clone();
            int edits = 1 + rng.nextInt(4);
            for (int e = 0; e < edits; e++) {
                bytes = apply(bytes, mutation(rng));
            }
            if (check(bytes)) {
                LOADED.incrementAndGet();
            } else {
                REJECTED.incrementAndGet();
            }
        }
    }

    /** The seven bases themselves load (and agree with their headers). */
    @Test
    void unmutatedBasesAlwaysLoad() throws Exception {
        for (byte[] base : bases) {
            assertTrue(check(base), "an unmutated file loads");
        }
    }

    /**
     * Loads from memory and from a file (with a time limit) and compares both with the header.
     * Returns whether the bytes loaded.
     */
    private static boolean check(byte[] bytes) throws Exception {
        Path f = tmpDir.resolve("fuzz.safetensors");
        Files.write(f, bytes);
        Future<Object[]> job = executor.submit(() -> new Object[] {outcome(() -> SafeTensors.fromBytes(bytes)),
                outcome(() -> SafeTensors.loadWithMetadata(f)), outcome(() -> SafeTensors.readHeader(f))});
        Object[] r;
        try {
            r = job.get(PER_TRY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            fail("load did not finish within " + PER_TRY_TIMEOUT_SECONDS + " s on " + describe(bytes));
            return false;
        }
        Object mem = r[0];
        Object file = r[1];
        Object header = r[2];
        for (Object o : r) {
            if (o instanceof Throwable t && !(o instanceof SafeTensorsException)) {
                throw new AssertionError("undocumented " + t + " on " + describe(bytes), t);
            }
        }
        if (mem instanceof SafeTensorsException e) {
            assertTrue(file instanceof SafeTensorsException, "file load must fail as the in-memory load did: " + e);
            assertEquals(e.problem(), ((SafeTensorsException) file).problem());
            assertTrue(e.getMessage().startsWith("<bytes>: ") && e.problem().length() > 10, e.getMessage());
            assertTrue(((SafeTensorsException) file).getMessage().startsWith(f + ": "));
            return false;
        }
        var c = (SafeTensors.Contents) mem;
        var cf = (SafeTensors.Contents) file;
        assertTrue(header instanceof SafeTensors.Header, "a loadable file has a valid header: " + header);
        var h = (SafeTensors.Header) header;
        assertEquals(bytes.length, 8 + h.headerLength() + h.dataSize());
        assertEquals(h.metadata(), c.metadata());
        assertEquals(h.tensors().stream().map(SafeTensors.TensorInfo::name).toList(),
                List.copyOf(c.tensors().keySet()));
        long covered = 0;
        for (SafeTensors.TensorInfo info : h.tensors()) {
            Tensor t = c.tensors().get(info.name());
            assertArrayEquals(info.shape(), t.shape(), info.name());
            assertEquals(info.jgradDType(), t.dtype());
            assertEquals(info.numel(), t.numel());
            assertEquals(t.numel() * (long) FileDType.byName(info.dtype()).size, info.end() - info.begin());
            covered += info.end() - info.begin();
            double[] a = t.doubles();
            double[] b = cf.tensors().get(info.name()).doubles();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]));
            }
        }
        assertEquals(h.dataSize(), covered, "the tensors cover the data section exactly");
        return true;
    }

    private interface Load {
        Object run() throws Exception;
    }

    private static Object outcome(Load l) {
        try {
            return l.run();
        } catch (Throwable t) { // deliberately everything, Errors included: the test judges it
            return t;
        }
    }

    private static String describe(byte[] b) {
        int n = Math.min(b.length, 200);
        return b.length + " bytes starting " + new String(b, 0, n, StandardCharsets.ISO_8859_1)
                .replaceAll("[^\\x20-\\x7e]", ".");
    }

    // ------------------------------------------------------------------ mutations

    private static long headerLength(byte[] b) {
        return b.length < 8 ? 0 : ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] withHeaderLength(byte[] b, long n) {
        if (b.length < 8) {
            return b;
        }
        byte[] out = b.clone();
        ByteBuffer.wrap(out, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
        return out;
    }

    /** The header region [8, 8 + N) clamped to the file, as {start, end}. */
    private static int[] headerRegion(byte[] b) {
        if (b.length < 8) {
            return new int[] {b.length, b.length};
        }
        long n = headerLength(b);
        long end = n < 0 || n > b.length - 8 ? b.length : 8 + n;
        return new int[] {8, (int) end};
    }

    private static int pick(double where, int from, int to) {
        return to <= from ? from : from + (int) Math.min(to - from - 1, (long) (where * (to - from)));
    }

    private static byte[] splice(byte[] b, int at, int removeLen, byte[] insert, boolean fixLength) {
        byte[] out = new byte[b.length - removeLen + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + removeLen, out, at + insert.length, b.length - at - removeLen);
        if (fixLength && at >= 8) {
            out = withHeaderLength(out, headerLength(b) - removeLen + insert.length);
        }
        return out;
    }

    static byte[] apply(byte[] b, Mutation m) {
        int[] hr = headerRegion(b);
        switch (m.kind()) {
            case 0 -> { // flip a bit anywhere
                if (b.length == 0) {
                    return b;
                }
                byte[] out = b.clone();
                out[pick(m.where(), 0, b.length)] ^= (byte) (1 << (m.value() & 7));
                return out;
            }
            case 1 -> { // overwrite a header byte
                if (hr[1] <= hr[0]) {
                    return b;
                }
                byte[] out = b.clone();
                out[pick(m.where(), hr[0], hr[1])] = (byte) m.value();
                return out;
            }
            case 2 -> { // rewrite the header length
                long n = headerLength(b);
                long v = switch ((int) Math.floorMod(m.value(), 6L)) {
                    case 0 -> m.value();
                    case 1 -> n + (m.value() >> 8) % 17 - 8;
                    case 2 -> 1L << 62;
                    case 3 -> b.length - 8 + (m.value() >> 8) % 5;
                    case 4 -> 100_000_001L;
                    default -> 0;
                };
                return withHeaderLength(b, v);
            }
            case 3 -> { // truncate
                return Arrays.copyOf(b, pick(m.where(), 0, b.length + 1));
            }
            case 4 -> { // extend with junk or padding
                int extra = (int) Math.floorMod(m.value(), 64L) + 1;
                byte[] out = Arrays.copyOf(b, b.length + extra);
                for (int i = b.length; i < out.length; i++) {
                    out[i] = m.fixLength() ? (byte) ' ' : (byte) (m.value() >>> (8 * (i % 8)));
                }
                return out;
            }
            case 5, 6 -> { // splice a fragment into the header
                if (hr[1] <= hr[0]) {
                    return b;
                }
                return splice(b, pick(m.where(), hr[0], hr[1] + 1), 0, FRAGMENTS[m.fragment()], m.fixLength());
            }
            case 7 -> { // replace a number in the header with another
                String h = new String(b, hr[0], hr[1] - hr[0], StandardCharsets.ISO_8859_1);
                List<int[]> runs = new ArrayList<>();
                var matcher = java.util.regex.Pattern.compile("[0-9]+").matcher(h);
                while (matcher.find()) {
                    runs.add(new int[] {matcher.start(), matcher.end()});
                }
                if (runs.isEmpty()) {
                    return b;
                }
                int[] run = runs.get(pick(m.where(), 0, runs.size()));
                long v = switch ((int) Math.floorMod(m.value(), 4L)) {
                    case 0 -> m.value();
                    case 1 -> Math.floorMod(m.value(), 100L);
                    case 2 -> Long.parseLong(h.substring(run[0], Math.min(run[1], run[0] + 15))) + (m.value() >> 60);
                    default -> (m.value() >>> 1) >>> Math.floorMod(m.value() >> 8, 63L);
                };
                byte[] num = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
                return splice(b, hr[0] + run[0], run[1] - run[0], num, true);
            }
            case 8 -> { // delete a stretch of the header
                if (hr[1] <= hr[0]) {
                    return b;
                }
                int at = pick(m.where(), hr[0], hr[1]);
                int len = (int) Math.min(hr[1] - at, Math.floorMod(m.value(), 12L) + 1);
                return splice(b, at, len, new byte[0], m.fixLength());
            }
            default -> { // duplicate a stretch of the header (repeats keys, entries, brackets)
                if (hr[1] <= hr[0]) {
                    return b;
                }
                int at = pick(m.where(), hr[0], hr[1]);
                int len = (int) Math.min(hr[1] - at, Math.floorMod(m.value(), 80L) + 1);
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len), m.fixLength());
            }
        }
    }
}
