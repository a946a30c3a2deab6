package jgrad.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One input of an {@link IdxReader}: its name, its (decompressed) stream and, for plain files,
 * its size. Internal.
 */
final class IdxSource implements Closeable {
    final String name;
    final InputStream in;
    final boolean gzip;
    final long fileSize;

    private IdxSource(String name, DataIO.Opened opened, long fileSize) {
        this.name = name;
        this.in = opened.in();
        this.gzip = opened.gzip();
        this.fileSize = fileSize;
    }

    static IdxSource of(Path path) throws IOException {
        Objects.requireNonNull(path, "IdxReader: path is null");
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw DataIO.missing(path, "IdxReader");
        }
        InputStream raw = DataIO.openFile(path, "IdxReader");
        try {
            return new IdxSource(path.toString(), DataIO.open(raw, path.toString(), true), size);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static IdxSource of(InputStream in, String name) throws IOException {
        Objects.requireNonNull(in, "IdxReader: stream is null");
        Objects.requireNonNull(name, "IdxReader: name is null");
        return new IdxSource(name, DataIO.open(in, name, false), -1);
    }

    /** Reads up to {@code len} bytes, fewer only at the end; returns how many were read. */
    int readFully(byte[] b, int off, int len) throws IOException {
        int done = 0;
        try {
            while (done < len) {
                int r = in.read(b, off + done, len - done);
                if (r < 0) {
                    break;
                }
                done += r;
            }
        } catch (IOException e) {
            throw gzip ? DataIO.gzipError(name, e) : e;
        }
        return done;
    }

    /**
     * Reads exactly {@code total} data bytes in chunks of at most {@link IdxReader#CHUNK}, so memory
     * grows only with what was actually read.
     */
    List<byte[]> readBody(int total, String what, int headerBytes) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long read = 0;
        while (read < total) {
            int len = (int) Math.min(IdxReader.CHUNK, total - read);
            byte[] c = new byte[len];
            int got = readFully(c, 0, len);
            read += got;
            if (got < len) {
                throw new DataFileException(name, "the data ends after " + read + " of " + total
                        + " bytes declared by the header (" + what + "; " + (headerBytes + read)
                        + " bytes in all" + (gzip ? " after decompression" : "") + "): truncated file"
                        + " or forged header");
            }
            chunks.add(c);
        }
        return chunks;
    }

    /** Fails if anything follows the declared data. */
    void expectEnd(String what) throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw gzip ? DataIO.gzipError(name, e) : e;
        }
        if (b >= 0) {
            throw new DataFileException(name, "unexpected data after the " + what + " declared by the header");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
