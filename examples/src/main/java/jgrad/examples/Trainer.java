package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.data.Batch;
import jgrad.data.DataLoader;
import jgrad.data.TensorDataset;
import jgrad.io.SafeTensors;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Sequential;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.SGD;
import me.tongfei.progressbar.ProgressBar;

/**
 * The examples' training loop for classification data: an MLP, cross-entropy, SGD (with
 * momentum) or Adam, a progress bar during each epoch when standard error is a terminal
 * ({@link Progress}), a line per epoch, and at the end a PNG of the curves, a confusion matrix
 * and {@code test accuracy: 0.9712}. It stops at the first loss that is NaN or infinite.
 */
public final class Trainer {
    /** Settings; the CLI's options. */
    public record Config(int epochs, int batchSize, double lr, double momentum, String optimizer, int[] hidden,
            long seed, Path save, Path load, Path plot, boolean quiet, DType dtype) {
        /**
         * Checks the settings, naming the bad one.
         *
         * @param epochs the number of passes over the training data, at least 0
         * @param batchSize the minibatch size, at least 1
         * @param lr the learning rate, greater than 0
         * @param momentum SGD's momentum (not used by Adam)
         * @param optimizer {@code "sgd"} or {@code "adam"}
         * @param hidden the sizes of the hidden layers
         * @param seed the seed of the initialisation and of the shuffling
         * @param save where to save the trained model (the optimizer state goes next to it), or null
         * @param load a saved model to start from (with its optimizer state, if that file exists), or null
         * @param plot where to write the PNG of the curves, or null
         * @param quiet print only the final test accuracy (no progress, no confusion matrix)
         * @param dtype the dtype of the model, the data and the loss: FLOAT32 or FLOAT64
         */
        public Config {
            if (epochs < 0) {
                throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("--lr must be > 0, got " + lr);
            }
            if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
                throw new IllegalArgumentException("--optimizer must be sgd or adam, got " + optimizer);
            }
            if (dtype == null || !dtype.isFloatingPoint()) {
                throw new IllegalArgumentException("--dtype must be float32 or float64, got " + dtype);
            }
        }

