package jgrad.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared input plumbing for the readers: gzip detection and exception wrapping. Internal. */
final class DataIO {
    private DataIO() {}

    static final int BUFFER = 1 << 16;

    /**
     * {@link Files#newInputStream}, with a missing file reported as a {@link NoSuchFileException}
     * that names the reader too ({@code "missing/train.csv: CsvReader.read: no such file"}).
     */
    static InputStream openFile(Path path, String who) throws IOException {
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw missing(path, who);
        }
    }

    /** The exception for a file {@code who} was asked to read that does not exist. */
    static NoSuchFileException missing(Path path, String who) {
        return new NoSuchFileException(path.toString(), null, who + ": no such file");
    }

    /** An opened input: the (possibly decompressing) stream and whether it is gzip. */
    record Opened(InputStream in, boolean gzip) {}

    /**
     * Wraps {@code raw} so that gzip data (recognised by its magic bytes 0x1f 0x8b, whatever
     * the name) is decompressed. Closing the result does not close {@code raw} if
     * {@code closeRaw} is false.
     */
    static Opened open(InputStream raw, String name, boolean closeRaw) throws IOException {
        InputStream base = closeRaw ? raw : new FilterInputStream(raw) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
        BufferedInputStream b = new BufferedInputStream(base, BUFFER);
        b.mark(2);
        int b0 = b.read();
        int b1 = b0 < 0 ? -1 : b.read();
        b.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new Opened(new StrictGzipInputStream(b, name, BUFFER), true);
            } catch (IOException e) {
                try {
                    b.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw gzipError(name, e);
            }
        }
        return new Opened(b, false);
    }

    /** The exception for a failure while decompressing gzip data. */
    static DataFileException gzipError(String name, IOException e) {
        if (e instanceof DataFileException d) {
            return d;
        }
        return new DataFileException(name, "corrupt or truncated gzip data ("
                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    }
}
