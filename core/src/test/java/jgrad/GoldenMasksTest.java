package jgrad;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ops returning BOOL masks (comparisons, logical ops, isclose, allclose) and BOOL arithmetic
 * against PyTorch, from {@code golden/core_masks_golden.txt} ({@code make_core_golden.py masks}),
 * whose MASKS table this class's {@link #OPS} mirrors label for label.
 */
class GoldenMasksTest {
    static final String RESOURCE = "/golden/core_masks_golden.txt";
    /** The same cases on the inputs rounded to float32, computed by PyTorch in float32 ({@code make_core_golden_f32.py masks}). */
    static final String RESOURCE_F32 = "/golden/core_masks_golden_f32.txt";

    private static Tensor bool(boolean b) {
        return Tensor.scalar(b ? 1 : 0).to(DType.BOOL);
    }

    static final Map<String, Function<Tensor[], Tensor>> OPS = new LinkedHashMap<>();

    static {
        OPS.put("gt", x -> x[0].gt(x[1]));
        OPS.put("lt", x -> x[0].lt(x[1]));
        OPS.put("ge", x -> x[0].ge(x[1]));
        OPS.put("le", x -> x[0].le(x[1]));
        OPS.put("eq", x -> x[0].eq(x[1]));
        OPS.put("ne", x -> x[0].ne(x[1]));
        OPS.put("gt scalar", x -> x[0].gt(1.0));
        OPS.put("lt scalar", x -> x[0].lt(1.0));
        OPS.put("ge scalar", x -> x[0].ge(1.0));
        OPS.put("le scalar", x -> x[0].le(1.0));
        OPS.put("eq scalar", x -> x[0].eq(1.0));
        OPS.put("ne scalar", x -> x[0].ne(1.0));
        OPS.put("eq int64 and float64", x -> x[0].eq(x[1]));
        OPS.put("lt bool and float64", x -> x[0].lt(x[1]));
        OPS.put("logicalNot", x -> x[0].logicalNot());
        OPS.put("logicalAnd", x -> x[0].logicalAnd(x[1]));
        OPS.put("logicalOr", x -> x[0].logicalOr(x[1]));
        OPS.put("isclose defaults", x -> x[0].isclose(x[1]));
        OPS.put("isclose rtol atol", x -> x[0].isclose(x[1], 0.1, 0.01));
        OPS.put("isclose zero tolerances", x -> x[0].isclose(x[1], 0, 0));
        OPS.put("allclose true", x -> bool(x[0].allclose(x[1])));
        OPS.put("allclose false", x -> bool(x[0].allclose(x[1])));
        OPS.put("allclose NaN", x -> bool(x[0].allclose(x[1])));
        OPS.put("allclose broadcast", x -> bool(x[0].allclose(x[1], 0.1, 0)));
        OPS.put("to bool", x -> x[0].to(DType.BOOL));
        OPS.put("bool to int64", x -> x[0].to(DType.INT64));
        OPS.put("bool to float64", x -> x[0].to(DType.FLOAT64));
        OPS.put("bool add", x -> x[0].add(x[1]));
        OPS.put("bool mul", x -> x[0].mul(x[1]));
        OPS.put("bool div", x -> x[0].div(x[1]));
        OPS.put("bool add int64", x -> x[0].add(x[1]));
        OPS.put("bool mul float64", x -> x[0].mul(x[1]));
        OPS.put("bool sum", x -> x[0].sum());
        OPS.put("bool sum dim", x -> x[0].sum(1, false));
        OPS.put("bool maximum", x -> x[0].maximum(x[1]));
        OPS.put("where bool condition input", x -> Tensor.where(x[0], x[1], x[2]));
        OPS.put("where int64 and float64", x -> Tensor.where(x[0], x[1], x[2]));
        OPS.put("where of masks", x -> x[1].where(x[0], x[2]));
    }

    static Stream<GoldenOpsTest.Case> golden() {
        return GoldenOpsTest.read(RESOURCE).stream();
    }

    static Stream<GoldenOpsTest.Case> goldenFloat32() {
        return GoldenOpsTest.read(RESOURCE_F32).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void matchesPyTorch(GoldenOpsTest.Case c) {
        Function<Tensor[], Tensor> f = GoldenOpsTest.mirrored(OPS, c, "GoldenMasksTest.OPS");
        Tensor[] in = c.inputs().stream().map(GoldenOpsTest.Values::tensor).toArray(Tensor[]::new);
        Tensor out = f.apply(in);
        GoldenOpsTest.assertClose(c.name() + " output", c.output(), out);
        assertFalse(out.requiresGrad(), c.name() + ": a mask never requires grad");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFloat32")
    void float32MatchesPyTorch(GoldenOpsTest.Case c) {
        matchesPyTorch(c);
    }

    @Test
    void everyOpHasAGoldenCase() {
        GoldenOpsTest.assertMirrors(RESOURCE, OPS, "OPS and make_core_golden.py's MASKS");
        GoldenOpsTest.assertMirrors(RESOURCE_F32, OPS, "OPS and core_masks_golden_f32.txt");
    }
}
