package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jgrad.autograd.Autograd;
import jgrad.autograd.Node;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@link OpRegistry} in FLOAT32: every op and sample runs on the FLOAT32 copies of its
 * inputs and must give a FLOAT32 output (or the INT64/BOOL the FLOAT64 run gives), record the
 * same node, and match the FLOAT64 run on the same (float-rounded) inputs within float
 * tolerances, forward and backward, with FLOAT32 gradients. Nothing is skipped: an op added to
 * the registry is walked here too.
 */
class OpRegistryFloat32Test {
    static Stream<OpRegistry.OpInfo> ops() {
        return OpRegistry.all().stream();
    }

    /** The same values widened back to FLOAT64 leaves: the reference run computes on exactly these. */
    static Tensor[] widened(Tensor[] in32) {
        Tensor[] out = new Tensor[in32.length];
        for (int i = 0; i < in32.length; i++) {
            out[i] = in32[i].detach().to(DType.FLOAT64).requiresGrad(in32[i].requiresGrad());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void float32RunMatchesTheFloat64Run(OpRegistry.OpInfo op) {
        Tensor[] in32 = op.inputs(DType.FLOAT32);
        Tensor[] in64 = widened(in32);
        Tensor out32 = op.f().apply(in32);
        Tensor out64 = op.f().apply(in64);
        DType want = out64.dtype() == DType.FLOAT64 ? DType.FLOAT32 : out64.dtype();
        assertEquals(want, out32.dtype(), op.label() + ": output dtype");
        assertNotNull(out32.gradFn(), op.label() + ": the FLOAT32 output should have a grad_fn");
        assertEquals(op.backwardName(), out32.gradFn().name(), op.label() + ": the node the FLOAT32 output records");
        assertClose(op.label() + " output", out64, out32);

        Tensor gradOut = Tensor.randn(new SplittableRandom(op.label().hashCode() + 1), out32.shape())
                .to(DType.FLOAT32);
        out32.backward(gradOut);
        out64.backward(gradOut.to(DType.FLOAT64));
        for (int i = 0; i < in32.length; i++) {
            Tensor g32 = in32[i].grad();
            Tensor g64 = in64[i].grad();
            if (g64 == null) {
                assertTrue(g32 == null, op.label() + " grad " + i + ": FLOAT64 has none, FLOAT32 has one");
                continue;
            }
            assertNotNull(g32, op.label() + " grad " + i + " missing");
            assertEquals(DType.FLOAT32, g32.dtype(), op.label() + " grad " + i + ": dtype");
            assertClose(op.label() + " grad " + i, g64, g32);
        }
    }

    /**
     * The backward rules stay in FLOAT32: differentiating with {@code createGraph} and a gradient
     * that requires grad records every op of every rule, and no tensor on the way may be of
     * another floating dtype (a FLOAT64 constant or mask with dims would promote the gradient to
     * FLOAT64 and the engine would cast it back, paying twice and losing nothing visible).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void backwardRulesComputeInFloat32(OpRegistry.OpInfo op) {
        Tensor[] in = op.inputs(DType.FLOAT32);
        Tensor out = op.f().apply(in);
        Tensor gradOut = Tensor.randn(new SplittableRandom(op.label().hashCode() + 1), out.shape())
                .to(DType.FLOAT32).requiresGrad(true);
        List<Tensor> wrt = java.util.Arrays.stream(in).filter(Tensor::requiresGrad).toList();
        List<Tensor> grads = Autograd.grad(out, wrt, gradOut, true, true, true);
        Set<Node> seen = new HashSet<>();
        java.util.ArrayDeque<Tensor> todo = new java.util.ArrayDeque<>();
        grads.stream().filter(g -> g != null).forEach(todo::add);
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.requiresGrad() && t.dtype() != DType.FLOAT32) {
                fail(op.label() + ": the backward graph holds a " + t.dtype() + " tensor of shape "
                        + Shape.str(t.shape()) + (t.gradFn() == null ? "" : " made by " + t.gradFn().name())
                        + "\n" + String.join("\n", Autograd.tape(grads.stream().filter(g -> g != null)
                        .findFirst().orElseThrow())));
            }
            if (t.gradFn() != null && seen.add(t.gradFn())) {
                t.gradFn().inputs().stream().filter(x -> x != null).forEach(todo::add);
            }
        }
        assertTrue(grads.stream().allMatch(g -> g == null || g.dtype() == DType.FLOAT32), op.label()
                + ": gradient dtypes");
    }

    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    /** {@code got} (FLOAT32) against {@code want} (FLOAT64): same shape, close values, NaN where NaN. */
    static void assertClose(String what, Tensor want, Tensor got) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        double[] w = want.toArray();
        double[] g = got.toArray();
        for (int i = 0; i < w.length; i++) {
            boolean ok = Double.isNaN(w[i]) ? Double.isNaN(g[i])
                    : Double.isInfinite(w[i]) ? w[i] == g[i] : Math.abs(g[i] - w[i]) <= ATOL + RTOL * Math.abs(w[i]);
            if (!ok) {
                fail(what + ": element " + i + " is " + g[i] + " in FLOAT32, " + w[i] + " in FLOAT64");
            }
        }
    }
}
