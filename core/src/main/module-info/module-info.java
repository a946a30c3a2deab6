/**
 * jgrad's core: {@link jgrad.Tensor}, the reverse-mode engine ({@code jgrad.autograd}),
 * safetensors ({@code jgrad.io}) and datasets ({@code jgrad.data}). The op implementations
 * ({@code jgrad.ops}), the raw kernels ({@code jgrad.kernel}) and the engine's entry to a
 * tensor's autograd state ({@code jgrad.internal}) are not exported, except {@code jgrad.ops} to
 * {@code jgrad.nn} (Linear's fused product and the softmax kernels the losses share) and
 * {@code jgrad.internal} to {@code jgrad.optim} (a parameter's version after a step) and
 * {@code jgrad.nn} (the fused losses wrap their FLOAT32 results without a copy).
 * EJML is optional: only {@code Tensor.from(SimpleMatrix)} and {@code toSimpleMatrix()} need it.
 */
module jgrad.core {
    requires static ejml.core;
    requires static ejml.simple;

    exports jgrad;
    exports jgrad.autograd;
    exports jgrad.data;
    exports jgrad.io;
    exports jgrad.ops to jgrad.nn;
    exports jgrad.internal to jgrad.optim, jgrad.nn;
}
