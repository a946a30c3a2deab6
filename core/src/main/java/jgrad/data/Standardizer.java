package jgrad.data;

import java.util.Arrays;
import java.util.Objects;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Per-feature standardisation, like scikit-learn's {@code StandardScaler}: fitted on the
 * training inputs, it maps each feature to {@code (x - mean) / std}.
 *
 * <p>The statistics are taken over dim 0 (the samples), separately for every position of the
 * remaining dims, so {@code (N, F)} inputs get {@code F} means and standard deviations and
 * {@code (N, H, W)} inputs {@code H * W} of them. The standard deviation is the population
 * one (divide by {@code N}), as in scikit-learn. A constant feature (standard deviation 0, as
 * the always-blank corner pixels of the digits data) is only centred, never divided by 0, so
 * the transform never makes a NaN from finite inputs.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(split.train().inputs());
 * TensorDataset train = s.transform(split.train());
 * TensorDataset test = s.transform(split.test());   // the training statistics, not the test's
 * }</pre>
 */
public final class Standardizer {
    private final int[] featureShape;
    private final double[] mean;
    private final double[] std;
    private final double[] scale;

    private Standardizer(int[] featureShape, double[] mean, double[] std) {
        this.featureShape = featureShape;
        this.mean = mean;
        this.std = std;
        this.scale = new double[std.length];
        for (int j = 0; j < std.length; j++) {
            scale[j] = std[j] == 0 ? 1.0 : std[j];
        }
    }

    /**
     * Computes each feature's mean and standard deviation over the samples (dim 0).
     *
     * @param inputs training inputs of shape {@code (N, ...)}, {@code N >= 1}
     * @return the fitted standardizer
     * @throws IllegalArgumentException if {@code inputs} is 0-D or has no samples
     */
    public static Standardizer fit(Tensor inputs) {
        Objects.requireNonNull(inputs, "Standardizer.fit: inputs is null");
        if (inputs.dim() == 0 || inputs.size(0) == 0) {
            throw new IllegalArgumentException("Standardizer.fit: needs inputs of shape (N, ...) with N >= 1, got "
                    + Shape.str(inputs.shape()));
        }
        int[] shape = inputs.shape();
        int n = shape[0];
        int[] featureShape = Arrays.copyOfRange(shape, 1, shape.length);
        int f = Shape.numel(featureShape);
        double[] x = inputs.doubles();
        double[] mean = new double[f];
        double[] min = new double[f];
        double[] max = new double[f];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int off = i * f;
            for (int j = 0; j < f; j++) {
                double v = x[off + j];
                mean[j] += v;
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= n;
        }
        double[] var = new double[f];
        for (int i = 0; i < n; i++) {
            int off = i * f;
            for (int j = 0; j < f; j++) {
                double d = x[off + j] - mean[j];
                var[j] += d * d;
            }
        }
        double[] std = new double[f];
        for (int j = 0; j < f; j++) {
            if (min[j] == max[j]) { // constant (and finite): exactly 0, centred exactly
                mean[j] = min[j];
                std[j] = 0;
            } else {
                std[j] = Math.sqrt(var[j] / n);
            }
        }
        return new Standardizer(featureShape, mean, std);
    }

    /**
     * Standardises inputs with the fitted statistics: {@code (x - mean) / std} per feature, or
     * {@code x - mean} for features whose standard deviation was 0.
     *
     * @param inputs inputs of shape {@code (M, ...)} with the same per-sample shape as the
     *     fitted inputs (any dtype)
     * @return a new FLOAT64 tensor of the same shape
     * @throws IllegalArgumentException if the per-sample shape differs (the message names both
     *     shapes)
     */
    public Tensor transform(Tensor inputs) {
        return apply(inputs, false);
    }

    /**
     * Standardises a data set's inputs; the targets are kept as they are (not copied).
     *
     * @param data a data set whose inputs have the fitted per-sample shape
     * @return a new data set with standardised inputs and the same targets
     * @throws IllegalArgumentException if the per-sample shape differs
     */
    public TensorDataset transform(TensorDataset data) {
        Objects.requireNonNull(data, "Standardizer.transform: data is null");
        return new TensorDataset(transform(data.inputs()), data.targets());
    }

    /**
     * Undoes {@link #transform(Tensor)}: {@code z * std + mean} per feature.
     *
     * @param standardized inputs of shape {@code (M, ...)} with the fitted per-sample shape
     * @return a new FLOAT64 tensor of the same shape
     * @throws IllegalArgumentException if the per-sample shape differs
     */
    public Tensor inverseTransform(Tensor standardized) {
        return apply(standardized, true);
    }

    private Tensor apply(Tensor inputs, boolean inverse) {
        String op = inverse ? "Standardizer.inverseTransform" : "Standardizer.transform";
        Objects.requireNonNull(inputs, op + ": inputs is null");
        int[] shape = inputs.shape();
        if (shape.length != featureShape.length + 1
                || !Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), featureShape)) {
            StringBuilder expected = new StringBuilder("[N");
            for (int d : featureShape) {
                expected.append(", ").append(d);
            }
            throw new IllegalArgumentException(op + ": inputs of shape " + Shape.str(shape)
                    + " do not match the fitted shape " + expected.append(']') + " (fitted on samples of shape "
                    + Shape.str(featureShape) + ")");
        }
        int f = mean.length;
        double[] x = inputs.doubles();
        double[] out = new double[inputs.numel()];
        for (int off = 0; off < out.length; off += f) {
            for (int j = 0; j < f; j++) {
                out[off + j] = inverse ? x[off + j] * scale[j] + mean[j] : (x[off + j] - mean[j]) / scale[j];
            }
        }
        return Tensor.wrap(out, DType.FLOAT64, shape);
    }

    /**
     * The fitted means.
     *
     * @return a FLOAT64 tensor of the per-sample shape (a copy)
     */
    public Tensor mean() {
        return Tensor.wrap(mean.clone(), DType.FLOAT64, featureShape);
    }

    /**
     * The fitted standard deviations (population, divide by {@code N}); 0 for constant
     * features, which the transform leaves unscaled.
     *
     * @return a FLOAT64 tensor of the per-sample shape (a copy)
     */
    public Tensor std() {
        return Tensor.wrap(std.clone(), DType.FLOAT64, featureShape);
    }

    /**
     * The per-sample shape the standardizer was fitted on.
     *
     * @return the shape of one sample, e.g. {@code [64]} (a copy)
     */
    public int[] featureShape() {
        return featureShape.clone();
    }
}
