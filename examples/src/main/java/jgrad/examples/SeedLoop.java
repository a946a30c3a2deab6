package jgrad.examples;

import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Linear;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import jgrad.optim.SGD;

/**
 * The documents' training loop, line for line as in PyTorch: four points, a 2-10-2 MLP,
 * cross-entropy and SGD(lr=0.01) for 100 epochs, then a test pass with loss and accuracy.
 */
public final class SeedLoop {
    /** What one run produced. */
    public record Result(double[] losses, double testLoss, double accuracy, Sequential model) {}

    private SeedLoop() {}

    /**
     * Runs the loop.
     *
     * @param seed the default generator's seed (it initialises the Linear layers)
     * @param epochs how many epochs (the documents use 100)
     * @param print print the loss every 10 epochs and the test line
     * @return the losses, test loss and accuracy
     * @throws ArithmeticException at the first loss that is NaN or infinite, naming the epoch
     */
    public static Result run(long seed, int epochs, boolean print) {
        Tensor.manualSeed(seed);
        var X = Tensor.of(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}});
        var y = Tensor.of(0, 0, 1, 1);
        var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
        var criterion = new CrossEntropyLoss();
        var optimizer = new SGD(model.parameters(), 0.01);
        double[] losses = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            optimizer.zeroGrad();
            var loss = criterion.forward(model.forward(X), y);
            LossNotFinite.check("seed", "epoch " + (epoch + 1) + ", step 1", loss.item(), 0.01);
            loss.backward();
            optimizer.step();
            losses[epoch] = loss.item();
            if (print && (epoch + 1) % 10 == 0) {
                System.out.printf("epoch %3d  loss %.4f%n", epoch + 1, loss.item());
            }
        }
        double testLoss;
        double accuracy;
        model.eval();
        try (var s = Autograd.noGrad()) {
            var out = model.forward(X);
            testLoss = criterion.forward(out, y).item();
            var predicted = out.argmax(1).toIntArray();
            int correct = 0;
            int[] labels = y.toIntArray();
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
            accuracy = correct / (double) labels.length;
        }
        if (print) {
            System.out.printf("test loss: %.4f%n", testLoss);
            System.out.printf("test accuracy: %.4f%n", accuracy);
        }
        return new Result(losses, testLoss, accuracy, model);
    }
}
