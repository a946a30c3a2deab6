package jgrad.ops;

import java.util.Objects;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The argument checks of {@link Convolution#conv2d}, in PyTorch's order and with its wording
 * where it has one, each message naming {@code conv2d} and the shapes or values at fault.
 */
final class ConvolutionChecks {
    private static final String OP = "conv2d";

    private ConvolutionChecks() {}

    /** The geometry of a checked {@code conv2d} call, or the exception PyTorch would raise. */
    static Im2Col.Geometry geometry(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
            int[] dilation, int groups) {
        Objects.requireNonNull(input, OP + ": input is null");
        Objects.requireNonNull(weight, OP + ": weight is null");
        int[] is = input.shapeArray();
        int[] ws = weight.shapeArray();
        dtypes(input, weight, bias);
        int[] st = pair("stride", stride);
        int[] pad = pair("padding", padding);
        int[] dil = pair("dilation", dilation);
        if (st[0] < 1 || st[1] < 1) {
            throw Shape.error(OP, "non-positive stride is not supported, got stride " + Shape.str(stride));
        }
        if (pad[0] < 0 || pad[1] < 0) {
            throw Shape.error(OP, "negative padding is not supported, got padding " + Shape.str(padding));
        }
        if (dil[0] < 1 || dil[1] < 1) {
            throw Shape.error(OP, "dilation should be greater than zero, got dilation " + Shape.str(dilation));
        }
        if (groups < 1) {
            throw Shape.error(OP, "non-positive groups is not supported, got groups=" + groups);
        }
        if (is.length != 3 && is.length != 4) {
            throw Shape.error(OP, "expected 3-D (unbatched) or 4-D (batched) input, but got input of shape "
                    + Shape.str(is));
        }
        if (ws.length != 4) {
            throw Shape.error(OP, "expected 4-D weight (out_channels, in_channels/groups, kH, kW) for input of shape "
                    + Shape.str(is) + ", but got weight of shape " + Shape.str(ws));
        }
        int n = is.length == 4 ? is[0] : 1;
        int c = is[is.length - 3];
        int h = is[is.length - 2];
        int w = is[is.length - 1];
        if (c != ws[1] * groups) {
            throw Shape.error(OP, "given groups=" + groups + ", weight of shape " + Shape.str(ws) + ", expected input "
                    + Shape.str(is) + " to have " + ws[1] * groups + " channels, but got " + c + " channels instead");
        }
        if (ws[0] % groups != 0) {
            throw Shape.error(OP, "given groups=" + groups + ", expected weight to be divisible by " + groups
                    + " at dim 0, but got weight of shape " + Shape.str(ws) + " instead");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != ws[0])) {
            throw Shape.error(OP, "given weight of shape " + Shape.str(ws) + ", expected bias to be 1-D with " + ws[0]
                    + " elements, but got bias of shape " + Shape.str(bias.shapeArray()) + " instead");
        }
        long spanH = (long) dil[0] * (ws[2] - 1) + 1;
        long spanW = (long) dil[1] * (ws[3] - 1) + 1;
        long paddedH = h + 2L * pad[0];
        long paddedW = w + 2L * pad[1];
        if (paddedH < spanH || paddedW < spanW) {
            throw Shape.error(OP, "padded input size per channel (" + paddedH + " x " + paddedW
                    + ") is smaller than the (dilated) kernel size (" + spanH + " x " + spanW + ") for input of shape "
                    + Shape.str(is) + " and weight of shape " + Shape.str(ws) + "; kernel size can't be greater "
                    + "than actual input size");
        }
        int oh = (int) ((paddedH - spanH) / st[0] + 1);
        int ow = (int) ((paddedW - spanW) / st[1] + 1);
        long colsNumel = (long) c * ws[2] * ws[3] * n * oh * ow;
        long outNumel = (long) n * ws[0] * oh * ow;
        if (Math.max(colsNumel, outNumel) > Integer.MAX_VALUE - 8) {
            throw Shape.error(OP, "input of shape " + Shape.str(is) + " and weight of shape " + Shape.str(ws)
                    + " need " + Math.max(colsNumel, outNumel) + " elements in one array, more than a Java array holds");
        }
        return new Im2Col.Geometry(is, n, c, h, w, ws[2], ws[3], st[0], st[1], pad[0], pad[1], dil[0], dil[1], oh,
                ow);
    }

    /** Floating point input, weight and bias of one dtype (FLOAT32 is never mixed, as in PyTorch). */
    private static void dtypes(Tensor input, Tensor weight, Tensor bias) {
        for (Tensor t : new Tensor[] {input, weight, bias}) {
            if (t != null && !t.dtype().isFloatingPoint()) {
                throw new IllegalArgumentException(OP + ": expects floating point input, weight and bias, got "
                        + describe(input, weight, bias) + "; convert with to(DType.FLOAT64)");
            }
        }
        if (input.dtype() != weight.dtype() || bias != null && bias.dtype() != input.dtype()) {
            throw new IllegalArgumentException(OP + ": expected input, weight and bias to have the same dtype, got "
                    + describe(input, weight, bias) + "; convert with to(DType." + input.dtype() + ")");
        }
    }

    private static String describe(Tensor input, Tensor weight, Tensor bias) {
        return "input " + input.dtype() + " " + Shape.str(input.shapeArray()) + ", weight " + weight.dtype() + " "
                + Shape.str(weight.shapeArray()) + (bias == null ? ", no bias" : ", bias " + bias.dtype() + " "
                + Shape.str(bias.shapeArray()));
    }

    /** A 1- or 2-value parameter as (height, width). */
    private static int[] pair(String name, int[] values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw Shape.error(OP, name + " must have 1 or 2 values (height, width), got "
                    + (values == null ? "null" : Shape.str(values)));
        }
        return values.length == 1 ? new int[] {values[0], values[0]} : values.clone();
    }
}
