package jgrad;

import static jgrad.BadInputTest.assertError;
import static jgrad.BadInputTest.t23;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DType.BOOL and the elementwise ops added with it: the errors PyTorch raises (and jgrad names),
 * masks never being recorded, and where's gradients. Values against PyTorch are in
 * {@link GoldenMasksTest} and {@link GoldenOpsTest}.
 */
class MaskOpsTest {
    private static Tensor mask(double... v) {
        return Tensor.of(v).to(DType.BOOL);
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("gt", (Consumer<Tensor[]>) in -> in[0].gt(in[1])),
                Arguments.of("lt", (Consumer<Tensor[]>) in -> in[0].lt(in[1])),
                Arguments.of("ge", (Consumer<Tensor[]>) in -> in[0].ge(in[1])),
                Arguments.of("le", (Consumer<Tensor[]>) in -> in[0].le(in[1])),
                Arguments.of("eq", (Consumer<Tensor[]>) in -> in[0].eq(in[1])),
                Arguments.of("ne", (Consumer<Tensor[]>) in -> in[0].ne(in[1])),
                Arguments.of("logicalAnd", (Consumer<Tensor[]>) in -> in[0].logicalAnd(in[1])),
                Arguments.of("logicalOr", (Consumer<Tensor[]>) in -> in[0].logicalOr(in[1])),
                Arguments.of("minimum", (Consumer<Tensor[]>) in -> in[0].minimum(in[1])),
                Arguments.of("clamp", (Consumer<Tensor[]>) in -> in[0].clamp(in[1], in[1])),
                Arguments.of("maximum", (Consumer<Tensor[]>) in -> in[0].maximum(in[1])),
                Arguments.of("isclose", (Consumer<Tensor[]>) in -> in[0].isclose(in[1])),
                Arguments.of("allclose", (Consumer<Tensor[]>) in -> in[0].allclose(in[1])),
                Arguments.of("where", (Consumer<Tensor[]>) in -> in[0].where(in[0].gt(0), in[1])),
                Arguments.of("where", (Consumer<Tensor[]>) in -> Tensor.where(in[1].gt(0), in[0], in[0])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void shapeMismatchNamesOpAndBothShapes(String op, Consumer<Tensor[]> f) {
        assertError(IllegalArgumentException.class, () -> f.accept(new Tensor[] {t23(), Tensor.zeros(4)}),
                op, "[2, 3]", "[4]");
        Tensor a = t23().requiresGrad(true);
        assertError(IllegalArgumentException.class, () -> f.accept(new Tensor[] {a, Tensor.zeros(2)}), op,
                "[2, 3]", "[2]");
    }

    @Test
    void whereNeedsABoolCondition() {
        assertError(IllegalArgumentException.class, () -> Tensor.where(t23(), t23(), t23()), "where", "BOOL",
                "FLOAT64", "[2, 3]");
        assertError(IllegalArgumentException.class, () -> t23().where(Tensor.of(1, 0, 1), t23()), "where", "BOOL",
                "INT64", "[3]");
    }

    @Test
    void boolNeverRequiresGrad() {
        assertError(IllegalArgumentException.class, () -> mask(1, 0).requiresGrad(true), "requiresGrad", "BOOL",
                "[2]");
        Tensor x = t23().requiresGrad(true);
        for (Tensor m : List.of(x.gt(2), x.le(x), x.ne(0), x.logicalNot(), x.logicalAnd(x), x.isclose(x))) {
            assertEquals(DType.BOOL, m.dtype());
            assertFalse(m.requiresGrad());
            assertNull(m.gradFn());
        }
        // a BOOL result of ops on masks is not recorded either
        assertNull(x.gt(2).add(x.lt(5)).gradFn());
        assertEquals(DType.BOOL, x.gt(2).add(x.lt(5)).dtype());
    }

    @Test
    void boolOpsPyTorchRefusesAreErrorsNamingTheOp() {
        Tensor m = mask(1, 0, 1);
        assertError(IllegalArgumentException.class, m::neg, "neg", "BOOL", "logicalNot");
        assertError(IllegalArgumentException.class, () -> m.sub(m), "sub", "BOOL", "[3]");
        assertError(IllegalArgumentException.class, () -> Tensor.of(1.0, 2.0, 3.0).sub(m), "sub", "BOOL");
        assertError(IllegalArgumentException.class, () -> m.sub(1.0), "sub", "BOOL");
        assertError(IllegalArgumentException.class, m::abs, "abs", "BOOL");
        assertError(IllegalArgumentException.class, m::relu, "relu", "BOOL");
        assertError(IllegalArgumentException.class, m::mean, "mean", "BOOL");
    }

    @Test
    void inPlaceOnMasksAsPyTorch() {
        Tensor m = mask(1, 0, 0);
        m.addInPlace(mask(1, 1, 0)); // logical or: True + True stays True
        assertArrayEquals(new double[] {1, 1, 0}, m.toArray());
        m.mulInPlace(mask(0, 1, 1));
        assertArrayEquals(new double[] {0, 1, 0}, m.toArray());
        m.fill(2.5);
        assertArrayEquals(new double[] {1, 1, 1}, m.toArray());
        assertEquals(DType.BOOL, m.dtype());
        assertError(IllegalArgumentException.class, () -> m.subInPlace(mask(1, 1, 1)), "subInPlace", "BOOL");
        assertError(IllegalArgumentException.class, () -> Tensor.zeros(3).subInPlace(m), "subInPlace", "BOOL");
        assertError(IllegalArgumentException.class, () -> m.addInPlace(Tensor.ones(3)), "addInPlace",
                "FLOAT64 operand", "BOOL tensor");
        assertError(IllegalArgumentException.class, () -> m.mulInPlace(2.0), "mulInPlace", "BOOL");
        assertError(IllegalArgumentException.class, () -> m.divInPlace(m), "divInPlace", "BOOL");
        Tensor f = Tensor.zeros(3).addInPlace(m); // a mask into FLOAT64 is fine
        assertArrayEquals(new double[] {1, 1, 1}, f.toArray());
    }

    @Test
    void matmulOfMasksIsAnError() {
        assertError(IllegalArgumentException.class, () -> mask(1, 0).matmul(mask(1, 1)), "matmul", "BOOL", "[2]");
    }

    @Test
    void badTolerancesAndBoundsAreErrors() {
        assertError(IllegalArgumentException.class, () -> t23().isclose(t23(), -1, 0), "isclose", "rtol", "-1.0");
        assertError(IllegalArgumentException.class, () -> t23().allclose(t23(), 0, Double.NaN), "allclose", "atol");
        assertError(IllegalArgumentException.class, () -> t23().allclose(t23().to(DType.INT64)), "allclose",
                "FLOAT64", "INT64");
        assertError(IllegalArgumentException.class, () -> t23().clamp(Double.NaN, 1), "clamp", "NaN");
        assertError(IllegalArgumentException.class, () -> t23().clampMin(Double.NaN), "clampMin", "NaN");
        assertError(IllegalArgumentException.class, () -> t23().clamp(null, null), "clamp", "null");
        assertError(IllegalArgumentException.class, () -> t23().clamp(Tensor.zeros(4), null), "clamp", "[2, 3]", "[4]");
        assertError(IllegalArgumentException.class, () -> t23().clamp(null, Tensor.zeros(2)), "clamp", "[2, 3]", "[2]");
    }

    @Test
    void whereGradientsGoToThePickedInput() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor y = Tensor.scalar(10.0).requiresGrad(true);
        Tensor out = x.where(x.gt(1.5), y);
        assertArrayEquals(new double[] {10, 2, 3}, out.toArray());
        assertEquals("WhereBackward", out.gradFn().name());
        out.mul(Tensor.of(1.0, 2.0, 4.0)).sum().backward();
        assertArrayEquals(new double[] {0, 2, 4}, x.grad().toArray());
        assertEquals(1.0, y.grad().item());
    }

    @Test
    void clampWithOneTensorBoundRecordsOnlyTheTensorsGiven() {
        Tensor x = Tensor.of(1.0, 5.0).requiresGrad(true);
        Tensor hi = Tensor.scalar(3.0).requiresGrad(true);
        Tensor y = x.clamp(null, hi);
        assertArrayEquals(new double[] {1, 3}, y.toArray());
        assertEquals(2, y.gradFn().inputs().size());
        assertTrue(Autograd.tape(y).get(0).contains("ClampBackward"), Autograd.tape(y).toString());
        y.sum().backward();
        assertArrayEquals(new double[] {1, 0}, x.grad().toArray());
        assertEquals(1.0, hi.grad().item());
    }

    @Test
    void clampWithALowerBoundAloneOfInfinityGivesTheBoundItsGradient() {
        // PyTorch 1.13: x = [1, 2, 3], lo = [inf] * 3, torch.clamp(x, min=lo).sum().backward()
        // gives x.grad [0, 0, 0] and lo.grad [1, 1, 1] (the bounds are compared only when both are given)
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor lo = Tensor.full(Double.POSITIVE_INFINITY, 3).requiresGrad(true);
        x.clamp(lo, null).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 1, 1}, lo.grad().toArray());
        Tensor y = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor hi = Tensor.full(Double.NEGATIVE_INFINITY, 2).requiresGrad(true);
        y.clamp(null, hi).sum().backward();
        assertArrayEquals(new double[] {0, 0}, y.grad().toArray());
        assertArrayEquals(new double[] {1, 1}, hi.grad().toArray());
    }

    @Test
    void clampKeepsTheSignOfZeroAsPyTorchDoes() {
        // PyTorch 1.13: tensor([-0.]).clamp(0, 1) and .clamp(min=0.) are tensor([-0.]);
        // tensor([0.]).clamp(-1, -0.) is tensor([0.]) (a bound replaces x only when strictly beyond it)
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tensor.of(-0.0).clamp(0, 1).item()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tensor.of(-0.0).clampMin(0).item()));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tensor.of(0.0).clamp(-1, -0.0).item()));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(Tensor.of(-0.0).clamp(Tensor.of(0.0), Tensor.of(1.0)).item()));
        assertEquals(1.0, Tensor.of(5.0).clamp(10, 1).item(), "max wins when min > max");
    }

    @Test
    void catAndStackPromoteAsPyTorch() {
        // PyTorch 1.13: torch.cat([b, b]) is torch.bool, torch.cat([b, tensor([1, 2])]) is torch.int64
        Tensor b = mask(1, 0);
        Tensor i = Tensor.of(1.0, 2.0).to(DType.INT64);
        assertEquals(DType.BOOL, Tensor.cat(List.of(b, b), 0).dtype());
        assertEquals(DType.BOOL, Tensor.stack(List.of(b, b), 0).dtype());
        assertEquals(DType.INT64, Tensor.cat(List.of(b, i), 0).dtype());
        assertEquals(DType.FLOAT64, Tensor.stack(List.of(i, Tensor.of(0.5, 1.0)), 1).dtype());
    }

    @Test
    void toBoolIsNonzeroness() {
        Tensor b = Tensor.of(0.0, -0.0, Double.NaN, 3.0).to(DType.BOOL);
        assertArrayEquals(new double[] {0, 0, 1, 1}, b.toArray());
        assertSame(b, b.to(DType.BOOL));
        assertEquals(DType.INT64, b.sum().dtype());
        assertEquals(2.0, b.sum().item());
    }

    @Test
    void promotion() {
        assertEquals(DType.BOOL, DType.promote(DType.BOOL, DType.BOOL));
        assertEquals(DType.INT64, DType.promote(DType.BOOL, DType.INT64));
        assertEquals(DType.INT64, DType.promote(DType.INT64, DType.BOOL));
        assertEquals(DType.FLOAT64, DType.promote(DType.BOOL, DType.FLOAT64));
        assertEquals(DType.FLOAT64, DType.promote(DType.FLOAT64, DType.INT64));
        assertEquals(DType.INT64, DType.promote(DType.INT64, DType.INT64));
    }

    @Test
    void clampGradientUnderCreateGraph() {
        Tensor x = Tensor.of(-1.0, 0.0, 1.0).requiresGrad(true);
        Tensor g = Autograd.grad(x.clamp(-0.5, 0.5).mul(x).sum(), List.of(x), null, true).get(0);
        // d/dx [clamp(x) * x] = clamp'(x) * x + clamp(x)
        assertArrayEquals(new double[] {-0.5, 0.0, 0.5}, g.toArray());
        assertTrue(g.requiresGrad());
    }
}
