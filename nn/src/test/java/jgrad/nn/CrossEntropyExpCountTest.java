package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jgrad.ops.CallSites;
import org.junit.jupiter.api.Test;

/**
 * Counts exp call sites in the fused cross-entropy's loops (bytecode, not timing): the kernel
 * class reaches exp only through SoftmaxOps.expSum, at exactly one site (the per-row statistics
 * both forwards share), so its backward loops pay none; the values of the plain backward are
 * checked against the Tensor-op one in {@link CrossEntropyPlainBackwardTest}.
 */
class CrossEntropyExpCountTest {
    private static final String EXP_SUM = "jgrad/ops/SoftmaxOps.expSum";
    /** What would pay exp: Math.exp itself, SoftmaxOps' loops, Tensor ops that exponentiate. */
    private static final List<String> EXP_PAYING = List.of("java/lang/Math.exp", EXP_SUM,
            "jgrad/ops/SoftmaxOps.kernel", "jgrad/Tensor.exp", "jgrad/Tensor.softmax", "jgrad/Tensor.logSoftmax",
            "jgrad/Tensor.logSumExp");

    @Test
    void theKernelReachesExpOnlyThroughOneExpSumSite() {
        Map<String, List<String>> calls = CallSites.of(CrossEntropyKernel.class);
        long expSum = 0;
        long other = 0;
        for (List<String> callees : calls.values()) {
            for (String e : EXP_PAYING) {
                long n = callees.stream().filter(c -> c.startsWith(e)).count();
                if (e.equals(EXP_SUM)) {
                    expSum += n;
                } else {
                    other += n;
                }
            }
        }
        assertEquals(1, expSum, "expSum call sites in CrossEntropyKernel: " + calls);
        assertEquals(0, other, "other exp-paying call sites in CrossEntropyKernel: " + calls);
    }
}
