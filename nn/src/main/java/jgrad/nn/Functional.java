package jgrad.nn;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.ops.LinAlg;

/**
 * The stateless forms of the layers and losses, like {@code torch.nn.functional}. The modules
 * call these, so both give the same numbers.
 */
public final class Functional {
    private Functional() {}

    // ---------------------------------------------------------------- activations and layers

    /**
     * Elementwise {@code max(x, 0)}.
     *
     * @param x any shape
     * @return same shape
     */
    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /**
     * Elementwise logistic sigmoid.
     *
     * @param x any shape
     * @return same shape
     */
    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    /**
     * Elementwise hyperbolic tangent.
     *
     * @param x any shape
     * @return same shape
     */
    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /**
     * Leaky ReLU with PyTorch's default slope 0.01, like {@code F.leaky_relu}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating
     */
    public static Tensor leakyRelu(Tensor x) {
        return leakyRelu(x, Activations.DEFAULT_NEGATIVE_SLOPE);
    }

    /**
     * Elementwise {@code x} where {@code x > 0}, else {@code negativeSlope * x}, like
     * {@code F.leaky_relu}; the gradient at 0 is {@code negativeSlope}, as PyTorch's.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @param negativeSlope the factor for inputs at or below 0 (any finite value)
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating or the slope is not finite
     */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Activations.leakyRelu("leakyRelu", x, negativeSlope);
    }

    /**
     * Elementwise {@code x * sigmoid(x)}, like {@code F.silu}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating
     */
    public static Tensor silu(Tensor x) {
        return Activations.silu("silu", x);
    }

    /**
     * Softplus with PyTorch's defaults beta 1 and threshold 20, like {@code F.softplus}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating
     */
    public static Tensor softplus(Tensor x) {
        return softplus(x, Activations.DEFAULT_BETA, Activations.DEFAULT_THRESHOLD);
    }

    /**
     * Elementwise {@code log(1 + exp(beta * x)) / beta}, and {@code x} itself where
     * {@code beta * x > threshold}, like {@code F.softplus}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @param beta the sharpness; finite and non-zero (PyTorch's beta 0 only gives inf)
     * @param threshold above which {@code beta * x} the result is linear; finite
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating, beta is 0 or either value is NaN or
     *     infinite
     */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return Activations.softplus("softplus", x, beta, threshold);
    }

    /**
     * Exact GELU {@code 0.5 x (1 + erf(x / sqrt 2))}, like {@code F.gelu}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating
     */
    public static Tensor gelu(Tensor x) {
        return gelu(x, "none");
    }

    /**
     * GELU, exact or with the tanh approximation, like {@code F.gelu(x, approximate=...)}.
     *
     * @param x FLOAT32 or FLOAT64, any shape
     * @param approximate "none" (exact) or "tanh"
     * @return same shape and dtype
     * @throws IllegalArgumentException if x is not floating or approximate is another string
     */
    public static Tensor gelu(Tensor x, String approximate) {
        return Activations.gelu("gelu", x, approximate);
    }

    /**
     * Layer normalisation over the last dims, like {@code F.layer_norm}: {@code (x - mean) /
     * sqrt(var + eps) * weight + bias} with the biased variance over the trailing dims.
     *
     * @param x FLOAT32 or FLOAT64 of shape (*, normalizedShape)
     * @param normalizedShape the sizes of the trailing dims to normalise over
     * @param weight shape normalizedShape and x's dtype, or null
     * @param bias shape normalizedShape and x's dtype, or null
     * @param eps added to the variance (finite, {@code >= 0}; PyTorch's default is 1e-5)
     * @return same shape and dtype as x
     * @throws IllegalArgumentException naming the shapes if x's trailing dims, the weight or the
     *     bias do not fit normalizedShape, or for a bad dtype or eps
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        return Norms.layerNorm("layerNorm", x, normalizedShape, weight, bias, eps);
    }

    /**
     * Batch normalisation over dim 1, like {@code F.batch_norm(input, running_mean, running_var,
     * weight, bias, training, momentum, eps)}: {@code (x - mean) / sqrt(var + eps) * weight + bias}
     * per channel. With {@code training} the mean and biased variance come from the batch (every
     * dim but 1) and the running tensors, if given, are updated in place:
     * {@code running = (1 - momentum) * running + momentum * batch} (the unbiased variance for
     * running_var); otherwise the running mean and variance are used.
     *
     * @param input FLOAT32 or FLOAT64 of shape (N, C, *)
     * @param runningMean shape (C), input's dtype; null only when training
     * @param runningVar shape (C), input's dtype; null only when training (and only with runningMean)
     * @param weight shape (C), input's dtype, or null
     * @param bias shape (C), input's dtype, or null
     * @param training whether to use (and record) the batch statistics
     * @param momentum the weight of the batch statistics in the update (finite; PyTorch's default 0.1)
     * @param eps added to the variance (finite, {@code >= 0}; PyTorch's default 1e-5)
     * @return same shape and dtype as input
     * @throws IllegalArgumentException naming the shapes for an input with fewer than 2 dims or a
     *     tensor that does not match the C channels, for running stats missing when not training,
     *     for one value per channel when training, or for a bad dtype, momentum or eps
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        return BatchNorms.batchNorm("batchNorm", input, runningMean, runningVar, weight, bias, training, momentum,
                eps);
    }

    /**
     * The rows of weight picked by indices, like {@code F.embedding(indices, weight)}.
     *
     * @param indices INT64 indices in {@code [0, weight.size(0))}, any shape
     * @param weight a floating (num_embeddings, embedding_dim) table
     * @return shape {@code indices.shape + [embedding_dim]}, the weight's dtype
     * @throws IllegalArgumentException for non-INT64 or out-of-range indices or a bad weight
     */
    public static Tensor embedding(Tensor indices, Tensor weight) {
        return Embeddings.embedding("embedding", indices, weight, null);
    }

    /**
     * Like {@link #embedding(Tensor, Tensor)}, but the lookups of row {@code paddingIdx} (negative
     * counts from the end) send no gradient to the weight, like {@code F.embedding(..., padding_idx)}.
     *
     * @param indices INT64 indices in {@code [0, weight.size(0))}, any shape
     * @param weight a floating (num_embeddings, embedding_dim) table
     * @param paddingIdx the row without gradient, in {@code [-num_embeddings, num_embeddings)}
     * @return shape {@code indices.shape + [embedding_dim]}, the weight's dtype
     * @throws IllegalArgumentException for bad indices, weight or padding index
     */
    public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
        return Embeddings.embedding("embedding", indices, weight, paddingIdx);
    }

    /**
     * Softmax over {@code dim}, stable for huge logits.
     *
     * @param x FLOAT32 or FLOAT64
     * @param dim the dim to normalise over; negative counts from the end
     * @return same shape and dtype
     */
    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    /**
     * Log-softmax over {@code dim}, stable for huge logits.
     *
     * @param x FLOAT32 or FLOAT64
     * @param dim the dim to normalise over; negative counts from the end
     * @return same shape and dtype
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    /**
     * {@code x @ w^T + b}, like {@code F.linear}, without copying {@code w} to transpose it. With
     * a bias it records one {@code AddmmBackward} node ({@link LinAlg#addmm}), like PyTorch's
     * {@code AddmmBackward0}; without, one {@code MmBackward}. Inputs of other than two dims are
     * reshaped to (N, in) and the result back.
     *
     * @param x input (in), (N, in) or (N, ..., in), of the weight's dtype
     * @param w weight (out, in), FLOAT32 or FLOAT64
     * @param b bias (out) of the weight's dtype, or null
     * @return (out), (N, out) or (N, ..., out), of the weight's dtype
     * @throws IllegalArgumentException naming the shapes if they do not fit, or the dtypes if they
     *     differ (as PyTorch: "mat1 and mat2 must have the same dtype")
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return Linears.linear("linear", x, w, b);
    }

    /**
     * 2-D convolution with stride 1, no padding, no dilation and one group, like
     * {@code F.conv2d(input, weight, bias)}; see {@link Tensor#conv2d}.
     *
     * @param input {@code (N, C, H, W)} or unbatched {@code (C, H, W)}, FLOAT32 or FLOAT64
     * @param weight {@code (O, C, kH, kW)}, the input's dtype
     * @param bias {@code (O)}, the input's dtype, or null
     * @return {@code (N, O, H - kH + 1, W - kW + 1)} (without N for an unbatched input)
     * @throws IllegalArgumentException naming conv2d and the shapes if they do not fit
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, new int[] {1}, new int[] {0}, new int[] {1}, 1);
    }

    /**
     * 2-D convolution with the same stride and padding in both directions, like
     * {@code F.conv2d(input, weight, bias, stride, padding)}; see {@link Tensor#conv2d}.
     *
     * @param input {@code (N, C, H, W)} or unbatched {@code (C, H, W)}, FLOAT32 or FLOAT64
     * @param weight {@code (O, C, kH, kW)}, the input's dtype
     * @param bias {@code (O)}, the input's dtype, or null
     * @param stride the step between windows, at least 1
     * @param padding the zeros added on every side, at least 0
     * @return {@code (N, O, oH, oW)} with {@code oH = (H + 2*padding - kH) / stride + 1} (without N
     *     for an unbatched input)
     * @throws IllegalArgumentException naming conv2d and the shapes or values if they do not fit
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(input, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * 2-D convolution, like {@code F.conv2d(input, weight, bias, stride, padding, dilation,
     * groups)}; see {@link Tensor#conv2d}.
     *
     * @param input {@code (N, C, H, W)} or unbatched {@code (C, H, W)}, FLOAT32 or FLOAT64
     * @param weight {@code (O, C/groups, kH, kW)}, the input's dtype
     * @param bias {@code (O)}, the input's dtype, or null
     * @param stride {@code {sH, sW}} or one value for both, each at least 1
     * @param padding {@code {pH, pW}} or one value for both, each at least 0
     * @param dilation {@code {dH, dW}} or one value for both, each at least 1
     * @param groups the number of channel groups, dividing C and O
     * @return {@code (N, O, oH, oW)} (without N for an unbatched input)
     * @throws IllegalArgumentException naming conv2d and the shapes or values if they do not fit
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
            int[] dilation, int groups) {
        return Convolutions.conv2d("conv2d", input, weight, bias, stride, padding, dilation, groups);
    }

    /**
     * 2-D max pooling with square windows and stride = kernel size, like
     * {@code F.max_pool2d(x, kernelSize)}; {@link Tensor#maxPool2d} takes every option.
     *
     * @param x FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W)
     * @param kernelSize the window's height and width
     * @return (N, C, H / k, W / k) or (C, H / k, W / k), rounded down
     */
    public static Tensor maxPool2d(Tensor x, int kernelSize) {
        return Pooling.maxPool2d(x, kernelSize);
    }

    /**
     * 2-D average pooling with square windows and stride = kernel size, like
     * {@code F.avg_pool2d(x, kernelSize)}; {@link Tensor#avgPool2d} takes every option.
     *
     * @param x FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W)
     * @param kernelSize the window's height and width
     * @return (N, C, H / k, W / k) or (C, H / k, W / k), rounded down
     */
    public static Tensor avgPool2d(Tensor x, int kernelSize) {
        return Pooling.avgPool2d(x, kernelSize);
    }

    /**
     * 2-D adaptive average pooling to a square output, like
     * {@code F.adaptive_avg_pool2d(x, outputSize)}.
     *
     * @param x FLOAT64 or FLOAT32, (N, C, H, W) or (C, H, W)
     * @param outputSize H_out = W_out, at least 0
     * @return (N, C, outputSize, outputSize) or (C, outputSize, outputSize)
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outputSize) {
        return Pooling.adaptiveAvgPool2d(x, outputSize);
    }

    /**
     * Flattens dims {@code startDim..endDim} (both included) into one, like {@code torch.flatten}.
     *
     * @param x the input
     * @param startDim first dim; negative counts from the end
     * @param endDim last dim; negative counts from the end
     * @return a view with those dims merged (a 0-D input becomes shape (1))
     * @throws IllegalArgumentException if a dim is out of range or start comes after end
     */
    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        int[] s = x.shape();
        int a = Shape.dim("Flatten", startDim, s.length);
        int b = Shape.dim("Flatten", endDim, s.length);
        if (s.length == 0) {
            return x.reshape(1);
        }
        if (a > b) {
            throw new IllegalArgumentException("Flatten: start_dim " + startDim + " comes after end_dim " + endDim
                    + " for input of shape " + Shape.str(s));
        }
        int[] to = new int[s.length - (b - a)];
        int k = 0;
        for (int i = 0; i < a; i++) {
            to[k++] = s[i];
        }
        int merged = 1;
        for (int i = a; i <= b; i++) {
            merged *= s[i];
        }
        to[k++] = merged;
        for (int i = b + 1; i < s.length; i++) {
            to[k++] = s[i];
        }
        return x.reshape(to);
    }

    /**
     * Dropout, like {@code F.dropout}: when {@code training}, each element is zeroed with
     * probability p (mask from the default generator) and the rest scaled by 1/(1-p); otherwise
     * the input itself is returned.
     *
     * @param x FLOAT32 or FLOAT64 input (the result has its dtype)
     * @param p drop probability in [0, 1]
     * @param training whether to apply dropout
     * @return same shape
     * @throws IllegalArgumentException if p is outside [0, 1] or NaN
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        checkDropout("dropout", p);
        LossChecks.checkNotNull("dropout", "input", x);
        if (!training || p == 0.0 || x.numel() == 0) {
            return x;
        }
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("dropout: input must be floating (FLOAT32 or FLOAT64), got "
                    + x.dtype() + " of shape " + Shape.str(x.shape()));
        }
        int[] shape = x.shape();
        double keep = 1.0 - p;
        double scale = p == 1.0 ? 0.0 : 1.0 / keep;
        Tensor mask = Tensor.withDefaultGenerator(rng -> {
            double[] m = new double[x.numel()];
            for (int i = 0; i < m.length; i++) {
                m[i] = rng.nextDouble() < keep ? scale : 0.0;
            }
            return Tensor.wrap(m, x.dtype(), shape); // the mask in the input's dtype, as PyTorch's
        });
        return x.mul(mask);
    }

    static void checkDropout(String op, double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(op + ": dropout probability has to be between 0 and 1, but got " + p);
        }
    }

    // ---------------------------------------------------------------- losses

    /**
     * {@link NLLLoss} with PyTorch's defaults (no weight, ignore index -100, mean).
     *
     * @param input log-probabilities (C), (N, C) or (N, C, d1, ...)
     * @param target INT64 class indices (), (N) or (N, d1, ...)
     * @return the mean loss, 0-D
     * @throws IllegalArgumentException for bad shapes, dtypes or target values
     */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, ClassIndexLoss.DEFAULT_IGNORE_INDEX, Reduction.MEAN);
    }

    /**
     * {@link NLLLoss} with options, like {@code F.nll_loss}.
     *
     * @param input log-probabilities (C), (N, C) or (N, C, d1, ...)
     * @param target INT64 class indices (), (N) or (N, d1, ...)
     * @param weight per-class weights (C), or null
     * @param ignoreIndex the target value to ignore (PyTorch's default is -100)
     * @param reduction NONE, MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException for bad shapes, dtypes, target values or options
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return NLLLoss.nll("nllLoss", input, target, weight, ignoreIndex, reduction);
    }

    /**
     * {@link CrossEntropyLoss} with PyTorch's defaults (no weight, ignore index -100, mean, no
     * label smoothing).
     *
     * @param input logits (C), (N, C) or (N, C, d1, ...)
     * @param target INT64 class indices (), (N) or (N, d1, ...), or FLOAT64 probabilities
     *     shaped like the input
     * @return the mean loss, 0-D
     * @throws IllegalArgumentException for bad shapes, dtypes or target values
     */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, ClassIndexLoss.DEFAULT_IGNORE_INDEX, Reduction.MEAN, 0.0);
    }

    /**
     * {@link CrossEntropyLoss} with options, like {@code F.cross_entropy}.
     *
     * @param input logits (C), (N, C) or (N, C, d1, ...)
     * @param target INT64 class indices (), (N) or (N, d1, ...), or FLOAT64 probabilities
     *     shaped like the input
     * @param weight per-class weights (C), or null
     * @param ignoreIndex the class index to ignore (PyTorch's default is -100); must be negative
     *     for probability targets
     * @param reduction NONE, MEAN or SUM
     * @param labelSmoothing ε in [0, 1]
     * @return the loss
     * @throws IllegalArgumentException for bad shapes, dtypes, target values or options
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex,
            Reduction reduction, double labelSmoothing) {
        return CrossEntropyLoss.crossEntropy("crossEntropy", input, target, weight, ignoreIndex, reduction,
                labelSmoothing);
    }

    /**
     * {@link MSELoss} with mean reduction.
     *
     * @param input predictions
     * @param target targets, broadcastable with input
     * @return the mean squared error, 0-D
     * @throws IllegalArgumentException if the shapes do not broadcast or a dtype is INT64
     */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /**
     * {@link MSELoss}, like {@code F.mse_loss}.
     *
     * @param input predictions
     * @param target targets, broadcastable with input (a size other than the input's logs a
     *     warning, once per calling line)
     * @param reduction NONE, MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException if the shapes do not broadcast, a dtype is INT64 or
     *     reduction is null
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        MSELoss.mseChecks("mseLoss", input, target, reduction);
        SizeMismatchWarning.checkAtCallSite("mseLoss", input, target);
        return MSELoss.mse(input, target, reduction);
    }

    /**
     * {@link BCEWithLogitsLoss} without weights, mean reduction.
     *
     * @param input logits
     * @param target probabilities of the positive class, same shape
     * @return the mean loss, 0-D
     * @throws IllegalArgumentException if the sizes differ or a dtype is INT64
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, Reduction.MEAN);
    }

    /**
     * {@link BCEWithLogitsLoss}, like {@code F.binary_cross_entropy_with_logits}.
     *
     * @param input logits
     * @param target probabilities of the positive class, same shape
     * @param weight element weights broadcast against the input, or null
     * @param posWeight positive-class weights broadcast against the input, or null
     * @param reduction NONE, MEAN or SUM
     * @return the loss
     * @throws IllegalArgumentException if the sizes differ, a weight does not broadcast, a dtype
     *     is INT64 or reduction is null
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
            Reduction reduction) {
        return BCEWithLogitsLoss.bceWithLogits("binaryCrossEntropyWithLogits", input, target, weight, posWeight,
                reduction);
    }
}
