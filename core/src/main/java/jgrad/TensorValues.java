package jgrad;

import java.util.Arrays;
import jgrad.ops.InPlace;
import jgrad.ops.Shaping;
import org.ejml.simple.SimpleMatrix;
/**
 * A tensor's storage, shape and dtype, what is read from them (shape queries, values,
 * conversion, printing) and the in-place ops with their version counter. Package-private:
 * every method here is a public method of {@link Tensor}.
 */
abstract sealed class TensorValues extends TensorFactories permits TensorOps {
    /** The values of a FLOAT64, INT64 or BOOL tensor; null for FLOAT32. */
    final double[] data;
    /** The values of a FLOAT32 tensor; null for the other dtypes. */
    final float[] fdata;
    final int[] shape;
    final DType dtype;
    final int[] version; // shared by tensors that share storage (reshape)

    TensorValues(double[] data, float[] fdata, int[] shape, DType dtype, int[] version) {
        this.data = data;
        this.fdata = fdata;
        this.shape = shape;
        this.dtype = dtype;
        this.version = version;
    }

    /** The number of stored values, whichever array holds them. */
    final int length() {
        return data != null ? data.length : fdata.length;
    }

    /** The value at a flat index, widened to double for FLOAT32. */
    final double at(int i) {
        return data != null ? data[i] : fdata[i];
    }

    /** This object as the {@link Tensor} it always is. */
    final Tensor self() {
        return (Tensor) this;
    }

    // ---------------------------------------------------------------- shape and values

    /**
     * The sizes (a copy).
     *
     * @return a copy of the sizes, one per dim
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * Internal: not part of jgrad's API; may change. The shape array itself, not a copy, for ops
     * on hot paths. Never modify it; users call {@link #shape()}.
     *
     * @return the sizes, shared
     */
    @Internal
    public int[] shapeArray() {
        return shape;
    }

    /**
     * Number of dims.
     *
     * @return the number of dims, 0 for a 0-D tensor
     */
    public int dim() {
        return shape.length;
    }

    /**
     * Number of elements.
     *
     * @return the product of the sizes
     */
    public int numel() {
        return length();
    }

