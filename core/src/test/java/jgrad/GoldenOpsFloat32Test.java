package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code golden/core_golden.txt} in FLOAT32 against PyTorch's torch.float32, read
 * from {@code golden/core_golden_f32.txt} ({@code make_core_golden_f32.py}): the inputs are the
 * float64 samples rounded to float32; the output and every gradient must be FLOAT32 and agree
 * within float32 tolerances.
 */
class GoldenOpsFloat32Test {
    static final String RESOURCE = "/golden/core_golden_f32.txt";

    /**
     * Float32 tolerances: jgrad computes each op in double and rounds once, PyTorch computes in
     * float, so one op differs by about one float ulp (6e-8 relative) and a chain of ops (the
     * backward rules) by a few; long sums and products (reductions, softmax, matmul) round once
     * per term in PyTorch.
     */
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-5;

    /**
     * {@link #RTOL}, or more for inputs of large magnitude M: a float32 result that depends on
     * differences of such inputs (log-sum-exp of +-1000 and its gradient {@code exp(x - lse)}) is
     * known only to about ulp(M) absolutely, 6e-5 at 1000, whichever side rounds.
     */
    static double rtol(GoldenOpsTest.Case c) {
        double m = c.inputs().stream().flatMapToDouble(v -> java.util.Arrays.stream(v.values()))
                .filter(Double::isFinite).map(Math::abs).max().orElse(0);
        return Math.max(RTOL, 2 * Math.ulp((float) m));
    }

    private static List<GoldenOpsTest.Case> cached;

    static synchronized List<GoldenOpsTest.Case> cases() {
        if (cached == null) {
            cached = List.copyOf(GoldenOpsTest.read(RESOURCE));
        }
        return cached;
    }

    private static final Map<String, OpRegistry.OpInfo> REGISTRY = GoldenOpsTest.registry();

    static Stream<GoldenOpsTest.Case> golden() {
        return cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void float32MatchesPyTorch(GoldenOpsTest.Case c) {
        OpRegistry.OpInfo op = REGISTRY.get(c.op());
        assertNotNull(op, "golden case " + c.name() + " names unknown registry op " + c.op());
        GoldenOpsTest.check(c, op.f(), rtol(c), ATOL);
    }

    @Test
    void everyRegistryLabelHasAFloat32Case() {
        Set<String> missing = new TreeSet<>(REGISTRY.keySet());
        missing.removeAll(cases().stream().filter(c -> c.name().equals(c.op())).map(GoldenOpsTest.Case::op)
                .collect(Collectors.toSet()));
        assertEquals(Set.of(), missing, "OpRegistry labels without a float32 golden case; rerun "
                + "make_core_golden_f32.py after make_core_golden.py");
    }

    /** Same cases, same order, and inputs that are core_golden.txt's rounded to float32. */
    @Test
    void inputsAreTheFloat64CasesRounded() {
        List<GoldenOpsTest.Case> f64 = GoldenOpsTest.cases();
        List<GoldenOpsTest.Case> f32 = cases();
        assertEquals(f64.stream().map(GoldenOpsTest.Case::name).toList(),
                f32.stream().map(GoldenOpsTest.Case::name).toList(), "core_golden_f32.txt must hold the cases of "
                + "core_golden.txt, in order; append the new ones from make_core_golden_f32.py's output");
        Function<GoldenOpsTest.Values, GoldenOpsTest.Values> rounded = v -> v.dtype() != DType.FLOAT64 ? v
                : new GoldenOpsTest.Values("float32", v.shape(), java.util.Arrays.stream(v.values())
                        .map(x -> (float) x).toArray());
        for (int k = 0; k < f64.size(); k++) {
            GoldenOpsTest.Case a = f64.get(k);
            GoldenOpsTest.Case b = f32.get(k);
            assertEquals(a.op(), b.op(), a.name());
            assertEquals(a.inputs().size(), b.inputs().size(), a.name());
            for (int i = 0; i < a.inputs().size(); i++) {
                GoldenOpsTest.Values want = rounded.apply(a.inputs().get(i));
                GoldenOpsTest.Values got = b.inputs().get(i);
                assertEquals(want.dtypeName(), got.dtypeName(), a.name() + " input " + i);
                assertArrayEquals(want.shape(), got.shape(), a.name() + " input " + i);
                assertArrayEquals(want.values(), got.values(), 0.0, a.name() + " input " + i);
            }
            assertArrayEquals(rounded.apply(a.gradOut()).values(), b.gradOut().values(), 0.0, a.name() + " gradout");
            assertTrue(b.output().dtype() != DType.FLOAT64, a.name() + ": a float32 case has no FLOAT64 output");
        }
    }
}
