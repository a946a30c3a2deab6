package jgrad.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad attention}: a tiny character-level GPT ({@link Gpt}, {@link AttentionExample}) on the Dhammapada. */
@Command(name = "attention", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train a tiny character-level GPT (nanoGPT's model: token and position embeddings, causal "
                + "multi-head self-attention blocks, AdamW) on the bundled Dhammapada (Max Muller's translation, "
                + "public domain), print the train/val losses every --eval-interval steps and a sampled continuation."})
final class AttentionCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "500", description = "Training steps.")
    int steps;
    @Option(names = "--batch-size", defaultValue = "16", description = "Random windows per step.")
    int batchSize;
    @Option(names = "--block-size", defaultValue = "32", description = "Characters of context.")
    int blockSize;
    @Option(names = "--n-embd", defaultValue = "48", description = "Width of the residual stream.")
    int nEmbd;
    @Option(names = "--n-head", defaultValue = "2", description = "Attention heads (they split --n-embd).")
    int nHead;
    @Option(names = "--n-layer", defaultValue = "2", description = "Transformer blocks.")
    int nLayer;
    @Option(names = "--lr", defaultValue = "0.003", description = "AdamW's learning rate (constant).")
    double lr;
    @Option(names = "--weight-decay", defaultValue = "0.1", description = "AdamW's weight decay, on the 2-D weights "
            + "only (nanoGPT's split).")
    double weightDecay;
    @Option(names = "--eval-interval", defaultValue = "50", description = "Steps between two loss estimates.")
    int evalInterval;
    @Option(names = "--eval-iters", defaultValue = "10", description = "Batches per loss estimate.")
    int evalIters;
    @Option(names = "--sample", defaultValue = "200", paramLabel = "CHARS",
            description = "Characters to generate at the end, 0 for none.")
    int sample;
    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature (nanoGPT's sample.py "
            + "uses 0.8); 0 takes the most likely character each time (greedy).")
    double temperature;
    @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation and batches.")
    long seed;
    @Option(names = "--plot", paramLabel = "FILE", description = "Write the loss curves to this PNG. Default: "
            + "attention-curves.png; with --quiet only when --plot is given.")
    Path plot;
    @Option(names = "--dtype", defaultValue = "float32", paramLabel = "DTYPE",
            description = "float32 or float64: the dtype of the model and the loss.")
    String dtype;
    @Option(names = "--quiet", description = "Print only the final 'val loss:' line: no progress, no sample, no "
            + "plot unless --plot is given, and no log line about the kernels.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        String name = "attention";
        if (quiet) {
            KernelLog.quiet();
        }
        Main.atLeast(name, "--steps", steps, 0);
        Main.atLeast(name, "--batch-size", batchSize, 1);
        Main.atLeast(name, "--block-size", blockSize, 1);
        Main.atLeast(name, "--n-embd", nEmbd, 1);
        Main.atLeast(name, "--n-head", nHead, 1);
        Main.atLeast(name, "--n-layer", nLayer, 1);
        Main.atLeast(name, "--eval-interval", evalInterval, 1);
        Main.atLeast(name, "--eval-iters", evalIters, 1);
        Main.atLeast(name, "--sample", sample, 0);
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException(name + ": --n-embd (" + nEmbd + ") must be a multiple of --n-head ("
                    + nHead + ")");
        }
        finiteAtLeast0(name, "--lr", lr);
        finiteAtLeast0(name, "--weight-decay", weightDecay);
        finiteAtLeast0(name, "--temperature", temperature);
        Path png = plot != null ? plot : quiet ? null : Path.of("attention-curves.png");
        if (png != null) {
            PathChecks.writableFile(name, plot != null ? "--plot" : "the default plot", png);
        }
        var cfg = new AttentionExample.Config(steps, batchSize, blockSize, nEmbd, nHead, nLayer, lr, weightDecay,
                evalInterval, evalIters, sample, temperature, seed, TrainOptions.dtype(name, dtype), png, quiet);
        AttentionExample.run(name, BundledData.dhammapada(), cfg, Main.out());
        return 0;
    }

    private static void finiteAtLeast0(String command, String option, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(command + ": " + option + " must be a finite number >= 0, got " + value);
        }
    }
}
