package jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import jgrad.DType;
import jgrad.Tensor;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format, the one {@code safetensors.torch.save_file} / {@code load_file} use, so weights move
 * between PyTorch and jgrad.
 *
 * <h2>Format</h2>
 * An 8-byte little-endian unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON,
 * {@code {"name": {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}, ...,
 * "__metadata__": {"key": "value"}}}, padded with spaces to a multiple of 8 bytes; then the
 * data section, each tensor's elements row-major and little-endian at {@code [begin, end)}
 * relative to the start of the data section.
 *
 * <h2>Writing</h2>
 * {@link DType#FLOAT64} tensors are written as {@code F64} (bit for bit, NaN payloads
 * included), {@link DType#INT64} as {@code I64}. Tensors are laid out in the map's iteration
 * order (use a {@link LinkedHashMap}, such as a module's {@code stateDict()}, for a
 * reproducible file); the JSON is compact, with {@code __metadata__} first when there is any,
 * exactly as the reference implementation writes it. Files are replaced atomically: the bytes
 * go to a temporary file in the same directory, which is forced to disk and then renamed over
 * the target, so a crash at any moment leaves either the old file or the new one, never a
 * mixture.
 *
 * <h2>Reading</h2>
 * Everything in the header is validated before any tensor data is allocated, and a corrupt or
 * hostile file is a {@link SafeTensorsException} naming the file and the problem — never an
 * {@code OutOfMemoryError}, a {@code StackOverflowError}, a hang or silently wrong values. The
 * checks follow the reference implementation and are a little stricter: header length at most
 * {@link #MAX_HEADER_SIZE} and inside the file; UTF-8 JSON object, no duplicate keys, each
 * entry exactly {@code dtype}, {@code shape}, {@code data_offsets}; sizes and offsets
 * non-negative integers; {@code end - begin == numel * elementSize} with no overflow; the
 * tensors, sorted by offset, cover the data section exactly with no overlap, hole or trailing
 * bytes. Besides {@code F64} and {@code I64}, the loader accepts {@code F32}, {@code F16},
 * {@code BF16} (as FLOAT64, exactly) and {@code I32}, {@code I16}, {@code I8}, {@code U8},
 * {@code BOOL} (as INT64, exactly; BOOL bytes must be 0 or 1). An {@code I64} value that a
 * double cannot hold exactly (beyond 2<sup>53</sup> and not representable) is an error rather
 * than a rounded value. Other dtypes ({@code U16}, {@code U64}, {@code F8_*}, ...) are rejected
 * with a message naming the dtype and the tensor. Loaded tensors are in file order (by data
 * offset), do not require grad, and own fresh storage.
 *
 * <p>Missing or unreadable files are ordinary {@link IOException}s; bad content is the
 * {@link SafeTensorsException} subclass.
 */
public final class SafeTensors {
    /** The largest JSON header accepted, in bytes (the reference implementation's limit). */
    public static final long MAX_HEADER_SIZE = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final int WRITE_BUFFER = 1 << 16;

    private SafeTensors() {}

    // ------------------------------------------------------------------ results

    /**
     * What a file holds: its tensors in file order and its {@code __metadata__}.
     *
     * @param tensors the tensors by name, ordered by data offset
     * @param metadata the {@code __metadata__} strings in header order (empty when absent)
     */
    public record Contents(LinkedHashMap<String, Tensor> tensors, LinkedHashMap<String, String> metadata) {}

    /**
     * One tensor as described by a validated header.
     *
     * @param name the tensor's name
     * @param dtype the dtype written in the file, such as {@code "F32"}
     * @param shape the sizes (a copy is returned)
     * @param begin start of its bytes, relative to the data section
     * @param end end (exclusive) of its bytes, relative to the data section
     */
    public record TensorInfo(String name, String dtype, int[] shape, long begin, long end) {
        /**
         * Checks the dtype is one jgrad reads and copies the shape so the record stays immutable.
         *
         * @param name the tensor's name
         * @param dtype the dtype written in the file, such as {@code "F32"}
         * @param shape the sizes (copied)
         * @param begin start of its bytes, relative to the data section
         * @param end end (exclusive) of its bytes, relative to the data section
         * @throws IllegalArgumentException for a dtype jgrad does not read
         */
        public TensorInfo {
            Objects.requireNonNull(name, "name");
            if (FileDType.byName(dtype) == null) {
                throw new IllegalArgumentException("TensorInfo: unsupported dtype " + dtype);
            }
            shape = shape.clone();
        }

        /**
         * The sizes.
         *
         * @return a copy of the shape
         */
        @Override
        public int[] shape() {
            return shape.clone();
        }

        /**
         * The jgrad dtype this tensor loads as: FLOAT64 for floating types, INT64 otherwise.
         *
         * @return the dtype of the loaded tensor
         */
        public DType jgradDType() {
            return FileDType.byName(dtype).target;
        }

        /**
         * The number of elements, the product of the shape.
         *
         * @return the element count
         */
        public int numel() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return (int) n;
        }

        /** Compares all fields, the shape by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(t.dtype)
                    && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
        }

        /** A hash of all fields, the shape by content. */
        @Override
        public int hashCode() {
            return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
        }

        /** For debugging, e.g. {@code TensorInfo[w, F64, [2, 3], 0..48]}. */
        @Override
        public String toString() {
            return "TensorInfo[" + name + ", " + dtype + ", " + Arrays.toString(shape) + ", " + begin + ".." + end + "]";
        }
    }

    /**
     * A validated header, read without loading any tensor data.
     *
     * @param tensors the entries in file order (by data offset)
     * @param metadata the {@code __metadata__} strings in header order (empty when absent)
     * @param headerLength {@code N}, the JSON header's length in bytes, padding included
     * @param dataSize the size of the data section in bytes
     */
    public record Header(List<TensorInfo> tensors, LinkedHashMap<String, String> metadata, long headerLength,
            long dataSize) {}

    // ------------------------------------------------------------------ loading

    /**
     * Loads every tensor of a safetensors file.
     *
     * @param file the file to read
     * @return the tensors by name, in file order (by data offset)
     * @throws SafeTensorsException if the file is corrupt, hostile or uses a dtype jgrad does not read
     * @throws IOException if the file cannot be read
     */
    public static LinkedHashMap<String, Tensor> load(Path file) throws IOException {
        return loadWithMetadata(file).tensors();
    }

    /**
     * Loads every tensor of a safetensors file, together with its {@code __metadata__}.
     *
     * @param file the file to read
     * @return the tensors in file order and the metadata
     * @throws SafeTensorsException if the file is corrupt, hostile or uses a dtype jgrad does not read
     * @throws IOException if the file cannot be read
     */
    public static Contents loadWithMetadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafeTensorsReader.readAll(SafeTensorsReader.of(ch, file), file);
        }
    }

    /**
     * Reads and validates a file's header without reading tensor data: names, dtypes, shapes,
     * offsets and metadata. A header that passes here fails {@link #load(Path)} only for data
     * jgrad cannot hold exactly (BOOL bytes other than 0/1, I64 values a double cannot represent)
     * or an I/O error.
     *
     * @param file the file to read
     * @return the validated header
     * @throws SafeTensorsException if the header is corrupt, hostile or uses a dtype jgrad does not read
     * @throws IOException if the file cannot be read
     */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsReader.Header h = SafeTensorsReader.readHeader(SafeTensorsReader.of(ch, file), file);
            List<TensorInfo> infos = new ArrayList<>(h.entries().size());
            for (SafeTensorsReader.Validated v : h.entries()) {
                infos.add(new TensorInfo(v.name(), v.dtype().name(), v.shape(), v.begin(), v.end()));
            }
            return new Header(Collections.unmodifiableList(infos), h.metadata(), h.headerLength(), h.dataSize());
        }
    }

    /**
     * Loads tensors from safetensors bytes held in memory, like {@code safetensors.torch.load}.
     *
     * @param bytes the whole serialized form
     * @return the tensors in file order and the metadata
     * @throws SafeTensorsException if the bytes are corrupt, hostile or use a dtype jgrad does not read
     */
    public static Contents fromBytes(byte[] bytes) throws SafeTensorsException {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return SafeTensorsReader.readAll(SafeTensorsReader.of(bytes), null);
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory read failed", e); // a byte array never fails to read
        }
    }

    // ------------------------------------------------------------------ saving

    /**
     * Saves tensors to a safetensors file without metadata, replacing any existing file
     * atomically.
     *
     * @param tensors the tensors by name, written in iteration order
     * @param file the file to write
     * @throws IllegalArgumentException for a null or reserved ({@code __metadata__}) name, a null
     *     tensor, or an INT64 value that is not an integer in the int64 range; nothing is written
     * @throws IOException if writing fails; the previous file, if any, is then left unchanged
     */
    public static void save(Map<String, Tensor> tensors, Path file) throws IOException {
        save(tensors, null, file);
    }

    /**
     * Saves tensors and string metadata to a safetensors file, replacing any existing file
     * atomically (temporary file in the same directory, forced to disk, then renamed). The new
     * file gets the permissions a newly created file gets (the umask applies); if {@code file}
     * is a symbolic link, the link itself is replaced. A crash mid-save can leave a hidden
     * {@code .NAME.*.tmp} file next to the target, never a damaged target.
     *
     * @param tensors the tensors by name, written in iteration order
     * @param metadata strings stored under {@code __metadata__} (for instance
     *     {@code {"format": "pt"}}); {@code null} or empty writes none
     * @param file the file to write
     * @throws IllegalArgumentException for a null or reserved ({@code __metadata__}) name, a null
     *     tensor or metadata entry, or an INT64 value that is not an integer in the int64 range;
     *     nothing is written
     * @throws IOException if writing fails; the previous file, if any, is then left unchanged and
     *     the temporary file is removed
     */
    public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) throws IOException {
        save(tensors, metadata, file, null);
    }

    /**
     * Serializes tensors to safetensors bytes in memory, like {@code safetensors.torch.save}.
     * The bytes are exactly those {@link #save(Map, Map, Path)} writes.
     *
     * @param tensors the tensors by name, written in iteration order
     * @param metadata strings stored under {@code __metadata__}; {@code null} or empty writes none
     * @return the serialized form
     * @throws IllegalArgumentException as for {@link #save(Map, Map, Path)}, or if the result would
     *     not fit in one Java array
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Prepared p = prepare(tensors, metadata);
        long total = 8 + p.header.length + p.dataSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors.toBytes: " + total
                    + " bytes do not fit in a Java array; save to a file instead");
        }
        byte[] out = new byte[(int) total];
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(p.header.length).put(p.header);
        for (Item it : p.items) {
            putValues(buf, it, 0, it.data.length);
        }
        return out;
    }

    /** Test seam: called after each tensor's bytes reached the temporary file. */
    interface SaveHook {
        void afterTensor(int index, String name) throws IOException;
    }

    static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file, SaveHook hook)
            throws IOException {
        Prepared p = prepare(tensors, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new FileSystemException(target.toString(), null, "cannot save to a file system root");
        }
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve(tempName(target.getFileName().toString()));
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel c = ch) {
                write(c, p, hook);
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException d) {
                t.addSuppressed(d);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** A hidden name next to the target, recognisable as ours if a crash leaves it behind. */
    private static String tempName(String target) {
        int keep = Math.min(target.length(), 64);
        if (keep > 0 && Character.isHighSurrogate(target.charAt(keep - 1))) {
            keep--;
        }
        return "." + target.substring(0, keep) + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp";
    }

    /** Makes the rename durable on file systems that support it; harmless where they do not. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            // Some platforms (Windows) cannot open a directory; the file itself was already forced.
        }
    }

    private static void write(WritableByteChannel ch, Prepared p, SaveHook hook) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(p.header.length).flip();
        writeFully(ch, head);
        writeFully(ch, ByteBuffer.wrap(p.header));
        ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        int perBuffer = WRITE_BUFFER / 8;
        for (int t = 0; t < p.items.size(); t++) {
            Item it = p.items.get(t);
            for (int from = 0; from < it.data.length; from += perBuffer) {
                buf.clear();
                putValues(buf, it, from, Math.min(it.data.length, from + perBuffer));
                buf.flip();
                writeFully(ch, buf);
            }
            if (hook != null) {
                hook.afterTensor(t, it.name);
            }
        }
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void putValues(ByteBuffer buf, Item it, int from, int to) {
        double[] d = it.data;
        if (it.dtype == FileDType.F64) {
            for (int i = from; i < to; i++) {
                buf.putLong(Double.doubleToRawLongBits(d[i]));
            }
        } else {
            for (int i = from; i < to; i++) {
                buf.putLong((long) d[i]);
            }
        }
    }

    // ------------------------------------------------------------------ preparing

    private record Item(String name, FileDType dtype, int[] shape, double[] data) {}

    private record Prepared(List<Item> items, byte[] header, long dataSize) {}

    /** Snapshots and checks the input (one pass over each map) and builds the padded header. */
    private static Prepared prepare(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        List<Item> items = new ArrayList<>(tensors.size());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null) {
                throw new IllegalArgumentException("SafeTensors.save: a tensor name is null");
            }
            String q = HeaderParser.quote(name);
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: \"__metadata__\" is reserved and cannot name a tensor");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("SafeTensors.save: the map yields tensor " + q + " twice");
            }
            if (t == null) {
                throw new IllegalArgumentException("SafeTensors.save: tensor " + q + " is null");
            }
            FileDType dtype = FileDType.forWriting(t.dtype());
            int[] shape = t.shape();
            double[] data = t.storage();
            if (data.length != t.numel()) {
                throw new IllegalStateException("SafeTensors.save: tensor " + q + " has " + data.length
                        + " stored values for " + t.numel() + " elements");
            }
            if (dtype == FileDType.I64) {
                for (int i = 0; i < data.length; i++) {
                    double v = data[i];
                    if (v != Math.rint(v) || v < -0x1p63 || v >= 0x1p63) {
                        throw new IllegalArgumentException("SafeTensors.save: element " + i + " of INT64 tensor " + q
                                + " is " + v + ", not an integer in the int64 range");
                    }
                }
            }
            items.add(new Item(name, dtype, shape, data));
        }
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("SafeTensors.save: metadata may not hold null keys or values");
                }
                meta.put(e.getKey(), e.getValue());
            }
        }

        StringBuilder json = new StringBuilder(64 + 96 * items.size());
        json.append('{');
        boolean first = true;
        if (!meta.isEmpty()) {
            jsonString(json, METADATA_KEY).append(":{");
            boolean firstMeta = true;
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (!firstMeta) {
                    json.append(',');
                }
                firstMeta = false;
                jsonString(json, e.getKey()).append(':');
                jsonString(json, e.getValue());
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (Item it : items) {
            if (!first) {
                json.append(',');
            }
            first = false;
            long bytes = 8L * it.data.length;
            jsonString(json, it.name).append(":{\"dtype\":\"").append(it.dtype.name()).append("\",\"shape\":[");
            for (int i = 0; i < it.shape.length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(it.shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');

        byte[] utf8;
        try {
            ByteBuffer enc = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(json));
            utf8 = new byte[enc.remaining()];
            enc.get(utf8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("SafeTensors.save: a tensor name or metadata string contains an "
                    + "unpaired surrogate, which UTF-8 cannot encode", e);
        }
        int padded = (utf8.length + 7) & ~7;
        if (utf8.length > MAX_HEADER_SIZE - 7 || padded > MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("SafeTensors.save: the header would be " + utf8.length
                    + " bytes, more than readers accept (" + MAX_HEADER_SIZE + ")");
        }
        byte[] header = Arrays.copyOf(utf8, padded);
        Arrays.fill(header, utf8.length, padded, (byte) ' ');
        return new Prepared(items, header, offset);
    }

    /** Appends a JSON string the way serde_json (the reference) writes it: UTF-8, minimal escapes. */
    private static StringBuilder jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
