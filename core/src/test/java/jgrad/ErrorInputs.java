package jgrad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import jgrad.ops.LinAlg;

/**
 * The bad inputs of each registered op and the message fragments they must produce, PyTorch
 * OpInfo's {@code error_inputs}: {@link OpRegistry#all()} attaches them to the first entry of
 * their method, and {@code OpRegistryTest} walks them.
 */
final class ErrorInputs {
    private ErrorInputs() {}

    /** One bad call: what it is, the call, the exception type, and fragments its message must contain. */
    record ErrorInput(String label, Supplier<?> call, Class<? extends RuntimeException> type, List<String> fragments) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;

    private static ErrorInput bad(String label, Supplier<?> call, String... fragments) {
        return new ErrorInput(label, call, IAE, List.of(fragments));
    }

    private static Tensor ones(int... shape) {
        return Tensor.ones(shape);
    }

    private static Tensor index(int... values) {
        return Tensor.of(values);
    }

    private static Tensor conv(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation,
            int groups) {
        return x.conv2d(w, b, stride, padding, dilation, groups);
    }

    private static Tensor conv(Tensor x, Tensor w, Tensor b) {
        return conv(x, w, b, new int[] {1}, new int[] {0}, new int[] {1}, 1);
    }

    private static List<ErrorInput> conv2dErrors() {
        int[] one = {1};
        int[] zero = {0};
        Tensor x = ones(2, 3, 5, 5);
        Tensor w = ones(4, 3, 3, 3);
        return List.of(bad("conv2d 2-D input", () -> conv(ones(5, 5), w, null), "conv2d", "[5, 5]", "3-D", "4-D"),
                bad("conv2d 5-D input", () -> conv(ones(1, 2, 3, 5, 5), w, null), "conv2d", "[1, 2, 3, 5, 5]"),
                bad("conv2d 3-D weight", () -> conv(x, ones(4, 3, 3), null), "conv2d", "4-D weight", "[4, 3, 3]",
                        "[2, 3, 5, 5]"),
                bad("conv2d channels", () -> conv(ones(2, 2, 5, 5), w, null), "conv2d", "[2, 2, 5, 5]",
                        "[4, 3, 3, 3]", "3 channels", "got 2"),
                bad("conv2d channels with groups", () -> conv(x, ones(4, 1, 3, 3), null, one, zero, one, 2), "conv2d",
                        "groups=2", "2 channels", "got 3"),
                bad("conv2d out channels not divisible by groups", () -> conv(ones(2, 4, 5, 5), ones(3, 2, 3, 3), null,
                        one, zero, one, 2), "conv2d", "divisible by 2", "[3, 2, 3, 3]"),
                bad("conv2d bias shape", () -> conv(x, w, ones(3)), "conv2d", "bias", "[3]", "4 elements",
                        "[4, 3, 3, 3]"),
                bad("conv2d 2-D bias", () -> conv(x, w, ones(1, 4)), "conv2d", "bias", "[1, 4]"),
                bad("conv2d kernel larger than input", () -> conv(ones(1, 3, 2, 5), w, null), "conv2d", "(2 x 5)",
                        "(3 x 3)", "[1, 3, 2, 5]"),
                bad("conv2d dilated kernel larger than padded input", () -> conv(x, w, null, one, new int[] {1},
                        new int[] {4}, 1), "conv2d", "(7 x 7)", "(9 x 9)"),
                bad("conv2d stride 0", () -> conv(x, w, null, new int[] {1, 0}, zero, one, 1), "conv2d", "stride",
                        "[1, 0]"),
                bad("conv2d dilation 0", () -> conv(x, w, null, one, zero, new int[] {0}, 1), "conv2d", "dilation",
                        "[0]"),
                bad("conv2d negative padding", () -> conv(x, w, null, one, new int[] {-1, 0}, one, 1), "conv2d",
                        "padding", "[-1, 0]"),
                bad("conv2d groups 0", () -> conv(x, w, null, one, zero, one, 0), "conv2d", "groups=0"),
                bad("conv2d stride of 3 values", () -> conv(x, w, null, new int[] {1, 1, 1}, zero, one, 1), "conv2d",
                        "stride", "[1, 1, 1]"),
                bad("conv2d INT64 input", () -> conv(Tensor.zeros(DType.INT64, 2, 3, 5, 5), w, null), "conv2d",
                        "INT64", "[2, 3, 5, 5]"),
                bad("conv2d BOOL weight", () -> conv(x, w.gt(0), null), "conv2d", "BOOL", "[4, 3, 3, 3]"),
                bad("conv2d FLOAT32 input, FLOAT64 weight", () -> conv(Tensor.ones(DType.FLOAT32, 2, 3, 5, 5), w,
                        null), "conv2d", "FLOAT32", "FLOAT64", "same dtype"),
                bad("conv2d FLOAT64 bias for FLOAT32", () -> conv(Tensor.ones(DType.FLOAT32, 2, 3, 5, 5),
                        Tensor.ones(DType.FLOAT32, 4, 3, 3, 3), ones(4)), "conv2d", "bias FLOAT64", "FLOAT32"));
    }

