package jgrad.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad makemore}: trains {@link Makemore}'s character MLP on the bundled words and samples new ones. */
@Command(name = "makemore", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Karpathy's makemore (part 3) on the bundled English words: a character-level MLP "
                + "(Embedding, Linear, BatchNorm1d, Tanh, Linear) reads 3 characters and predicts the next; "
                + "SGD on minibatches of 32, lr 0.1 then 0.01 for the last quarter of the steps.",
            "Prints the train and val loss (uniform guessing: ln 27 = 3.30), then samples new words."})
final class MakemoreCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "20000", description = "SGD steps (minibatches of 32).")
    int steps;
    @Option(names = "--seed", defaultValue = "0", description = "Seed for the split, initialisation, minibatches "
            + "and sampling.")
    long seed;
    @Option(names = "--samples", defaultValue = "20", description = "Words to sample after training.")
    int samples;
    @Option(names = "--n-embd", defaultValue = "10", description = "Size of a character's embedding.")
    int nEmbd;
    @Option(names = "--n-hidden", defaultValue = "200", description = "Width of the hidden layer.")
    int nHidden;
    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "DTYPE",
            description = "float32 or float64: the dtype of the model's parameters and the loss.")
    String dtype;
    @Option(names = "--quiet", description = "Print only the train and val loss and the samples: no progress and "
            + "no log line about the kernels.")
    boolean quiet;

    @Override
    public Integer call() {
        Main.atLeast("makemore", "--steps", steps, 1);
        Main.atLeast("makemore", "--samples", samples, 0);
        Main.atLeast("makemore", "--n-embd", nEmbd, 1);
        Main.atLeast("makemore", "--n-hidden", nHidden, 1);
        var d = TrainOptions.dtype("makemore", dtype);
        if (quiet) {
            KernelLog.quiet();
        }
        Makemore.run(new Makemore.Config(steps, seed, samples, nEmbd, nHidden, d), Main.out(), quiet);
        return 0;
    }
}
