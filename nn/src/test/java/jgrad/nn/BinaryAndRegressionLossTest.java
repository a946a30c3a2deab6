package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** BCEWithLogitsLoss and MSELoss beyond the golden values. */
class BinaryAndRegressionLossTest {
    /**
     * Current PyTorch computes (1 - y) x - log_sigmoid(x), whose tail is log1p(exp(-|x|)), so the loss of
     * x = 40, y = 1 is 4.2e-18 (torch 1.13, used for the golden file, rounded it to 0). For x = -40, y = 0
     * the form is -40 + 40 + 4.2e-18, which rounds to 0 in PyTorch and in jgrad alike.
     */
    @Test
    void bceWithLogitsIsExactInTheTails() {
        Tensor x = Tensor.of(40.0, -40.0, 1000.0, -1000.0).requiresGrad(true);
        Tensor y = Tensor.of(1.0, 0.0, 1.0, 0.0);
        Tensor loss = BCEWithLogitsLoss.builder().reduction(Reduction.NONE).build().forward(x, y);
        double tail = Math.log1p(Math.exp(-40.0));
        assertArrayEquals(new double[] {tail, 0.0, 0.0, 0.0}, loss.toArray(), 0.0);
        loss.sum().backward();
        for (double g : x.grad().toArray()) {
            assertTrue(Double.isFinite(g) && Math.abs(g) < 1e-17, "grad " + g);
        }
        // The wrong side by 1000 costs 1000, with gradient +-1.
        Tensor z = Tensor.of(1000.0, -1000.0).requiresGrad(true);
        Tensor wrong = Functional.binaryCrossEntropyWithLogits(z, Tensor.of(0.0, 1.0), null, null, Reduction.SUM);
        assertEquals(2000.0, wrong.item(), 0.0);
        wrong.backward();
        assertArrayEquals(new double[] {1.0, -1.0}, z.grad().toArray(), 0.0);
    }

    @Test
    void posWeightScalesThePositiveTerm() {
        Tensor x = Tensor.of(new double[][] {{0.3, -1.2}, {2.0, 0.1}});
        Tensor y = Tensor.of(new double[][] {{1.0, 0.0}, {0.5, 1.0}});
        Tensor pw = Tensor.of(3.0, 0.5);
        Tensor loss = BCEWithLogitsLoss.builder().posWeight(pw).reduction(Reduction.NONE).build().forward(x, y);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double s = 1 / (1 + Math.exp(-x.get(i, j)));
                double expected = -(pw.get(j) * y.get(i, j) * Math.log(s) + (1 - y.get(i, j)) * Math.log(1 - s));
                assertEquals(expected, loss.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void mseBroadcastsLikePyTorch() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor y = Tensor.of(1.0, 1.0);
        assertEquals((0 + 1 + 4 + 9) / 4.0, new MSELoss().forward(x, y).item(), 0.0);
        assertEquals(14.0, new MSELoss(Reduction.SUM).forward(x, y).item(), 0.0);
        assertArrayEquals(new int[] {2, 2}, new MSELoss(Reduction.NONE).forward(x, y).shape());
        assertTrue(Double.isNaN(new MSELoss().forward(Tensor.zeros(0), Tensor.zeros(0)).item()));
    }
}
