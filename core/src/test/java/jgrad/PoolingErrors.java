package jgrad;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.ErrorInputs.ErrorInput;

/** The bad inputs of the 2-D pooling ops, for {@link ErrorInputs}: each message names the op and the shape or value. */
final class PoolingErrors {
    private PoolingErrors() {}

    private static ErrorInput bad(String label, Supplier<?> call, String... fragments) {
        return new ErrorInput(label, call, IllegalArgumentException.class, List.of(fragments));
    }

    private static Tensor x(int... shape) {
        return Tensor.ones(shape);
    }

    private static int[] d(int... v) {
        return v;
    }

    /** Adds the entries of maxPool2d, avgPool2d and adaptiveAvgPool2d. */
    static void add(Map<String, List<ErrorInput>> m) {
        m.put("maxPool2d", List.of(
                bad("maxPool2d 2-D input", () -> x(4, 4).maxPool2d(d(2), null, d(0), d(1), false), "maxPool2d",
                        "[4, 4]", "4-D"),
                bad("maxPool2d 5-D input", () -> x(1, 1, 1, 4, 4).maxPool2d(d(2), null, d(0), d(1), false),
                        "maxPool2d", "[1, 1, 1, 4, 4]"),
                bad("maxPool2d empty C", () -> x(1, 0, 4, 4).maxPool2d(d(2), null, d(0), d(1), false), "maxPool2d",
                        "[1, 0, 4, 4]", "non-zero"),
                bad("maxPool2d unbatched empty C", () -> x(0, 4, 4).maxPool2d(d(2), null, d(0), d(1), false),
                        "maxPool2d", "[0, 4, 4]"),
                bad("maxPool2d kernelSize of 3 ints", () -> x(1, 1, 4, 4).maxPool2d(d(2, 2, 2), null, d(0), d(1),
                        false), "maxPool2d", "kernelSize", "[2, 2, 2]"),
                bad("maxPool2d kernelSize 0", () -> x(1, 1, 4, 4).maxPool2d(d(0), null, d(0), d(1), false),
                        "maxPool2d", "kernelSize", ">= 1", "[0]"),
                bad("maxPool2d stride 0", () -> x(1, 1, 4, 4).maxPool2d(d(2), d(2, 0), d(0), d(1), false),
                        "maxPool2d", "stride", "[2, 0]"),
                bad("maxPool2d stride of 3 ints", () -> x(1, 1, 4, 4).maxPool2d(d(2), d(1, 1, 1), d(0), d(1),
                        false), "maxPool2d", "stride", "[1, 1, 1]"),
                bad("maxPool2d padding -1", () -> x(1, 1, 4, 4).maxPool2d(d(2), null, d(-1), d(1), false),
                        "maxPool2d", "padding", ">= 0", "[-1]"),
                bad("maxPool2d padding null", () -> x(1, 1, 4, 4).maxPool2d(d(2), null, null, d(1), false),
                        "maxPool2d", "padding", "null"),
                bad("maxPool2d dilation 0", () -> x(1, 1, 4, 4).maxPool2d(d(2), null, d(0), d(0), false),
                        "maxPool2d", "dilation", "[0]"),
                bad("maxPool2d padding over half the kernel", () -> x(1, 1, 4, 4).maxPool2d(d(2), null, d(2), d(1),
                        false), "maxPool2d", "padding [2, 2]", "half of kernelSize [2, 2]"),
                bad("maxPool2d kernel larger than input", () -> x(1, 1, 1, 4).maxPool2d(d(2), null, d(0), d(1),
                        false), "maxPool2d", "[1, 1, 1, 4]", "too small", "0 x 2"),
                bad("maxPool2d dilated kernel larger than padded input", () -> x(1, 1, 5, 5).maxPool2d(d(3), d(1),
                        d(1), d(4), false), "maxPool2d", "[1, 1, 5, 5]", "dilation [4, 4]", "too small"),
                bad("maxPool2d INT64", () -> Tensor.of(1, 2, 3, 4).reshape(1, 2, 2).maxPool2d(d(2), null, d(0),
                        d(1), false), "maxPool2d", "INT64", "[1, 2, 2]"),
                bad("maxPool2d BOOL", () -> x(1, 2, 2).gt(0).maxPool2d(d(2), null, d(0), d(1), false), "maxPool2d",
                        "BOOL")));
        m.put("avgPool2d", List.of(
                bad("avgPool2d 2-D input", () -> x(4, 4).avgPool2d(d(2), null, d(0), false, true), "avgPool2d",
                        "[4, 4]"),
                bad("avgPool2d empty H", () -> x(2, 1, 0, 4).avgPool2d(d(2), null, d(0), false, true), "avgPool2d",
                        "[2, 1, 0, 4]"),
                bad("avgPool2d kernelSize empty", () -> x(1, 1, 4, 4).avgPool2d(d(), null, d(0), false, true),
                        "avgPool2d", "kernelSize", "[]"),
                bad("avgPool2d stride -1", () -> x(1, 1, 4, 4).avgPool2d(d(2), d(-1), d(0), false, true),
                        "avgPool2d", "stride", "[-1]"),
                bad("avgPool2d padding of 3 ints", () -> x(1, 1, 4, 4).avgPool2d(d(2), null, d(0, 0, 0), false,
                        true), "avgPool2d", "padding", "[0, 0, 0]"),
                bad("avgPool2d padding over half the kernel", () -> x(1, 1, 6, 6).avgPool2d(d(3, 4), null, d(2, 2),
                        false, true), "avgPool2d", "padding [2, 2]", "kernelSize [3, 4]"),
                bad("avgPool2d kernel larger than input", () -> x(3, 2, 2).avgPool2d(d(3), d(1), d(0), true, true),
                        "avgPool2d", "[3, 2, 2]", "too small"),
                bad("avgPool2d INT64", () -> Tensor.of(1, 2, 3, 4).reshape(1, 2, 2).avgPool2d(d(2), null, d(0),
                        false, true), "avgPool2d", "INT64")));
        m.put("adaptiveAvgPool2d", List.of(
                bad("adaptiveAvgPool2d 2-D input", () -> x(3, 4).adaptiveAvgPool2d(d(2)), "adaptiveAvgPool2d",
                        "[3, 4]"),
                bad("adaptiveAvgPool2d empty W", () -> x(1, 1, 3, 0).adaptiveAvgPool2d(d(2)), "adaptiveAvgPool2d",
                        "[1, 1, 3, 0]", "H and W"),
                bad("adaptiveAvgPool2d outputSize -1", () -> x(1, 1, 3, 4).adaptiveAvgPool2d(d(2, -1)),
                        "adaptiveAvgPool2d", "outputSize", "[2, -1]"),
                bad("adaptiveAvgPool2d outputSize of 3 ints", () -> x(1, 1, 3, 4).adaptiveAvgPool2d(d(1, 2, 3)),
                        "adaptiveAvgPool2d", "outputSize", "[1, 2, 3]"),
                bad("adaptiveAvgPool2d outputSize null", () -> x(1, 1, 3, 4).adaptiveAvgPool2d(null),
                        "adaptiveAvgPool2d", "outputSize", "null"),
                bad("adaptiveAvgPool2d huge output", () -> x(4, 4, 3, 4).adaptiveAvgPool2d(d(100000, 100000)),
                        "adaptiveAvgPool2d", "[4, 4, 100000, 100000]"),
                bad("adaptiveAvgPool2d BOOL", () -> x(1, 3, 4).gt(0).adaptiveAvgPool2d(d(2)), "adaptiveAvgPool2d",
                        "BOOL")));
    }
}
