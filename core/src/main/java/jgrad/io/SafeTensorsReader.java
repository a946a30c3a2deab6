package jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;
import jgrad.Tensor;

/**
 * Reads safetensors data: the 8-byte length, the JSON header, the validation of every entry,
 * and only then the tensor data, converted to jgrad's dtypes.
 */
final class SafeTensorsReader {
    /** Bytes read from the data section per read call. A multiple of every element size. */
    private static final int CHUNK = 1 << 20;
    /** The largest element count a jgrad tensor (one {@code double[]}) can hold here. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /**
     * Heap bytes a header takes per byte while it is parsed, when it is all ASCII: the bytes,
     * the strings parsed from them, and slack (measured with {@code jgrad.LoaderLimitFigures}
     * in core's tests: a 100 MB header of one ASCII string loads in a 320 MB heap).
     */
    static final long HEAP_PER_ASCII_BYTE = 3;
    /**
     * The same for a header with other characters: a string outside Latin-1 takes two bytes
     * per character, and while it is built, its {@code char[]} as well (measured: a 100 MB
     * header of one ASCII string with one CJK character at its end loads in 576 MB).
     */
    static final long HEAP_PER_OTHER_BYTE = 6;
    /**
     * Heap bytes per JSON object ({@code '{'}) in the header, for the entry, its name, shape,
     * validated form and loaded tensor (measured: 1.71 million empty tensors in a 100 MB
     * header, with this check off, load in 576 MB, not in 512 MB; with it they need 640 MB and
     * more, which leaves room for longer shapes).
     */
    static final long HEAP_PER_OBJECT = 300;
    /**
     * The commas (outside strings) each object may have without charge: its keys' separators,
     * the one in {@code data_offsets}, one shape dim beyond the first, and the one before the
     * next entry.
     */
    static final long FREE_COMMAS_PER_OBJECT = 4;
    /**
     * Heap bytes per comma beyond those: in a valid header each is a shape dim (up to
     * {@code HeaderParser.MAX_DIMS} per tensor), held as a {@code long} while parsed and as
     * {@code int}s in the validated entry and the loaded tensor (measured: 544 thousand empty
     * tensors of 64 dims in a 100 MB header, with this check off, ran out of memory in 560 MB
     * and loaded in 640 MB; without this term the check let them through to an
     * {@code OutOfMemoryError} in 480 to 560 MB).
     */
    static final long HEAP_PER_EXTRA_COMMA = 16;

    /** The heap limit headers and data are checked against: the JVM's maximum heap (a seam for tests). */
    static LongSupplier maxHeap = () -> Runtime.getRuntime().maxMemory();

    private SafeTensorsReader() {}

    /** Random-access input: a file channel or a byte array. */
    interface Source {
        /** Total size in bytes. */
        long size() throws IOException;

        /** Fills {@code dst} from {@code position} on, or throws if the input ends first. */
        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    /** A file, read through a {@link FileChannel} with positional reads. */
    static Source of(FileChannel ch, Path file) {
        return new Source() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public void readFully(long position, ByteBuffer dst) throws IOException {
                long p = position;
                while (dst.hasRemaining()) {
                    int n = ch.read(dst, p);
                    if (n < 0) {
                        throw new SafeTensorsException(file, "the file ended at byte " + p
                                + " while reading it (was it truncated while being read?)");
                    }
                    p += n;
                }
            }
        };
    }

