package jgrad.nn;

import jgrad.Tensor;

/**
 * A 2-D convolution layer, like {@code torch.nn.Conv2d} (zero padding): the input
 * {@code (N, C_in, H, W)} or unbatched {@code (C_in, H, W)} is correlated with
 * {@code out_channels} kernels and the bias added, {@link Tensor#conv2d}.
 *
 * <p>The weight has shape {@code (out_channels, in_channels / groups, kH, kW)} and the bias
 * {@code (out_channels)}. Both are initialised as PyTorch does, from the default generator (so
 * {@link Tensor#manualSeed} makes them reproducible): {@code kaiming_uniform_(weight,
 * a=sqrt(5))}, which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with {@code fan_in = in_channels /
 * groups * kH * kW}, then the bias from the same range, in the default dtype
 * ({@link Tensor#getDefaultDtype()}). State-dict keys: {@code weight}, {@code bias}.
 */
public class Conv2d extends Module {
    private static final String OP = "Conv2d";
    private final int inChannels;
    private final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /**
     * A layer with a square kernel, stride 1, no padding and a bias.
     *
     * @param inChannels the channels of the input
     * @param outChannels the channels of the output
     * @param kernelSize the kernel's height and width
     * @throws IllegalArgumentException for a negative channel count or a kernel size below 1
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1);
    }

    /**
     * A layer with a square kernel, no padding and a bias.
     *
     * @param inChannels the channels of the input
     * @param outChannels the channels of the output
     * @param kernelSize the kernel's height and width
     * @param stride the step between windows in both directions
     * @throws IllegalArgumentException for a negative channel count, or a kernel size or stride below 1
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride) {
        this(inChannels, outChannels, kernelSize, stride, 0);
    }

    /**
     * A layer with a square kernel and a bias.
     *
     * @param inChannels the channels of the input
     * @param outChannels the channels of the output
     * @param kernelSize the kernel's height and width
     * @param stride the step between windows in both directions
     * @param padding the zeros added on every side
     * @throws IllegalArgumentException for a negative channel count or padding, or a kernel size
     *     or stride below 1
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, new int[] {1},
                1, true);
    }

    /**
     * A layer with every option of {@code torch.nn.Conv2d} but {@code padding_mode} (zeros).
     *
     * @param inChannels the channels of the input, divisible by groups
     * @param outChannels the channels of the output, divisible by groups
     * @param kernelSize {@code {kH, kW}}, or one value for both, each at least 1
     * @param stride {@code {sH, sW}}, or one value for both, each at least 1
     * @param padding {@code {pH, pW}}, or one value for both, each at least 0
     * @param dilation {@code {dH, dW}}, or one value for both, each at least 1
     * @param groups the number of channel groups, at least 1
     * @param bias whether to add a learnable bias
     * @throws IllegalArgumentException naming Conv2d and the bad value, for any of the above
     */
    public Conv2d(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, int[] dilation,
            int groups, boolean bias) {
        if (inChannels < 0 || outChannels < 0) {
            throw new IllegalArgumentException(OP + ": in_channels and out_channels must be >= 0, got in_channels="
                    + inChannels + ", out_channels=" + outChannels);
        }
        if (groups < 1) {
            throw new IllegalArgumentException(OP + ": groups must be a positive integer, got " + groups);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(OP + ": in_channels=" + inChannels + " and out_channels=" + outChannels
                    + " must both be divisible by groups=" + groups);
        }
        this.kernelSize = Convolutions.pair(OP, "kernel_size", kernelSize, 1);
        this.stride = Convolutions.pair(OP, "stride", stride, 1);
        this.padding = Convolutions.pair(OP, "padding", padding, 0);
        this.dilation = Convolutions.pair(OP, "dilation", dilation, 1);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        int fanIn = inChannels / groups * this.kernelSize[0] * this.kernelSize[1];
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0;
        registerParameter("weight", Tensor.uniform(-bound, bound, outChannels, inChannels / groups,
                this.kernelSize[0], this.kernelSize[1]));
        registerParameter("bias", bias ? Tensor.uniform(-bound, bound, outChannels) : null);
    }

    /**
     * The weight, shape {@code (out_channels, in_channels / groups, kH, kW)}.
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one)
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The bias, shape {@code (out_channels)}, or null for a layer without bias.
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one), or null
     */
    public Tensor bias() {
        return parameter("bias");
    }

    /**
     * The channels of the input.
     *
     * @return in_channels
     */
    public int inChannels() {
        return inChannels;
    }

    /**
     * The channels of the output.
     *
     * @return out_channels
     */
    public int outChannels() {
        return outChannels;
    }

    /**
     * The kernel's size.
     *
     * @return a copy of kernel_size, {@code {kH, kW}}
     */
    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /**
     * The step between windows.
     *
     * @return a copy of stride, {@code {sH, sW}}
     */
    public int[] stride() {
        return stride.clone();
    }

    /**
     * The zeros added on each side.
     *
     * @return a copy of padding, {@code {pH, pW}}
     */
    public int[] padding() {
        return padding.clone();
    }

    /**
     * The spacing between kernel taps.
     *
     * @return a copy of dilation, {@code {dH, dW}}
     */
    public int[] dilation() {
        return dilation.clone();
    }

    /**
     * The number of channel groups.
     *
     * @return groups
     */
    public int groups() {
        return groups;
    }

    /**
     * The convolution of the input with the weight, plus the bias.
     *
     * @param input {@code (N, in_channels, H, W)} or {@code (in_channels, H, W)}, the weight's dtype
     * @return {@code (N, out_channels, oH, oW)} or {@code (out_channels, oH, oW)}
     * @throws IllegalArgumentException naming conv2d and the shapes if the input does not fit
     *     (see {@link Tensor#conv2d})
     */
    @Override
    public Tensor forward(Tensor input) {
        return Convolutions.conv2d(OP, input, weight(), bias(), stride, padding, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder();
        s.append(inChannels).append(", ").append(outChannels).append(", kernel_size=")
                .append(Convolutions.tuple(kernelSize)).append(", stride=").append(Convolutions.tuple(stride));
        if (padding[0] != 0 || padding[1] != 0) {
            s.append(", padding=").append(Convolutions.tuple(padding));
        }
        if (dilation[0] != 1 || dilation[1] != 1) {
            s.append(", dilation=").append(Convolutions.tuple(dilation));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias() == null) {
            s.append(", bias=False");
        }
        return s.toString();
    }
}
