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
import java.nio.file.NoSuchFileException;
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
 * {@link DType#FLOAT64} tensors are written as {@code F64} and {@link DType#FLOAT32} as
 * {@code F32} (bit for bit, NaN payloads included), {@link DType#INT64} as {@code I64}. Tensors are laid out in the map's iteration
 * order (use a {@link LinkedHashMap}, such as a module's {@code stateDict()}, for a
 * reproducible file); the JSON is compact, with {@code __metadata__} first when there is any,
 * exactly as the reference implementation writes it. Files are replaced atomically: the bytes
 * go to a temporary file in the same directory, which is forced to disk and then renamed over
 * the target, so a crash at any moment leaves either the old file or the new one, never a
 * mixture. A save that is killed can leave its hidden temporary file,
 * {@code .NAME.<hex>.tmp}, beside the target; the next successful save of the same target
 * deletes such files (see {@link #save(Map, Map, Path)}).
 *
 * <h2>Reading</h2>
 * Everything in the header is validated before any tensor data is allocated, and a corrupt or
 * hostile file is a {@link SafeTensorsException} naming the file and the problem — never an
 * {@code OutOfMemoryError}, a {@code StackOverflowError}, a hang or silently wrong values. The
 * checks follow the reference implementation and are a little stricter: header length at most
 * {@link #MAX_HEADER_SIZE} and inside the file, and no more than the heap can parse (about 3
 * bytes of heap per header byte when it is ASCII, 6 otherwise, plus 300 per JSON object; a
 * larger header is refused before it is parsed, naming the file and the JVM's maximum heap,
 * and the tensors' data is checked against the heap the same way); UTF-8 JSON object, no
 * duplicate keys, each entry exactly {@code dtype}, {@code shape}, {@code data_offsets}; sizes and offsets
 * non-negative integers; {@code end - begin == numel * elementSize} with no overflow; the
 * tensors, sorted by offset, cover the data section exactly with no overlap, hole or trailing
 * bytes. Besides {@code F64} (as FLOAT64), {@code F32} (as FLOAT32) and {@code I64}, the loader
 * accepts {@code F16}, {@code BF16} (as FLOAT32, exactly) and {@code I32}, {@code I16}, {@code I8}, {@code U8} (as
 * INT64, exactly) and {@code BOOL} (as BOOL; its bytes must be 0 or 1); BOOL tensors are
 * written as {@code BOOL}, as PyTorch writes {@code torch.bool}. An {@code I64} value that a
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
         * The jgrad dtype this tensor loads as: FLOAT64 for F64, FLOAT32 for F32, F16 and BF16,
         * BOOL for BOOL, INT64 otherwise.
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
        try (FileChannel ch = openRead(file, "SafeTensors.load")) {
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
        try (FileChannel ch = openRead(file, "SafeTensors.readHeader")) {
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
     * {@code .NAME.<hex>.tmp} file next to the target, never a damaged target; after a
     * successful save, such files of the same target (named exactly so, with 1 to 16 hex
     * digits, regular files last modified before this save began) are deleted, and nothing
     * else is touched. For a target name over 64 characters, {@code NAME} is its first 48
     * characters, {@code ~} and an 8-digit hash of the whole name.
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
        return SafeTensorsWriter.toBytes(tensors, metadata);
    }

    /** Test seam: called after each tensor's bytes reached the temporary file. */
    interface SaveHook {
        void afterTensor(int index, String name) throws IOException;
    }

    static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file, SaveHook hook)
            throws IOException {
        SafeTensorsWriter.save(tensors, metadata, file, hook);
    }

    /** Opens {@code file} to read; a missing file is a NoSuchFileException naming {@code who} too. */
    private static FileChannel openRead(Path file, String who) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, who + ": no such file");
        }
    }
}
