package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/** The training loop from API.md, with a hand-written SGD step (jgrad.optim lives in another module). */
class TrainingLoopTest {
    private static double train(long seed, int epochs, double lr, Sequential[] out) {
        Tensor.manualSeed(seed);
        var X = Tensor.of(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}});
        var y = Tensor.of(0, 0, 1, 1);
        var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
        var criterion = new CrossEntropyLoss();
        List<Tensor> params = model.parameters();
        double last = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.zeroGrad();
            var loss = criterion.forward(model.forward(X), y);
            loss.backward();
            try (var s = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.subInPlace(p.grad().mul(lr));
                }
            }
            last = loss.item();
        }
        out[0] = model;
        return last;
    }

    @Test
    void theApiTrainingLoopLearnsAndIsReproducible() {
        Sequential[] m = new Sequential[1];
        double first = train(0, 1, 0.1, m);
        double trained = train(0, 300, 0.1, m);
        assertTrue(trained < first && trained < 0.2, "loss " + first + " -> " + trained);
        Tensor pred = m[0].forward(Tensor.of(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}})).argmax(1);
        assertArrayEquals(new int[] {0, 0, 1, 1}, pred.toIntArray());
        Sequential[] again = new Sequential[1];
        double repeat = train(0, 300, 0.1, again);
        assertTrue(trained == repeat, trained + " vs " + repeat);
    }
}
