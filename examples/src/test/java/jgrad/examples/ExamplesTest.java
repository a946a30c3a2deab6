package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The documents' loop, the cs231n classifier and the loss numbers give what they promise. */
class ExamplesTest {
    @Test
    void documentsLoopLearnsAndIsReproducible() {
        SeedLoop.Result a = SeedLoop.run(0, 100, false);
        SeedLoop.Result b = SeedLoop.run(0, 100, false);
        assertArrayEquals(a.losses(), b.losses(), "same seed, same numbers");
        assertEquals(100, a.losses().length);
        assertTrue(a.losses()[99] < a.losses()[0], "the loss goes down: " + a.losses()[0] + " -> " + a.losses()[99]);
        assertTrue(Double.isFinite(a.testLoss()));
        SeedLoop.Result longer = SeedLoop.run(0, 2000, false);
        assertEquals(1.0, longer.accuracy(), "with enough epochs the four points are separated");
    }

    @Test
    void cs231nHandGradientEqualsTheTapeAndWeightDecayEqualsL2() {
        SoftmaxClassifier.Result r = SoftmaxClassifier.run(0, 200, 100, false);
        assertTrue(r.maxGradDifference() < 1e-12, "hand-derived vs tape: " + r.maxGradDifference());
        assertTrue(r.maxUpdateDifference() < 1e-12, "weightDecay vs L2 term: " + r.maxUpdateDifference());
        assertTrue(r.lastLoss() < r.firstLoss(), r.firstLoss() + " -> " + r.lastLoss());
        // a linear classifier on the spiral: cs231n reports about 49% (chance is 33%)
        assertTrue(r.accuracy() > 0.45 && r.accuracy() < 0.65, "accuracy " + r.accuracy());
    }

    @Test
    void lossNumbersFromTheDocuments() {
        assertArrayEquals(new double[] {0.0321, 0.0871, 0.2369, 0.6439}, LossNumbers.softmax1234().toArray(), 5e-5);
        assertArrayEquals(new double[] {-Math.log(0.7), -Math.log(0.3), -Math.log(0.1)},
                LossNumbers.negLogs().toArray(), 1e-15);
        assertArrayEquals(new double[] {0.3567, 1.2040, 2.3026}, LossNumbers.negLogs().toArray(), 5e-5);
        assertArrayEquals(new double[] {0.1698, 0.8247}, LossNumbers.tfDense().toArray(), 5e-5);
        assertArrayEquals(new double[] {0.2975, 1.1448, 0}, LossNumbers.tfSparse().toArray(), 5e-5);
        double[] c = LossNumbers.composedVsFused();
        assertEquals(c[0], c[1], 1e-15, "LogSoftmax + NLLLoss == CrossEntropyLoss");
        double[] h = LossNumbers.hugeLogits();
        assertEquals(Double.NEGATIVE_INFINITY, h[0], "naive log(softmax) of logits +-1000");
        assertEquals(-2000.0, h[1], 0.0);
        assertEquals(2000.0, h[2], 0.0);
    }
}
