package jgrad.examples;

import static jgrad.nn.Functional.nllLoss;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.TensorDataset;
import jgrad.nn.Reduction;
import jgrad.optim.Adadelta;
import jgrad.optim.Optimizer;
import jgrad.optim.StepLR;

/**
 * The training script of PyTorch's {@code examples/mnist/main.py}, for {@link MnistNet}:
 * {@code train} (model.train(), zero_grad, forward, nll_loss, backward, step, a line every
 * {@code logInterval} batches), {@code test} (model.eval(), no grad, the summed loss and the
 * number correct) and the epochs with {@code Adadelta(lr)} and {@code StepLR(step_size=1,
 * gamma)}, printing the same lines as the reference script {@code examples/pytorch/mnist_net.py}.
 * The batches come in order, as main.py's on a CPU (it shuffles only with an accelerator).
 */
public final class MnistNetTraining {
    private MnistNetTraining() {}

    /**
     * The settings of a run: main.py's arguments.
     *
     * @param epochs passes over the training data, at least 0
     * @param batchSize the training batch size, at least 1
     * @param testBatchSize the test batch size, at least 1
     * @param lr Adadelta's learning rate
     * @param gamma StepLR's factor per epoch
     * @param seed the seed of the initial weights and of dropout
     * @param logInterval print the loss every this many batches (at least 1)
     * @param dtype FLOAT32 or FLOAT64: the model's, the data's and the loss's
     * @param quiet print nothing but the final {@code test accuracy:} line
     */
    public record Config(int epochs, int batchSize, int testBatchSize, double lr, double gamma, long seed,
            int logInterval, DType dtype, boolean quiet) {
        /**
         * Checks the settings; the message names the command-line option and the value.
         *
         * @param epochs passes over the training data, at least 0
         * @param batchSize the training batch size, at least 1
         * @param testBatchSize the test batch size, at least 1
         * @param lr Adadelta's learning rate, a finite number above 0
         * @param gamma StepLR's factor per epoch, a finite number above 0
         * @param seed the seed of the initial weights and of dropout
         * @param logInterval print the loss every this many batches, at least 1
         * @param dtype FLOAT32 or FLOAT64
         * @param quiet print nothing but the final {@code test accuracy:} line
         * @throws IllegalArgumentException for a count below its minimum, a learning rate or gamma
         *     that is not a finite number above 0, or a dtype other than FLOAT32 or FLOAT64
         */
        public Config {
            Main.atLeast("mnist-net", "--epochs", epochs, 0);
            Main.atLeast("mnist-net", "--batch-size", batchSize, 1);
            Main.atLeast("mnist-net", "--test-batch-size", testBatchSize, 1);
            Main.atLeast("mnist-net", "--log-interval", logInterval, 1);
            positive("--lr", lr);
            positive("--gamma", gamma);
            if (dtype == null || !dtype.isFloatingPoint()) {
                throw new IllegalArgumentException("mnist-net: --dtype must be float32 or float64, got " + dtype);
            }
        }

        private static void positive(String option, double value) {
            if (!(value > 0 && Double.isFinite(value))) {
                throw new IllegalArgumentException("mnist-net: " + option + " must be a finite number > 0, got "
                        + value);
            }
        }
    }

    /**
     * One epoch's numbers.
     *
     * @param epoch the epoch, from 1
     * @param testLoss the mean test loss after it
     * @param correct how many test images were classified right
     * @param total how many test images there are
     * @param trainSeconds the training pass's wall-clock time
     * @param testSeconds the test pass's wall-clock time
     */
    public record Epoch(int epoch, double testLoss, int correct, int total, double trainSeconds, double testSeconds) {
        /**
         * The test accuracy.
         *
         * @return correct / total
         */
        public double accuracy() {
            return correct / (double) Math.max(1, total);
        }
    }

    /**
     * What a run produced.
     *
     * @param trainLosses the loss of every training batch, in order
     * @param epochs each epoch's test numbers and times (with 0 epochs, the untrained model's as epoch 0)
     * @param model the trained model
     */
    public record Result(List<Double> trainLosses, List<Epoch> epochs, MnistNet model) {}

    /** The test pass's summed loss and number correct. */
    record Test(double loss, int correct) {}

    /**
     * Images {@code (N, 28, 28)} or {@code (N, 784)} scaled to [0, 1], normalised as main.py
     * normalises MNIST ({@code Normalize((0.1307,), (0.3081,))}) and shaped {@code (N, 1, 28, 28)}.
     *
     * @param data the data set as {@link BundledData} loads it
     * @return the same labels, the images normalised, in the data set's dtype
     */
    public static TensorDataset normalize(TensorDataset data) {
        Tensor x = data.inputs().sub(0.1307).div(0.3081).reshape(data.size(), 1, 28, 28);
        return new TensorDataset(x, data.targets());
    }

