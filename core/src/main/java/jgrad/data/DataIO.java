package jgrad.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Shared input plumbing for the readers: gzip detection and exception wrapping. Internal. */
final class DataIO {
    private DataIO() {}

    static final int BUFFER = 1 << 16;

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
