package jgrad.kernel;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Chooses once, when first used, between the plain Java kernels (the default, with no JVM flags)
 * and the faster Vector API kernels for products and exp.
 *
 * <p>The Vector API is an incubator module of the JDK, absent unless the JVM is started with
 * {@code --add-modules jdk.incubator.vector} (for instance via the environment variable
 * {@code JDK_JAVA_OPTIONS="--add-modules jdk.incubator.vector"}); the JVM then prints
 * {@code WARNING: Using incubator modules: jdk.incubator.vector}, which only says that this API
 * may still change between JDK releases. When the module is present and the system property
 * {@code jgrad.simd} is {@code auto} (the default) the Vector API implementation is loaded by
 * name; {@code jgrad.simd=off} keeps the plain kernels. One INFO line on the
 * {@code jgrad.kernel.Simd} {@link System.Logger} says which kernels run and how to change it
 * (logged from a daemon thread, so a program that ends at once may end before it).
 *
 * <p>The JIT compiles Vector API code only after many calls, and until then it is many times
 * slower than the plain kernels, so products stay on the plain kernels while a daemon thread
 * warms the vector ones up (about 0.7 s here); exp uses the vector kernel from the start.
 *
 * <p>Both paths give the same bits for every product (each element is the same chain of FMAs);
 * exp and the sums of exps may differ in the last bits.
 */
public final class Simd {
    private Simd() {}

    /** The name of the system property that selects the kernels: {@code off} or {@code auto}. */
    public static final String PROPERTY = "jgrad.simd";

    /** The JVM option that makes the Vector API kernels available. */
    public static final String JVM_OPTION = "--add-modules jdk.incubator.vector";

    /** What {@link #load} decided (set by it, so declared before {@link #KERNELS}). */
    private static String STATUS;

    /** The loaded Vector API kernels, or null on the plain path. */
    static final SimdKernels KERNELS = load();

    /**
     * Whether the Vector API kernels are in use.
     *
     * @return true when products and exp run on the Vector API path
     */
    public static boolean active() {
        return KERNELS != null;
    }

    /**
     * One line saying which kernels run, and how to switch.
     *
     * @return the description logged at start-up
     */
    public static String status() {
        return STATUS;
    }

    /**
     * The sum of exp(x[from + i] - shift) over i in [0, n) on the Vector API path, storing each
     * exp at {@code out[from + i]} when {@code out} is not null. Each exp is within about 1 ulp of
     * {@link Math#exp}; the sum is taken in a different order from a plain loop.
     *
     * @param x the values
     * @param from the index of the first value
     * @param n the number of values
     * @param shift the value subtracted before exp
     * @param out where to store the exps (same indices as {@code x}), or null
     * @return the sum of the exps
     * @throws IllegalStateException if the Vector API kernels are not in use ({@link #active()})
     * @throws IndexOutOfBoundsException if the range does not fit {@code x} or {@code out}
     */
    public static double expSum(double[] x, int from, int n, double shift, double[] out) {
        if (KERNELS == null) {
            throw new IllegalStateException("Simd.expSum: the Vector API kernels are not in use (" + STATUS + ")");
        }
        Objects.checkFromIndexSize(from, n, x.length);
        if (out != null) {
            Objects.checkFromIndexSize(from, n, out.length);
        }
        return KERNELS.expSum(x, from, n, shift, out);
    }

    /**
     * Whether to try the Vector API kernels.
     *
     * @param property the value of {@link #PROPERTY}, or null when unset
     * @param modulePresent whether {@code jdk.incubator.vector} is in the boot layer
     * @return true to load the Vector API kernels
     * @throws IllegalArgumentException if the property is neither {@code off} nor {@code auto}
     */
    static boolean wanted(String property, boolean modulePresent) {
        String p = property == null ? "auto" : property.trim();
        if (p.equals("off")) {
            return false;
        }
        if (!p.equals("auto")) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + property + ": expected off or auto");
        }
        return modulePresent;
    }

    private static void logStatus(String line) {
        System.getLogger(Simd.class.getName()).log(Level.INFO, line);
    }

    /**
     * Whether {@code jdk.incubator.vector} is in the boot layer. Asking the platform class loader
     * for one of its classes first took 0.1-0.4 ms here, where {@code findModule} alone took
     * ~10 ms when the module is absent (the plain path's start-up).
     */
    private static boolean moduleInBootLayer() {
        try {
            Class.forName("jdk.incubator.vector.VectorShape", false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    private static SimdKernels load() {
        String property = System.getProperty(PROPERTY);
        boolean present = moduleInBootLayer();
        SimdKernels k = null;
        if (wanted(property, present)) {
            try {
                // As the named module jgrad.core (on a module path) jgrad does not require the
                // incubator module (javac would warn on every build), so it reads it here; in the
                // unnamed module (the class path) this changes nothing.
                ModuleLayer.boot().findModule("jdk.incubator.vector").ifPresent(Simd.class.getModule()::addReads);
                k = (SimdKernels) Class.forName("jgrad.kernel.VectorKernels").getDeclaredConstructor().newInstance();
                STATUS = "Vector API kernels (" + k.describe() + "); -D" + PROPERTY + "=off for the plain ones";
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                STATUS = "plain Java kernels: the Vector API kernels failed to load (" + e + ")";
            }
        } else if (present) {
            STATUS = "plain Java kernels (-D" + PROPERTY + "=off)";
        } else {
            STATUS = "plain Java kernels; start Java with " + JVM_OPTION + " (e.g. JDK_JAVA_OPTIONS=\""
                    + JVM_OPTION + "\") for the faster Vector API kernels";
        }
        // From a daemon thread: setting up java.util.logging took 70-250 ms here, which the first
        // product (often the first thing a program does) should not wait for.
        String line = "jgrad: " + STATUS;
        Thread t = new Thread(() -> logStatus(line), "jgrad-simd-log");
        t.setDaemon(true);
        t.start();
        return k;
    }
}
