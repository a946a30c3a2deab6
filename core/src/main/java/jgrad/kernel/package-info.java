/** Raw loops on {@code double[]}: broadcasting elementwise kernels and GEMM. No autograd here. */
package jgrad.kernel;
