package jgrad.examples;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one INFO line jgrad's kernels log on first use ({@code jgrad.kernel.Simd}: which kernels
 * run), which {@code --quiet} turns off. {@code System.Logger} prints through
 * {@code java.util.logging} unless the program installs another logging back end, so raising
 * that logger's level to WARNING before the first kernel runs keeps the line off standard error.
 */
final class KernelLog {
    /** The logger's name: the class that logs. */
    static final String NAME = "jgrad.kernel.Simd";

    /**
     * Held here because java.util.logging keeps loggers only weakly: a level set on a logger
     * nobody references is lost when it is collected.
     */
    private static final Logger SIMD = Logger.getLogger(NAME);

    private KernelLog() {}

    /** Keeps the INFO line quiet for the rest of this JVM (warnings still show). */
    static void quiet() {
        SIMD.setLevel(Level.WARNING);
    }
}