    /** Method (as {@link OpRegistry.OpInfo#method()} names it) to its bad inputs. */
    static Map<String, List<ErrorInput>> byMethod() {
        Map<String, List<ErrorInput>> m = new LinkedHashMap<>();
        // binary ops: shapes that do not broadcast, named with both shapes
        m.put("add(Tensor)", List.of(bad("add [2, 3] + [4]", () -> ones(2, 3).add(ones(4)), "add", "[2, 3]", "[4]")));
        m.put("sub(Tensor)", List.of(bad("sub [2, 3] - [3, 2]", () -> ones(2, 3).sub(ones(3, 2)), "sub", "[2, 3]", "[3, 2]"),
                bad("sub of BOOL", () -> ones(2).gt(0.0).sub(ones(2)), "sub", "BOOL")));
        m.put("mul(Tensor)", List.of(bad("mul [3] * [4]", () -> ones(3).mul(ones(4)), "mul", "[3]", "[4]")));
        m.put("div(Tensor)", List.of(bad("div [5, 2, 3] / [3, 1]", () -> ones(5, 2, 3).div(ones(3, 1)), "div",
                "[5, 2, 3]", "[3, 1]")));
        m.put("minimum", List.of(bad("minimum [2] [3]", () -> ones(2).minimum(ones(3)), "minimum", "[2]", "[3]")));
        m.put("maximum", List.of(bad("maximum [2, 1] [3, 2]", () -> ones(2, 1).maximum(ones(3, 2)), "maximum",
                "[2, 1]", "[3, 2]")));
        m.put("where", List.of(bad("where FLOAT64 condition", () -> Tensor.where(ones(2), ones(2), ones(2)), "where",
                "BOOL"), bad("where shapes", () -> Tensor.where(ones(2, 3).gt(0.0), ones(4), ones(3)), "where", "[4]")));
        m.put("neg", List.of(bad("neg of BOOL", () -> ones(2).gt(0.0).neg(), "neg", "BOOL")));
        m.put("clamp(Tensor,Tensor)", List.of(bad("clamp shapes", () -> ones(2, 3).clamp(ones(4), null), "clamp",
                "[4]")));
        // shape ops
        m.put("reshape", List.of(bad("reshape 6 to [4]", () -> ones(2, 3).reshape(4), "reshape", "[4]"),
                bad("reshape two -1", () -> ones(2, 3).reshape(-1, -1), "reshape", "-1")));
        m.put("view", List.of(bad("view 6 as [5]", () -> ones(2, 3).view(5), "view", "[5]")));
        m.put("expand", List.of(bad("expand [3] to [2, 4]", () -> ones(3).expand(2, 4), "expand", "[3]")));
        m.put("sumTo", List.of(bad("sumTo [2, 3] to [4]", () -> ones(2, 3).sumTo(4), "sumTo", "[2, 3]", "[4]")));
        m.put("t", List.of(bad("t of 3-D", () -> ones(2, 3, 4).t(), "t", "[2, 3, 4]")));
        m.put("transpose", List.of(bad("transpose dim 2 of 2-D", () -> ones(2, 3).transpose(0, 2), "transpose", "2")));
        m.put("permute", List.of(bad("permute repeated dim", () -> ones(2, 3).permute(0, 0), "permute")));
        m.put("squeeze(int)", List.of(bad("squeeze dim 3 of 2-D", () -> ones(2, 3).squeeze(3), "squeeze", "3")));
        m.put("unsqueeze", List.of(bad("unsqueeze dim 4 of 2-D", () -> ones(2, 3).unsqueeze(4), "unsqueeze", "4")));
        m.put("narrow", List.of(bad("narrow past the end", () -> ones(3, 5).narrow(1, 3, 4), "narrow")));
        m.put("select", List.of(bad("select index 4 of 4", () -> ones(3, 4).select(1, 4), "select", "4")));
        m.put("cat", List.of(bad("cat sizes differ", () -> Tensor.cat(List.of(ones(2, 3), ones(2, 4)), 0), "cat",
                "[2, 3]", "[2, 4]")));
        m.put("stack", List.of(bad("stack shapes differ", () -> Tensor.stack(List.of(ones(2, 3), ones(3, 2)), 0),
                "stack", "[2, 3]", "[3, 2]")));
        // reductions and the softmax family: dims out of range
        m.put("sum(int,boolean)", List.of(bad("sum dim 2 of 2-D", () -> ones(2, 3).sum(2, false), "sum", "2")));
        m.put("mean(int,boolean)", List.of(bad("mean dim -3 of 2-D", () -> ones(2, 3).mean(-3, false), "mean", "-3")));
        m.put("max", List.of(bad("max dim 2 of 2-D", () -> ones(2, 3).max(2, false), "max", "2")));
        m.put("logSumExp", List.of(bad("logSumExp dim 2 of 2-D", () -> ones(2, 3).logSumExp(2, false), "logSumExp",
                "2")));
        m.put("softmax", List.of(bad("softmax dim 2 of 2-D", () -> ones(2, 3).softmax(2), "softmax", "2")));
        m.put("logSoftmax", List.of(bad("logSoftmax dim -3 of 2-D", () -> ones(2, 3).logSoftmax(-3), "logSoftmax",
                "-3")));
        // indexing
        m.put("gather", List.of(bad("gather FLOAT64 index", () -> ones(2, 3).gather(1, ones(2, 2)), "gather", "INT64"),
                bad("gather index 5 of 3", () -> ones(2, 3).gather(1, index(5).reshape(1, 1)), "gather", "5")));
        m.put("scatterAdd", List.of(bad("scatterAdd src shape", () -> ones(2, 3).scatterAdd(1, index(0, 1, 2, 0)
                .reshape(2, 2), ones(2, 3)), "scatterAdd", "[2, 2]", "[2, 3]")));
        m.put("indexSelect(Tensor)", List.of(bad("indexSelect index 3 of 3", () -> ones(3, 2).indexSelect(index(3)),
                "indexSelect", "3")));
        m.put("indexSelect(int,Tensor)", List.of(bad("indexSelect dim 2 of 2-D", () -> ones(3, 2).indexSelect(2,
                index(0)), "indexSelect", "2")));
        // products
        m.put("matmul", List.of(bad("matmul [2, 3] @ [4, 2]", () -> ones(2, 3).matmul(ones(4, 2)), "matmul", "[2, 3]",
                "[4, 2]"), bad("matmul [3] @ [4]", () -> ones(3).matmul(ones(4)), "matmul", "[3]", "[4]"),
                bad("matmul FLOAT32 @ FLOAT64", () -> Tensor.ones(DType.FLOAT32, 2, 3).matmul(ones(3, 2)), "matmul",
                        "FLOAT32", "FLOAT64", "[2, 3]"),
                bad("matmul batched inner sizes", () -> ones(2, 3, 4).matmul(ones(2, 3, 4)), "matmul", "[2, 3, 4]",
                        "4 != 3"),
                bad("matmul batch dims 2 vs 3", () -> ones(2, 3, 4).matmul(ones(3, 4, 5)), "matmul", "[2, 3, 4]",
                        "[3, 4, 5]", "cannot be broadcast"),
                bad("matmul 0-D", () -> Tensor.scalar(2).matmul(ones(2, 3, 4)), "matmul", "[]", "[2, 3, 4]"),
                bad("matmul batched BOOL", () -> ones(2, 3, 4).matmul(ones(4).gt(0)), "matmul", "BOOL")));
        m.put("bmm", List.of(bad("bmm 2-D", () -> ones(3, 4).bmm(ones(2, 4, 2)), "bmm", "3-D", "[3, 4]", "[2, 4, 2]"),
                bad("bmm batch sizes", () -> ones(2, 3, 4).bmm(ones(3, 4, 2)), "bmm", "batch", "[2, 3, 4]",
                        "[3, 4, 2]"),
                bad("bmm inner sizes", () -> ones(2, 3, 4).bmm(ones(2, 3, 2)), "bmm", "[2, 3, 4]", "[2, 3, 2]",
                        "4 != 3"),
                bad("bmm FLOAT32 @ FLOAT64", () -> Tensor.ones(DType.FLOAT32, 2, 3, 4).bmm(ones(2, 4, 2)), "bmm",
                        "FLOAT32", "FLOAT64"),
                bad("bmm BOOL", () -> ones(2, 3, 4).gt(0).bmm(ones(2, 4, 2)), "bmm", "BOOL")));
        m.put("conv2d", conv2dErrors());
        m.put("addmm", List.of(bad("addmm bias [3] for [2, 4]", () -> LinAlg.addmm(ones(3), ones(2, 2), ones(2, 4),
                false, false), "addmm", "[3]", "[4]"), bad("addmm inner sizes", () -> LinAlg.addmm(ones(4), ones(2, 3),
                ones(2, 4), false, false), "addmm", "[2, 3]", "[2, 4]"), bad("addmm FLOAT32 bias, FLOAT64 matrices",
                () -> LinAlg.addmm(Tensor.ones(DType.FLOAT32, 4), ones(2, 3), ones(3, 4), false, false), "addmm",
                "FLOAT32", "FLOAT64")));
        // issue 16
        m.put("maskedFill", List.of(bad("maskedFill FLOAT64 mask", () -> ones(2, 3).maskedFill(ones(2, 3), 0.0),
                "maskedFill", "BOOL", "[2, 3]"), bad("maskedFill mask [4] for [2, 3]", () -> ones(2, 3).maskedFill(
                ones(4).gt(0.0), 0.0), "maskedFill", "[4]", "[2, 3]"), bad("maskedFill INT64 with 1e30",
                () -> index(1, 2).maskedFill(index(1, 0).to(DType.BOOL), 1e30), "maskedFill", "1.0E30", "INT64")));
        m.put("tril", List.of(bad("tril of 1-D", () -> ones(3).tril(0), "tril", "2 dims", "[3]")));
        m.put("triu", List.of(bad("triu of 0-D", () -> ones().triu(0), "triu", "2 dims", "[]")));
        m.put("var(int,boolean)", List.of(bad("var of INT64", () -> index(1, 2).var(0, false), "var", "INT64", "[2]"),
                bad("var dim 2 of 2-D", () -> ones(2, 3).var(2, false), "var", "2", "[2, 3]")));
        m.put("var()", List.of(bad("var all of BOOL", () -> ones(2).gt(0.0).var(), "var", "BOOL")));
        m.put("std(int,int,boolean)", List.of(bad("std dim -3 of 2-D", () -> ones(2, 3).std(-3, 1, false), "std",
                "-3")));
        PoolingErrors.add(m);
        return m;
    }
}
