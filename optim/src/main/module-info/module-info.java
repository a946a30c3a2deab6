/** jgrad's optimizers and learning-rate schedulers: {@code jgrad.optim}. */
module jgrad.optim {
    requires transitive jgrad.core;

    exports jgrad.optim;
}
