package jgrad.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Opens data files bundled on the classpath (for instance the data sets shipped in the
 * {@code jgrad-examples} jar under {@code jgrad/data/}), to pass to
 * {@link CsvReader#read(InputStream, String)} or {@link IdxReader#readImages(InputStream, String)}
 * together with {@link #displayName(String)} for error messages.
 *
 * <pre>{@code
 * try (InputStream in = Resources.open("jgrad/data/digits.csv.gz")) {
 *     TensorDataset digits = new CsvReader().read(in, Resources.displayName("jgrad/data/digits.csv.gz"));
 * }
 * }</pre>
 */
public final class Resources {
    private Resources() {}

    /**
     * Opens a classpath resource, looked up with the thread's context class loader and then
     * with the loader that loaded jgrad. The caller closes the stream.
     *
     * @param name the resource path, e.g. {@code jgrad/data/digits.csv.gz} (a leading
     *     {@code /} is ignored)
     * @return the resource's bytes, as stored (gzipped resources are not decompressed here;
     *     the readers do that)
     * @throws FileNotFoundException if no such resource is on the classpath (the message
     *     names it)
     * @throws IOException if it cannot be opened
     */
    public static InputStream open(String name) throws IOException {
        String path = normalise(name);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(path);
        if (in == null) {
            ClassLoader own = Resources.class.getClassLoader();
            in = own == null ? ClassLoader.getSystemResourceAsStream(path) : own.getResourceAsStream(path);
        }
        if (in == null) {
            throw new FileNotFoundException("classpath resource " + path + " not found (is the jar or folder "
                    + "that ships it on the classpath?)");
        }
        return in;
    }

    /**
     * The name to use for a classpath resource in error messages: {@code classpath:} followed by
     * the path.
     *
     * @param name the resource path
     * @return e.g. {@code classpath:jgrad/data/digits.csv.gz}
     */
    public static String displayName(String name) {
        return "classpath:" + normalise(name);
    }

    private static String normalise(String name) {
        Objects.requireNonNull(name, "Resources: name is null");
        String p = name.startsWith("/") ? name.substring(1) : name;
        if (p.isEmpty()) {
            throw new IllegalArgumentException("Resources: empty resource name");
        }
        return p;
    }
}
