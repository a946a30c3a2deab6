package jgrad.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.concurrent.Callable;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import jgrad.autograd.GradCheckException;
import jgrad.autograd.Graphviz;
import jgrad.data.IdxReader;
import jgrad.data.Split;
import jgrad.data.Standardizer;
import jgrad.data.TensorDataset;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Linear;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code jgrad} command line: {@code digits} (the default), {@code fashion}, {@code seed},
 * {@code softmax}, {@code losses}, {@code gradcheck}, {@code graph}, {@code makemore},
 * {@code attention} and {@code mnist-net}. {@code --help} on each.
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, version = "jgrad 0.1.0", showDefaultValues = true,
        defaultValueProvider = TrainOptions.DigitsDefaults.class,
        description = {"Train small models with jgrad. Without a subcommand, runs 'digits' with these options.",
            "Options before a subcommand apply to it if it has them (jgrad --epochs 5 fashion = jgrad fashion "
                    + "--epochs 5); one it does not have is an error."},
        footer = {"", "Faster products and exp: run Java with the JDK's Vector API module, e.g.",
            "  JDK_JAVA_OPTIONS=\"--add-modules jdk.incubator.vector\" java -jar jgrad.jar",
            "The JVM then prints 'WARNING: Using incubator modules: jdk.incubator.vector' (the API",
            "may still change between JDKs; the results do not). -Djgrad.simd=off keeps the plain",
            "kernels. jgrad logs one INFO line saying which kernels run (not with --quiet).",
            "", "Training runs in float32 (PyTorch's default); --dtype float64 gives the numbers of a float64",
            "PyTorch run."},
        subcommands = {Main.Digits.class, Main.Fashion.class, Main.Seed.class, Main.Softmax.class,
                Main.Losses.class, Main.GradCheckDemo.class, Main.Graph.class, MakemoreCommand.class,
                AttentionCommand.class, MnistNetCommand.class})
public final class Main implements Callable<Integer> {
    @Mixin
    TrainOptions options = new TrainOptions();