    /** A byte array. */
    static Source of(byte[] bytes) {
        return new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(long position, ByteBuffer dst) {
                int n = dst.remaining();
                dst.put(bytes, Math.toIntExact(position), n);
            }
        };
    }

    /** A validated entry: everything about one tensor except its data. */
    record Validated(String name, FileDType dtype, int[] shape, int numel, long begin, long end) {}

    /** A validated header: entries sorted by data offset, metadata in header order. */
    record Header(List<Validated> entries, LinkedHashMap<String, String> metadata, long headerLength,
            long dataSize) {}

    /**
     * Reads and validates the header; reads no tensor data.
     *
     * @throws SafeTensorsException if anything about the header is wrong
     */
    static Header readHeader(Source src, Path file) throws IOException {
        long size = src.size();
        if (size < 8) {
            throw new SafeTensorsException(file, "the file is " + size
                    + " bytes long, too short for the 8-byte header length that starts a safetensors file");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        src.readFully(0, lenBuf);
        long n = lenBuf.getLong(0); // unsigned: negative means >= 2^63
        if (n < 0 || n > SafeTensors.MAX_HEADER_SIZE) {
            throw new SafeTensorsException(file, "the header length " + Long.toUnsignedString(n)
                    + " is larger than the " + SafeTensors.MAX_HEADER_SIZE + "-byte limit");
        }
        if (n > size - 8) {
            throw new SafeTensorsException(file, "the header length " + n + " runs past the end of the file ("
                    + (size - 8) + " bytes follow the length)");
        }
        long heap = maxHeap.getAsLong();
        checkHeaderHeap(n, HEAP_PER_ASCII_BYTE * n, heap, file); // the least it can need, before reading it
        byte[] headerBytes = new byte[(int) n];
        src.readFully(8, ByteBuffer.wrap(headerBytes));
        JsonCursor.Scan scan = JsonCursor.checkUtf8(headerBytes, file);
        long extraCommas = Math.max(0, scan.commas() - FREE_COMMAS_PER_OBJECT * scan.braces());
        checkHeaderHeap(n, (scan.ascii() ? HEAP_PER_ASCII_BYTE : HEAP_PER_OTHER_BYTE) * n
                + HEAP_PER_OBJECT * scan.braces() + HEAP_PER_EXTRA_COMMA * extraCommas, heap, file);
        HeaderParser.Parsed parsed = HeaderParser.parse(headerBytes, file);
        long dataSize = size - 8 - n;
        List<Validated> entries = validate(parsed.entries(), dataSize, file);
        return new Header(entries, parsed.metadata(), n, dataSize);
    }

    private static void checkHeaderHeap(long n, long need, long heap, Path file) throws SafeTensorsException {
        if (heap != Long.MAX_VALUE && need > heap) {
            throw new SafeTensorsException(file, "the " + n + "-byte header needs about " + need + " bytes of heap to"
                    + " parse and load, more than the JVM's maximum heap of " + heap + " bytes (see -Xmx)");
        }
    }

    /** Reads the header, then every tensor, in data-offset order. */
    static SafeTensors.Contents readAll(Source src, Path file) throws IOException {
        Header h = readHeader(src, file);
        long need = 0;
        for (Validated e : h.entries()) {
            need += 8L * e.numel(); // at most ~2^21 entries of at most 2^34 bytes: no overflow
        }
        long max = maxHeap.getAsLong();
        if (max != Long.MAX_VALUE && need > max) {
            throw new SafeTensorsException(file, "loading its " + h.entries().size() + " tensors needs " + need
                    + " bytes of heap, more than the JVM's maximum heap of " + max + " bytes (see -Xmx)");
        }
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        long dataStart = 8 + h.headerLength();
        ByteBuffer chunk = null;
        for (Validated e : h.entries()) {
            long bytes = e.end() - e.begin();
            if (chunk == null && bytes > 0) {
                chunk = ByteBuffer.allocate((int) Math.min(CHUNK, maxBytes(h))).order(ByteOrder.LITTLE_ENDIAN);
            }
            double[] data = new double[e.numel()];
            long read = 0;
            int at = 0;
            while (read < bytes) {
                int len = (int) Math.min(chunk.capacity(), bytes - read);
                chunk.clear().limit(len);
                src.readFully(dataStart + e.begin() + read, chunk);
                chunk.flip();
                at = decode(e, chunk, data, at, file);
                read += len;
            }
            tensors.put(e.name(), Tensor.wrap(data, e.dtype().target, e.shape()));
        }
        return new SafeTensors.Contents(tensors, h.metadata());
    }

    private static long maxBytes(Header h) {
        long max = 0;
        for (Validated e : h.entries()) {
            max = Math.max(max, e.end() - e.begin());
        }
        return max;
    }

    /**
     * Checks every entry against the data section, then checks the entries tile it exactly.
     * Returns them sorted by offset.
     */
    private static List<Validated> validate(List<HeaderParser.Entry> raw, long dataSize, Path file)
            throws SafeTensorsException {
        List<Validated> out = new ArrayList<>(raw.size());
        List<HeaderParser.Entry> byOffset = new ArrayList<>(raw);
        byOffset.sort(Comparator.comparingLong(HeaderParser.Entry::begin)
                .thenComparingLong(HeaderParser.Entry::end)
                .thenComparingInt(HeaderParser.Entry::order));
        for (HeaderParser.Entry e : raw) {
            String q = JsonCursor.quote(e.name());
            FileDType dtype = FileDType.byName(e.dtypeName());
            if (dtype == null) {
                if (FileDType.KNOWN_UNSUPPORTED.contains(e.dtypeName())) {
                    throw new SafeTensorsException(file, "tensor " + q + " has dtype " + e.dtypeName()
                            + ", which jgrad does not read (supported: " + FileDType.SUPPORTED + ")");
                }
                throw new SafeTensorsException(file, "tensor " + q + " has unknown dtype "
                        + JsonCursor.quote(e.dtypeName()) + " (supported: " + FileDType.SUPPORTED + ")");
            }
            long[] shape = e.shape();
            String shapeStr = Arrays.toString(shape);
            long numel = 1;
            boolean empty = false;
            for (long d : shape) {
                if (d < 0) {
                    throw new SafeTensorsException(file, "tensor " + q + " has a negative size in shape " + shapeStr);
                }
                if (d > Integer.MAX_VALUE) {
                    throw new SafeTensorsException(file, "tensor " + q + " has size " + d + " in shape " + shapeStr
                            + ", larger than jgrad's sizes (at most " + Integer.MAX_VALUE + ")");
                }
                empty |= d == 0;
            }
            long nbytes;
            if (empty) {
                numel = 0;
                nbytes = 0;
            } else {
                try {
                    for (long d : shape) {
                        numel = Math.multiplyExact(numel, d);
                    }
                    nbytes = Math.multiplyExact(numel, (long) dtype.size);
                } catch (ArithmeticException overflow) {
                    throw new SafeTensorsException(file, "tensor " + q + " has shape " + shapeStr
                            + " whose size in bytes overflows a 64-bit integer");
                }
            }
            long b = e.begin();
            long end = e.end();
            String offs = "data_offsets [" + b + ", " + end + "]";
            if (b < 0 || end < 0) {
                throw new SafeTensorsException(file, "tensor " + q + " has negative " + offs);
            }
            if (b > end) {
                throw new SafeTensorsException(file, "tensor " + q + " has " + offs + " with begin after end");
            }
            if (end > dataSize) {
                throw new SafeTensorsException(file, "tensor " + q + " has " + offs
                        + " past the end of the data section (" + dataSize + " bytes)");
            }
            if (end - b != nbytes) {
                throw new SafeTensorsException(file, "tensor " + q + " (" + dtype + ", shape " + shapeStr + ") needs "
                        + nbytes + " bytes but its " + offs + " span " + (end - b));
            }
            if (numel > MAX_ELEMENTS) {
                throw new SafeTensorsException(file, "tensor " + q + " has " + numel
                        + " elements, more than a jgrad tensor can hold (" + MAX_ELEMENTS + ")");
            }
            int[] ishape = new int[shape.length];
            for (int i = 0; i < shape.length; i++) {
                ishape[i] = (int) shape[i];
            }
            out.add(new Validated(e.name(), dtype, ishape, (int) numel, b, end));
        }
        // Sorted by (begin, end), the tensors must tile [0, dataSize) exactly.
        Validated[] sorted = new Validated[out.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = out.get(byOffset.get(i).order());
        }
        long expected = 0;
        Validated prev = null;
        for (Validated v : sorted) {
            String q = JsonCursor.quote(v.name());
            if (v.begin() > expected) {
                throw new SafeTensorsException(file, "bytes [" + expected + ", " + v.begin()
                        + ") of the data section belong to no tensor (a hole before tensor " + q + ")");
            }
            if (v.begin() < expected) {
                throw new SafeTensorsException(file, "tensor " + q + " at [" + v.begin() + ", " + v.end()
                        + "] overlaps tensor " + JsonCursor.quote(prev.name()) + " at [" + prev.begin() + ", "
                        + prev.end() + "]");
            }
            expected = v.end();
            prev = v;
        }
        if (expected != dataSize) {
            throw new SafeTensorsException(file, "the last " + (dataSize - expected) + " bytes of the data section ([" + expected
                    + ", " + dataSize + ")) belong to no tensor");
        }
        return Arrays.asList(sorted);
    }

    /** Converts the elements in {@code buf} into {@code out} from index {@code at}; returns the next index. */
    private static int decode(Validated e, ByteBuffer buf, double[] out, int at, Path file)
            throws SafeTensorsException {
        int i = at;
        switch (e.dtype()) {
            case F64 -> {
                while (buf.hasRemaining()) {
                    out[i++] = Double.longBitsToDouble(buf.getLong());
                }
            }
            case F32 -> {
                while (buf.hasRemaining()) {
                    out[i++] = Float.intBitsToFloat(buf.getInt());
                }
            }
            case F16 -> {
                while (buf.hasRemaining()) {
                    out[i++] = halfToDouble(buf.getShort());
                }
            }
            case BF16 -> {
                while (buf.hasRemaining()) {
                    out[i++] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                }
            }
            case I64 -> {
                while (buf.hasRemaining()) {
                    long v = buf.getLong();
                    double d = v;
                    // (long) 2^63 saturates to Long.MAX_VALUE, so exclude it explicitly.
                    if ((long) d != v || d == 0x1p63) {
                        throw new SafeTensorsException(file, "element " + i + " of I64 tensor "
                                + JsonCursor.quote(e.name()) + " is " + v
                                + ", which jgrad's INT64 (stored as double) cannot hold exactly");
                    }
                    out[i++] = d;
                }
            }
            case I32 -> {
                while (buf.hasRemaining()) {
                    out[i++] = buf.getInt();
                }
            }
            case I16 -> {
                while (buf.hasRemaining()) {
                    out[i++] = buf.getShort();
                }
            }
            case I8 -> {
                while (buf.hasRemaining()) {
                    out[i++] = buf.get();
                }
            }
            case U8 -> {
                while (buf.hasRemaining()) {
                    out[i++] = buf.get() & 0xFF;
                }
            }
            case BOOL -> {
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b != 0 && b != 1) {
                        throw new SafeTensorsException(file, "element " + i + " of BOOL tensor "
                                + JsonCursor.quote(e.name()) + " is byte " + (b & 0xFF) + ", not 0 or 1");
                    }
                    out[i++] = b;
                }
            }
        }
        return i;
    }

    /** IEEE 754 binary16 to double, exactly (subnormals, infinities and NaN included). */
    static double halfToDouble(short bits) {
        int h = bits & 0xFFFF;
        int sign = h >>> 15;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        double v;
        if (exp == 0) {
            v = Math.scalb((double) mant, -24);
        } else if (exp == 31) {
            v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            v = Math.scalb((double) (mant | 0x400), exp - 25);
        }
        return sign == 0 ? v : -v;
    }
}
