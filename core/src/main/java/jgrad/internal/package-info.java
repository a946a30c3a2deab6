/**
 * Not API: the entry points the engine, the ops and the optimizers use to reach a tensor's
 * autograd state ({@link jgrad.internal.TensorInternals}). The {@code jgrad.core} module does
 * not export this package except to {@code jgrad.optim}; it may change in any release.
 */
package jgrad.internal;
