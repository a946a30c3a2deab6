package jgrad.examples;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar during an epoch, on standard error, only when it is a terminal: piped to a
 * file, in CI or on a dumb terminal there is no bar (the trainer prints one line per epoch
 * anyway). The bar is as wide as the terminal, which is measured once per run with
 * {@code stty size} (or {@code $COLUMNS}), so the library's terminal detection (and its native
 * code) is never used.
 */
final class Progress {
    /** The width when the terminal's cannot be measured. */
    static final int DEFAULT_WIDTH = 80;

    private Progress() {}

    /**
     * Whether a bar can be drawn: a console (on Java 22 and later, one that is a terminal), no
     * {@code CI} variable and {@code TERM} not {@code dumb}.
     */
    static boolean interactive() {
        Console c = System.console();
        if (c == null || System.getenv("CI") != null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try { // Java 22+: System.console() is non-null when redirected too; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console means a terminal
        }
    }

    /** The terminal's width in columns: {@code $COLUMNS}, else {@code stty size}, else 80. */
    static int terminalWidth() {
        Integer w = parseColumns(System.getenv("COLUMNS"));
        if (w == null && new File("/dev/tty").canRead()) {
            try {
                Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                // wait first (its output, "rows cols", fits any pipe buffer), so a stty that hangs
                // is given up on after 2 s instead of blocking the read
                if (p.waitFor(2, TimeUnit.SECONDS)) {
                    w = parseSttySize(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                } else {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                w = null; // no stty: the default
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return w != null ? w : DEFAULT_WIDTH;
    }

    /** The columns of {@code stty size}'s "rows columns", or null if it is not that. */
    static Integer parseSttySize(String out) {
        String[] parts = out.strip().split("\\s+");
        return parts.length == 2 ? parseColumns(parts[1]) : null;
    }

    /** A positive column count, or null. */
    static Integer parseColumns(String s) {
        if (s == null || !s.strip().matches("\\d{1,5}")) {
            return null;
        }
        int w = Integer.parseInt(s.strip());
        return w >= 20 ? w : null;
    }

    /**
     * A bar for one epoch, {@code width} columns wide (minus one, so the cursor does not wrap).
     *
     * @param n the number of samples in the epoch
     */
    static ProgressBar bar(String name, int epoch, int epochs, int n, int width) {
        return new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "%s %d/%d", name, epoch, epochs))
                .setInitialMax(n).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100)
                .setConsumer(new ConsoleProgressBarConsumer(System.err, width - 1)).clearDisplayOnFinish().build();
    }
}
