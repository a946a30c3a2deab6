/**
 * jgrad's face: {@link jgrad.Tensor} (factories, shape queries, math, autograd entry points),
 * {@link jgrad.DType}, and {@link jgrad.Shape} (broadcasting and the shape-error helper).
 */
package jgrad;
