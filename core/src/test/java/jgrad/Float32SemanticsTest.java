package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import jgrad.autograd.Autograd;
import jgrad.autograd.GradCheck;
import jgrad.ops.LinAlg;
import org.junit.jupiter.api.Test;

/**
 * FLOAT32 next to FLOAT64: to() round trips and the gradient through to(), the default dtype
 * FLOAT32 (factories, integer division, gradient checks of FLOAT64 inputs; always reset in a
 * finally block, as the tests share one JVM), and the mixes PyTorch refuses, each with a message
 * that names the op and the dtypes.
 */
class Float32SemanticsTest {
    private static final double[] AWKWARD = {0.1, 1.0 / 3.0, 1e-46, 3.5e38, -1e39, -0.0, 16777217, Double.NaN};

    private static Tensor f32(double... v) {
        return Tensor.of(v, DType.FLOAT32, v.length);
    }

    // ------------------------------------------------------------------ to()

    @Test
    void toFloat32RoundsEachValueToNearestAndBackIsExact() {
        Tensor x = Tensor.of(AWKWARD, DType.FLOAT64, AWKWARD.length);
        Tensor f = x.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        for (int i = 0; i < AWKWARD.length; i++) {
            assertEquals((float) AWKWARD[i], f.floatStorage()[i], "element " + i); // 1e-46 -> 0, 3.5e38 -> inf
        }
        Tensor back = f.to(DType.FLOAT64);
        for (int i = 0; i < AWKWARD.length; i++) {
            assertEquals((double) (float) AWKWARD[i], back.storage()[i], "element " + i);
        }
        assertArrayEquals(f.floatStorage(), back.to(DType.FLOAT32).floatStorage(), "FLOAT32 -> FLOAT64 -> FLOAT32");
        assertSame(f, f.to(DType.FLOAT32), "to() of the tensor's own dtype is the tensor, as PyTorch");
    }

    @Test
    void gradientThroughToHasEachInputsDtype() {
        Tensor x = f32(0.5, -2.0).requiresGrad(true);
        Tensor y = x.to(DType.FLOAT64).mul(Tensor.of(1.0 / 3.0, 3.0)).sum();
        assertEquals(DType.FLOAT64, y.dtype());
        assertEquals("ToCopyBackward", x.to(DType.FLOAT64).gradFn().name());
        y.backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new float[] {(float) (1.0 / 3.0), 3f}, x.grad().floatStorage());

