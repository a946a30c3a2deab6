/**
 * Raw loops on {@code double[]}: broadcasting elementwise kernels, GEMM, the softmax family's
 * forward and plain backward loops ({@code SoftmaxKernel}) and their Vector API forms
 * ({@code Simd}), and the row passes of the fused cross-entropy ({@code RowPasses}: max, float
 * widening and narrowing). No autograd here.
 */
package jgrad.kernel;
