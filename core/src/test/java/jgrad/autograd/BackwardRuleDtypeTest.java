package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.OpRegistry;
import jgrad.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each registry op's backward rule, called directly as a plain backward calls it (grad mode off,
 * so the kernel fast paths run), returns gradients of its inputs' dtype for FLOAT32 inputs: the
 * engine would cast a FLOAT64 one back, hiding a promotion that costs a widened copy and a cast.
 */
class BackwardRuleDtypeTest {
    static Stream<OpRegistry.OpInfo> ops() {
        return OpRegistry.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void float32RuleGivesFloat32Gradients(OpRegistry.OpInfo op) {
        Tensor out = op.f().apply(op.inputs(DType.FLOAT32));
        Node node = out.gradFn();
        assertNotNull(node, op.label());
        Tensor g = Tensor.randn(new SplittableRandom(op.label().hashCode()), out.shape()).to(DType.FLOAT32);
        Tensor[] grads;
        try (Autograd.Scope s = Autograd.noGrad()) {
            grads = node.apply(g);
        }
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null && node.needsInputGrad(i)) {
                assertEquals(node.inputs().get(i).dtype(), grads[i].dtype(), op.label() + ": " + node.name()
                        + "'s gradient for input " + i);
            }
        }
    }
}
