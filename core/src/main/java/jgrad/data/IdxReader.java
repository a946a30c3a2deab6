package jgrad.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jgrad.DType;
import jgrad.Tensor;

/**
 * Reads MNIST-style IDX files: images (magic number {@code 0x00000803}: unsigned bytes, three
 * dims {@code count, rows, cols}) and labels (magic number {@code 0x00000801}: unsigned bytes,
 * one dim {@code count}), as used by MNIST, Fashion-MNIST, KMNIST and EMNIST. Gzipped files
 * are decompressed transparently; gzip is recognised by its magic bytes {@code 0x1f 0x8b},
 * not by the file name.
 *
 * <p>Images become FLOAT64 tensors of shape {@code (N, rows * cols)} ({@linkplain
 * Builder#flatten(boolean) flattened}, the default) or {@code (N, rows, cols)}, scaled to
 * {@code [0, 1]} by {@code 1/255} by default ({@link Builder#scale(boolean)}). Labels become
 * INT64 tensors of shape {@code (N)}.
 *
 * <h2>Bad files</h2>
 * A file that is not what it claims to be is a {@link DataFileException} (an
 * {@link IOException}) whose message names the file and the problem: an empty or truncated
 * file, a wrong magic number (e.g. a labels file given as images), dims of zero or beyond
 * {@code 2^31 - 1}, more values than {@linkplain Builder#maxElements(long) the maximum},
 * a header whose counts disagree with the file size, data after the declared end, image and
 * label counts that differ, a label outside the {@linkplain Builder#numClasses(int) declared
 * number of classes}, and corrupt or truncated gzip data. Failures to open or read the file
 * itself are the usual {@code IOException}s. Arguments that make no sense (null, a bad
 * setting) are {@link IllegalArgumentException}s or {@link NullPointerException}s.
 *
 * <p>A forged header cannot make the reader hang or run out of memory: the declared sizes are
 * checked against the maximum and, for uncompressed files, against the file size before
 * anything is allocated; compressed data (and streams) are read in chunks of at most 1 MiB,
 * so the reader never holds more than what the input actually contained plus one chunk
 * before it fails at the early end.
 *
 * <pre>{@code
 * IdxReader idx = IdxReader.builder().numClasses(10).build();
 * TensorDataset train = idx.read(Path.of("train-images-idx3-ubyte.gz"),
 *                                Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class IdxReader {
    /** The magic number of an IDX file of unsigned-byte images: three dims. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels: one dim. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** The largest number of values a reader accepts by default (Java's array limit). */
    public static final long DEFAULT_MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    static final int CHUNK = 1 << 20;

    private final boolean flatten;
    private final boolean scale;
    private final int numClasses;
    private final long maxElements;

    /**
     * A reader with the defaults: images flattened to {@code (N, rows * cols)} and scaled by
     * {@code 1/255}, labels unchecked beyond being bytes, at most
     * {@link #DEFAULT_MAX_ELEMENTS} values per file.
     */
    public IdxReader() {
        this(builder());
    }

    private IdxReader(Builder b) {
        this.flatten = b.flatten;
        this.scale = b.scale;
        this.numClasses = b.numClasses;
        this.maxElements = b.maxElements;
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings for an {@link IdxReader}; each setter validates its argument at once. */
    public static final class Builder {
        private boolean flatten = true;
        private boolean scale = true;
        private int numClasses = -1;
        private long maxElements = DEFAULT_MAX_ELEMENTS;

        private Builder() {}

        /**
         * Whether images come as {@code (N, rows * cols)} (true, the default) or
         * {@code (N, rows, cols)}.
         *
         * @param flatten true to flatten each image into a row
         * @return this builder
         */
        public Builder flatten(boolean flatten) {
            this.flatten = flatten;
            return this;
        }

        /**
         * Whether pixel values are divided by 255, into {@code [0, 1]} (true, the default),
         * or kept as {@code 0..255}.
         *
         * @param scale true to scale
         * @return this builder
         */
        public Builder scale(boolean scale) {
            this.scale = scale;
            return this;
        }

        /**
         * Declares the number of classes: a label {@code >= numClasses} is then a
         * {@link DataFileException}. By default labels are not checked (any byte value is
         * accepted).
         *
         * @param numClasses the number of classes, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code numClasses < 1}
         */
        public Builder numClasses(int numClasses) {
            if (numClasses < 1) {
                throw new IllegalArgumentException("IdxReader: numClasses must be >= 1, got " + numClasses);
            }
            this.numClasses = numClasses;
            return this;
        }

        /**
         * The most values (images times pixels, or labels) a file may declare; a header
         * declaring more is a {@link DataFileException} before anything is allocated.
         *
         * @param maxElements between 1 and {@link #DEFAULT_MAX_ELEMENTS} (the default)
         * @return this builder
         * @throws IllegalArgumentException if out of that range
         */
        public Builder maxElements(long maxElements) {
            if (maxElements < 1 || maxElements > DEFAULT_MAX_ELEMENTS) {
                throw new IllegalArgumentException("IdxReader: maxElements must be in [1, " + DEFAULT_MAX_ELEMENTS
                        + "], got " + maxElements);
            }
            this.maxElements = maxElements;
            return this;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         */
        public IdxReader build() {
            return new IdxReader(this);
        }
    }

    // ---------------------------------------------------------------- public reading

    /**
     * Reads an images file.
     *
     * @param path an IDX images file, gzipped or not
     * @return FLOAT64 images, {@code (N, rows * cols)} or {@code (N, rows, cols)}
     * @throws DataFileException if the file is malformed (see the class comment)
     * @throws IOException if the file cannot be read
     */
    public Tensor readImages(Path path) throws IOException {
        try (Source s = Source.of(path)) {
            return images(s, header(s, true));
        }
    }

    /**
     * Reads images from a stream. The stream is read up to the end of the declared data
     * (plus one byte, to check nothing follows) and not closed.
     *
     * @param in IDX images data, gzipped or not
     * @param name the name to use in error messages
     * @return FLOAT64 images, {@code (N, rows * cols)} or {@code (N, rows, cols)}
     * @throws DataFileException if the data is malformed (see the class comment)
     * @throws IOException if the stream cannot be read
     */
    public Tensor readImages(InputStream in, String name) throws IOException {
        try (Source s = Source.of(in, name)) {
            return images(s, header(s, true));
        }
    }

    /**
     * Reads a labels file.
     *
     * @param path an IDX labels file, gzipped or not
     * @return INT64 labels, {@code (N)}
     * @throws DataFileException if the file is malformed or a label is outside the declared
     *     number of classes
     * @throws IOException if the file cannot be read
     */
    public Tensor readLabels(Path path) throws IOException {
        try (Source s = Source.of(path)) {
            return labels(s, header(s, false));
        }
    }

    /**
     * Reads labels from a stream, which is not closed.
     *
     * @param in IDX labels data, gzipped or not
     * @param name the name to use in error messages
     * @return INT64 labels, {@code (N)}
     * @throws DataFileException if the data is malformed or a label is outside the declared
     *     number of classes
     * @throws IOException if the stream cannot be read
     */
    public Tensor readLabels(InputStream in, String name) throws IOException {
        try (Source s = Source.of(in, name)) {
            return labels(s, header(s, false));
        }
    }

    /**
     * Reads an images file and its labels file into a data set. Both headers are read and
     * their counts compared before any data is.
     *
     * @param images an IDX images file, gzipped or not
     * @param labels the matching IDX labels file, gzipped or not
     * @return images (see {@link #readImages(Path)}) paired with INT64 labels
     * @throws DataFileException if a file is malformed or the counts differ (the message
     *     names both files)
     * @throws IOException if a file cannot be read
     */
    public TensorDataset read(Path images, Path labels) throws IOException {
        try (Source si = Source.of(images); Source sl = Source.of(labels)) {
            return pair(si, sl);
        }
    }

    /**
     * Reads images and labels from streams into a data set; the streams are not closed.
     *
     * @param images IDX images data, gzipped or not
     * @param imagesName the name of the images data in error messages
     * @param labels IDX labels data, gzipped or not
     * @param labelsName the name of the labels data in error messages
     * @return images paired with INT64 labels
     * @throws DataFileException if the data is malformed or the counts differ
     * @throws IOException if a stream cannot be read
     */
    public TensorDataset read(InputStream images, String imagesName, InputStream labels, String labelsName)
            throws IOException {
        try (Source si = Source.of(images, imagesName); Source sl = Source.of(labels, labelsName)) {
            return pair(si, sl);
        }
    }

    private TensorDataset pair(Source si, Source sl) throws IOException {
        int[] hi = header(si, true);
        int[] hl = header(sl, false);
        if (hi[0] != hl[0]) {
            throw new DataFileException(si.name, "has " + hi[0] + " images but the labels file " + sl.name
                    + " has " + hl[0] + " labels");
        }
        Tensor x = images(si, hi);
        Tensor y = labels(sl, hl);
        return new TensorDataset(x, y);
    }

    // ---------------------------------------------------------------- header and body

    /** Reads and validates a header; returns the dims. */
    private int[] header(Source s, boolean images) throws IOException {
        int ndims = images ? 3 : 1;
        int headerBytes = 4 + 4 * ndims;
        byte[] h = new byte[headerBytes];
        int got = s.readFully(h, 0, headerBytes);
        if (got == 0) {
            throw new DataFileException(s.name, "the file is empty; expected an IDX " + (images ? "images" : "labels")
                    + " file");
        }
        if (got < 4) {
            throw new DataFileException(s.name, "the file ends after " + got + " byte" + (got == 1 ? "" : "s")
                    + ", inside the 4-byte magic number");
        }
        int magic = readInt(h, 0);
        int expected = images ? IMAGES_MAGIC : LABELS_MAGIC;
        if (magic != expected) {
            throw new DataFileException(s.name, String.format("wrong magic number 0x%08x: expected 0x%08x for an IDX "
                    + "%s file (%s)%s", magic, expected, images ? "images" : "labels",
                    images ? "unsigned bytes, 3 dims" : "unsigned bytes, 1 dim", describeMagic(magic, images)));
        }
        if (got < headerBytes) {
            throw new DataFileException(s.name, "the file ends after " + got + " bytes, inside the " + headerBytes
                    + "-byte header");
        }
        int[] dims = new int[ndims];
        String[] names = images ? new String[] {"image count", "rows", "cols"} : new String[] {"label count"};
        for (int d = 0; d < ndims; d++) {
            long v = readInt(h, 4 + 4 * d) & 0xFFFFFFFFL;
            if (v > Integer.MAX_VALUE) {
                throw new DataFileException(s.name, "the header declares " + names[d] + " " + v
                        + ", more than the largest supported " + Integer.MAX_VALUE + " (forged or corrupt header?)");
            }
            if (d > 0 && v == 0) {
                throw new DataFileException(s.name, "the header declares images of " + dims[0] + " x "
                        + (d == 1 ? "0" : dims[1] + " x 0") + " pixels; rows and cols must be >= 1");
            }
            dims[d] = (int) v;
        }
        long total = images ? (long) dims[0] * dims[1] * dims[2] : dims[0];
        if (images && (long) dims[1] * dims[2] > maxElements || total > maxElements) {
            throw new DataFileException(s.name, "the header declares " + describe(dims) + " = " + total
                    + " values, more than the maximum of " + maxElements + " (forged or corrupt header?)");
        }
        if (!s.gzip && s.fileSize >= 0) {
            long needed = headerBytes + total;
            if (s.fileSize < needed) {
                throw new DataFileException(s.name, "the header declares " + describe(dims) + ", which needs "
                        + needed + " bytes, but the file has only " + s.fileSize + " (truncated file or forged header)");
            }
            if (s.fileSize > needed) {
                throw new DataFileException(s.name, "the header declares " + describe(dims) + ", which needs "
                        + needed + " bytes, but the file has " + s.fileSize + " (" + (s.fileSize - needed)
                        + " unexpected bytes after the data)");
            }
        }
        return dims;
    }

    private static String describe(int[] dims) {
        if (dims.length == 3) {
            return dims[0] + " image" + (dims[0] == 1 ? "" : "s") + " of " + dims[1] + " x " + dims[2] + " pixels";
        }
        return dims[0] + " label" + (dims[0] == 1 ? "" : "s");
    }

    private static String describeMagic(int magic, boolean images) {
        if (images && magic == LABELS_MAGIC) {
            return "; this looks like a labels file";
        }
        if (!images && magic == IMAGES_MAGIC) {
            return "; this looks like an images file";
        }
        if ((magic >>> 16) != 0) {
            return "; this is not an IDX file";
        }
        int type = (magic >>> 8) & 0xFF;
        String t = switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        if (t == null) {
            return "; this is not an IDX file";
        }
        return "; found IDX data of type " + t + " with " + (magic & 0xFF) + " dims, which is not supported";
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    private Tensor images(Source s, int[] dims) throws IOException {
        int n = dims[0];
        int pixels = dims[1] * dims[2];
        int total = n * pixels;
        List<byte[]> chunks = s.readBody(total, describe(dims), 16);
        double[] out = new double[total];
        double k = scale ? 1.0 / 255.0 : 1.0;
        int i = 0;
        for (byte[] c : chunks) {
            for (byte b : c) {
                out[i++] = (b & 0xFF) * k;
            }
        }
        s.expectEnd(describe(dims));
        return flatten ? Tensor.wrap(out, DType.FLOAT64, n, pixels) : Tensor.wrap(out, DType.FLOAT64, n, dims[1], dims[2]);
    }

    private Tensor labels(Source s, int[] dims) throws IOException {
        int n = dims[0];
        List<byte[]> chunks = s.readBody(n, describe(dims), 8);
        double[] out = new double[n];
        int i = 0;
        for (byte[] c : chunks) {
            for (byte b : c) {
                int v = b & 0xFF;
                if (numClasses > 0 && v >= numClasses) {
                    throw new DataFileException(s.name, "label " + i + " is " + v + ", outside the " + numClasses
                            + " declared classes (expected 0.." + (numClasses - 1) + ")");
                }
                out[i++] = v;
            }
        }
        s.expectEnd(describe(dims));
        return Tensor.wrap(out, DType.INT64, n);
    }

    /**
     * Describes the settings.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "IdxReader(flatten=" + flatten + ", scale=" + scale
                + (numClasses > 0 ? ", numClasses=" + numClasses : "") + ", maxElements=" + maxElements + ")";
    }

    // ---------------------------------------------------------------- input

    /** One input: its name, its (decompressed) stream and, for plain files, its size. */
    private static final class Source implements Closeable {
        final String name;
        final InputStream in;
        final boolean gzip;
        final long fileSize;

        private Source(String name, DataIO.Opened opened, long fileSize) {
            this.name = name;
            this.in = opened.in();
            this.gzip = opened.gzip();
            this.fileSize = fileSize;
        }

        static Source of(Path path) throws IOException {
            Objects.requireNonNull(path, "IdxReader: path is null");
            long size = Files.size(path);
            InputStream raw = Files.newInputStream(path);
            try {
                return new Source(path.toString(), DataIO.open(raw, path.toString(), true), size);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        static Source of(InputStream in, String name) throws IOException {
            Objects.requireNonNull(in, "IdxReader: stream is null");
            Objects.requireNonNull(name, "IdxReader: name is null");
            return new Source(name, DataIO.open(in, name, false), -1);
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
         * Reads exactly {@code total} data bytes in chunks of at most {@link #CHUNK}, so memory
         * grows only with what was actually read.
         */
        List<byte[]> readBody(int total, String what, int headerBytes) throws IOException {
            List<byte[]> chunks = new ArrayList<>();
            long read = 0;
            while (read < total) {
                int len = (int) Math.min(CHUNK, total - read);
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
}
