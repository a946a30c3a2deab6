package jgrad.nn;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Shape;

/**
 * How a classification input is laid out: (outer, C, inner) around the class dim, which is dim
 * 1, or dim 0 for a 1-D input (C). Row r (one per target) holds the C values
 * {@code base(r) + j * inner}.
 */
final class ClassLayout {
    final int[] shape;
    final int classDim;
    final int outer;
    final int classes;
    final int inner;
    /** The input shape without the class dim: the shape of index targets and of 'none' losses. */
    final int[] rowShape;
    /** The input shape with the class dim set to 1: per-row values broadcast against the input. */
    final int[] keepShape;
    /** The shape a class weight broadcasts with: (C) for 1-D input, (1, C, 1, ...) otherwise. */
    final int[] weightShape;
    /** The input's dtype: the dtype of the loss, its gradient and the class weights. */
    final DType dtype;

    /** The layout of a FLOAT64 input of this shape. */
    ClassLayout(int[] shape) {
        this(shape, DType.FLOAT64);
    }

    /** The layout of an input of this shape and (floating) dtype. */
    ClassLayout(int[] shape, DType dtype) {
        this.shape = shape;
        this.dtype = dtype;
        this.classDim = shape.length == 1 ? 0 : 1;
        this.outer = Shape.outer(shape, classDim);
        this.classes = shape[classDim];
        this.inner = Shape.inner(shape, classDim);
        this.rowShape = Shape.reduced(shape, classDim, false);
        this.keepShape = Shape.reduced(shape, classDim, true);
        this.weightShape = new int[shape.length];
        Arrays.fill(weightShape, 1);
        weightShape[classDim] = classes;
    }

    int rows() {
        return outer * inner;
    }

    /** The index of row r's value of class 0 (row r = o * inner + i). */
    int base(int r) {
        int o = r / inner;
        return o * classes * inner + (r - o * inner);
    }
}
