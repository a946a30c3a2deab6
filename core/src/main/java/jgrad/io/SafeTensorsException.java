package jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file (or byte array) that is corrupt, hostile, or uses something jgrad cannot
 * represent: a bad header length, malformed or over-long JSON, an unknown or unsupported dtype,
 * inconsistent shapes and offsets, overlapping tensors, holes or trailing bytes in the data
 * section, or values that jgrad's storage cannot hold exactly.
 *
 * <p>This is a <em>checked</em> exception, a subclass of {@link IOException}, on purpose: loading
 * already throws {@code IOException} for missing or unreadable files, and a damaged file is the
 * same kind of condition — something about the outside world, not a bug in the caller — so one
 * {@code catch (IOException e)} covers every way a load can fail. Catch this subclass to tell a
 * bad file apart from an I/O failure. The message always starts with the file name (or
 * {@code <bytes>} for {@link SafeTensors#fromBytes(byte[])}) and then says what is wrong.
 *
 * <p>Programming errors on the saving side (a {@code null} name, a reserved name, an INT64 value
 * that is not an integer) are {@link IllegalArgumentException}s instead, raised before any file
 * is touched.
 */
public class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file being read; not serialized ({@code Path} is not serializable). */
    private final transient Path file;
    /** What is wrong, without the file name. */
    private final String problem;

    /**
     * Creates an exception for a problem found in {@code file}.
     *
     * @param file the file being read, or {@code null} for an in-memory byte array
     * @param problem what is wrong, in words (without the file name)
     */
    public SafeTensorsException(Path file, String problem) {
        super((file == null ? "<bytes>" : file.toString()) + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /**
     * The file that was being read.
     *
     * @return the file, or {@code null} when the input was a byte array
     */
    public Path file() {
        return file;
    }

    /**
     * What is wrong, without the file name.
     *
     * @return the description of the problem
     */
    public String problem() {
        return problem;
    }
}
