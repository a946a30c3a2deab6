package jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
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
 * <p>A forged header cannot make the reader hang or run out of memory: before anything is
 * allocated, the declared sizes are checked against the maximum, against the JVM's maximum
 * heap (loading takes 9 bytes of heap per value: the byte as read, then its double; a header
 * declaring more is a {@link DataFileException} naming the file, the dims and the heap) and,
 * for uncompressed files, against the file size. Compressed data (and streams) are read in
 * chunks of at most 1 MiB, so the reader never holds more than what the input actually
 * contained plus one chunk before it fails at the early end: a small gzip file declaring a
 * huge image fails as truncated, and one that really inflates to more than the heap can
 * hold fails on the heap check, before decompressing anything.
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
        try (IdxSource s = IdxSource.of(path)) {
            return images(s, IdxHeader.read(s, true, maxElements));
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
        try (IdxSource s = IdxSource.of(in, name)) {
            return images(s, IdxHeader.read(s, true, maxElements));
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
        try (IdxSource s = IdxSource.of(path)) {
            return labels(s, IdxHeader.read(s, false, maxElements));
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
        try (IdxSource s = IdxSource.of(in, name)) {
            return labels(s, IdxHeader.read(s, false, maxElements));
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
        try (IdxSource si = IdxSource.of(images); IdxSource sl = IdxSource.of(labels)) {
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
        try (IdxSource si = IdxSource.of(images, imagesName); IdxSource sl = IdxSource.of(labels, labelsName)) {
            return pair(si, sl);
        }
    }

    private TensorDataset pair(IdxSource si, IdxSource sl) throws IOException {
        int[] hi = IdxHeader.read(si, true, maxElements);
        int[] hl = IdxHeader.read(sl, false, maxElements);
        if (hi[0] != hl[0]) {
            throw new DataFileException(si.name, "has " + hi[0] + " images but the labels file " + sl.name
                    + " has " + hl[0] + " labels");
        }
        Tensor x = images(si, hi);
        Tensor y = labels(sl, hl);
        return new TensorDataset(x, y);
    }

    // ---------------------------------------------------------------- header and body

    private Tensor images(IdxSource s, int[] dims) throws IOException {
        int n = dims[0];
        int pixels = dims[1] * dims[2];
        int total = n * pixels;
        List<byte[]> chunks = s.readBody(total, IdxHeader.describe(dims), 16);
        double[] out = new double[total];
        double k = scale ? 1.0 / 255.0 : 1.0;
        int i = 0;
        for (byte[] c : chunks) {
            for (byte b : c) {
                out[i++] = (b & 0xFF) * k;
            }
        }
        s.expectEnd(IdxHeader.describe(dims));
        return flatten ? Tensor.wrap(out, DType.FLOAT64, n, pixels) : Tensor.wrap(out, DType.FLOAT64, n, dims[1], dims[2]);
    }

    private Tensor labels(IdxSource s, int[] dims) throws IOException {
        int n = dims[0];
        List<byte[]> chunks = s.readBody(n, IdxHeader.describe(dims), 8);
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
        s.expectEnd(IdxHeader.describe(dims));
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
}
