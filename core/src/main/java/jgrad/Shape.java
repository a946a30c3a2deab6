package jgrad;

import java.util.Arrays;

/**
 * Shape arithmetic: sizes, strides, broadcasting, dim normalisation, and the one place that
 * writes shape errors (op name, shapes written like {@code [2, 3]}, what was expected).
 */
public final class Shape {
    private Shape() {}

    /**
     * Number of elements of a shape (1 for the 0-D shape).
     *
     * @param shape the sizes
     * @return the product of the sizes (0 when any size is 0, in whichever position)
     * @throws IllegalArgumentException if no size is 0 and the product exceeds {@link Integer#MAX_VALUE}
     */
    public static int numel(int[] shape) {
        for (int s : shape) {
            if (s == 0) {
                return 0; // a zero anywhere means no elements, whatever the other sizes are
            }
        }
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /**
     * Checks sizes are non-negative and returns a copy.
     *
     * @param op the op's name, for the error message
     * @param shape the sizes
     * @return a copy of {@code shape}
     */
    public static int[] check(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + str(shape));
            }
        }
        int[] copy = shape.clone();
        numel(copy);
        return copy;
    }

    /**
     * A shape written the PyTorch way, e.g. {@code [2, 3]}; {@code []} for 0-D.
     *
     * @param shape the sizes
     * @return the text
     */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * Row-major strides (in elements).
     *
     * @param shape the sizes
     * @return a new array holding the stride of each dim
     */
    public static int[] strides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= shape[i];
        }
        return st;
    }

    /**
     * Normalises a possibly negative dim for a tensor of {@code ndim} dims. A 0-D tensor
     * accepts dims -1 and 0, as in PyTorch.
     *
     * @param op the op's name, for the error message
     * @param dim the dim; negative dims count from the end
     * @param ndim the number of dims of the tensor
     * @return the dim in {@code [0, max(ndim, 1))}
     */
    public static int dim(String op, int dim, int ndim) {
        int n = Math.max(ndim, 1);
        if (dim < -n || dim >= n) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of "
                    + ndim + " dim" + (ndim == 1 ? "" : "s") + " (expected a dim in [" + (-n) + ", "
                    + (n - 1) + "])");
        }
        return dim < 0 ? dim + n : dim;
    }

    /**
     * As {@link #dim(String, int, int)}, with the tensor's shape in the error message, e.g.
     * {@code "transpose: dim 2 is out of range for a tensor of shape [2, 3] (expected a dim in [-2, 1])"}.
     *
     * @param op the op's name, for the error message
     * @param dim the dim; negative dims count from the end
     * @param shape the tensor's sizes
     * @return the dim in {@code [0, max(shape.length, 1))}
     */
    public static int dim(String op, int dim, int[] shape) {
        int n = Math.max(shape.length, 1);
        if (dim < -n || dim >= n) {
            throw error(op, "dim " + dim + " is out of range for a tensor of shape " + str(shape)
                    + " (expected a dim in [" + (-n) + ", " + (n - 1) + "])");
        }
        return dim < 0 ? dim + n : dim;
    }

    /**
     * NumPy broadcasting of two shapes; a mismatch names the op and both shapes.
     *
     * @param op the op's name, for the error message
     * @param a one shape
     * @param b the other shape
     * @return the broadcast shape, a new array
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw error(op, "shapes " + str(a) + " and " + str(b) + " cannot be broadcast together"
                        + " (size " + da + " vs " + db + " at dim " + i + " of the result)");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * True when {@code from} broadcasts to exactly {@code to}.
     *
     * @param from the shape to broadcast
     * @param to the target shape
     * @return whether {@code from} broadcasts to {@code to}
     */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shape with {@code dim} removed (keepDim false) or set to 1 (keepDim true).
     *
     * @param shape the sizes
     * @param dim the dim to reduce, already normalised (non-negative)
     * @param keepDim whether to keep {@code dim} with size 1
     * @return a new array (a copy of {@code shape} if it is 0-D)
     */
    public static int[] reduced(int[] shape, int dim, boolean keepDim) {
        if (shape.length == 0) {
            return shape.clone();
        }
        if (keepDim) {
            int[] out = shape.clone();
            out[dim] = 1;
            return out;
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /**
     * Product of the sizes before {@code dim}.
     *
     * @param shape the sizes
     * @param dim the dim
     * @return the product, 1 if there are none
     */
    public static int outer(int[] shape, int dim) {
        int n = 1;
        for (int i = 0; i < dim; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * Product of the sizes after {@code dim}.
     *
     * @param shape the sizes
     * @param dim the dim
     * @return the product, 1 if there are none
     */
    public static int inner(int[] shape, int dim) {
        int n = 1;
        for (int i = dim + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * The shape error every op throws: {@code "add: shapes [2, 3] and [4] cannot ..."}.
     *
     * @param op the op's name
     * @param what what is wrong
     * @return the exception (not thrown)
     */
    public static IllegalArgumentException error(String op, String what) {
        return new IllegalArgumentException(op + ": " + what);
    }
}
