package jgrad.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import jgrad.DType;
import jgrad.data.TensorDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jgrad mnist-net}: PyTorch's {@code examples/mnist} (a two-convolution net, Adadelta,
 * StepLR) on the bundled Fashion-MNIST subset, with main.py's options and defaults. The
 * reference run in PyTorch is {@code examples/pytorch/mnist_net.py}.
 */
@Command(name = "mnist-net", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"PyTorch's examples/mnist, line for line: Conv2d(1, 32, 3), ReLU, Conv2d(32, 64, 3), ReLU, "
                + "max pool 2, dropout 0.25, Linear(9216, 128), ReLU, dropout 0.5, Linear(128, 10), log-softmax; "
                + "NLL loss, Adadelta, StepLR; on the bundled Fashion-MNIST subset (2000 train / 500 test), "
                + "normalised with MNIST's mean and std as main.py does.",
            "The same run in PyTorch: /usr/bin/python3 examples/pytorch/mnist_net.py (same options)."})
final class MnistNetCommand implements Callable<Integer> {
    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Training batch size.")
    int batchSize;
    @Option(names = "--test-batch-size", defaultValue = "1000", paramLabel = "N", description = "Test batch size.")
    int testBatchSize;
    @Option(names = "--epochs", defaultValue = "14", paramLabel = "N", description = "Epochs to train (0: test the "
            + "untrained net).")
    int epochs;
    @Option(names = "--lr", defaultValue = "1.0", paramLabel = "LR", description = "Adadelta's learning rate.")
    double lr;
    @Option(names = "--gamma", defaultValue = "0.7", paramLabel = "M", description = "StepLR's learning-rate factor "
            + "per epoch.")
    double gamma;
    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the weights and of dropout.")
    long seed;
    @Option(names = "--log-interval", defaultValue = "10", paramLabel = "N", description = "Batches between the "
            + "'Train Epoch' lines.")
    int logInterval;
    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "DTYPE", description = "float32 or float64: "
            + "the dtype of the model, the data and the loss (float32 is PyTorch's default).")
    String dtype;
    @Option(names = "--quiet", description = "Print only the final 'test accuracy:' line (and no log line about the "
            + "kernels).")
    boolean quiet;

    @Override
    public Integer call() {
        if (quiet) {
            KernelLog.quiet();
        }
        DType d = TrainOptions.dtype("mnist-net", dtype);
        MnistNetTraining.Config cfg = new MnistNetTraining.Config(epochs, batchSize, testBatchSize, lr, gamma, seed,
                logInterval, d, quiet);
        TensorDataset train = MnistNetTraining.normalize(BundledData.fashionTrain(false));
        TensorDataset test = MnistNetTraining.normalize(BundledData.fashionTest(false));
        PrintStream out = Main.out();
        if (!quiet) {
            out.printf(Locale.ROOT, "mnist-net: Fashion-MNIST subset, %d train / %d test; batch %d, Adadelta lr %s, "
                    + "StepLR gamma %s, seed %d, dtype %s%n", train.size(), test.size(), batchSize, lr, gamma, seed,
                    d.toString().toLowerCase(Locale.ROOT));
        }
        MnistNetTraining.Result r = MnistNetTraining.run(cfg, train, test, out);
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", r.epochs().get(r.epochs().size() - 1).accuracy());
        return 0;
    }
}
