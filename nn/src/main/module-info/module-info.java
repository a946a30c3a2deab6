/** jgrad's layers, losses and {@code Functional}: {@code jgrad.nn}. */
module jgrad.nn {
    requires transitive jgrad.core;

    exports jgrad.nn;
}
