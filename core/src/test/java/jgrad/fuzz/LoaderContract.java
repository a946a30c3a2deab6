package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * What every loader owes hostile bytes, checked around one call: it either returns, or throws
 * its documented exception (or a subclass) whose message names the file; any other exception
 * or error escapes to Jazzer as a finding. When it rejects the input, the bytes this thread
 * allocated during the call must stay under {@link #ALLOCATION_FACTOR} times the input's size
 * (the decompressed size for gzip input) plus {@link #ALLOCATION_SLACK}; when the first call
 * allocates more, a second call with the same input is measured instead, so that loading and
 * initialising classes on the first call does not count.
 *
 * <p>The allocation bound is checked when inputs are replayed (every build), not while Jazzer
 * fuzzes: its comparison hooks then allocate on this thread for every string the loader
 * compares (a 4 kB CSV line measured 6.2 MB with them and 0.35 MB without). While fuzzing,
 * the profile's small heap turns runaway allocation into an {@code OutOfMemoryError} finding.
 */
final class LoaderContract {
    /** Allowed allocation per byte of (decompressed) input for a rejected input. */
    static final long ALLOCATION_FACTOR = 64;
    /** Allowed allocation on top: a 1 MiB read chunk, buffers, the exception and its message. */
    static final long ALLOCATION_SLACK = 4L << 20;
    /** Inflating stops counting here: the bound then only grows, so this is conservative. */
    private static final long INFLATE_CAP = 1L << 28;

    /** Whether Jazzer is fuzzing (its hooks allocate), rather than replaying inputs. */
    static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A loader call on a file. */
    interface Load {
        /**
         * Loads the file.
         *
         * @param file the input, written to disk
         * @throws IOException as the loader documents
         */
        void load(Path file) throws IOException;
    }

    /**
     * With {@code -Djgrad.fuzz.report=true}, each rejected input's size, bound basis and
     * allocation in one more call (classes then loaded) go to standard error as {@code alloc <file> <input bytes> <basis> <allocated>},
     * for the figures in docs/09-reliability.md.
     */
    private static final boolean REPORT = Boolean.getBoolean("jgrad.fuzz.report");

    private LoaderContract() {}

    /** A fresh empty directory for one target's input file, removed when the JVM exits. */
    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code input} to {@code file}, loads it and checks the contract.
     *
     * @param file where the input goes; its name must appear in a rejection's message
     * @param input the bytes
     * @param documented the only exception type the loader may throw for bad content
     * @param load the call under test
     * @return true if the loader accepted the input
     */
    static boolean check(Path file, byte[] input, Class<? extends IOException> documented, Load load) {
        return check(file, file.getFileName().toString(), input, documented, load);
    }

    /**
     * As {@link #check(Path, byte[], Class, Load)}, for a call whose rejection names the input
     * as {@code name} (e.g. {@code <bytes>} for bytes held in memory) rather than by the file.
     *
     * @param file where the input goes
     * @param name what a rejection's message must contain
     * @param input the bytes
     * @param documented the only exception type the loader may throw for bad content
     * @param load the call under test
     * @return true if the loader accepted the input
     */
    static boolean check(Path file, String name, byte[] input, Class<? extends IOException> documented, Load load) {
        try {
            Files.write(file, input);
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fuzz input", e);
        }
        long bound = -1;
        for (int attempt = 1; ; attempt++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                load.load(file);
                return true;
            } catch (IOException e) {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (!documented.isInstance(e)) {
                    throw new AssertionError("undocumented " + e.getClass().getName() + " (only "
                            + documented.getSimpleName() + " is documented for bad content)", e);
                }
                assertTrue(e.getMessage() != null && e.getMessage().contains(name),
                        () -> "message does not name the input " + name + ": " + e.getMessage());
                if (FUZZING) {
                    return false;
                }
                if (bound < 0) {
                    bound = ALLOCATION_FACTOR * basis(input) + ALLOCATION_SLACK;
                }
                if (allocated <= bound) {
                    if (REPORT) {
                        report(name, input, load, file);
                    }
                    return false;
                }
                // The first call may have loaded and initialised classes: only a second call counts.
                long b = bound;
                assertTrue(attempt == 1, () -> "rejecting " + input.length + " bytes (" + e.getMessage()
                        + ") allocated " + allocated + " bytes, over the bound " + b);
            }
        }
    }

    /** Prints the allocation of one more (warm) call that rejects the input. */
    private static void report(String name, byte[] input, Load load, Path file) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            load.load(file);
        } catch (IOException e) {
            // rejected again, as before
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        System.err.println("alloc " + name + " " + input.length + " " + basis(input) + " " + allocated);
    }

    /** The input's size, or its decompressed size if that is larger (gzip, counted up to a cap). */
    static long basis(byte[] input) {
        if (input.length < 2 || (input[0] & 0xff) != 0x1f || (input[1] & 0xff) != 0x8b) {
            return input.length;
        }
        long n = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(input))) {
            for (int r; n < INFLATE_CAP && (r = in.read(buf)) > 0; ) {
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            // corrupt gzip: count what inflated before the damage
        }
        return Math.max(input.length, n);
    }
}