    /**
     * Trains and tests, epoch after epoch, in {@code cfg.dtype()} (the default dtype during the
     * run, restored afterwards); the data sets stay as they are and each batch is converted.
     *
     * @param cfg the settings
     * @param train normalised training images {@code (N, 1, 28, 28)} and INT64 labels
     * @param test normalised test images and labels
     * @param out where the lines go
     * @return the losses, each epoch's numbers and the model
     * @throws ArithmeticException if a loss is NaN or infinite (the run stops there)
     */
    public static Result run(Config cfg, TensorDataset train, TensorDataset test, PrintStream out) {
        DType previous = Tensor.getDefaultDtype();
        Tensor.setDefaultDtype(cfg.dtype());
        try {
            Tensor.manualSeed(cfg.seed());
            DataLoader trainLoader = DataLoader.builder(train).batchSize(cfg.batchSize()).build();
            DataLoader testLoader = DataLoader.builder(test).batchSize(cfg.testBatchSize()).build();

            MnistNet model = new MnistNet();
            Optimizer optimizer = new Adadelta(model.parameters(), cfg.lr());

            StepLR scheduler = new StepLR(optimizer, 1, cfg.gamma());
            List<Double> losses = new ArrayList<>();
            List<Epoch> epochs = new ArrayList<>();
            for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                train(cfg, model, trainLoader, optimizer, epoch, losses, out);
                long t1 = System.nanoTime();
                Test t = test(cfg, model, testLoader, out);
                long t2 = System.nanoTime();
                Epoch e = new Epoch(epoch, t.loss(), t.correct(), test.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                epochs.add(e);
                if (!cfg.quiet()) {
                    out.printf(Locale.ROOT, "epoch %d: test loss %.4f, accuracy %.4f, %.2f s (train %.2f s, "
                            + "test %.2f s)%n", epoch, e.testLoss(), e.accuracy(), e.trainSeconds() + e.testSeconds(),
                            e.trainSeconds(), e.testSeconds());
                }
                scheduler.step();
            }
            if (cfg.epochs() == 0) { // the untrained model's numbers, as epoch 0
                long t0 = System.nanoTime();
                Test t = test(cfg, model, testLoader, out);
                epochs.add(new Epoch(0, t.loss(), t.correct(), test.size(), 0, (System.nanoTime() - t0) / 1e9));
            }
            return new Result(losses, epochs, model);
        } finally {
            Tensor.setDefaultDtype(previous);
        }
    }

    static void train(Config cfg, MnistNet model, DataLoader trainLoader, Optimizer optimizer, int epoch,
            List<Double> losses, PrintStream out) {
        model.train();
        int batchIdx = 0;
        for (Batch b : trainLoader) {
            Tensor data = b.inputs().to(cfg.dtype());
            Tensor target = b.targets();
            optimizer.zeroGrad();
            Tensor output = model.forward(data);
            Tensor loss = nllLoss(output, target);
            loss.backward();
            optimizer.step();
            double l = loss.item();
            LossNotFinite.check("mnist-net", "epoch " + epoch + ", batch " + batchIdx, l, cfg.lr());
            losses.add(l);
            if (batchIdx % cfg.logInterval() == 0 && !cfg.quiet()) {
                out.printf(Locale.ROOT, "Train Epoch: %d [%d/%d (%s%%)]\tLoss: %.6f%n", epoch,
                        batchIdx * b.size(), trainLoader.dataset().size(),
                        percent(100.0 * batchIdx / trainLoader.numBatches()), l);
            }
            batchIdx++;
        }
    }

    static Test test(Config cfg, MnistNet model, DataLoader testLoader, PrintStream out) {
        model.eval();
        double testLoss = 0;
        int correct = 0;
        try (var s = Autograd.noGrad()) {
            for (Batch b : testLoader) {
                Tensor data = b.inputs().to(cfg.dtype());
                Tensor target = b.targets();
                Tensor output = model.forward(data);
                testLoss += nllLoss(output, target, null, -100, Reduction.SUM).item(); // sum up batch loss
                Tensor pred = output.argmax(1); // get the index of the max log-probability
                correct += (int) pred.eq(target).sum().item();
            }
        }
        int n = testLoader.dataset().size();
        testLoss /= n;
        LossNotFinite.check("mnist-net", "the test pass", testLoss, cfg.lr());
        if (!cfg.quiet()) {
            out.printf(Locale.ROOT, "%nTest set: Average loss: %.4f, Accuracy: %d/%d (%s%%)%n%n", testLoss, correct,
                    n, percent(100.0 * correct / n));
        }
        return new Test(testLoss, correct);
    }

    /** Python's {@code '{:.0f}'.format(x)}: halves round to even (62.5 -> 62), where %.0f rounds them up. */
    static String percent(double x) {
        return Long.toString((long) Math.rint(x));
    }
}
