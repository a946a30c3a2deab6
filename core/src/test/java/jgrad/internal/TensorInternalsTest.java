package jgrad.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The engine's bookkeeping is reached through {@link TensorInternals}, not Tensor's public face. */
class TensorInternalsTest {
    @Test
    void tensorsPublicFaceHasNoEngineMethods() {
        for (String name : List.of("accumulateGrad", "accumulateOwnedGrad", "attachGradFn", "bumpVersion",
                "wrapUnchecked")) {
            for (Method m : Tensor.class.getMethods()) {
                assertFalse(m.getName().equals(name), "Tensor still has a public " + m);
            }
            boolean declared = Arrays.stream(Tensor.class.getDeclaredMethods()).anyMatch(m -> m.getName().equals(name)
                    && Modifier.isPublic(m.getModifiers()));
            assertFalse(declared, name);
        }
    }

    @Test
    void wrapSharesTheArraysAndBumpVersionCounts() {
        double[] data = {1, 2, 3, 4};
        int[] shape = {2, 2};
        Tensor t = TensorInternals.wrap(data, DType.FLOAT64, shape);
        assertSame(data, t.storage());
        assertArrayEquals(shape, t.shape());
        assertEquals(0, t.version());
        TensorInternals.bumpVersion(t);
        assertEquals(1, t.version());
    }

    @Test
    void accumulateGradCopiesTheFirstAndAddsTheNext() {
        Tensor t = Tensor.zeros(2).requiresGrad(true);
        Tensor g = Tensor.of(1.0, 2.0);
        TensorInternals.accumulateGrad(t, g, false);
        TensorInternals.accumulateGrad(t, g, false);
        assertArrayEquals(new double[] {2, 4}, t.grad().toArray());
        assertArrayEquals(new double[] {1, 2}, g.toArray(), "the gradient given is not written into");
    }

    @Test
    void aSecondImplementationIsRefused() {
        Tensor.zeros(1); // Tensor installs its own first
        TensorInternals.Access other = new TensorInternals.Access() {
            @Override
            protected void accumulateGrad(Tensor t, Tensor g, boolean createGraph) {}

            @Override
            protected void accumulateOwnedGrad(Tensor t, Tensor g) {}

            @Override
            protected void attachGradFn(Tensor t, jgrad.autograd.Node node) {}

            @Override
            protected void bumpVersion(Tensor t) {}

            @Override
            protected Tensor wrap(double[] data, DType dtype, int[] shape) {
                return null;
            }

            @Override
            protected Tensor wrapFloat(float[] data, int[] shape) {
                return null;
            }

            @Override
            protected void store(Tensor t, double[] values) {}

            @Override
            protected boolean sameStorage(Tensor a, Tensor b) {
                return false;
            }
        };
        assertThrows(IllegalStateException.class, () -> TensorInternals.install(other));
    }
}