    /**
     * Runs the CLI; exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /**
     * Runs the CLI printing to {@code out}; returns the exit status (for tests).
     *
     * @param out where to print
     * @param args the command-line arguments
     * @return the exit status: 0 on success, non-zero on failure (2 for bad arguments and I/O errors)
     */
    public static int run(PrintStream out, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setExecutionStrategy(LeadingOptions::execute);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof LossNotFinite) {
                cmd.getErr().println("jgrad: " + e.getMessage());
                return 1;
            }
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("jgrad: " + e.getMessage());
                return 2;
            }
            if (e instanceof java.io.IOException io) {
                cmd.getErr().println("jgrad: " + cmd.getCommandName() + ": " + PathChecks.describe(io));
                return 2;
            }
            throw e;
        });
        OUT.set(out);
        try {
            return cl.execute(args);
        } finally {
            OUT.remove();
        }
    }

    private static final ThreadLocal<PrintStream> OUT = new ThreadLocal<>();

    /** A bad option value is an IllegalArgumentException (exit 2) naming the command, option and value. */
    static void atLeast(String command, String option, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(command + ": " + option + " must be >= " + min + ", got " + value);
        }
    }

    /** Runs an example that prints to System.out with System.out pointed at {@link #out()}. */
    static void printingToOut(Runnable example) {
        PrintStream old = System.out;
        System.setOut(out());
        try {
            example.run();
        } finally {
            System.setOut(old);
        }
    }

    static PrintStream out() {
        PrintStream p = OUT.get();
        return p == null ? System.out : p;
    }

    @Override
    public Integer call() throws Exception {
        return new Digits().withOptions(options).call();
    }

    /** Trains an MLP on the bundled UCI digits (8x8 images). */
    @Command(name = "digits", mixinStandardHelpOptions = true, showDefaultValues = true,
            defaultValueProvider = TrainOptions.DigitsDefaults.class,
            description = "Train a 64-128-10 MLP on the bundled 8x8 digits (1797 images, 20%% held out).")
    static final class Digits implements Callable<Integer> {
        @Mixin
        TrainOptions options = new TrainOptions();

        Digits withOptions(TrainOptions o) {
            options = o;
            return this;
        }

        @Override
        public Integer call() throws Exception {
            Path defaultPlot = Path.of("digits-curves.png");
            options.validate("digits", defaultPlot);
            Trainer.Config cfg = options.config(defaultPlot);
            TensorDataset all = BundledData.digits();
            Split<TensorDataset> split = Split.trainTest(all, 0.2, cfg.seed());
            Standardizer std = Standardizer.fit(split.train().inputs());
            TensorDataset train = std.transform(split.train());
            TensorDataset test = std.transform(split.test());
            Trainer.run("digits", train, test, 10, cfg, out());
            return 0;
        }
    }

    /** Trains on Fashion-MNIST IDX files. */
    @Command(name = "fashion", mixinStandardHelpOptions = true, showDefaultValues = true,
            defaultValueProvider = TrainOptions.FashionDefaults.class,
            description = "Train an MLP on Fashion-MNIST: the bundled 2000/500 subset, or the full set with --data.")
    static final class Fashion implements Callable<Integer> {
        @Mixin
        TrainOptions options = new TrainOptions();
        @Option(names = "--data", paramLabel = "DIR", description = "Directory with train-images-idx3-ubyte(.gz), "
                + "train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz).")
        Path data;

        @Override
        public Integer call() throws Exception {
            Path defaultPlot = Path.of("fashion-curves.png");
            options.validate("fashion", defaultPlot);
            if (data != null) {
                PathChecks.directory("fashion", "--data", data);
            }
            Trainer.Config cfg = options.config(defaultPlot);
            TensorDataset train;
            TensorDataset test;
            if (data == null) {
                train = BundledData.fashionTrain();
                test = BundledData.fashionTest();
            } else {
                IdxReader reader = IdxReader.builder().flatten(true).scale(true).numClasses(10).build();
                train = reader.read(find(data, "train-images-idx3-ubyte"), find(data, "train-labels-idx1-ubyte"));
                test = reader.read(find(data, "t10k-images-idx3-ubyte"), find(data, "t10k-labels-idx1-ubyte"));
            }
            Trainer.run("fashion", train, test, 10, cfg, out());
            return 0;
        }

        private static Path find(Path dir, String base) {
            for (String name : List.of(base, base + ".gz")) {
                Path p = dir.resolve(name);
                if (Files.exists(p)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("fashion: " + dir + " has neither " + base + " nor " + base + ".gz");
        }
    }

    /** The documents' loop. */
    @Command(name = "seed", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "The documents' loop: 4 points, Linear(2,10)-ReLU-Linear(10,2), CrossEntropyLoss, SGD(0.01).")
    static final class Seed implements Callable<Integer> {
        @Option(names = "--epochs", defaultValue = "100", description = "Epochs.")
        int epochs;
        @Option(names = "--seed", defaultValue = "0", description = "Seed.")
        long seed;

        @Override
        public Integer call() {
            atLeast("seed", "--epochs", epochs, 0);
            printingToOut(() -> SeedLoop.run(seed, epochs, true));
            return 0;
        }
    }

    /** The cs231n softmax classifier. */
    @Command(name = "softmax", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "cs231n's softmax classifier on a spiral, checking the hand-derived gradient.")
    static final class Softmax implements Callable<Integer> {
        @Option(names = "--iterations", defaultValue = "200", description = "SGD steps.")
        int iterations;
        @Option(names = "--batch-size", defaultValue = "100", description = "Minibatch.")
        int batchSize;
        @Option(names = "--seed", defaultValue = "0", description = "Seed.")
        long seed;

        @Override
        public Integer call() {
            atLeast("softmax", "--iterations", iterations, 1);
            atLeast("softmax", "--batch-size", batchSize, 1);
            printingToOut(() -> SoftmaxClassifier.run(seed, iterations, batchSize, true));
            return 0;
        }
    }

    /** The loss numbers of the documents. */
    @Command(name = "losses", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Softmax, -log p, TensorFlow's dense/sparse examples and logits of 1000, in jgrad.")
    static final class Losses implements Callable<Integer> {
        @Override
        public Integer call() {
            printingToOut(LossNumbers::print);
            return 0;
        }
    }

    /** gradcheck on a custom op, right and wrong. */
    @Command(name = "gradcheck", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "gradcheck a custom Function (a softplus), then one with a deliberately wrong backward.")
    static final class GradCheckDemo implements Callable<Integer> {
        @Override
        public Integer call() {
            PrintStream o = out();
            Tensor x = Tensor.randn(new java.util.SplittableRandom(1), 3, 2).requiresGrad(true);
            o.println("softplus with the right backward: gradcheck = "
                    + GradCheck.gradcheck(in -> new CustomOps.Softplus().apply(in[0]), x)
                    + ", gradgradcheck = " + GradCheck.gradgradcheck(in -> new CustomOps.Softplus().apply(in[0]), x));
            try {
                GradCheck.gradcheck(in -> new CustomOps.WrongSoftplus().apply(in[0]), x);
                o.println("the wrong backward passed: this should not happen");
                return 1;
            } catch (GradCheckException e) {
                o.println("softplus with a wrong backward:");
                o.println(e.getMessage());
            }
            return 0;
        }
    }

    /** Draws one training step's graph. */
    @Command(name = "graph", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Write the graph of one training step of the documents' model as DOT (and SVG/PNG with "
                    + "Graphviz's dot installed).")
    static final class Graph implements Callable<Integer> {
        @Option(names = {"-o", "--output"}, defaultValue = "graph.dot", paramLabel = "FILE",
                description = "A .dot, .svg or .png file.")
        Path output;

        @Override
        public Integer call() throws Exception {
            PathChecks.writableFile("graph", "--output", output);
            PrintStream o = out();
            Tensor.manualSeed(0);
            var X = Tensor.of(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}});
            var y = Tensor.of(0, 0, 1, 1);
            var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
            var loss = new CrossEntropyLoss().forward(model.forward(X), y);
            loss.backward(null, true);
            o.println("the tape of one step:");
            jgrad.autograd.Autograd.tape(loss).forEach(l -> o.println("  " + l));
            boolean written = Graphviz.write(loss, output);
            o.println(written ? "wrote " + output : "Graphviz's dot is not installed: wrote only the .dot beside "
                    + output);
            return 0;
        }
    }

}
