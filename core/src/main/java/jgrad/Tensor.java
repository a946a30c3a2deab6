package jgrad;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import jgrad.autograd.Autograd;
import jgrad.autograd.Engine;
import jgrad.autograd.Node;
import jgrad.ops.Arithmetic;
import jgrad.ops.InPlace;
import jgrad.ops.Indexing;
import jgrad.ops.LinAlg;
import jgrad.ops.Reductions;
import jgrad.ops.Shaping;
import jgrad.ops.SoftmaxOps;
import jgrad.ops.Unary;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * An n-dimensional dense tensor with reverse-mode autograd, modelled on {@code torch.Tensor}.
 *
 * <p>Storage is a contiguous row-major {@code double[]}. {@link DType#FLOAT64} is the default
 * for real values; {@link DType#INT64} holds class indices and never requires grad. Binary
 * ops broadcast by NumPy rules. Every op on a tensor that requires grad is recorded on the
 * tape, and {@link #backward()} adds the gradients into the leaves' {@link #grad()}.
 *
 * <p>Methods taking a dim accept negative dims, counting from the end. Bad input (shapes that
 * do not broadcast, dims out of range, wrong dtypes) is an {@link IllegalArgumentException}
 * whose message names the op and the shapes.
 */
public final class Tensor {
    private static final Object RNG_LOCK = new Object();
    private static RandomGenerator defaultRng = new SplittableRandom(0x5DEECE66DL);

    private final double[] data;
    private final int[] shape;
    private final DType dtype;
    private final int[] version; // shared by tensors that share storage (reshape)
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean warnedNonLeafGrad;

    private Tensor(double[] data, int[] shape, DType dtype, int[] version) {
        this.data = data;
        this.shape = shape;
        this.dtype = dtype;
        this.version = version;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Wraps an array without copying it: the internal factory every op uses. The array must
     * hold exactly {@code numel(shape)} values and must not be shared with another tensor.
     *
     * @param data row-major values, owned by the new tensor from now on
     * @param dtype the element type
     * @param shape the sizes
     * @return a new tensor that does not require grad
     * @throws IllegalArgumentException when the values do not fill the shape, or an INT64 value is
     *     not a finite integer
     */
    public static Tensor wrap(double[] data, DType dtype, int... shape) {
        int[] s = Shape.check("Tensor.wrap", shape);
        if (data.length != Shape.numel(s)) {
            throw new IllegalArgumentException("Tensor.wrap: " + data.length + " values do not fill shape "
                    + Shape.str(s) + " (" + Shape.numel(s) + " elements)");
        }
        if (dtype == DType.INT64) {
            for (int i = 0; i < data.length; i++) {
                double v = data[i];
                if (!Double.isFinite(v) || v != Math.rint(v) || Math.abs(v) > 0x1p53) {
                    throw new IllegalArgumentException("Tensor.wrap: INT64 values must be integers (|v| <= 2^53), got "
                            + v + " at flat index " + i + " of shape " + Shape.str(s));
                }
            }
        }
        return new Tensor(data, s, dtype, new int[1]);
    }

    /**
     * Internal factory for ops: wraps {@code data} and {@code shape} as they are, without copying
     * or checking. The caller guarantees {@code data.length == numel(shape)}, and neither array
     * may be modified afterwards (shape arrays are shared between tensors).
     *
     * @param data row-major values, owned by the new tensor from now on
     * @param dtype the element type
     * @param shape the sizes, shared, never modified
     * @return a new tensor that does not require grad
     */
    public static Tensor wrapUnchecked(double[] data, DType dtype, int... shape) {
        return new Tensor(data, shape, dtype, new int[1]);
    }

    /**
     * A 1-D FLOAT64 tensor of the values, like {@code torch.tensor([...])}.
     *
     * @param values the elements (copied)
     * @return a new tensor of shape {@code [values.length]}
     */
    public static Tensor of(double... values) {
        return new Tensor(values.clone(), new int[] {values.length}, DType.FLOAT64, new int[1]);
    }

    /**
     * A 2-D FLOAT64 tensor from rows.
     *
     * @param rows the rows, all of the same length (copied)
     * @return a new tensor with one row per entry of {@code rows}
     * @throws IllegalArgumentException if the rows have different lengths
     */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: ragged rows: row 0 has " + cols + " values but row "
                        + r + " has " + (rows[r] == null ? "null" : rows[r].length + " values"));
            }
            System.arraycopy(rows[r], 0, d, r * cols, cols);
        }
        return new Tensor(d, new int[] {rows.length, cols}, DType.FLOAT64, new int[1]);
    }

    /**
     * A 1-D INT64 tensor (class indices), like {@code torch.tensor([0, 3, 1])}.
     *
     * @param values the elements (copied)
     * @return a new tensor of shape {@code [values.length]}
     */
    public static Tensor of(int... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(d, new int[] {values.length}, DType.INT64, new int[1]);
    }

    /**
     * A FLOAT64 tensor of the given shape from row-major data (copied).
     *
     * @param data the values in row-major order
     * @param shape the sizes
     * @return a new tensor
     * @throws IllegalArgumentException if {@code data.length} does not match the shape
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = Shape.check("Tensor.of", shape);
        if (data.length != Shape.numel(s)) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values cannot fill shape "
                    + Shape.str(s) + ", which has " + Shape.numel(s) + " elements");
        }
        return new Tensor(data.clone(), s, DType.FLOAT64, new int[1]);
    }

    /**
     * A 0-D FLOAT64 tensor.
     *
     * @param value the value
     * @return a new tensor of shape {@code []}
     */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0], DType.FLOAT64, new int[1]);
    }

    /**
     * A FLOAT64 tensor of zeros.
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor zeros(int... shape) {
        int[] s = Shape.check("zeros", shape);
        return new Tensor(new double[Shape.numel(s)], s, DType.FLOAT64, new int[1]);
    }

    /**
     * A FLOAT64 tensor of ones.
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /**
     * A FLOAT64 tensor filled with {@code value}.
     *
     * @param value the value of every element
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor full(double value, int... shape) {
        int[] s = Shape.check("full", shape);
        double[] d = new double[Shape.numel(s)];
        Arrays.fill(d, value);
        return new Tensor(d, s, DType.FLOAT64, new int[1]);
    }

    /**
     * A FLOAT64 tensor of zeros shaped like {@code t}.
     *
     * @param t the tensor whose shape to use
     * @return a new tensor
     */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.shape);
    }

    /**
     * A 1-D INT64 tensor {@code 0, 1, ..., n-1}, like {@code torch.arange(n)}.
     *
     * @param n the number of elements, at least 0
     * @return a new tensor of shape {@code [n]}
     */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be >= 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return new Tensor(d, new int[] {n}, DType.INT64, new int[1]);
    }

    /**
     * Standard normal samples from {@code rng}.
     *
     * @param rng the generator to draw from
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        int[] s = Shape.check("randn", shape);
        double[] d = new double[Shape.numel(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(d, s, DType.FLOAT64, new int[1]);
    }

    /**
     * Uniform samples in [0, 1) from {@code rng}.
     *
     * @param rng the generator to draw from
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        int[] s = Shape.check("rand", shape);
        double[] d = new double[Shape.numel(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble();
        }
        return new Tensor(d, s, DType.FLOAT64, new int[1]);
    }

    /**
     * Standard normal samples from the default generator (see {@link #manualSeed}).
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor randn(int... shape) {
        synchronized (RNG_LOCK) {
            return randn(defaultRng, shape);
        }
    }

    /**
     * Uniform samples in [0, 1) from the default generator (see {@link #manualSeed}).
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor rand(int... shape) {
        synchronized (RNG_LOCK) {
            return rand(defaultRng, shape);
        }
    }

    /**
     * Uniform samples in [low, high) from the default generator, like
     * {@code torch.empty(shape).uniform_(low, high)}; what layers use to initialise.
     *
     * @param low the lower bound (inclusive)
     * @param high the upper bound (exclusive)
     * @param shape the sizes
     * @return a new FLOAT64 tensor
     * @throws IllegalArgumentException when {@code low > high}, either is NaN, or the range is infinite
     */
    public static Tensor uniform(double low, double high, int... shape) {
        if (!(low <= high) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("uniform: expects low <= high with a finite range, got low=" + low
                    + " high=" + high);
        }
        synchronized (RNG_LOCK) {
            Tensor t = rand(defaultRng, shape);
            for (int i = 0; i < t.data.length; i++) {
                t.data[i] = low + (high - low) * t.data[i];
            }
            return t;
        }
    }

    /**
     * Reseeds the default generator, like {@code torch.manual_seed}: same seed, same program.
     *
     * @param seed the new seed
     */
    public static void manualSeed(long seed) {
        synchronized (RNG_LOCK) {
            defaultRng = new SplittableRandom(seed);
        }
    }

    /**
     * Runs {@code action} with exclusive use of the default generator (the one
     * {@link #manualSeed} reseeds), for code that draws its own random numbers from it.
     *
     * @param <T> the type of the action's result
     * @param action the code to run; it receives the default generator
     * @return what {@code action} returned
     */
    public static <T> T withDefaultGenerator(java.util.function.Function<RandomGenerator, T> action) {
        synchronized (RNG_LOCK) {
            return action.apply(defaultRng);
        }
    }

    /**
     * A 2-D FLOAT64 tensor holding a copy of an EJML matrix.
     *
     * @param m the matrix
     * @return a new tensor of the matrix's shape
     */
    public static Tensor from(SimpleMatrix m) {
        DMatrixRMaj d = m.getDDRM();
        double[] v = Arrays.copyOf(d.data, d.numRows * d.numCols);
        return new Tensor(v, new int[] {d.numRows, d.numCols}, DType.FLOAT64, new int[1]);
    }

    /**
     * A copy of this 2-D tensor as an EJML matrix.
     *
     * @return a new matrix holding a copy of the values
     * @throws IllegalStateException if this tensor is not 2-D
     */
    public SimpleMatrix toSimpleMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("toSimpleMatrix: needs a 2-D tensor, got shape " + Shape.str(shape));
        }
        return SimpleMatrix.wrap(new DMatrixRMaj(shape[0], shape[1], true, data.clone()));
    }

    /**
     * Concatenates tensors along {@code dim}, like {@code torch.cat}. All must have the same
     * number of dims and the same sizes except along {@code dim}.
     *
     * @param tensors the tensors to join, at least one
     * @param dim the dim to join along
     * @return a new tensor (INT64 only if every input is INT64)
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Shaping.cat(tensors, dim);
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
     * Internal: the shape array itself, not a copy, for ops on hot paths. Never modify it.
     *
     * @return the sizes, shared
     */
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
        return data.length;
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
        if (data.length != 1) {
            throw new IllegalStateException("item: a tensor with " + data.length + " elements (shape "
                    + Shape.str(shape) + ") cannot be converted to a scalar; item() needs exactly one element");
        }
        return data[0];
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
        return data[flat];
    }

    /**
     * A flat row-major copy of the values.
     *
     * @return a new array of {@link #numel()} values
     */
    public double[] toArray() {
        return data.clone();
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
            out[r] = Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
        }
        return out;
    }

    /**
     * The values as ints (INT64 tensors: class indices), a flat copy.
     *
     * @return a new array of {@link #numel()} values, each cast to {@code int}
     */
    public int[] toIntArray() {
        int[] out = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (int) data[i];
        }
        return out;
    }

    /**
     * The raw row-major storage, shared, not copied: for kernels, optimizers and readers that
     * must not pay for a copy. Writing into it bypasses autograd's version checks; prefer the
     * in-place methods.
     *
     * @return the array backing this tensor (not a copy)
     */
    public double[] storage() {
        return data;
    }

    /** PyTorch-like text, e.g. {@code tensor([[0.1000, 0.2000]], gradFn=<AddBackward>)}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---------------------------------------------------------------- arithmetic

    /**
     * {@code this + o}, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor add(Tensor o) {
        return Arithmetic.add(this, o);
    }

    /**
     * {@code this + s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor add(double s) {
        return Arithmetic.addScalar(this, s);
    }

    /**
     * {@code this - o}, broadcasting.
     *
     * @param o the operand to subtract
     * @return a new tensor of the broadcast shape
     */
    public Tensor sub(Tensor o) {
        return Arithmetic.sub(this, o);
    }

    /**
     * {@code this - s}.
     *
     * @param s the scalar to subtract
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sub(double s) {
        return Arithmetic.subScalar(this, s);
    }

    /**
     * {@code this * o} elementwise, broadcasting.
     *
     * @param o the other operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor mul(Tensor o) {
        return Arithmetic.mul(this, o);
    }

    /**
     * {@code this * s}.
     *
     * @param s the scalar
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor mul(double s) {
        return Arithmetic.mulScalar(this, s);
    }

    /**
     * {@code this / o} elementwise (true division), broadcasting.
     *
     * @param o the divisor
     * @return a new FLOAT64 tensor of the broadcast shape
     */
    public Tensor div(Tensor o) {
        return Arithmetic.div(this, o);
    }

    /**
     * {@code this / s}.
     *
     * @param s the divisor
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor div(double s) {
        return Arithmetic.divScalar(this, s);
    }

    /**
     * {@code -this}.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    /**
     * {@code this ** exponent}.
     *
     * @param exponent the power to raise each element to
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor pow(double exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /**
     * Elementwise e<sup>x</sup>.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor exp() {
        return Unary.exp(this);
    }

    /**
     * Elementwise natural log.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor log() {
        return Unary.log(this);
    }

    /**
     * Elementwise square root.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sqrt() {
        return Unary.sqrt(this);
    }

    /**
     * Elementwise absolute value.
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor abs() {
        return Unary.abs(this);
    }

    /**
     * Elementwise max(x, 0).
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor relu() {
        return Unary.relu(this);
    }

    /**
     * Elementwise 1 / (1 + e<sup>-x</sup>).
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor sigmoid() {
        return Unary.sigmoid(this);
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor tanh() {
        return Unary.tanh(this);
    }

    /**
     * Matrix product: 2-D x 2-D, 2-D x 1-D, 1-D x 2-D, 1-D x 1-D (dot, 0-D result).
     *
     * @param o the right-hand operand
     * @return a new tensor: 2-D, 1-D or 0-D according to the operands' dims
     */
    public Tensor matmul(Tensor o) {
        return LinAlg.matmul(this, o);
    }

    /**
     * The transpose of a 2-D tensor (a 0-D or 1-D tensor is returned as is).
     *
     * @return a new transposed tensor, or this tensor itself if it has fewer than 2 dims
     */
    public Tensor t() {
        return LinAlg.t(this);
    }

    /**
     * The same values in a new shape; one size may be -1; no sizes means 0-D.
     *
     * @param shape the new sizes, with as many elements in all as this tensor
     * @return a tensor of the new shape sharing this tensor's storage
     */
    public Tensor reshape(int... shape) {
        return Shaping.reshape(this, shape);
    }

    /**
     * {@code reshape(-1)}.
     *
     * @return a 1-D tensor sharing this tensor's storage
     */
    public Tensor flatten() {
        return Shaping.reshape(this, -1);
    }

    /**
     * Inserts a dim of size 1 at {@code dim}.
     *
     * @param dim where the new dim goes, in {@code [-(dim()+1), dim()]}
     * @return a tensor of one more dim sharing this tensor's storage
     */
    public Tensor unsqueeze(int dim) {
        return Shaping.unsqueeze(this, dim);
    }

    /**
     * Removes {@code dim} if its size is 1.
     *
     * @param dim the dim to remove; negative dims count from the end
     * @return a tensor without that dim sharing this tensor's storage, or this tensor itself if
     *     the size of {@code dim} is not 1
     */
    public Tensor squeeze(int dim) {
        return Shaping.squeeze(this, dim);
    }

    /**
     * Broadcasts to {@code shape} (a copy), like {@code expand}; its gradient sums back.
     *
     * @param shape the target shape, which this tensor's shape must broadcast to
     * @return a new tensor of that shape, or this tensor itself if the shape is already {@code shape}
     */
    public Tensor expand(int... shape) {
        return Reductions.expand(this, shape);
    }

    /**
     * Sums broadcast dims away so the result has {@code shape}: the inverse of {@link #expand}.
     *
     * @param shape the target shape, which must broadcast to this tensor's shape
     * @return a new tensor of that shape, or this tensor itself if the shape is already {@code shape}
     */
    public Tensor sumTo(int... shape) {
        return Reductions.sumTo(this, shape);
    }

    /**
     * The sum of all elements, 0-D.
     *
     * @return a new 0-D tensor of this dtype
     */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    /**
     * The mean of all elements, 0-D (NaN for an empty tensor, as in PyTorch).
     *
     * @return a new 0-D FLOAT64 tensor
     */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    /**
     * Sum over one dim.
     *
     * @param dim the dim to sum over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of this dtype
     */
    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, dim, keepDim);
    }

    /**
     * Mean over one dim.
     *
     * @param dim the dim to average over; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, dim, keepDim);
    }

    /**
     * Maximum values over one dim; the gradient flows to the first maximum.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new tensor of the maxima, of this dtype
     */
    public Tensor max(int dim, boolean keepDim) {
        return Reductions.max(this, dim, keepDim);
    }

    /**
     * Index of the first maximum over one dim, INT64; never requires grad.
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @return a new INT64 tensor of this shape without {@code dim}
     */
    public Tensor argmax(int dim) {
        return Reductions.argmax(this, dim);
    }

    /**
     * log(sum(exp(x))) over one dim, computed stably (subtract the max first).
     *
     * @param dim the dim to reduce; negative dims count from the end
     * @param keepDim whether to keep {@code dim} with size 1 instead of removing it
     * @return a new FLOAT64 tensor
     */
    public Tensor logSumExp(int dim, boolean keepDim) {
        return SoftmaxOps.logSumExp(this, dim, keepDim);
    }

    /**
     * Softmax over one dim, computed stably.
     *
     * @param dim the dim along which the values sum to 1; negative dims count from the end
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor softmax(int dim) {
        return SoftmaxOps.softmax(this, dim);
    }

    /**
     * Log-softmax over one dim: {@code x - logSumExp(x)}, stable for huge logits.
     *
     * @param dim the dim to normalise over; negative dims count from the end
     * @return a new FLOAT64 tensor of this shape
     */
    public Tensor logSoftmax(int dim) {
        return SoftmaxOps.logSoftmax(this, dim);
    }

    /**
     * PyTorch's {@code gather}: {@code out[i][j] = this[i][index[i][j]]} for dim 1; index INT64.
     *
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 indices into {@code dim}, with as many dims as this tensor
     * @return a new tensor of the index's shape
     */
    public Tensor gather(int dim, Tensor index) {
        return Indexing.gather(this, dim, index);
    }

    /**
     * Adds {@code src} into a copy of this tensor at {@code index} along {@code dim}, like
     * {@code scatter_add}; the inverse of {@link #gather}.
     *
     * @param dim the dim to index along; negative dims count from the end
     * @param index INT64 positions along {@code dim}, of the same shape as {@code src}
     * @param src the values to add
     * @return a new tensor of this shape
     */
    public Tensor scatterAdd(int dim, Tensor index, Tensor src) {
        return Indexing.scatterAdd(this, dim, index, src);
    }

    /**
     * Rows (entries along dim 0) picked by an INT64 index, like {@code index_select(0, idx)}.
     *
     * @param index a 0-D or 1-D INT64 tensor of row indices in {@code [0, size(0))}
     * @return a new tensor with the selected rows
     */
    public Tensor indexSelect(Tensor index) {
        return Indexing.indexSelect(this, index);
    }

    /**
     * A copy converted to {@code dtype} (INT64 truncates toward zero, like {@code .long()}).
     *
     * @param dtype the element type of the result
     * @return a new tensor, or this tensor itself if it already has that dtype
     */
    public Tensor to(DType dtype) {
        return Shaping.to(this, dtype);
    }

    // ---------------------------------------------------------------- in place

    /**
     * {@code this += o} in place (see the in-place rules in {@link InPlace}).
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor addInPlace(Tensor o) {
        return InPlace.add(this, o, 1.0);
    }

    /**
     * {@code this += alpha * o} in place, like {@code add_(o, alpha=alpha)}.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @param alpha the factor {@code o} is multiplied by
     * @return this tensor
     */
    public Tensor addInPlace(Tensor o, double alpha) {
        return InPlace.add(this, o, alpha);
    }

    /**
     * {@code this -= o} in place.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor subInPlace(Tensor o) {
        return InPlace.add(this, o, -1.0);
    }

    /**
     * {@code this *= s} in place.
     *
     * @param s the factor
     * @return this tensor
     */
    public Tensor mulInPlace(double s) {
        return InPlace.mulScalar(this, s);
    }

    /**
     * {@code this *= o} in place, broadcasting {@code o}.
     *
     * @param o the operand; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor mulInPlace(Tensor o) {
        return InPlace.mul(this, o);
    }

    /**
     * {@code this /= o} in place, broadcasting {@code o}.
     *
     * @param o the divisor; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor divInPlace(Tensor o) {
        return InPlace.div(this, o);
    }

    /**
     * Copies {@code src}'s values into this tensor (broadcasting), like {@code copy_}.
     *
     * @param src the values; its shape must broadcast to this tensor's shape
     * @return this tensor
     */
    public Tensor copyFrom(Tensor src) {
        return InPlace.copy(this, src);
    }

    /**
     * Fills with {@code value} in place.
     *
     * @param value the value for every element
     * @return this tensor
     */
    public Tensor fill(double value) {
        return InPlace.fill(this, value);
    }

    /**
     * Fills with zeros in place, like {@code zero_()}.
     *
     * @return this tensor
     */
    public Tensor zero() {
        return InPlace.fill(this, 0.0);
    }

    /**
     * The version counter, bumped by every in-place op; tensors that share storage share it.
     *
     * @return the current value of the counter
     */
    public int version() {
        return version[0];
    }

    /** Internal: records one in-place modification. */
    public void bumpVersion() {
        version[0]++;
    }

    /**
     * Internal: a tensor sharing this storage and version counter, with another shape, not
     * recorded on the tape. Ops use it to build their outputs; users call {@link #view(int...)}.
     *
     * @param newShape the sizes, with as many elements in all as this tensor (no -1)
     * @return a new tensor that is not recorded on the tape
     */
    public Tensor viewUnrecorded(int[] newShape) {
        int[] s = Shape.check("view", newShape);
        if (Shape.numel(s) != data.length) {
            throw Shape.error("view", "shape " + Shape.str(s) + " is invalid for a tensor of shape " + Shape.str(shape)
                    + " (" + data.length + " elements)");
        }
        return new Tensor(data, s, dtype, version);
    }

    /**
     * The same elements seen with another shape, sharing this tensor's storage, like
     * {@code Tensor.view}: one size may be -1. Storage is always contiguous here, so this is
     * {@link #reshape(int...)} recorded as {@code ViewBackward}; the gradient flows back through it.
     *
     * @param shape the new sizes, as many elements in all as this tensor
     * @return a tensor sharing this storage
     */
    public Tensor view(int... shape) {
        return Shaping.view(this, shape);
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Whether ops on this tensor are recorded.
     *
     * @return whether this tensor requires grad
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Turns gradient tracking on or off for a leaf, like {@code requires_grad_()}.
     *
     * @param on whether to track gradients
     * @return this tensor
     * @throws IllegalArgumentException for INT64 tensors, and for non-leaves
     */
    public Tensor requiresGrad(boolean on) {
        if (on && dtype == DType.INT64) {
            throw new IllegalArgumentException("requiresGrad: only FLOAT64 tensors can require grad; this "
                    + "tensor of shape " + Shape.str(shape) + " is INT64 (class indices)");
        }
        if (gradFn != null) {
            throw new IllegalArgumentException("requiresGrad: only leaves can change requiresGrad; this tensor was "
                    + "made by " + gradFn.name() + ". Use detach() for a leaf copy.");
        }
        requiresGrad = on;
        return this;
    }

    /**
     * True for tensors not made by a recorded op (user-created, or not requiring grad).
     *
     * @return whether {@link #gradFn()} is null
     */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The node that made this tensor, or null for a leaf, like {@code grad_fn}.
     *
     * @return the node, or null
     */
    public Node gradFn() {
        return gradFn;
    }

    /**
     * The accumulated gradient: null until a backward reaches this tensor; later backwards add
     * to it. Non-leaves have one only after {@link #retainGrad()}; reading the gradient of a
     * non-leaf that did not ask for it logs one warning per tensor (logger {@code jgrad}), as
     * PyTorch warns and names {@code retain_grad()}.
     *
     * @return the gradient, or null
     */
    public Tensor grad() {
        if (grad == null && gradFn != null && !warnedNonLeafGrad && !gradFn.retains(this)) {
            warnedNonLeafGrad = true;
            System.getLogger("jgrad").log(System.Logger.Level.WARNING, "grad(): this tensor of shape "
                    + Shape.str(shape) + " is not a leaf (made by " + gradFn.name() + "), so backward does not "
                    + "populate its grad and grad() returns null. Call retainGrad() on it before backward if you "
                    + "want its gradient, or use the grad of the leaf instead.");
        }
        return grad;
    }

    /**
     * Sets (or with null, clears) the gradient, like assigning {@code .grad}.
     *
     * @param g the new gradient, shaped like this tensor, or null
     */
    public void setGrad(Tensor g) {
        if (g != null && !Arrays.equals(g.shape, shape)) {
            throw new IllegalArgumentException("setGrad: a gradient of shape " + Shape.str(g.shape)
                    + " does not fit a tensor of shape " + Shape.str(shape));
        }
        grad = g;
    }

    /**
     * Asks backward to keep this non-leaf tensor's gradient in {@link #grad()}.
     *
     * @return this tensor
     * @throws IllegalStateException if this tensor does not require grad
     */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new IllegalStateException("retainGrad: cannot retain the gradient of a tensor that does not "
                    + "require grad");
        }
        if (gradFn != null) {
            gradFn.retain(this);
        }
        return this;
    }

    /** Backpropagates from this one-element tensor (a loss). */
    public void backward() {
        backward(null, false);
    }

    /**
     * Backpropagates with the given gradient of this tensor (null for one-element tensors).
     *
     * @param gradient the gradient of this tensor, same shape; null for one-element tensors
     */
    public void backward(Tensor gradient) {
        backward(gradient, false);
    }

    /**
     * Backpropagates, adding into the leaves' {@link #grad()}.
     *
     * @param gradient the gradient of this tensor, same shape; null for one-element tensors
     * @param retainGraph keep the saved tensors so the graph can be walked again
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.run(this, gradient, retainGraph, false, null, "backward");
    }

    /**
     * A tensor sharing this storage but cut from the graph (a leaf not requiring grad).
     *
     * @return a new tensor of this shape and dtype
     */
    public Tensor detach() {
        return new Tensor(data, shape, dtype, version);
    }

    /**
     * A deep copy of the values, cut from the graph.
     *
     * @return a new leaf tensor of this shape and dtype that does not require grad
     */
    public Tensor copy() {
        return new Tensor(data.clone(), shape, dtype, new int[1]);
    }

    /**
     * Internal (engine): like {@code accumulateGrad(g, false)} for a gradient whose array nothing
     * else references (a matrix product's result): the first one becomes {@link #grad()} without
     * being copied, as PyTorch's AccumulateGrad steals a gradient no one else holds.
     *
     * @param g the gradient, shaped like this tensor, in an array the caller gives up
     */
    public void accumulateOwnedGrad(Tensor g) {
        if (grad == null && g.gradFn == null && !g.requiresGrad && g.data.length == numel()) {
            grad = new Tensor(g.data, shape, DType.FLOAT64, new int[1]);
        } else {
            accumulateGrad(g, false);
        }
    }

    /**
     * Internal (engine): adds {@code g} into {@link #grad()}.
     *
     * @param g the gradient to add, shaped like this tensor
     * @param createGraph whether to add with recorded ops, so the sum can be differentiated again
     */
    public void accumulateGrad(Tensor g, boolean createGraph) {
        if (createGraph) {
            // g itself may be the caller's gradOutput or shared with another tensor's grad: keep
            // it only when it is a recorded result, which is never modified in place
            grad = grad != null ? grad.add(g) : g.requiresGrad() ? g : g.copy();
        } else if (grad == null) {
            grad = new Tensor(g.data.clone(), shape, DType.FLOAT64, new int[1]);
        } else if (grad.gradFn != null || grad.requiresGrad) {
            try (var s = Autograd.noGrad()) {
                grad = grad.detach().add(g);
            }
        } else {
            double[] a = grad.data;
            double[] b = g.data;
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            grad.bumpVersion();
        }
    }

    /**
     * Internal (tape): makes this tensor the output of {@code node}.
     *
     * @param node the recorded op that produced this tensor
     */
    public void attachGradFn(Node node) {
        if (gradFn != null) {
            throw new IllegalStateException("attachGradFn: tensor already has " + gradFn);
        }
        gradFn = node;
        requiresGrad = true;
    }
}
