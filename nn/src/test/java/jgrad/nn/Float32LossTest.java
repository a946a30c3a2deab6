package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** The dtype rules of the losses and functional ops for FLOAT32 inputs, as PyTorch's. */
class Float32LossTest {
    private static Tensor f32(double[] v, int... shape) {
        return Tensor.of(v, DType.FLOAT32, shape);
    }

    private static Tensor f64(double[] v, int... shape) {
        return Tensor.of(v, DType.FLOAT64, shape);
    }

    private static final double[] X = {0.5, -1, 2, 0.25, 1.5, -0.75};

    @Test
    void nllWeightMustHaveTheInputsDtype() {
        Tensor x = f32(X, 2, 3).logSoftmax(1);
        Tensor y = Tensor.of(0, 2);
        NLLLoss wrong = NLLLoss.builder().weight(f64(new double[] {1, 2, 3}, 3)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrong.forward(x, y));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("NLLLoss:") && msg.contains("weight is FLOAT64") && msg.contains("input is FLOAT32")
                && msg.contains("expected scalar type Float but found Double"), msg);
        // and the other way round
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Functional.nllLoss(
                f64(X, 2, 3), y, f32(new double[] {1, 2, 3}, 3), -100, Reduction.MEAN));
        assertTrue(e2.getMessage().contains("expected scalar type Double but found Float"), e2.getMessage());
        // a matching weight works, and the loss is FLOAT32
        Tensor loss = NLLLoss.builder().weight(f32(new double[] {1, 2, 3}, 3)).build().forward(x, y);
        assertEquals(DType.FLOAT32, loss.dtype());
        double want = -(1 * x.toArray()[0] + 3 * x.toArray()[5]) / 4;
        assertEquals(want, loss.item(), 1e-6);
        // an integer weight is refused when set
        assertThrows(IllegalArgumentException.class, () -> NLLLoss.builder().weight(Tensor.of(1, 2, 3)));
    }

    @Test
    void nllNoneReductionAndGradientAreFloat32() {
        Tensor x = f32(X, 2, 3).requiresGrad(true);
        Tensor loss = new NLLLoss().forward(x, Tensor.of(1, 0));
        assertEquals(DType.FLOAT32, loss.dtype());
        Tensor none = NLLLoss.builder().reduction(Reduction.NONE).build().forward(x, Tensor.of(1, 0));
        assertEquals(DType.FLOAT32, none.dtype());
        assertArrayEquals(new double[] {1, -0.25}, none.toArray());
        loss.backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertArrayEquals(new double[] {0, -0.5, 0, -0.5, 0, 0}, x.grad().toArray());
    }

    @Test
    void mseAndBcePromoteInputAndTargetLikePyTorch() {
        Tensor x = f32(X, 2, 3);
        Tensor t32 = f32(new double[] {0, 1, 1, 0, 0.5, 0.5}, 2, 3);
        Tensor t64 = t32.to(DType.FLOAT64);
        assertEquals(DType.FLOAT32, new MSELoss().forward(x, t32).dtype());
        assertEquals(DType.FLOAT64, new MSELoss().forward(x, t64).dtype(), "float32 with float64 gives float64");
        assertEquals(DType.FLOAT32, new BCEWithLogitsLoss().forward(x, t32).dtype());
        assertEquals(DType.FLOAT64, new BCEWithLogitsLoss().forward(x, t64).dtype());
        // FLOAT64 weights are taken in the loss's dtype (PyTorch multiplies them in place)
        Tensor w64 = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor pw64 = f64(new double[] {0.5, 1, 2}, 3);
        Tensor loss = BCEWithLogitsLoss.builder().weight(w64).posWeight(pw64).build().forward(x, t32);
        assertEquals(DType.FLOAT32, loss.dtype());
        Tensor exact = BCEWithLogitsLoss.builder().weight(w64).posWeight(pw64).build().forward(x.to(DType.FLOAT64),
                t64);
        assertEquals(exact.item(), loss.item(), 1e-6 * Math.abs(exact.item()));
    }

    @Test
    void integerInputsAndTargetsAreRefusedNamingTheOp() {
        Tensor x = f32(X, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MSELoss().forward(x, Tensor.of(1, 2, 3, 4, 5, 6).reshape(2, 3)));
        assertTrue(e.getMessage().startsWith("MSELoss: target must be floating") && e.getMessage().contains("INT64"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(Tensor.of(1, 2), Tensor.of(0)));
        assertTrue(e.getMessage().startsWith("NLLLoss: input must be floating"), e.getMessage());
    }

    @Test
    void dropoutAndSoftmaxKeepFloat32() {
        Tensor x = Tensor.ones(DType.FLOAT32, 1000);
        Tensor.manualSeed(1);
        Tensor y = Functional.dropout(x, 0.25, true);
        assertEquals(DType.FLOAT32, y.dtype());
        for (double v : y.toArray()) {
            assertTrue(v == 0.0 || v == (float) (1 / 0.75), "kept values are scaled by 1/(1-p): " + v);
        }
        assertSame(x, Functional.dropout(x, 0.25, false));
        assertEquals(DType.FLOAT32, new Softmax(0).forward(x).dtype());
        assertEquals(DType.FLOAT32, new LogSoftmax(0).forward(x).dtype());
    }

    @Test
    void clipGradNormWorksInTheGradsDtype() {
        Tensor p = f32(new double[] {1, 2}, 2).requiresGrad(true);
        Tensor g = f32(new double[] {3, 4}, 2);
        p.setGrad(g);
        Tensor total = Utils.clipGradNorm(java.util.List.of(p), 1.0);
        assertEquals(DType.FLOAT32, total.dtype());
        assertEquals(5.0, total.item());
        assertSame(g, p.grad());
        assertEquals(DType.FLOAT32, p.grad().dtype());
        assertArrayEquals(new double[] {0.6, 0.8}, p.grad().toArray(), 1e-6);
        // mixed: the promoted dtype
        Tensor q = f64(new double[] {0}, 1).requiresGrad(true);
        q.setGrad(f64(new double[] {12}, 1));
        p.setGrad(f32(new double[] {3, 4}, 2));
        assertEquals(DType.FLOAT64, Utils.clipGradNorm(java.util.List.of(p, q), 100.0).dtype());
    }
}