    /**
     * The element type.
     *
     * @return the element type
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The size of one dim; negative dims count from the end.
     *
     * @param dim the dim; negative dims count from the end
     * @return its size
     */
    public int size(int dim) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("size: a 0-D tensor has no dims (asked for dim " + dim + ")");
        }
        return shape[Shape.dim("size", dim, shape.length)];
    }

    /**
     * The value of a one-element tensor, like {@code .item()}.
     *
     * @return the only element's value
     * @throws IllegalStateException if the tensor does not have exactly one element
     */
    public double item() {
        if (length() != 1) {
            throw new IllegalStateException("item: a tensor with " + length() + " elements (shape "
                    + Shape.str(shape) + ") cannot be converted to a scalar; item() needs exactly one element");
        }
        return at(0);
    }

    /**
     * One element, by one index per dim (negative indices count from the end).
     *
     * @param index one index per dim
     * @return the element at that position
     * @throws IndexOutOfBoundsException if an index is out of range for its dim
     */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Shape.str(shape) + " (needs " + shape.length + ")");
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d];
            if (i < -shape[d] || i >= shape[d]) {
                throw new IndexOutOfBoundsException("get: index " + i + " is out of bounds for dim " + d
                        + " with size " + shape[d] + " (shape " + Shape.str(shape) + ")");
            }
            flat = flat * shape[d] + (i < 0 ? i + shape[d] : i);
        }
        return at(flat);
    }

    /**
     * A flat row-major copy of the values.
     *
     * @return a new array of {@link Tensor#numel()} values
     */
    public double[] toArray() {
        return data != null ? data.clone() : widen(fdata);
    }

    /**
     * The values of a 2-D tensor as rows (a copy).
     *
     * @return a new array of {@code size(0)} rows of {@code size(1)} values each
     * @throws IllegalStateException if this tensor is not 2-D
     */
    public double[][] toArray2D() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2D: needs a 2-D tensor, got shape " + Shape.str(shape));
        }
        double[][] out = new double[shape[0]][];
        for (int r = 0; r < shape[0]; r++) {
            out[r] = Arrays.copyOfRange(doubles(), r * shape[1], (r + 1) * shape[1]);
        }
        return out;
    }

    /**
     * The values as ints (INT64 tensors: class indices), a flat copy.
     *
     * @return a new array of {@link Tensor#numel()} values, each cast to {@code int}
     */
    public int[] toIntArray() {
        int[] out = new int[length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) at(i);
        }
        return out;
    }

    /**
     * Internal: not part of jgrad's API; may change. The raw row-major storage, shared, not
     * copied: for kernels, optimizers and readers that must not pay for a copy. Writing into it
     * bypasses autograd's version checks; users call {@link #toArray()} and the in-place methods.
     *
     * @return the array backing this tensor (not a copy)
     */
    @Internal
    public double[] storage() {
        if (data == null) {
            throw new IllegalStateException("storage: this " + dtype + " tensor of shape " + Shape.str(shape)
                    + " keeps its values in a float[]; internal code reads it with doubles() or floatStorage()");
        }
        return data;
    }

    /**
     * Internal: not part of jgrad's API; may change. The raw storage of a FLOAT32 tensor, shared,
     * not copied (see {@link #storage()}).
     *
     * @return the float array backing this tensor (not a copy)
     * @throws IllegalStateException if this tensor is not FLOAT32
     */
    @Internal
    public float[] floatStorage() {
        if (fdata == null) {
            throw new IllegalStateException("floatStorage: this tensor of shape " + Shape.str(shape) + " is " + dtype
                    + ", not FLOAT32; internal code reads it with storage() or doubles()");
        }
        return fdata;
    }

    /**
     * Internal: not part of jgrad's API; may change. The values as doubles, to read: the storage
     * itself for FLOAT64, INT64 and BOOL (never write into it), a widened copy for FLOAT32. The
     * one way a kernel written for {@code double[]} serves every dtype; hot kernels have FLOAT32
     * versions that read {@link #floatStorage()} instead.
     *
     * @return the values, row-major
     */
    @Internal
    public double[] doubles() {
        return data != null ? data : widen(fdata);
    }

    /** Writes values into the storage (rounded for FLOAT32); nothing when they are the storage. */
    final void store(double[] values) {
        if (fdata != null) {
            for (int i = 0; i < fdata.length; i++) {
                fdata[i] = (float) values[i];
            }
        } else if (values != data) {
            System.arraycopy(values, 0, data, 0, data.length);
        }
    }

    /** A double copy of float values (exact). */
    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** A float copy of double values, each rounded to nearest. */
    static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** PyTorch-like text, e.g. {@code tensor([[0.1000, 0.2000]], gradFn=<AddBackward>)}. */
    @Override
    public String toString() {
        return TensorFormat.format(self());
    }

    // ---------------------------------------------------------------- in place

    /**
     * {@code this += o} in place (see the in-place rules in {@link InPlace}).
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor addInPlace(Tensor o) {
        return InPlace.add(self(), o, 1.0);
    }

    /**
     * {@code this += alpha * o} in place, like {@code add_(o, alpha=alpha)}.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @param alpha the factor {@code o} is multiplied by
     * @return this tensor
     */
    public Tensor addInPlace(Tensor o, double alpha) {
        return InPlace.add(self(), o, alpha);
    }

    /**
     * {@code this -= o} in place.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor subInPlace(Tensor o) {
        return InPlace.add(self(), o, -1.0);
    }

    /**
     * {@code this *= s} in place.
     *
     * @param s the factor
     * @return this tensor
     */
    public Tensor mulInPlace(double s) {
        return InPlace.mulScalar(self(), s);
    }

    /**
     * {@code this *= o} in place, broadcasting {@code o}.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor mulInPlace(Tensor o) {
        return InPlace.mul(self(), o);
    }

    /**
     * {@code this /= o} in place, broadcasting {@code o}.
     *
     * @param o the divisor; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor divInPlace(Tensor o) {
        return InPlace.div(self(), o);
    }

    /**
     * Copies {@code src}'s values into this tensor (broadcasting), like {@code copy_}.
     *
     * @param src the values; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor copyFrom(Tensor src) {
        return InPlace.copy(self(), src);
    }

    /**
     * Fills with {@code value} in place.
     *
     * @param value the value for every element
     * @return this tensor
     */
    public Tensor fill(double value) {
        return InPlace.fill(self(), value);
    }

    /**
     * Fills with zeros in place, like {@code zero_()}.
     *
     * @return this tensor
     */
    public Tensor zero() {
        return InPlace.fill(self(), 0.0);
    }

    /**
     * The version counter, bumped by every in-place op; tensors that share storage share it.
     *
     * @return the current value of the counter
     */
    public int version() {
        return version[0];
    }

    /** Records one in-place modification (others reach it through {@code TensorInternals.bumpVersion}). */
    final void bumpVersion() {
        version[0]++;
    }

    /**
     * Internal: not part of jgrad's API; may change. A tensor sharing this storage and version
     * counter, with another shape, not recorded on the tape. Ops use it to build their outputs;
     * users call {@link Tensor#view(int...)}.
     *
     * @param newShape the sizes, with as many elements in all as this tensor (no -1)
     * @return a new tensor that is not recorded on the tape
     */
    @Internal
    public Tensor viewUnrecorded(int[] newShape) {
        int[] s = Shape.check("view", newShape);
        if (Shape.numel(s) != length()) {
            throw Shape.error("view", "shape " + Shape.str(s) + " is invalid for a tensor of shape " + Shape.str(shape)
                    + " (" + length() + " elements)");
        }
        return Tensor.share(self(), s);
    }

    /**
     * The same elements seen with another shape, sharing this tensor's storage, like
     * {@code Tensor.view}: one size may be -1. Storage is always contiguous here, so this is
     * {@link Tensor#reshape(int...)} recorded as {@code ViewBackward}; the gradient flows back through it.
     *
     * @param shape the new sizes, as many elements in all as this tensor
     * @return a tensor sharing this storage
     */
    public Tensor view(int... shape) {
        return Shaping.view(self(), shape);
    }

    /**
     * A copy of this 2-D tensor as an EJML matrix. EJML is an optional dependency of jgrad-core:
     * a project that calls this adds {@code org.ejml:ejml-simple} to its own build.
     *
     * @return a new matrix holding a copy of the values
     * @throws IllegalStateException if this tensor is not 2-D, or EJML is not on the class path
     */
    public SimpleMatrix toSimpleMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("toSimpleMatrix: needs a 2-D tensor, got shape " + Shape.str(shape));
        }
        try { // here, not in EjmlInterop: without EJML, that class fails to load before it could check
            Class.forName("org.ejml.simple.SimpleMatrix", false, TensorValues.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("toSimpleMatrix: needs EJML (org.ejml:ejml-simple) on the class path; "
                    + "it is an optional dependency of jgrad-core, so add it to your build", e);
        }
        return EjmlInterop.toSimpleMatrix(doubles(), shape[0], shape[1]);
    }
}
