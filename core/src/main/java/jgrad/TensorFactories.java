package jgrad;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import jgrad.ops.Selection;
import jgrad.ops.Shaping;
import org.ejml.simple.SimpleMatrix;
/**
 * The static factories of {@link Tensor} ({@code Tensor.of}, {@code zeros}, {@code randn}, ...)
 * and the default generator. Package-private: users call them as {@code Tensor.of(...)}; this
 * file only keeps {@code Tensor.java} short. See the {@code jgrad} package docs for the layout.
 */
abstract sealed class TensorFactories permits TensorValues {
    private static final Object RNG_LOCK = new Object();
    private static RandomGenerator defaultRng = new SplittableRandom(0x5DEECE66DL);
    private static volatile DType defaultDtype = DType.FLOAT64;

    TensorFactories() {}

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
                if (!Double.isFinite(v) || v != Math.rint(v) || v < -0x1p63 || v >= 0x1p63) {
                    throw new IllegalArgumentException("Tensor.wrap: INT64 values must be finite integers in the "
                            + "range of a long, got "
                            + v + " at flat index " + i + " of shape " + Shape.str(s));
                }
            }
        }
        return Tensor.create(data, s, dtype, new int[1]);
    }

    /**
     * A 1-D tensor of the default dtype (FLOAT64 unless changed) of the values, like {@code torch.tensor([...])}.
     *
     * @param values the elements (copied)
     * @return a new tensor of shape {@code [values.length]}
     */
    public static Tensor of(double... values) {
        return Tensor.create(values.clone(), new int[] {values.length}, defaultDtype, new int[1]);
    }

    /**
     * A 2-D tensor of the default dtype from rows.
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
        return Tensor.create(d, new int[] {rows.length, cols}, defaultDtype, new int[1]);
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
        return Tensor.create(d, new int[] {values.length}, DType.INT64, new int[1]);
    }

    /**
     * A tensor of the default dtype of the given shape from row-major data (copied).
     *
     * @param data the values in row-major order
     * @param shape the sizes
     * @return a new tensor
     * @throws IllegalArgumentException if {@code data.length} does not match the shape
     */
    public static Tensor of(double[] data, int... shape) {
        return of(data, shape, defaultDtype);
    }

    /** {@code data} (copied) as a tensor of {@code shape} and {@code dtype}, checked to fill the shape. */
    private static Tensor of(double[] data, int[] shape, DType dtype) {
        int[] s = Shape.check("Tensor.of", shape);
        if (data.length != Shape.numel(s)) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values cannot fill shape "
                    + Shape.str(s) + ", which has " + Shape.numel(s) + " elements");
        }
        return Tensor.create(data.clone(), s, dtype, new int[1]);
    }

    /**
     * A 0-D tensor of the default dtype.
     *
     * @param value the value
     * @return a new tensor of shape {@code []}
     */
    public static Tensor scalar(double value) {
        return Tensor.create(new double[] {value}, new int[0], defaultDtype, new int[1]);
    }

    /**
     * A tensor of zeros of the default dtype.
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor zeros(int... shape) {
        int[] s = Shape.check("zeros", shape);
        return Tensor.create(new double[Shape.numel(s)], s, defaultDtype, new int[1]);
    }

    /**
     * A tensor of ones of the default dtype.
     *
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /**
     * A tensor of the default dtype filled with {@code value}.
     *
     * @param value the value of every element
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor full(double value, int... shape) {
        int[] s = Shape.check("full", shape);
        double[] d = new double[Shape.numel(s)];
        Arrays.fill(d, value);
        return Tensor.create(d, s, defaultDtype, new int[1]);
    }

    /**
     * Zeros shaped like {@code t}, of its dtype if floating, else of the default dtype.
     *
     * @param t the tensor whose shape to use
     * @return a new tensor
     */
    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype().toFloating(), t.shapeArray());
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
        return Tensor.create(d, new int[] {n}, DType.INT64, new int[1]);
    }

    /**
     * Standard normal samples from {@code rng}.
     *
     * @param rng the generator to draw from
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        return randn(rng, defaultDtype, shape);
    }

    private static Tensor randn(RandomGenerator rng, DType dtype, int[] shape) {
        int[] s = Shape.check("randn", shape);
        double[] d = new double[Shape.numel(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return Tensor.create(d, s, dtype, new int[1]);
    }

    /**
     * Uniform samples in [0, 1) from {@code rng}.
     *
     * @param rng the generator to draw from
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        return rand(rng, defaultDtype, shape);
    }

    private static Tensor rand(RandomGenerator rng, DType dtype, int[] shape) {
        int[] s = Shape.check("rand", shape);
        double[] d = new double[Shape.numel(s)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextDouble();
        }
        return Tensor.create(d, s, dtype, new int[1]);
    }

    /**
     * Standard normal samples from the default generator (see {@link Tensor#manualSeed}).
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
     * Uniform samples in [0, 1) from the default generator (see {@link Tensor#manualSeed}).
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
     * @return a new tensor of the default dtype
     * @throws IllegalArgumentException when {@code low > high}, either is NaN, or the range is infinite
     */
    public static Tensor uniform(double low, double high, int... shape) {
        if (!(low <= high) || !Double.isFinite(high - low)) {
            throw new IllegalArgumentException("uniform: expects low <= high with a finite range, got low=" + low
                    + " high=" + high);
        }
        synchronized (RNG_LOCK) {
            int[] s = Shape.check("uniform", shape);
            double[] d = new double[Shape.numel(s)];
            for (int i = 0; i < d.length; i++) {
                d[i] = low + (high - low) * defaultRng.nextDouble();
            }
            return Tensor.create(d, s, defaultDtype, new int[1]);
        }
    }

    /**
     * Sets the dtype that floating factories ({@code of(double...)}, {@code zeros},
     * {@code randn}, ...), new modules' parameters and floating results of integer inputs get,
     * like {@code torch.set_default_dtype}. jgrad's default is FLOAT64 (PyTorch's is float32):
     * gradient checks need it.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @throws IllegalArgumentException for INT64 and BOOL
     */
    public static void setDefaultDtype(DType dtype) {
        if (dtype == null || !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("setDefaultDtype: only floating dtypes (FLOAT32, FLOAT64) can be the "
                    + "default, got " + dtype);
        }
        defaultDtype = dtype;
    }

    /**
     * The dtype floating factories use (see {@link #setDefaultDtype(DType)}), like
     * {@code torch.get_default_dtype}.
     *
     * @return FLOAT32 or FLOAT64; FLOAT64 unless changed
     */
    public static DType getDefaultDtype() {
        return defaultDtype;
    }

    /**
     * Zeros of the given dtype, like {@code torch.zeros(..., dtype=)}.
     *
     * @param dtype the element type
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor zeros(DType dtype, int... shape) {
        int[] s = Shape.check("zeros", shape);
        return dtype == DType.FLOAT32 ? Tensor.createFloat(new float[Shape.numel(s)], s, new int[1])
                : Tensor.create(new double[Shape.numel(s)], s, requireDtype("zeros", dtype), new int[1]);
    }

    /**
     * Ones of the given dtype, like {@code torch.ones(..., dtype=)}.
     *
     * @param dtype the element type
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor ones(DType dtype, int... shape) {
        return full(1.0, dtype, shape);
    }

    /**
     * A tensor of one value and the given dtype, like {@code torch.full(..., dtype=)}.
     *
     * @param value the value of every element
     * @param dtype the element type
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor full(double value, DType dtype, int... shape) {
        return zeros(requireDtype("full", dtype), shape).fill(value);
    }

    /**
     * A tensor of the given dtype from row-major values (copied), like
     * {@code torch.tensor(..., dtype=)}: FLOAT32 rounds each value to float.
     *
     * @param data the values in row-major order
     * @param dtype the element type
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor of(double[] data, DType dtype, int... shape) {
        DType dt = requireDtype("Tensor.of", dtype);
        return of(data, shape, DType.FLOAT64).to(dt); // exact values, whatever the default dtype, then converted
    }

    /**
     * Standard normal values of the given dtype from the default generator.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor randn(DType dtype, int... shape) {
        DType dt = requireFloating("randn", dtype);
        synchronized (RNG_LOCK) {
            return randn(defaultRng, dt, shape); // drawn as doubles, rounded once for FLOAT32
        }
    }

    /**
     * Uniform [0, 1) values of the given dtype from the default generator.
     *
     * @param dtype FLOAT32 or FLOAT64
     * @param shape the sizes
     * @return a new tensor
     */
    public static Tensor rand(DType dtype, int... shape) {
        DType dt = requireFloating("rand", dtype);
        synchronized (RNG_LOCK) {
            return rand(defaultRng, dt, shape);
        }
    }

    private static DType requireDtype(String op, DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException(op + ": dtype is null");
        }
        return dtype;
    }

    private static DType requireFloating(String op, DType dtype) {
        if (dtype == null || !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": needs a floating dtype (FLOAT32, FLOAT64), got " + dtype);
        }
        return dtype;
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
     * {@link Tensor#manualSeed} reseeds), for code that draws its own random numbers from it.
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
        return EjmlInterop.from(m);
    }

    /**
     * {@code x} where {@code condition} is true, else {@code y}, like {@code torch.where(condition, x, y)};
     * the same as {@code x.where(condition, y)}. All three broadcast; the gradient flows to
     * {@code x} where the condition is true and to {@code y} where it is false.
     *
     * @param condition the BOOL mask (from a comparison such as {@code x.gt(0)})
     * @param x the values where {@code condition} is true
     * @param y the values where {@code condition} is false
     * @return a new tensor of the broadcast shape, of the promoted dtype of {@code x} and {@code y}
     * @throws IllegalArgumentException if {@code condition} is not BOOL, or the shapes do not broadcast
     */
    public static Tensor where(Tensor condition, Tensor x, Tensor y) {
        return Selection.where(condition, x, y);
    }

    /**
     * Concatenates tensors along {@code dim}, like {@code torch.cat}. All must have the same
     * number of dims and the same sizes except along {@code dim}; a 1-D tensor of shape
     * {@code [0]} is skipped, as in PyTorch.
     *
     * @param tensors the tensors to join, at least one
     * @param dim the dim to join along
     * @return a new tensor of the inputs' promoted dtype (BOOL only if all are BOOL; see
     *     {@link DType#promote})
     */
    public static Tensor cat(List<Tensor> tensors, int dim) {
        return Shaping.cat(tensors, dim);
    }

    /**
     * Joins tensors of one shape along a new dim, like {@code torch.stack}.
     *
     * @param tensors the tensors to join, at least one, all of the same shape
     * @param dim where the new dim goes, in {@code [-(n+1), n]} for n-D tensors
     * @return a new tensor of one more dim, of the inputs' promoted dtype (see
     *     {@link DType#promote})
     */
    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Shaping.stack(tensors, dim);
    }

}
