package jgrad.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data (RFC 1952) strictly. Internal.
 *
 * <p>Unlike {@link java.util.zip.GZIPInputStream}, it reads the raw bytes itself, so it always
 * knows what follows a member's trailer: nothing (the end), another member (decompressed in
 * turn, as gzip does), or anything else, which is a {@link DataFileException} naming the
 * file. {@code GZIPInputStream} decides by {@code available()} and swallows up to 9 bytes that
 * do not form a gzip header when they arrive with a later read. Corrupt headers, deflate data,
 * CRCs and lengths, and a stream that ends early, are {@link ZipException}s and
 * {@link EOFException}s for the caller to wrap.
 */
final class StrictGzipInputStream extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final String name;
    private final Inflater inf = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf;
    private final byte[] one = new byte[1];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean closed;

    /**
     * Reads the first member's header.
     *
     * @param in the compressed bytes
     * @param name the input's name, for messages
     * @param bufferSize the size of the read buffer
     * @throws IOException if the header is not a gzip header or the input ends inside it
     */
    StrictGzipInputStream(InputStream in, String name, int bufferSize) throws IOException {
        this.in = in;
        this.name = name;
        this.buf = new byte[bufferSize];
        try {
            readHeader(nextByte(), nextByte());
        } catch (IOException | RuntimeException e) {
            inf.end();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        Objects.checkFromIndexSize(off, len, b.length);
        if (eof) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = inf.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                return n;
            }
            if (inf.finished()) {
                pos = lim - inf.getRemaining();
                readTrailer();
                int b0 = nextByte();
                if (b0 < 0) {
                    eof = true;
                    return -1;
                }
                int b1 = nextByte();
                if (b0 != 0x1f || b1 != 0x8b) {
                    throw new DataFileException(name, "unexpected bytes after the end of the gzip data"
                            + " (trailing garbage or a damaged file)");
                }
                inf.reset();
                crc.reset();
                readHeader(b0, b1);
            } else if (inf.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary, which gzip does not use");
            } else if (inf.needsInput()) {
                pos = lim;
                if (!fill()) {
                    throw new EOFException("Unexpected end of ZLIB input stream");
                }
                inf.setInput(buf, pos, lim - pos);
            }
        }
    }

    /** Reads the rest of a member header whose two magic bytes were read; sets up the inflater. */
    private void readHeader(int id1, int id2) throws IOException {
        CRC32 h = new CRC32();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException("Not in GZIP format");
        }
        h.update(id1);
        h.update(id2);
        int cm = headerByte(h);
        if (cm != 8) {
            throw new ZipException("Unsupported compression method " + cm);
        }
        int flg = headerByte(h);
        if ((flg & 0xE0) != 0) {
            throw new ZipException("reserved gzip header flags set: 0x" + Integer.toHexString(flg));
        }
        for (int i = 0; i < 6; i++) { // MTIME, XFL, OS
            headerByte(h);
        }
        if ((flg & FEXTRA) != 0) {
            int xlen = headerByte(h) | headerByte(h) << 8;
            for (int i = 0; i < xlen; i++) {
                headerByte(h);
            }
        }
        if ((flg & FNAME) != 0) {
            while (headerByte(h) != 0) {
                // skip the zero-terminated file name
            }
        }
        if ((flg & FCOMMENT) != 0) {
            while (headerByte(h) != 0) {
                // skip the zero-terminated comment
            }
        }
        if ((flg & FHCRC) != 0) {
            int want = (int) h.getValue() & 0xFFFF;
            int got = byteOrEof() | byteOrEof() << 8;
            if (got != want) {
                throw new ZipException("Corrupt GZIP header");
            }
        }
        inf.setInput(buf, pos, lim - pos);
    }

    private void readTrailer() throws IOException {
        long wantCrc = uint32();
        long wantSize = uint32();
        if (wantCrc != crc.getValue() || wantSize != (inf.getBytesWritten() & 0xFFFFFFFFL)) {
            throw new ZipException("Corrupt GZIP trailer");
        }
    }

    private long uint32() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) byteOrEof() << (8 * i);
        }
        return v;
    }

    private int headerByte(CRC32 h) throws IOException {
        int b = byteOrEof();
        h.update(b);
        return b;
    }

    private int byteOrEof() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw new EOFException("Unexpected end of gzip data");
        }
        return b;
    }

    /** The next raw byte, or -1 at the end of the input. */
    private int nextByte() throws IOException {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /** Refills the empty buffer; false at the end of the input. */
    private boolean fill() throws IOException {
        int r;
        do {
            r = in.read(buf, 0, buf.length);
        } while (r == 0);
        if (r < 0) {
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            inf.end();
            in.close();
        }
    }
}
