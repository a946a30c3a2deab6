package jgrad.nn;

/** How a loss reduces its per-element values, PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** No reduction: one loss per element (per sample, for the classification losses). */
    NONE,
    /** The (weighted) mean, PyTorch's default. */
    MEAN,
    /** The sum. */
    SUM
}
