package jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.autograd.Function;
import jgrad.autograd.GradCheck;
import jgrad.autograd.GradCheckException;
import org.junit.jupiter.api.Test;

class GradCheckTest {
    /** x^3 with a correct first derivative but a backward that is not differentiable twice correctly. */
    static final class Cube extends Function {
        private final double factor;
        private final boolean detachSecond;

        Cube(double factor, boolean detachSecond) {
            this.factor = factor;
            this.detachSecond = detachSecond;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].pow(3);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            Tensor x = ctx.savedTensors().get(0);
            Tensor d = x.pow(2).mul(factor);
            return new Tensor[] {g.mul(detachSecond ? d.detach() : d)};
        }
    }

    private static Tensor x() {
        return Tensor.randn(new SplittableRandom(3), 2, 3).requiresGrad(true);
    }

    @Test
    void correctCustomFunctionPasses() {
        assertTrue(GradCheck.gradcheck(in -> new Cube(3, false).apply(in[0]), x()));
        assertTrue(GradCheck.gradgradcheck(in -> new Cube(3, false).apply(in[0]), x()));
    }

    @Test
    void wrongBackwardIsReportedWithInputElementAndValues() {
        Tensor x = x();
        GradCheckException e = assertThrows(GradCheckException.class,
                () -> GradCheck.gradcheck(in -> new Cube(2.9, false).apply(in[0]), x));
        assertEquals(0, e.input());
        assertEquals(0, e.element());
        double xv = x.get(0, 0);
        assertEquals(3 * xv * xv, e.numerical(), 1e-6);
        assertEquals(2.9 * xv * xv, e.analytical(), 1e-12);
        assertTrue(e.getMessage().contains("input 0"), e.getMessage());
        assertTrue(e.getMessage().contains("numerical"), e.getMessage());
        assertTrue(e.getMessage().contains("analytical"), e.getMessage());
    }

    @Test
    void firstOrderCorrectButSecondOrderWrongIsCaughtByGradgradcheck() {
        assertTrue(GradCheck.gradcheck(in -> new Cube(3, true).apply(in[0]), x()));
        assertThrows(GradCheckException.class, () -> GradCheck.gradgradcheck(in -> new Cube(3, true).apply(in[0]), x()));
    }

    @Test
    void tolerancesCanBeSet() {
        // 2.9 vs 3 is a 3% error: fails at the defaults, passes with rtol 5%.
        assertTrue(GradCheck.withTolerances(1e-6, 1e-5, 0.05).check(in -> new Cube(2.9, false).apply(in[0]), x()));
    }

    @Test
    void noInputRequiringGradIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GradCheck.gradcheck(in -> in[0].exp(), Tensor.of(1.0)));
    }
}