        Tensor w = Tensor.of(0.25, -1.5).requiresGrad(true);
        w.to(DType.FLOAT32).exp().sum().backward();
        assertEquals(DType.FLOAT64, w.grad().dtype());
        assertEquals((double) (float) Math.exp(0.25), w.grad().get(0), 0.0); // the FLOAT32 exp, widened
        assertEquals((double) (float) Math.exp(-1.5), w.grad().get(1), 0.0);
    }

    @Test
    void secondDerivativeThroughTo() {
        Tensor x = Tensor.of(0.5, -2.0).requiresGrad(true);
        Tensor y = x.to(DType.FLOAT32).pow(3).sum();
        Tensor g = Autograd.grad(y, List.of(x), null, true).get(0); // 3 x^2, FLOAT64
        assertEquals(DType.FLOAT64, g.dtype());
        assertTrue(g.requiresGrad());
        g.sum().backward(); // d/dx sum(3 x^2) = 6 x
        assertArrayEquals(new double[] {3.0, -12.0}, x.grad().toArray(), 1e-6);
    }

    @Test
    void toAnIntegerOrBoolDtypeIsNotRecorded() {
        Tensor x = f32(2.7, -2.7, 0.0).requiresGrad(true);
        assertFalse(x.to(DType.INT64).requiresGrad());
        assertArrayEquals(new double[] {2, -2, 0}, x.to(DType.INT64).toArray());
        assertFalse(x.to(DType.BOOL).requiresGrad());
        assertThrows(IllegalArgumentException.class, () -> f32(Float.POSITIVE_INFINITY).to(DType.INT64));
    }

    @Test
    void gradientsOfMixedInputsKeepTheirDtypes() {
        Tensor a = f32(1.5, 2.5).requiresGrad(true);
        Tensor b = Tensor.of(0.25, 4.0).requiresGrad(true);
        Tensor s = Tensor.scalar(3.0).requiresGrad(true); // 0-D FLOAT64: the product stays FLOAT32
        Tensor y = a.mul(s);
        assertEquals(DType.FLOAT32, y.dtype());
        Tensor z = y.mul(b).sum(); // FLOAT32 [2] * FLOAT64 [2] -> FLOAT64
        assertEquals(DType.FLOAT64, z.dtype());
        z.backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertEquals(DType.FLOAT64, b.grad().dtype());
        assertEquals(DType.FLOAT64, s.grad().dtype());
        assertArrayEquals(new double[] {0.75, 12.0}, a.grad().toArray());
        assertArrayEquals(new double[] {4.5, 7.5}, b.grad().toArray());
        assertEquals(1.5 * 0.25 + 2.5 * 4.0, s.grad().item(), 0.0);
    }

    @Test
    void theNonOpMethodsKeepFloat32() {
        Tensor t = f32(1, 2, 3, 4);
        assertEquals(DType.FLOAT32, t.copy().dtype());
        assertEquals(DType.FLOAT32, t.detach().dtype());
        assertEquals(DType.FLOAT32, t.viewUnrecorded(new int[] {2, 2}).dtype());
        assertArrayEquals(new double[] {1, 1}, t.reshape(2, 2).argmax(0).toArray());
        assertEquals(DType.INT64, t.reshape(2, 2).argmax(1).dtype());
        t.addInPlace(f32(0.5, 0.5, 0.5, 0.5)).subInPlace(f32(1, 1, 1, 1)).mulInPlace(2.0).mulInPlace(f32(1, 1, 1, 0.5))
                .divInPlace(f32(1, 1, 1, 0.25)).addInPlace(f32(1, 1, 1, 1), 0.1);
        assertArrayEquals(new float[] {1.1f, 3.1f, 5.1f, 14.1f}, t.floatStorage(), 1e-6f);
        assertEquals(DType.FLOAT32, t.dtype());
        t.copyFrom(Tensor.of(1.0 / 3.0));
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3, 1f / 3}, t.floatStorage());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.1f}, t.fill(0.1).floatStorage());
        assertArrayEquals(new float[4], t.zero().floatStorage());
        Tensor batch = new jgrad.data.DataLoader(new jgrad.data.TensorDataset(Tensor.ones(DType.FLOAT32, 4, 2),
                Tensor.of(0, 1, 0, 1)), 2).iterator().next().inputs();
        assertEquals(DType.FLOAT32, batch.dtype(), "a DataLoader batch of FLOAT32 samples");
    }

    // ------------------------------------------------------------------ the default dtype

    /** Runs {@code body} with the default dtype FLOAT32, then puts FLOAT64 back whatever happens. */
    private static void withDefaultFloat32(Runnable body) {
        assertEquals(DType.FLOAT64, Tensor.getDefaultDtype(), "another test left the default dtype changed");
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            body.run();
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
    }

    @Test
    void factoriesFollowTheDefaultDtype() {
        withDefaultFloat32(() -> {
            assertEquals(DType.FLOAT32, Tensor.getDefaultDtype());
            for (Tensor t : List.of(Tensor.of(0.1, 2.0), Tensor.of(new double[][] {{1, 2}}), Tensor.of(new double[4], 2, 2),
                    Tensor.scalar(0.1), Tensor.zeros(2), Tensor.ones(2), Tensor.full(0.1, 3), Tensor.randn(2, 3),
                    Tensor.rand(4), Tensor.uniform(-1, 1, 3), Tensor.randn(new SplittableRandom(1), 2),
                    Tensor.zerosLike(Tensor.of(1, 2)))) {
                assertEquals(DType.FLOAT32, t.dtype(), t.toString());
            }
            assertEquals((float) 0.1, Tensor.scalar(0.1).floatStorage()[0]);
            assertEquals(DType.INT64, Tensor.of(1, 2).dtype());
            assertEquals(DType.INT64, Tensor.arange(3).dtype());
            assertEquals(DType.FLOAT64, Tensor.zeros(DType.FLOAT64, 2).dtype());
            assertEquals(0.1, Tensor.of(new double[] {0.1}, DType.FLOAT64, 1).item(), 0.0, "not rounded through FLOAT32");
            assertEquals(16777217, Tensor.of(new double[] {16777217}, DType.INT64, 1).item(), 0.0);
            double[] r = Tensor.randn(DType.FLOAT64, 64).toArray();
            assertTrue(java.util.Arrays.stream(r).anyMatch(v -> v != (float) v), "FLOAT64 draws, not rounded ones");
            assertEquals(DType.FLOAT32, Tensor.of(1, 2).div(2.0).dtype(), "integer division gives the default");
            assertEquals(DType.FLOAT32, Tensor.of(1, 2).exp().dtype());
            assertEquals(DType.FLOAT64, Tensor.of(1, 2).add(Tensor.of(0.5, 1.5).to(DType.FLOAT64)).dtype());
        });
        assertEquals(DType.FLOAT64, Tensor.of(0.1).dtype(), "reset to FLOAT64");
    }

    @Test
    void aTrainingStepInTheDefaultFloat32() {
        withDefaultFloat32(() -> {
            Tensor w = Tensor.randn(new SplittableRandom(7), 3, 2).requiresGrad(true);
            Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {0.5, -1, 2}});
            Tensor loss = x.matmul(w).relu().logSoftmax(1).mean();
            assertEquals(DType.FLOAT32, loss.dtype());
            loss.backward();
            assertEquals(DType.FLOAT32, w.grad().dtype());
            assertTrue(java.util.Arrays.stream(w.grad().toArray()).allMatch(Double::isFinite));
        });
    }

    @Test
    void gradcheckOfFloat64InputsWorksUnderTheDefaultFloat32() {
        withDefaultFloat32(() -> {
            Tensor a = Tensor.randn(DType.FLOAT64, 2, 3).requiresGrad(true);
            Tensor b = Tensor.randn(DType.FLOAT64, 3).requiresGrad(true);
            assertTrue(GradCheck.gradcheck(in -> in[0].mul(in[1]).softmax(1), a, b));
            assertTrue(GradCheck.gradgradcheck(in -> in[0].mul(in[1]).softmax(1), a, b));
        });
    }

    // ------------------------------------------------------------------ mixes that are refused

    private static void refused(Runnable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "the message should contain \"" + f + "\": " + e.getMessage());
        }
    }

    @Test
    void onlyFloatingTensorsRequireGrad() {
        refused(() -> Tensor.of(1, 2).requiresGrad(true), "requiresGrad", "INT64", "[2]");
        refused(() -> Tensor.of(1.0, 0.0).gt(0.5).requiresGrad(true), "requiresGrad", "BOOL");
        assertTrue(f32(1).requiresGrad(true).requiresGrad());
        assertFalse(Tensor.of(1, 2).requiresGrad(false).requiresGrad(), "turning it off is fine");
    }

    @Test
    void gradcheckRefusesFloat32() {
        refused(() -> GradCheck.gradcheck(in -> in[0].exp(), f32(0.5, 1).requiresGrad(true)), "FLOAT32", "FLOAT64");
        refused(() -> GradCheck.gradgradcheck(in -> in[0].exp(), f32(0.5, 1).requiresGrad(true)), "FLOAT32");
        refused(() -> GradCheck.gradcheck(in -> in[0].to(DType.FLOAT32).exp(), Tensor.of(0.5, 1).requiresGrad(true)),
                "gradcheck", "output", "FLOAT32");
    }

    @Test
    void productsRefuseFloat32WithFloat64() {
        Tensor a32 = Tensor.ones(DType.FLOAT32, 2, 3);
        Tensor b64 = Tensor.ones(3, 4);
        refused(() -> a32.matmul(b64), "matmul", "FLOAT32", "FLOAT64", "[2, 3]", "[3, 4]");
        refused(() -> b64.t().matmul(a32.t()), "matmul", "FLOAT64", "FLOAT32");
        refused(() -> Tensor.ones(DType.FLOAT32, 3).matmul(Tensor.ones(3)), "matmul", "FLOAT32", "FLOAT64");
        refused(() -> LinAlg.addmm(Tensor.ones(DType.FLOAT32, 4), a32, b64, false, false), "addmm", "FLOAT32",
                "FLOAT64");
        refused(() -> LinAlg.addmm(Tensor.ones(4), a32, Tensor.ones(DType.FLOAT32, 3, 4), false, false), "addmm",
                "FLOAT64", "FLOAT32");
        assertEquals(DType.FLOAT32, a32.matmul(Tensor.ones(DType.FLOAT32, 3, 4)).dtype());
    }

    @Test
    void isclose_andAllcloseRefuseMixedDtypes() {
        refused(() -> f32(0.1).isclose(Tensor.of(0.1)), "isclose", "FLOAT32", "FLOAT64");
        refused(() -> f32(0.1).allclose(Tensor.of(0.1)), "allclose", "FLOAT32", "FLOAT64");
    }

    @Test
    void theDefaultDtypeIsFloating() {
        refused(() -> Tensor.setDefaultDtype(DType.INT64), "setDefaultDtype", "INT64");
        refused(() -> Tensor.setDefaultDtype(DType.BOOL), "setDefaultDtype", "BOOL");
        refused(() -> Tensor.setDefaultDtype(null), "setDefaultDtype");
        assertEquals(DType.FLOAT64, Tensor.getDefaultDtype());
    }

    @Test
    void floatingFactoriesRefuseIntegerDtypes() {
        refused(() -> Tensor.randn(DType.INT64, 2), "randn", "INT64");
        refused(() -> Tensor.rand(DType.BOOL, 2), "rand", "BOOL");
    }

    @Test
    void inPlaceWritesThatWouldLoseTheKindAreRefused() {
        refused(() -> Tensor.of(1, 2).addInPlace(f32(0.5, 0.5)), "addInPlace", "FLOAT32", "INT64");
        refused(() -> Tensor.of(1, 2).mulInPlace(f32(0.5, 0.5)), "mulInPlace", "FLOAT32", "INT64");
        refused(() -> Tensor.of(1.0, 0.0).gt(0.5).addInPlace(f32(1, 1)), "addInPlace", "FLOAT32", "BOOL");
        refused(() -> Tensor.of(1, 2).divInPlace(f32(2, 2)), "divInPlace", "INT64");
        // same kind: a FLOAT64 operand is rounded into a FLOAT32 tensor, as PyTorch's add_
        Tensor t = f32(1, 2).addInPlace(Tensor.of(1.0 / 3.0, 0.1));
        assertArrayEquals(new float[] {(float) (1 + 1.0 / 3.0), (float) 2.1}, t.floatStorage());
    }

    @Test
    void aGradientOfAnotherDtypeCannotBeSet() {
        Tensor p = f32(1, 2).requiresGrad(true);
        refused(() -> p.setGrad(Tensor.of(0.5, 0.5)), "setGrad", "FLOAT64", "FLOAT32");
        p.setGrad(f32(0.5, 0.5));
        assertEquals(DType.FLOAT32, p.grad().dtype());
        p.setGrad(null);
        assertNull(p.grad());
    }
}