        /**
         * Settings with the FLOAT64 model of the versions before {@code --dtype}.
         *
         * @param epochs the number of passes over the training data, at least 0
         * @param batchSize the minibatch size, at least 1
         * @param lr the learning rate, greater than 0
         * @param momentum SGD's momentum (not used by Adam)
         * @param optimizer {@code "sgd"} or {@code "adam"}
         * @param hidden the sizes of the hidden layers
         * @param seed the seed of the initialisation and of the shuffling
         * @param save where to save the trained model (the optimizer state goes next to it), or null
         * @param load a saved model to start from (with its optimizer state, if that file exists), or null
         * @param plot where to write the PNG of the curves, or null
         * @param quiet print only the final test accuracy (no progress, no confusion matrix)
         */
        public Config(int epochs, int batchSize, double lr, double momentum, String optimizer, int[] hidden,
                long seed, Path save, Path load, Path plot, boolean quiet) {
            this(epochs, batchSize, lr, momentum, optimizer, hidden, seed, save, load, plot, quiet, DType.FLOAT64);
        }
    }

    /** What a run produced, epoch by epoch. */
    public record Result(List<Double> trainLoss, List<Double> testLoss, List<Double> testAccuracy,
            int[][] confusion, Sequential model) {
        /**
         * The last epoch's test accuracy (or the loaded model's, with 0 epochs).
         *
         * @return the last entry of {@link #testAccuracy()}
         */
        public double finalAccuracy() {
            return testAccuracy.get(testAccuracy.size() - 1);
        }
    }

    private Trainer() {}

    /**
     * Trains and evaluates in {@code cfg.dtype()}: the model is built with it as the default
     * dtype ({@link Tensor#setDefaultDtype}, restored afterwards), and each batch of inputs and
     * the test inputs are converted to it, so the loss has it too.
     *
     * @param name the data set's name, for messages and file names
     * @param train training data: floating (N, F) inputs, INT64 (N) labels
     * @param test test data, same layout
     * @param classes number of classes
     * @param cfg settings
     * @param out where to print (the progress bar goes to stderr, and only when it is a terminal)
     * @return the curves, the confusion matrix and the model
     * @throws IOException if loading or saving fails
     * @throws ArithmeticException if a training or test loss is NaN or infinite: the run stops there,
     *     before saving or plotting, and the message names the epoch and the step
     */
    public static Result run(String name, TensorDataset train, TensorDataset test, int classes, Config cfg,
            PrintStream out) throws IOException {
        DType previous = Tensor.getDefaultDtype();
        Tensor.setDefaultDtype(cfg.dtype());
        try {
            return train(name, train, test, classes, cfg, out);
        } finally {
            Tensor.setDefaultDtype(previous);
        }
    }

    private static Result train(String name, TensorDataset train, TensorDataset test, int classes, Config cfg,
            PrintStream out) throws IOException {
        int features = train.inputs().size(1);
        Tensor.manualSeed(cfg.seed());
        Sequential model = Mlp.of(features, cfg.hidden(), classes);
        Optimizer optimizer = cfg.optimizer().equals("adam")
                ? Adam.builder(model.parameters()).lr(cfg.lr()).build()
                : SGD.builder(model.parameters()).lr(cfg.lr()).momentum(cfg.momentum()).build();
        if (cfg.load() != null) {
            model.loadStateDict(SafeTensors.load(cfg.load()));
            Path optState = optimizerFile(cfg.load());
            if (Files.exists(optState)) {
                optimizer.loadStateDict(SafeTensors.load(optState));
            }
            if (!cfg.quiet()) {
                out.println("loaded " + cfg.load());
            }
        }
        if (!cfg.quiet()) {
            out.printf(Locale.ROOT, "%s: %d train / %d test samples, %d features, %d classes; model %s (%d parameters),"
                    + " %s lr %s, batch %d, seed %d, dtype %s%n", name, train.size(), test.size(), features, classes,
                    Mlp.describe(features, cfg.hidden(), classes), Mlp.size(model), cfg.optimizer(), cfg.lr(),
                    cfg.batchSize(), cfg.seed(), cfg.dtype().toString().toLowerCase(Locale.ROOT));
        }
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        DataLoader loader = DataLoader.builder(train).batchSize(cfg.batchSize()).shuffle(true).seed(cfg.seed()).build();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> testLoss = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        boolean bars = !cfg.quiet() && Progress.interactive();
        int width = bars ? Progress.terminalWidth() : 0;
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            long t0 = System.nanoTime();
            model.train();
            double sum = 0;
            int seen = 0;
            int step = 0;
            try (ProgressBar bar = bars ? Progress.bar(name, epoch, cfg.epochs(), train.size(), width) : null) {
                for (Batch b : loader) {
                    step++;
                    optimizer.zeroGrad();
                    // The data set stays as loaded; only the batch is converted (its rows are copied anyway).
                    Tensor loss = criterion.forward(model.forward(b.inputs().to(cfg.dtype())), b.targets());
                    double l = loss.item();
                    LossNotFinite.check(name, "epoch " + epoch + ", step " + step, l, cfg.lr());
                    loss.backward();
                    optimizer.step();
                    int n = b.size();
                    sum += l * n;
                    seen += n;
                    if (bar != null) {
                        bar.stepBy(n);
                        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %s", sum / seen,
                                rate(seen, System.nanoTime() - t0)));
                    }
                }
            }
            String trainRate = rate(seen, System.nanoTime() - t0);
            Evaluation ev = evaluate(model, test, classes, cfg.dtype());
            LossNotFinite.check(name, "the test pass after epoch " + epoch, ev.loss, cfg.lr());
            double secs = (System.nanoTime() - t0) / 1e9;
            trainLoss.add(sum / Math.max(seen, 1));
            testLoss.add(ev.loss);
            testAcc.add(ev.accuracy);
            if (!cfg.quiet()) {
                out.printf(Locale.ROOT, "epoch %2d/%d  train loss %.4f  test loss %.4f  test accuracy %.4f  %.2fs"
                        + " (training %s)%n", epoch, cfg.epochs(), sum / Math.max(seen, 1), ev.loss, ev.accuracy,
                        secs, trainRate);
            }
        }
        Evaluation last = evaluate(model, test, classes, cfg.dtype());
        if (testAcc.isEmpty()) {
            testLoss.add(last.loss);
            testAcc.add(last.accuracy);
        }
        if (cfg.save() != null) {
            SafeTensors.save(model.stateDict(), cfg.save());
            SafeTensors.save(optimizer.stateDict(), optimizerFile(cfg.save()));
            if (!cfg.quiet()) {
                out.println("saved " + cfg.save() + " (and the optimizer state to " + optimizerFile(cfg.save()) + ")");
            }
        }
        if (cfg.plot() != null && !trainLoss.isEmpty()) {
            Plot.curves(name, trainLoss, testLoss, testAcc, cfg.plot());
            if (!cfg.quiet()) {
                out.println("plot of the curves: " + cfg.plot());
            }
        }
        if (!cfg.quiet()) {
            out.println("confusion matrix (rows: true class, columns: predicted):");
            out.print(formatConfusion(last.confusion));
        }
        out.printf(Locale.ROOT, "test accuracy: %.4f%n", last.accuracy);
        return new Result(trainLoss, testLoss, testAcc, last.confusion, model);
    }

    /** Where the optimizer state of a saved model goes: {@code model.safetensors -> model.optim.safetensors}. */
    static Path optimizerFile(Path model) {
        String n = model.getFileName().toString();
        String base = n.endsWith(".safetensors") ? n.substring(0, n.length() - ".safetensors".length()) : n;
        return model.resolveSibling(base + ".optim.safetensors");
    }

    /** Samples per second over {@code nanos}, e.g. {@code "10342 samples/s"}. */
    static String rate(int samples, long nanos) {
        return String.format(Locale.ROOT, "%.0f samples/s", samples / Math.max(nanos / 1e9, 1e-9));
    }

    private record Evaluation(double loss, double accuracy, int[][] confusion) {}

    private static Evaluation evaluate(Sequential model, TensorDataset test, int classes, DType dtype) {
        model.eval();
        try (var s = Autograd.noGrad()) {
            Tensor logits = model.forward(test.inputs().to(dtype));
            double loss = new CrossEntropyLoss().forward(logits, test.targets()).item();
            int[] pred = logits.argmax(1).toIntArray();
            int[] labels = test.targets().toIntArray();
            int[][] confusion = new int[classes][classes];
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                confusion[labels[i]][pred[i]]++;
                correct += labels[i] == pred[i] ? 1 : 0;
            }
            return new Evaluation(loss, correct / (double) Math.max(1, labels.length), confusion);
        }
    }

    /** The confusion matrix as right-aligned text. */
    static String formatConfusion(int[][] m) {
        StringBuilder sb = new StringBuilder("      ");
        for (int j = 0; j < m.length; j++) {
            sb.append(String.format(Locale.ROOT, "%5d", j));
        }
        sb.append('\n');
        for (int i = 0; i < m.length; i++) {
            sb.append(String.format(Locale.ROOT, "%5d ", i));
            for (int j = 0; j < m.length; j++) {
                sb.append(String.format(Locale.ROOT, "%5d", m[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

}
