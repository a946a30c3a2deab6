package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jgrad.ops.CallSites;
import org.junit.jupiter.api.Test;

/**
 * Counts exp call sites in the fused cross-entropy's bytecode (not timing): the forward of each
 * target kind calls SoftmaxOps.expSum (one Math.exp per element) once per row, and nothing else
 * in the class calls exp, so the plain backward loops pay none.
 */
class CrossEntropyExpCountTest {
    private static final String EXP = "java/lang/Math.exp";
    private static final String EXP_SUM = "jgrad/ops/SoftmaxOps.expSum";
    /** What would pay exp again: Math.exp itself, SoftmaxOps' loops, Tensor ops that exponentiate. */
    private static final List<String> EXP_PAYING = List.of(EXP, EXP_SUM, "jgrad/ops/SoftmaxOps.kernel",
            "jgrad/Tensor.exp", "jgrad/Tensor.softmax", "jgrad/Tensor.logSoftmax", "jgrad/Tensor.logSumExp");

    private static final Map<String, List<String>> CALLS = CallSites.of(CrossEntropyKernels.class);

    @Test
    void onlyTheTwoForwardsReachExpAndEachOnce() {
        Map<String, Long> sites = new TreeMap<>();
        CALLS.forEach((m, callees) -> {
            long n = CallSites.count(callees, EXP) + CallSites.count(callees, EXP_SUM);
            if (n > 0) {
                sites.put(m.substring(0, m.indexOf('(')), n);
            }
        });
        assertEquals(Map.of("indices", 1L, "probabilities", 1L), sites);
        assertEquals(1, CallSites.count(method("indices"), EXP_SUM));
        assertEquals(1, CallSites.count(method("probabilities"), EXP_SUM));
    }

    @Test
    void plainBackwardLoopsCallNothingThatPaysExp() {
        for (String m : List.of("indexBackward", "probabilityBackward", "targetWeights")) {
            List<String> callees = method(m);
            for (String e : EXP_PAYING) {
                assertEquals(0, callees.stream().filter(c -> c.startsWith(e)).count(), m + " calls " + e + ": "
                        + callees);
            }
        }
    }

    private static List<String> method(String name) {
        return CallSites.method(CALLS, name);
    }
}
