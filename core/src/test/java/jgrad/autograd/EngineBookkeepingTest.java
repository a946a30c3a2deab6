package jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The engine's bookkeeping after a rule returns: it reduces a broadcast-shaped gradient to the
 * input's shape, names the node when a gradient's shape cannot be reduced, drops gradients of
 * inputs that need none, and tells a selective rule which inputs need one.
 */
class EngineBookkeepingTest {
    /** An op recorded with a rule that returns {@code grads} whatever the incoming gradient. */
    private static Tensor opReturning(String name, Tensor[] inputs, Tensor... grads) {
        return Tape.record(name, Tensor.zeros(2, 3), inputs, Tape.NO_TENSORS, g -> grads);
    }

    @Test
    void aGradientOfABroadcastShapeIsSummedToTheInput() {
        Tensor row = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor col = Tensor.of(new double[] {1, 1}, 2, 1).requiresGrad(true);
        Tensor out = opReturning("TwoBackward", new Tensor[] {row, col},
                Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        out.backward(Tensor.ones(2, 3));
        assertArrayEquals(new double[] {5, 7, 9}, row.grad().toArray());
        assertArrayEquals(new double[] {6, 15}, col.grad().toArray());
        assertArrayEquals(new int[] {2, 1}, col.grad().shape());
    }

    @Test
    void aGradientThatCannotBeReducedNamesTheNodeAndShapes() {
        Tensor a = Tensor.ones(4).requiresGrad(true);
        Tensor out = opReturning("MulBackward", new Tensor[] {Tensor.ones(2, 3), a},
                null, Tensor.ones(2, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.backward(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("MulBackward returned a gradient of shape [2, 3] for input 1 of shape [4]"),
                e.getMessage());
    }

    @Test
    void aRuleReturningTooFewGradientsIsNamed() {
        Tensor a = Tensor.ones(2, 3).requiresGrad(true);
        Tensor out = opReturning("ShortBackward", new Tensor[] {a, a}, Tensor.ones(2, 3));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.backward(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("ShortBackward returned 1 gradients for its 2 inputs"), e.getMessage());
    }

    @Test
    void gradientsForInputsThatNeedNoneAreDroppedUnchecked() {
        // a wrong shape for an input that needs no gradient is never looked at, as in PyTorch
        Tensor a = Tensor.ones(2, 3).requiresGrad(true);
        Tensor constant = Tensor.ones(5);
        Tensor out = opReturning("DropBackward", new Tensor[] {a, constant}, Tensor.ones(2, 3), Tensor.ones(7));
        out.backward(Tensor.ones(2, 3));
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, a.grad().toArray());
        assertNull(constant.grad());
    }

    @Test
    void aSelectiveRuleIsToldWhichInputsNeedAGradient() {
        Tensor a = Tensor.ones(3).requiresGrad(true);
        Tensor b = Tensor.ones(3);
        AtomicInteger computed = new AtomicInteger();
        Tensor out = Tape.record("SelBackward", Tensor.zeros(3), new Tensor[] {a, b}, Tape.NO_TENSORS,
                (g, node) -> {
                    Tensor[] grads = new Tensor[2];
                    for (int i = 0; i < 2; i++) {
                        if (node.needsInputGrad(i)) {
                            computed.incrementAndGet();
                            grads[i] = g.mul(i + 2.0);
                        }
                    }
                    return grads;
                });
        out.backward(Tensor.ones(3));
        assertEquals(1, computed.get(), "only a's gradient is computed");
        assertArrayEquals(new double[] {2, 2, 2}, a.grad().toArray());
    }

    /** A custom Function whose backward returns whatever {@code grads} says, whatever the incoming gradient. */
    private static final class Returning extends Function {
        private final Tensor[] grads;

        Returning(Tensor... grads) {
            this.grads = grads;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            return Tensor.zeros(2, 3);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            return grads;
        }
    }

    @Test
    void aCustomFunctionsGradientIsCheckedAndReducedByTheEngineToo() {
        // as PyTorch's validate_outputs does for a custom Function: reduce an expandable shape,
        // refuse another, and count the gradients
        Tensor row = Tensor.ones(3).requiresGrad(true);
        new Returning(Tensor.ones(2, 3)).apply(row).backward(Tensor.ones(2, 3));
        assertArrayEquals(new double[] {2, 2, 2}, row.grad().toArray());
        Tensor a = Tensor.ones(4).requiresGrad(true);
        IllegalStateException shape = assertThrows(IllegalStateException.class,
                () -> new Returning(Tensor.ones(2, 3)).apply(a).backward(Tensor.ones(2, 3)));
        assertTrue(shape.getMessage().contains("ReturningBackward returned a gradient of shape [2, 3] for input 0 of "
                + "shape [4]"), shape.getMessage());
        IllegalStateException count = assertThrows(IllegalStateException.class,
                () -> new Returning(Tensor.ones(4), Tensor.ones(4)).apply(a).backward(Tensor.ones(2, 3)));
        assertTrue(count.getMessage().contains("ReturningBackward returned 2 gradients for its 1 inputs"),
                count.getMessage());
    }

    @Test
    void aReducedGradientBecomesTheLeafsGradAndIsNotShared() {
        Tensor bias = Tensor.zeros(3).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = x.add(bias);
        y.backward(Tensor.ones(2, 3), true);
        Tensor first = bias.grad();
        assertArrayEquals(new double[] {2, 2, 2}, first.toArray());
        y.backward(Tensor.ones(2, 3));
        assertArrayEquals(new double[] {4, 4, 4}, bias.grad().toArray());
        assertNotSame(x.storage(), bias.grad().storage());
    }

    @Test
    void doubleBackwardSeesTheReduction() {
        // y = sum((a + b)^2) with b broadcast over rows: dy/db = sum over rows of 2(a + b), and
        // d/db of sum(dy/db) = 2 * rows per element: only right if the reduction is recorded
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(1.0, 1.0, 1.0).requiresGrad(true);
        Tensor y = a.add(b).pow(2.0).sum();
        Tensor gb = Autograd.grad(y, List.of(b), null, true).get(0);
        assertArrayEquals(new int[] {3}, gb.shape());
        assertArrayEquals(new double[] {14, 18, 22}, gb.toArray(), 1e-12);
        Tensor ggb = Autograd.grad(gb.sum(), List.of(b), null, false).get(0);
        assertArrayEquals(new double[] {4, 4, 4}, ggb.toArray(), 1e-12);
    }
}
