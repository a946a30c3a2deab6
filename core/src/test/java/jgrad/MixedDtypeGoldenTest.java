package jgrad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mixed-dtype ops against PyTorch, from {@code golden/core_mixed_golden.txt}
 * ({@code make_core_golden_f32.py mixed}), whose MIXED and MIXED_DEFAULT_F32 tables {@link #OPS}
 * mirrors label for label: the result dtype (PyTorch's result_type: FLOAT32 with FLOAT64 is
 * FLOAT64, a 0-D operand counts only when its category is higher, integer division gives the
 * default dtype), the values, and each floating input's gradient in that input's dtype. Labels
 * starting with {@code default float32:} run with {@code Tensor.setDefaultDtype(FLOAT32)}, reset
 * in a finally block (the tests share one JVM).
 */
class MixedDtypeGoldenTest {
    static final String RESOURCE = "/golden/core_mixed_golden.txt";
    static final String DEFAULT_F32 = "default float32: ";

    /** One op: jgrad's add, mul, div and sum are exact then rounded once, so PyTorch's float ops agree to the last bit. */
    static final double RTOL = 1e-6;
    static final double ATOL = 1e-7;

    static final Tensor COND_23 = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, DType.FLOAT64, 2, 3).to(DType.BOOL);

    static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

    static {
        Function<Tensor[], Tensor> add = x -> x[0].add(x[1]);
        Function<Tensor[], Tensor> mul = x -> x[0].mul(x[1]);
        Function<Tensor[], Tensor> div = x -> x[0].div(x[1]);
        OPS.put("f32 add f64", add);
        OPS.put("f64 mul f32", mul);
        OPS.put("f32 sub f64 0-D", x -> x[0].sub(x[1]));
        OPS.put("f64 0-D div f32", div);
        OPS.put("f32 0-D add f64", add);
        OPS.put("f32 0-D mul f64 0-D", mul);
        OPS.put("int64 mul f32", mul);
        OPS.put("int64 0-D mul f32", mul);
        OPS.put("f32 0-D mul int64", mul);
        OPS.put("int64 div int64", div);
        OPS.put("int64 div scalar", x -> x[0].div(3.0));
        OPS.put("bool add f32", add);
        OPS.put("bool mul f32 0-D", mul);
        OPS.put("f32 maximum f64", x -> x[0].maximum(x[1]));
        OPS.put("f32 minimum f64 0-D", x -> x[0].minimum(x[1]));
        OPS.put("where f32 f64", x -> Tensor.where(COND_23, x[0], x[1]));
        OPS.put("where f32 f64 0-D", x -> Tensor.where(COND_23, x[0], x[1]));
        OPS.put("where int64 f32", x -> Tensor.where(COND_23, x[0], x[1]));
        OPS.put("cat f32 f64", x -> Tensor.cat(List.of(x[0], x[1]), 0));
        OPS.put("stack f64 f32", x -> Tensor.stack(List.of(x[0], x[1]), 0));
        OPS.put("clamp f32 by f64", x -> x[0].clamp(x[1], x[2]));
        OPS.put("f32 to f64", x -> x[0].to(DType.FLOAT64));
        OPS.put("f64 to f32", x -> x[0].to(DType.FLOAT32));
        OPS.put("f32 to f64 to f32", x -> x[0].to(DType.FLOAT64).to(DType.FLOAT32));
        OPS.put("f32 to f64 times f64", x -> x[0].to(DType.FLOAT64).mul(x[1]));
        OPS.put("f32 to int64", x -> x[0].to(DType.INT64));
        OPS.put("f32 to bool", x -> x[0].to(DType.BOOL));
        OPS.put("bool to f32", x -> x[0].to(DType.FLOAT32));
        OPS.put("int64 to f32 rounds", x -> x[0].to(DType.FLOAT32));
        OPS.put("f32 gt f64", x -> x[0].gt(x[1]));
        OPS.put("f32 eq f64", x -> x[0].eq(x[1]));
        OPS.put("f32 le f64 0-D", x -> x[0].le(x[1]));
        OPS.put("f32 ne int64", x -> x[0].ne(x[1]));
        OPS.put("f32 le scalar", x -> x[0].le(0.1));
        OPS.put("f32 eq scalar", x -> x[0].eq(0.1));
        OPS.put("int64 eq f32 0-D", x -> x[0].eq(x[1]));
        OPS.put("f32 add rounds to float", add);
        OPS.put("f32 mul and div round to float", x -> x[0].mul(x[1]).div(x[2]));
        OPS.put("f32 mul scalar rounds", x -> x[0].mul(0.1));
        OPS.put("f32 div scalar rounds", x -> x[0].div(0.3));
        OPS.put("f32 sub scalar rounds", x -> x[0].sub(1.0 / 3.0));
        OPS.put("f32 add scalar rounds", x -> x[0].add(0.7));
        OPS.put("f32 clampMin at the float32 bound", x -> x[0].clampMin(0.7));
        OPS.put("f32 clamp at the float32 bounds", x -> x[0].clamp(0.1, 0.7));
        OPS.put("f32 sum", x -> x[0].sum());
        OPS.put("f32 mean dim", x -> x[0].mean(1, false));
        OPS.put("f32 softmax", x -> x[0].softmax(1));
        OPS.put("f32 matmul f32", x -> x[0].matmul(x[1]));
        OPS.put(DEFAULT_F32 + "int64 div scalar", x -> x[0].div(3.0));
        OPS.put(DEFAULT_F32 + "int64 div int64", div);
        OPS.put(DEFAULT_F32 + "bool div bool", div);
        OPS.put(DEFAULT_F32 + "int64 exp", x -> x[0].exp());
        OPS.put(DEFAULT_F32 + "f64 add int64", add);
        OPS.put(DEFAULT_F32 + "f32 add f64 0-D", add);
    }

    static Stream<GoldenOpsTest.Case> golden() {
        return GoldenOpsTest.read(RESOURCE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesPyTorch(GoldenOpsTest.Case c) {
        Function<Tensor[], Tensor> f = GoldenOpsTest.mirrored(OPS, c, "MixedDtypeGoldenTest.OPS");
        DType before = Tensor.getDefaultDtype();
        try {
            if (c.name().startsWith(DEFAULT_F32)) {
                Tensor.setDefaultDtype(DType.FLOAT32);
            }
            GoldenOpsTest.check(c, f, RTOL, ATOL);
            if (c.name().contains("round")) { // the output to the last bit
                Tensor[] in = c.inputs().stream().map(GoldenOpsTest.Values::tensor).toArray(Tensor[]::new);
                GoldenOpsTest.assertClose(c.name() + " output, exactly", c.output(), f.apply(in), 0, 0);
            }
        } finally {
            Tensor.setDefaultDtype(before);
        }
    }

    @Test
    void everyOpHasAGoldenCase() {
        GoldenOpsTest.assertMirrors(RESOURCE, OPS, "OPS and make_core_golden_f32.py's MIXED tables");
    }
}
