package jgrad.examples;

import java.util.Locale;

/**
 * A training run stopped at the first loss that is NaN or infinite, naming the command, where it
 * happened and the likely cause; the CLI prints the message and exits with status 1, with
 * nothing saved or plotted.
 */
final class LossNotFinite extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private LossNotFinite(String message) {
        super(message);
    }

    /**
     * Throws if {@code loss} is NaN or infinite.
     *
     * @param command the command, e.g. {@code digits}
     * @param where where in the run, e.g. {@code "epoch 1, step 3"}
     * @param loss the loss just computed
     * @param lr the learning rate, for the hint
     */
    static void check(String command, String where, double loss, double lr) {
        if (!Double.isFinite(loss)) {
            throw new LossNotFinite(String.format(Locale.ROOT, "%s: the loss is %s at %s; training stopped, nothing "
                    + "saved or plotted (the learning rate %s is probably too large: try a smaller --lr)", command,
                    Double.isNaN(loss) ? "NaN" : loss > 0 ? "+infinity" : "-infinity", where, lr));
        }
    }
}
