package jgrad.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import jgrad.DType;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options of the training subcommands ({@code digits}, {@code fashion}, and {@code jgrad}
 * without a subcommand). Each command fills the defaults from its {@link Defaults} provider, so
 * {@code --help} shows them.
 */
final class TrainOptions {
    @Option(names = "--epochs", description = "Passes over the training data.")
    Integer epochs;
    @Option(names = "--batch-size", description = "Minibatch size.")
    Integer batchSize;
    @Option(names = "--lr", description = "Learning rate.")
    Double lr;
    @Option(names = "--momentum", description = "SGD momentum (ignored by adam).")
    Double momentum;
    @Option(names = "--optimizer", description = "sgd or adam.")
    String optimizer;
    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes, e.g. 128,64.")
    int[] hidden;
    @Option(names = "--seed", description = "Seed for initialisation, shuffling and the split.")
    Long seed;
    @Option(names = "--save", description = "Save the trained model (safetensors) to FILE, and the optimizer state "
            + "next to it (FILE.optim.safetensors); the paths are checked before training.", paramLabel = "FILE")
    Path save;
    @Option(names = "--load", description = "Start from a model saved with --save.", paramLabel = "FILE")
    Path load;
    @Option(names = "--plot", description = "Write the loss and accuracy curves to this PNG. Default: "
            + "<command>-curves.png (digits-curves.png, fashion-curves.png); with --quiet only when --plot is given.",
            paramLabel = "FILE")
    Path plot;
    @Option(names = "--dtype", paramLabel = "DTYPE", description = "float32 or float64: the dtype of the model's "
            + "parameters, the data and the loss. float32 is PyTorch's default; float64 gives the numbers of a "
            + "float64 PyTorch run.")
    String dtype;
    @Option(names = "--quiet", description = "Print only the final 'test accuracy:' line: no progress, no confusion "
            + "matrix, no plot unless --plot is given, and no log line about the kernels.")
    boolean quiet;

    /** The values {@code --dtype} takes, by name. */
    private static final Map<String, DType> DTYPES = Map.of("float32", DType.FLOAT32, "float64", DType.FLOAT64);

    /** The settings of one run; {@code defaultPlot} is written unless --quiet, --plot overrides it. */
    Trainer.Config config(Path defaultPlot) {
        Path p = plot != null ? plot : quiet ? null : defaultPlot;
        return new Trainer.Config(epochs, batchSize, lr, momentum, optimizer.toLowerCase(Locale.ROOT), hidden, seed,
                save, load, p, quiet, DTYPES.get(dtype.toLowerCase(Locale.ROOT)));
    }

    /** {@code --dtype}'s value as a DType; a value other than float32 or float64 is an error naming both. */
    static DType dtype(String command, String value) {
        DType d = DTYPES.get(value.toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException(command + ": --dtype must be float32 or float64, got " + value);
        }
        return d;
    }

    /** Rejects bad values and unusable paths before any work: the message names the option and the value. */
    void validate(String command, Path defaultPlot) {
        if (quiet) {
            KernelLog.quiet();
        }
        Main.atLeast(command, "--epochs", epochs, 0);
        Main.atLeast(command, "--batch-size", batchSize, 1);
        if (!(lr >= 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException(command + ": --lr must be a finite number >= 0, got " + lr);
        }
        if (!(momentum >= 0 && Double.isFinite(momentum))) {
            throw new IllegalArgumentException(command + ": --momentum must be a finite number >= 0, got " + momentum);
        }
        for (int h : hidden) {
            Main.atLeast(command, "--hidden", h, 1);
        }
        dtype(command, dtype);
        if (load != null) {
            PathChecks.readableFile(command, "--load", load);
        }
        if (save != null) {
            PathChecks.writableFile(command, "--save", save);
            PathChecks.writableFile(command, "--save", Trainer.optimizerFile(save));
        }
        Path p = config(defaultPlot).plot();
        if (p != null) {
            PathChecks.writableFile(command, plot != null ? "--plot" : "the default plot", p);
        }
    }

    /** The default values of one training command, by option name. */
    abstract static class Defaults implements IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults(Map<String, String> values) {
            this.values = values;
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            return arg instanceof OptionSpec o ? values.get(o.longestName()) : null;
        }
    }

    /** {@code digits} (and {@code jgrad} without a subcommand). */
    static final class DigitsDefaults extends Defaults {
        DigitsDefaults() {
            super(Map.of("--epochs", "30", "--batch-size", "32", "--lr", "0.05", "--momentum", "0.9",
                    "--optimizer", "sgd", "--hidden", "128", "--seed", "0", "--dtype", "float32"));
        }
    }

    /** {@code fashion}. */
    static final class FashionDefaults extends Defaults {
        FashionDefaults() {
            super(Map.of("--epochs", "10", "--batch-size", "64", "--lr", "0.001", "--momentum", "0.9",
                    "--optimizer", "adam", "--hidden", "256,128", "--seed", "0", "--dtype", "float32"));
        }
    }
}
