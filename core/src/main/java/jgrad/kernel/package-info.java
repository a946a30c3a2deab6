/**
 * Raw loops on {@code double[]}: broadcasting elementwise kernels, GEMM, the softmax family's
 * forward and plain backward loops ({@code SoftmaxKernel}) and their Vector API forms
 * ({@code Simd}). No autograd here.
 */
package jgrad.kernel;
