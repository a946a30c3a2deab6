package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test (at least) per rule the loader enforces; each checks the message says what is wrong. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    /**
     * Loads {@code bytes} from a file and from memory; both must fail with a SafeTensorsException
     * naming the file (or {@code <bytes>}) and containing {@code fragment}.
     */
    private SafeTensorsException bad(byte[] bytes, String fragment) throws Exception {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, bytes);
        SafeTensorsException fromFile = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(fromFile.getMessage().startsWith(f + ": "), fromFile.getMessage());
        assertTrue(fromFile.getMessage().contains(fragment),
                "expected \"" + fragment + "\" in: " + fromFile.getMessage());
        assertEquals(f, fromFile.file());
        SafeTensorsException fromBytes = assertThrows(SafeTensorsException.class, () -> SafeTensors.fromBytes(bytes));
        assertEquals("<bytes>: " + fromFile.problem(), fromBytes.getMessage());
        return fromFile;
    }

    private SafeTensorsException bad(String json, byte[] data, String fragment) throws Exception {
        return bad(Bytes.file(json, data), fragment);
    }

    // ------------------------------------------------------------ size and header length

    @Test
    void fileShorterThanEightBytes() throws Exception {
        bad(new byte[0], "0 bytes long, too short");
        bad(new byte[7], "7 bytes long, too short");
    }

    @Test
    void headerLengthBeyondTheFile() throws Exception {
        bad(Bytes.file(1000, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                "header length 1000 runs past the end of the file (2 bytes follow");
    }

    @Test
    void headerLengthOfTwoToTheSixtyTwo() throws Exception {
        bad(Bytes.file(1L << 62, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                "header length 4611686018427387904 is larger than the 100000000-byte limit");
    }

    @Test
    void headerLengthAboveTwoToTheSixtyThreeIsReadAsUnsigned() throws Exception {
        bad(Bytes.file(-1L, new byte[0], new byte[0]), "header length 18446744073709551615 is larger");
    }

    @Test
    void headerLengthJustAboveTheCap() throws Exception {
        bad(Bytes.file(100_000_001L, "{}".getBytes(StandardCharsets.US_ASCII), new byte[0]),
                "larger than the 100000000-byte limit");
    }

    // ------------------------------------------------------------ encoding and JSON syntax

    @Test
    void nonUtf8Header() throws Exception {
        bad(Bytes.file(new byte[] {'{', '"', (byte) 0xFF, '"', ':', '{', '}', '}'}, new byte[0]),
                "not valid UTF-8 (bad byte at header offset 2, file offset 10)");
        bad(Bytes.file(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"'}, new byte[0]), "not valid UTF-8");
        bad(Bytes.file(new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, new byte[0]),
                "not valid UTF-8");
        bad(Bytes.file(new byte[] {'{', '}', (byte) 0xE2, (byte) 0x9C}, new byte[0]), "not valid UTF-8");
    }

    @Test
    void headerMustBeAnObject() throws Exception {
        bad("[]", new byte[0], "must be an object starting with '{', found an array");
        bad(" {}", new byte[0], "must be an object starting with '{', found ' '");
        bad("", new byte[0], "found the end of the header");
        bad("\"x\"", new byte[0], "found a string");
    }

    @Test
    void deepNestingFailsFastWithoutStackOverflow() throws Exception {
        bad("[".repeat(100_000), new byte[0], "found an array");
        bad("{\"a\":" + "[".repeat(100_000), new byte[0], "tensor 'a' must be an object");
        bad("{\"a\":" + "{".repeat(100_000), new byte[0], "expected a key of tensor 'a' (a string), found an object");
        bad("{\"__metadata__\":" + "{".repeat(100_000), new byte[0], "expected a metadata key");
        bad("{\"a\":{\"shape\":" + "[".repeat(100_000), new byte[0], "must contain integers, found an array");
    }

    @Test
    void trailingGarbage() throws Exception {
        bad("{}x", new byte[0], "found 'x' after the header object");
        bad("{}{}", new byte[0], "found an object after the header object");
        bad("{}\0", new byte[0], "found U+0000 after the header object");
        SafeTensors.fromBytes(Bytes.file("{} \t\r\n", new byte[0])); // whitespace is fine
    }

    @Test
    void truncatedOrMalformedJson() throws Exception {
        bad("{", new byte[0], "expected a tensor name (a string), found the end of the header");
        bad("{\"a\"", new byte[0], "expected ':'");
        bad("{\"a\":{\"dtype\":\"F64\",}}", new byte[0], "expected a key of tensor 'a'");
        bad("{\"a", new byte[0], "unterminated string");
        bad("{" + entry("a", "F64", "[]", 0, 8) + ",}", Bytes.f64(1), "expected a tensor name");
        bad("{\"a\":{\"dtype\":\"F64\" \"shape\":[]}}", new byte[0], "expected ',' or '}' in tensor 'a'");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1 2]}}", new byte[0], "expected ',' or ']'");
    }

    @Test
    void badStringsInTheHeader() throws Exception {
        bad("{\"a\\x\":{}}", new byte[0], "invalid escape 'x'");
        bad("{\"a\\ud800\":{}}", new byte[0], "unpaired surrogate \\ud800");
        bad("{\"a\\udc00\":{}}", new byte[0], "unpaired surrogate \\udc00");
        bad("{\"a\\ud800\\u0041\":{}}", new byte[0], "unpaired surrogate \\ud800");
        bad("{\"a\\u12\":{}}", new byte[0], "invalid \\u escape");
        bad("{\"a\\u", new byte[0], "truncated \\u escape");
        bad("{\"a\nb\":{}}", new byte[0], "raw control character U+000A");
    }

    @Test
    void numbersMustBeNonNegativeIntegers() throws Exception {
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]}}", Bytes.f64(1, 2),
                "must contain integers, found a number with a fraction or exponent");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,1.6e1]}}", Bytes.f64(1, 2),
                "fraction or exponent");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[02],\"data_offsets\":[0,16]}}", Bytes.f64(1, 2), "leading zero");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "tensor 'a' has a negative size in shape [-1]");
        bad("{" + entry("a", "F64", "[1]", -8, 0) + "}", Bytes.f64(1), "tensor 'a' has negative data_offsets [-8, 0]");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "integer in the shape of tensor 'a' is too large");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[true],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "must contain integers, found a boolean");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":null}}", Bytes.f64(1),
                "must be an array of integers, found null");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[\"1\"],\"data_offsets\":[0,8]}}", Bytes.f64(1), "found a string");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[-],\"data_offsets\":[0,8]}}", Bytes.f64(1), "found a number");
    }

    // ------------------------------------------------------------ schema

    @Test
    void duplicateKeysAtEveryLevel() throws Exception {
        String a = entry("a", "F64", "[1]", 0, 8);
        bad("{" + a + "," + a + "}", Bytes.f64(1), "duplicate tensor name 'a'");
        bad("{\"__metadata__\":{},\"__metadata__\":{}}", new byte[0], "duplicate key \"__metadata__\"");
        bad("{\"__metadata__\":{\"k\":\"v\",\"k\":\"w\"}}", new byte[0], "duplicate metadata key 'k'");
        bad("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "duplicate key \"dtype\" in tensor 'a'");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"shape\":[1],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "duplicate key \"shape\"");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "duplicate key \"data_offsets\"");
        // Same name written with and without an escape is still the same name.
        bad("{" + a + ",\"\\u0061\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "duplicate tensor name 'a'");
    }

    @Test
    void entriesHaveExactlyDtypeShapeAndOffsets() throws Exception {
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8],\"extra\":1}}", Bytes.f64(1),
                "tensor 'a' has unexpected key 'extra'");
        bad("{\"a\":{\"dtype\":\"F64\",\"data_offsets\":[0,8]}}", Bytes.f64(1), "tensor 'a' has no \"shape\"");
        bad("{\"a\":{\"shape\":[1],\"data_offsets\":[0,8]}}", Bytes.f64(1), "tensor 'a' has no \"dtype\"");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1]}}", Bytes.f64(1), "tensor 'a' has no \"data_offsets\"");
        bad("{\"a\":{}}", new byte[0], "tensor 'a' has no \"dtype\"");
        bad("{\"a\":[1]}", new byte[0], "tensor 'a' must be an object");
        bad("{\"a\":{\"dtype\":64,\"shape\":[1],\"data_offsets\":[0,8]}}", Bytes.f64(1),
                "the dtype of tensor 'a' must be a string, found a number");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8,16]}}", Bytes.f64(1, 2),
                "the data_offsets of tensor 'a' has more than 2 entries");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8]}}", Bytes.f64(1),
                "must be [begin, end], found 1 number(s)");
        bad("{\"a\":{\"dtype\":\"F64\",\"shape\":" + "[1" + ",1".repeat(64) + "],\"data_offsets\":[0,8]}}",
                Bytes.f64(1), "the shape of tensor 'a' has more than 64 entries");
    }

    @Test
    void metadataIsAnObjectOfStrings() throws Exception {
        bad("{\"__metadata__\":{\"k\":1}}", new byte[0], "the value of metadata key 'k' must be a string, found a number");
        bad("{\"__metadata__\":{\"k\":{}}}", new byte[0], "must be a string, found an object");
        bad("{\"__metadata__\":[]}", new byte[0], "\"__metadata__\" must be an object of strings, found an array");
        bad("{\"__metadata__\":\"x\"}", new byte[0], "must be an object of strings, found a string");
    }

    @Test
    void unknownAndUnsupportedDtypesNameTheDtypeAndTheTensor() throws Exception {
        bad("{" + entry("w", "F128", "[1]", 0, 16) + "}", new byte[16],
                "tensor 'w' has unknown dtype 'F128' (supported: F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        bad("{" + entry("w", "U16", "[1]", 0, 2) + "}", new byte[2], "tensor 'w' has dtype U16, which jgrad does not read");
        bad("{" + entry("w", "f64", "[1]", 0, 8) + "}", new byte[8], "unknown dtype 'f64'");
        bad("{" + entry("w", "F8_E4M3", "[1]", 0, 1) + "}", new byte[1], "dtype F8_E4M3, which jgrad does not read");
    }

    // ------------------------------------------------------------ sizes and offsets

    @Test
    void shapeProductOverflow() throws Exception {
        int m = Integer.MAX_VALUE;
        bad("{" + entry("w", "F64", "[" + m + "," + m + "," + m + "]", 0, 8) + "}", new byte[8],
                "tensor 'w' has shape [2147483647, 2147483647, 2147483647] whose size in bytes overflows");
        // The element count fits in a long but the byte count does not.
        bad("{" + entry("w", "F64", "[" + (1L << 30) + "," + (1L << 30) + ",4]", 0, 8) + "}", new byte[8],
                "overflows a 64-bit integer");
    }

    @Test
    void sizesLargerThanAnIntAreRejected() throws Exception {
        bad("{" + entry("w", "U8", "[3000000000]", 0, 3000000000L) + "}", new byte[0],
                "tensor 'w' has size 3000000000 in shape [3000000000], larger than jgrad's sizes");
    }

    @Test
    void zeroSizedDimensionsMakeEmptyTensorsWhateverTheOtherSizes() throws Exception {
        var t = SafeTensors.fromBytes(Bytes.file("{" + entry("w", "F64", "[0,2147483647,2147483647]", 0, 0) + "}",
                new byte[0])).tensors().get("w");
        assertEquals(0, t.numel());
    }

    @Test
    void offsetsDisagreeingWithTheShape() throws Exception {
        bad("{" + entry("w", "F64", "[2]", 0, 8) + "}", new byte[8],
                "tensor 'w' (F64, shape [2]) needs 16 bytes but its data_offsets [0, 8] span 8");
        bad("{" + entry("w", "F32", "[2,3]", 0, 20) + "}", new byte[20], "needs 24 bytes");
    }

    @Test
    void offsetsReversed() throws Exception {
        bad("{" + entry("w", "F64", "[1]", 8, 0) + "}", new byte[8], "data_offsets [8, 0] with begin after end");
    }

    @Test
    void offsetsPastTheDataSection() throws Exception {
        bad("{" + entry("w", "F64", "[2]", 0, 16) + "}", new byte[8],
                "tensor 'w' has data_offsets [0, 16] past the end of the data section (8 bytes)");
        // A header that claims a 2 GiB tensor in a tiny file is rejected before any allocation.
        bad("{" + entry("w", "F64", "[268435456]", 0, 1L << 31) + "}", new byte[8], "past the end of the data section");
        bad("{" + entry("w", "F64", "[1]", Long.MAX_VALUE - 8, Long.MAX_VALUE) + "}", new byte[8], "past the end");
    }

    @Test
    void overlappingOffsets() throws Exception {
        bad("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[2]", 8, 24) + "}", new byte[24],
                "tensor 'b' at [8, 24] overlaps tensor 'a' at [0, 16]");
        bad("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 0, 8) + "}", new byte[8],
                "overlaps");
        bad("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("e", "F64", "[0]", 8, 8) + "}", new byte[16],
                "tensor 'e' at [8, 8] overlaps tensor 'a' at [0, 16]");
    }

    @Test
    void holeBetweenTensors() throws Exception {
        bad("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 16, 24) + "}", new byte[24],
                "bytes [8, 16) of the data section belong to no tensor (a hole before tensor 'b')");
        bad("{" + entry("a", "F64", "[1]", 8, 16) + "}", new byte[16], "bytes [0, 8) of the data section");
    }

    @Test
    void trailingBytesAfterTheLastTensor() throws Exception {
        bad("{" + entry("a", "F64", "[1]", 0, 8) + "}", new byte[12],
                "the last 4 bytes of the data section ([8, 12)) belong to no tensor");
        bad("{}", new byte[1], "the last 1 bytes");
    }

    // ------------------------------------------------------------ data jgrad cannot hold

    @Test
    void boolBytesMustBeZeroOrOne() throws Exception {
        bad("{" + entry("m", "BOOL", "[3]", 0, 3) + "}", new byte[] {1, 0, 2},
                "element 2 of BOOL tensor 'm' is byte 2, not 0 or 1");
    }

    @Test
    void int64ValuesMustBeExactlyRepresentable() throws Exception {
        bad("{" + entry("i", "I64", "[2]", 0, 16) + "}", Bytes.i64(1, (1L << 53) + 1),
                "element 1 of I64 tensor 'i' is 9007199254740993, which jgrad's INT64");
        bad("{" + entry("i", "I64", "[1]", 0, 8) + "}", Bytes.i64(Long.MAX_VALUE), "9223372036854775807");
        var ok = SafeTensors.fromBytes(Bytes.file("{" + entry("i", "I64", "[3]", 0, 24) + "}",
                Bytes.i64(1L << 62, Long.MIN_VALUE, -(1L << 53)))).tensors().get("i");
        assertEquals(0x1p62, ok.get(0));
        assertEquals(-0x1p63, ok.get(1));
    }

    @Test
    void tooManyElementsForAJgradTensorIsAnErrorNotAnOutOfMemoryError() throws Exception {
        // A sparse file with a genuine 2^31 - 1 byte U8 tensor: valid safetensors, too big for one double[].
        String json = "{" + entry("big", "U8", "[2147483647]", 0, Integer.MAX_VALUE) + "}";
        byte[] h = json.getBytes(StandardCharsets.US_ASCII);
        Path f = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            raf.write(h);
            raf.setLength(8L + h.length + Integer.MAX_VALUE);
        }
        var e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().contains("tensor 'big' has 2147483647 elements, more than a jgrad tensor can hold"),
                e.getMessage());
        Files.delete(f);
    }

    @Test
    void moreDataThanTheHeapCanHoldIsAnErrorNotAnOutOfMemoryError() throws Exception {
        // A sparse file of four valid U8 tensors of 2^31 - 16 bytes each: as doubles they need
        // about 64 GiB, more than this JVM's heap, so the load refuses before allocating.
        long n = Integer.MAX_VALUE - 15L;
        long heap = Runtime.getRuntime().maxMemory();
        org.junit.jupiter.api.Assumptions.assumeTrue(heap < 4 * 8 * n, "heap too large for this test");
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 4; i++) {
            json.append(i == 0 ? "" : ",").append(entry("t" + i, "U8", "[" + n + "]", i * n, (i + 1) * n));
        }
        byte[] h = json.append('}').toString().getBytes(StandardCharsets.US_ASCII);
        Path f = dir.resolve("huge.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            raf.write(h);
            raf.setLength(8L + h.length + 4 * n);
        }
        assertEquals(4, SafeTensors.readHeader(f).tensors().size(), "the header itself is valid");
        var e = assertThrows(SafeTensorsException.class, () -> SafeTensors.load(f));
        assertTrue(e.getMessage().contains("loading its 4 tensors needs " + 32 * n + " bytes of heap, more than"),
                e.getMessage());
        Files.delete(f);
    }

    @Test
    void truncatedWhileReadingIsReported() throws Exception {
        var src = SafeTensorsReader.of(new byte[0]);
        // The file source reports a short read as a SafeTensorsException naming the file.
        Path f = dir.resolve("short.safetensors");
        Files.write(f, new byte[4]);
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            var e = assertThrows(SafeTensorsException.class,
                    () -> SafeTensorsReader.of(ch, f).readFully(0, ByteBuffer.allocate(8)));
            assertTrue(e.getMessage().contains("the file ended at byte 4"), e.getMessage());
        }
        assertEquals(0, src.size());
    }

    @Test
    void missingFileIsAPlainIoException() {
        var e = assertThrows(java.io.IOException.class, () -> SafeTensors.load(dir.resolve("nope.safetensors")));
        if (e instanceof SafeTensorsException) {
            fail("a missing file is not a corrupt file");
        }
    }

    // ------------------------------------------------------------ issue 19: zero sizes in any position

    @Test
    void zeroSizeInAnyPositionLoadsAsEmpty() throws Exception {
        for (String shape : new String[] {"[65536,65536,0]", "[0,65536,65536]", "[65536,0,65536]"}) {
            byte[] bytes = Bytes.file("{" + entry("e", "F64", shape, 0, 0) + "}", new byte[0]);
            Path f = dir.resolve("empty.safetensors");
            Files.write(f, bytes);
            var t = SafeTensors.load(f).get("e");
            assertEquals(0, t.numel(), shape);
            assertEquals(0, SafeTensors.fromBytes(bytes).tensors().get("e").numel(), shape);
        }
    }

    @Test
    void tooManyElementsIsASafeTensorsExceptionNamingTheTensor() throws Exception {
        bad("{" + entry("big", "U8", "[65536,65536,1]", 0, 0) + "}", new byte[0], "tensor 'big'");
    }
}
