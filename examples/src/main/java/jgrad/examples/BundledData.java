package jgrad.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import jgrad.data.CsvReader;
import jgrad.data.IdxReader;
import jgrad.data.Resources;
import jgrad.data.TensorDataset;

/**
 * The small data sets shipped in this module's jar under {@code jgrad/data/}, ready to train
 * on. Each call reads the data afresh, so callers may change the tensors freely. Licences and
 * attribution: {@code DATA-LICENSES.md} at the repository root and
 * {@code jgrad/data/README.md} next to the files.
 */
public final class BundledData {
    /** Where the files live on the classpath. */
    public static final String DIR = "jgrad/data/";
    /** The digits file: gzipped CSV, no header, 64 pixel columns then the label. */
    public static final String DIGITS = DIR + "digits.csv.gz";
    /** The Fashion-MNIST training images (2000). */
    public static final String FASHION_TRAIN_IMAGES = DIR + "fashion-train-2000-images-idx3-ubyte.gz";
    /** The Fashion-MNIST training labels (2000). */
    public static final String FASHION_TRAIN_LABELS = DIR + "fashion-train-2000-labels-idx1-ubyte.gz";
    /** The Fashion-MNIST test images (500). */
    public static final String FASHION_TEST_IMAGES = DIR + "fashion-test-500-images-idx3-ubyte.gz";
    /** The Fashion-MNIST test labels (500). */
    public static final String FASHION_TEST_LABELS = DIR + "fashion-test-500-labels-idx1-ubyte.gz";
    /** The Dhammapada in F. Max Müller's translation (Project Gutenberg etext dhmpd10): gzipped ASCII text. */
    public static final String DHAMMAPADA = DIR + "dhammapada-alternate.txt.gz";
    /** The names of the ten Fashion-MNIST classes, by label. */
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private BundledData() {}

    /**
     * The UCI hand-written digits: 1797 samples, FLOAT64 inputs {@code (1797, 64)} holding the
     * 8 x 8 pixel counts 0..16 (unscaled; see {@link jgrad.data.Standardizer}) and INT64
     * labels {@code (1797)} in 0..9.
     *
     * @return the digits data set
     * @throws UncheckedIOException if the bundled file is missing or unreadable
     */
    public static TensorDataset digits() {
        try (InputStream in = Resources.open(DIGITS)) {
            return new CsvReader().read(in, Resources.displayName(DIGITS));
        } catch (IOException e) {
            throw new UncheckedIOException("BundledData.digits: " + e.getMessage(), e);
        }
    }

    /**
     * The Fashion-MNIST training subset: FLOAT64 images {@code (2000, 784)} scaled to [0, 1]
     * and INT64 labels {@code (2000)} in 0..9 (names in {@link #FASHION_CLASSES}).
     *
     * @return the training subset
     * @throws UncheckedIOException if the bundled files are missing or unreadable
     */
    public static TensorDataset fashionTrain() {
        return fashion(FASHION_TRAIN_IMAGES, FASHION_TRAIN_LABELS, true);
    }

    /**
     * The Fashion-MNIST test subset: FLOAT64 images {@code (500, 784)} scaled to [0, 1] and
     * INT64 labels {@code (500)} in 0..9.
     *
     * @return the test subset
     * @throws UncheckedIOException if the bundled files are missing or unreadable
     */
    public static TensorDataset fashionTest() {
        return fashion(FASHION_TEST_IMAGES, FASHION_TEST_LABELS, true);
    }

    /**
     * The Fashion-MNIST training subset, with images flattened to {@code (2000, 784)} or kept
     * as {@code (2000, 28, 28)}; scaled to [0, 1].
     *
     * @param flatten true for {@code (N, 784)}, false for {@code (N, 28, 28)}
     * @return the training subset
     * @throws UncheckedIOException if the bundled files are missing or unreadable
     */
    public static TensorDataset fashionTrain(boolean flatten) {
        return fashion(FASHION_TRAIN_IMAGES, FASHION_TRAIN_LABELS, flatten);
    }

    /**
     * The Fashion-MNIST test subset, with images flattened to {@code (500, 784)} or kept as
     * {@code (500, 28, 28)}; scaled to [0, 1].
     *
     * @param flatten true for {@code (N, 784)}, false for {@code (N, 28, 28)}
     * @return the test subset
     * @throws UncheckedIOException if the bundled files are missing or unreadable
     */
    public static TensorDataset fashionTest(boolean flatten) {
        return fashion(FASHION_TEST_IMAGES, FASHION_TEST_LABELS, flatten);
    }

    /**
     * The Dhammapada, F. Max Müller's 1881 translation, as Debian's {@code display-dhammapada}
     * ships it: 66 357 characters of ASCII text with {@code \n} line ends, unchanged.
     *
     * @return the whole text
     * @throws UncheckedIOException if the bundled file is missing or unreadable
     */
    public static String dhammapada() {
        try (InputStream in = new GZIPInputStream(Resources.open(DHAMMAPADA))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("BundledData.dhammapada: " + Resources.displayName(DHAMMAPADA) + ": "
                    + e.getMessage(), e);
        }
    }

    private static TensorDataset fashion(String images, String labels, boolean flatten) {
        IdxReader reader = IdxReader.builder().flatten(flatten).scale(true).numClasses(10).build();
        try (InputStream xi = Resources.open(images); InputStream yi = Resources.open(labels)) {
            return reader.read(xi, Resources.displayName(images), yi, Resources.displayName(labels));
        } catch (IOException e) {
            throw new UncheckedIOException("BundledData: " + e.getMessage(), e);
        }
    }
}
