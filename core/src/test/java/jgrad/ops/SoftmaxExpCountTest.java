package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Counts the exp call sites of the softmax family in its bytecode (not timing): every
 * per-element exp is in {@link SoftmaxOps#expSum}, the shared loop calls it once per row, and
 * the plain backward loops pay no per-element exp because forward kept the exps.
 */
class SoftmaxExpCountTest {
    private static final String EXP = "java/lang/Math.exp";
    private static final String EXP_SUM = "jgrad/ops/SoftmaxOps.expSum";
    private static final String TENSOR_EXP = "jgrad/Tensor.exp";

    private static final Map<String, List<String>> CALLS = CallSites.of(SoftmaxOps.class);

    private static List<String> method(String name) {
        return CallSites.method(CALLS, name);
    }

    @Test
    void mathExpIsCalledOnlyInExpSumAndPerRowInTheLogSumExpBackward() {
        Map<String, Long> sites = new TreeMap<>();
        CALLS.forEach((m, callees) -> {
            long n = CallSites.count(callees, EXP);
            if (n > 0) {
                sites.put(m.substring(0, m.indexOf('(')), n);
            }
        });
        // expSum: one loop that only sums and one that also stores the exps; a row runs one of them.
        // logSumExpBackward: exp(shift - out) once per row (PyTorch's exp(x - out) factored), and
        // exp(x - out) per element only in rows whose out is +-inf or NaN.
        assertEquals(Map.of("expSum", 2L, "logSumExpBackward", 2L), sites);
    }

    @Test
    void theSharedKernelCallsExpSumOnceAndExpNowhereElse() {
        List<String> kernel = CALLS.entrySet().stream().filter(e -> e.getKey().startsWith("kernel(")
                && e.getKey().contains("double[], double[], double[])")).findFirst().orElseThrow().getValue();
        assertEquals(1, CallSites.count(kernel, EXP_SUM), kernel.toString());
        assertEquals(0, CallSites.count(kernel, EXP), kernel.toString());
    }

    @Test
    void plainBackwardLoopsNeitherCallExpNorRecomputeTheSoftmax() {
        for (String m : List.of("logSoftmaxBackward", "logSumExpBackward")) {
            List<String> callees = method(m);
            assertEquals(0, CallSites.count(callees, EXP_SUM), m + " " + callees);
            assertEquals(0, CallSites.count(callees, TENSOR_EXP), m + " " + callees);
            assertEquals(0, callees.stream().filter(c -> c.startsWith("jgrad/ops/SoftmaxOps.kernel")).count(),
                    m + " " + callees);
        }
        assertEquals(0, CallSites.count(method("logSoftmaxBackward"), EXP));
    }
}
