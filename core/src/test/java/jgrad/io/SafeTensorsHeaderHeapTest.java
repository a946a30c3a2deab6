package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import jgrad.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header the heap cannot hold while it is parsed is refused up front with a clear
 * {@link SafeTensorsException} instead of an {@code OutOfMemoryError}. The heap limit is the
 * reader's test seam, so these run in any heap; the factors themselves were measured on real
 * 100 MB headers (see {@link SafeTensorsReader}).
 */
class SafeTensorsHeaderHeapTest {
    @TempDir
    Path dir;

    private final LongSupplier realHeap = SafeTensorsReader.maxHeap;

    @AfterEach
    void restoreHeapLimit() {
        SafeTensorsReader.maxHeap = realHeap;
    }

    /** A file whose header holds one metadata value of {@code chars} copies of {@code c}. */
    private Path withMetadata(String name, char c, int chars) throws IOException {
        Path f = dir.resolve(name);
        SafeTensors.save(Map.of("w", Tensor.of(1, 2)), Map.of("k", String.valueOf(c).repeat(chars)), f);
        return f;
    }

    private static long headerLength(Path f) throws IOException {
        return SafeTensors.readHeader(f).headerLength();
    }

    private static void assertRefused(Path f, long n, long heap) {
        SafeTensorsReader.maxHeap = () -> heap;
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().startsWith(f + ": the " + n + "-byte header needs about ")
                && e.getMessage().endsWith("more than the JVM's maximum heap of " + heap + " bytes (see -Xmx)"),
                e.getMessage());
        assertThrows(SafeTensorsException.class, () -> SafeTensors.readHeader(f));
    }

    private static void assertLoads(Path f, long heap) throws IOException {
        SafeTensorsReader.maxHeap = () -> heap;
        assertEquals(2, SafeTensors.load(f).get("w").numel());
    }

    /** Refused with one byte of heap less than the estimate, loaded with the estimate; returns n. */
    private static long assertThreshold(Path f, long perByte) throws IOException {
        long n = headerLength(f);
        long need = perByte * n + SafeTensorsReader.HEAP_PER_OBJECT * 3; // {}, "w" and "__metadata__"
        assertRefused(f, n, need - 1);
        assertLoads(f, need);
        return n;
    }

    @Test
    void anAsciiHeaderNeedsThreeBytesOfHeapPerByte() throws IOException {
        Path f = withMetadata("ascii.safetensors", 'a', 400_000);
        long n = assertThreshold(f, SafeTensorsReader.HEAP_PER_ASCII_BYTE);
        assertRefused(f, n, 1_000_000); // refused before the header is even read: 3n > heap
    }

    @Test
    void otherCharactersCountDouble() throws IOException {
        assertThreshold(withMetadata("cjk.safetensors", '\u4e2d', 100_000), SafeTensorsReader.HEAP_PER_OTHER_BYTE);
    }

    @Test
    void manySmallEntriesCountPerObject() throws IOException {
        var many = new LinkedHashMap<String, Tensor>();
        for (int i = 0; i < 2000; i++) {
            many.put("t" + i, Tensor.zeros(0));
        }
        Path f = dir.resolve("many.safetensors");
        SafeTensors.save(many, f);
        long n = headerLength(f);
        long need = SafeTensorsReader.HEAP_PER_ASCII_BYTE * n + SafeTensorsReader.HEAP_PER_OBJECT * 2001;
        assertRefused(f, n, need - 1);
        SafeTensorsReader.maxHeap = () -> need;
        assertEquals(2000, SafeTensors.load(f).size());
    }

    @Test
    void shapeDimsBeyondTheFirstCountPerComma() throws IOException {
        // 64-dim shapes: each dim is a comma in the header and a long, then ints, in memory; a
        // 100 MB header of them passed the per-byte and per-object estimate and then ran out of
        // memory (LoaderLimitFigures), so the commas beyond four per object are charged too
        int k = 200;
        int[] shape = new int[64];
        java.util.Arrays.fill(shape, 1);
        shape[0] = 0;
        var deep = new LinkedHashMap<String, Tensor>();
        for (int i = 0; i < k; i++) {
            deep.put("t" + i, Tensor.zeros(shape));
        }
        Path f = dir.resolve("deep.safetensors");
        SafeTensors.save(deep, f);
        long n = headerLength(f);
        long braces = k + 1;
        long commas = 66L * k + (k - 1); // 2 between keys, 63 in the shape, 1 in the offsets; k - 1 between entries
        long old = SafeTensorsReader.HEAP_PER_ASCII_BYTE * n + SafeTensorsReader.HEAP_PER_OBJECT * braces;
        long need = old + SafeTensorsReader.HEAP_PER_EXTRA_COMMA
                * (commas - SafeTensorsReader.FREE_COMMAS_PER_OBJECT * braces);
        assertRefused(f, n, old);
        assertRefused(f, n, need - 1);
        SafeTensorsReader.maxHeap = () -> need;
        assertEquals(k, SafeTensors.load(f).size());
    }

    @Test
    void commasInsideStringsAreNotCharged() throws IOException {
        assertThreshold(withMetadata("commas.safetensors", ',', 100_000), SafeTensorsReader.HEAP_PER_ASCII_BYTE);
        SafeTensorsReader.maxHeap = realHeap;
        Path quoted = dir.resolve("quoted.safetensors"); // escaped quotes do not end the string: "\",\",..."
        SafeTensors.save(Map.of("w", Tensor.of(1, 2)), Map.of("k", "\",".repeat(50_000)), quoted);
        assertThreshold(quoted, SafeTensorsReader.HEAP_PER_ASCII_BYTE);
    }

    @Test
    void theDataIsCheckedAgainstTheSameLimit() throws IOException {
        Path f = dir.resolve("data.safetensors");
        SafeTensors.save(Map.of("w", Tensor.zeros(1000)), f);
        SafeTensorsReader.maxHeap = () -> 7999;
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().contains("needs 8000 bytes of heap, more than the JVM's maximum heap of 7999"),
                e.getMessage());
    }
}
