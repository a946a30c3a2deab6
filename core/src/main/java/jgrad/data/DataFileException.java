package jgrad.data;

import java.io.IOException;

/**
 * A data file that cannot be read because its contents are wrong: a malformed line in a CSV
 * file, a truncated or forged IDX header, corrupt gzip data, and so on. The message starts
 * with the file's name (and, for text files, the line number) and says what is wrong, e.g.
 * {@code train.csv:12: column 3: "abc" is not a number}.
 *
 * <p>It is an {@link IOException}, so code that already handles I/O failures handles it too;
 * failures to reach the file at all (missing file, permissions) are the usual
 * {@code IOException}s, not this one.
 */
public class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The display name of the file. */
    private final String source;
    /** The 1-based line number, or -1. */
    private final long line;

    /**
     * A problem with a whole file or at an unspecified place in it.
     *
     * @param source the file's display name (a path, or e.g. {@code classpath:jgrad/data/x.gz})
     * @param problem what is wrong
     */
    public DataFileException(String source, String problem) {
        this(source, -1, problem, null);
    }

    /**
     * A problem with a whole file, caused by another exception (e.g. corrupt gzip data).
     *
     * @param source the file's display name
     * @param problem what is wrong
     * @param cause the underlying exception
     */
    public DataFileException(String source, String problem, Throwable cause) {
        this(source, -1, problem, cause);
    }

    /**
     * A problem on one line of a text file.
     *
     * @param source the file's display name
     * @param line the 1-based line number, or {@code -1} if not about a line
     * @param problem what is wrong
     * @param cause the underlying exception, or null
     */
    public DataFileException(String source, long line, String problem, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.source = source;
        this.line = line;
    }

    /**
     * The display name of the file.
     *
     * @return the file's name as given to the reader
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line number the problem is on, for text files.
     *
     * @return the line number, or {@code -1} if the problem is not about one line
     */
    public long line() {
        return line;
    }
}
