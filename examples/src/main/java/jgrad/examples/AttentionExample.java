package jgrad.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.IntStream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.nn.Utils;
import jgrad.optim.AdamW;
import jgrad.optim.Optimizer;

/**
 * nanoGPT's {@code train.py} for a character-level {@link Gpt} (as its {@code shakespeare_char}
 * config, scaled down): the vocabulary is the text's characters, the first 90% of the text trains
 * and the last 10% validates, each step takes {@code batchSize} random windows of
 * {@code blockSize + 1} characters, AdamW with nanoGPT's split (weight decay on the 2-D weights,
 * none on biases and LayerNorm) and its betas (0.9, 0.99), gradients clipped to norm 1; the
 * learning rate is constant (nanoGPT's warm-up and cosine decay are left out). Every
 * {@code evalInterval} steps (and after the last) it estimates both losses on {@code evalIters}
 * batches each; at the end it writes the PNG of the curves and prints a sampled continuation (as
 * nanoGPT's {@code sample.py}, with a temperature). One seed fixes the initialisation, every batch
 * and the sample.
 */
final class AttentionExample {
    /**
     * Settings; the CLI's options.
     *
     * @param steps training steps
     * @param batchSize windows per step
     * @param blockSize characters of context
     * @param nEmbd the model's width
     * @param nHead attention heads
     * @param nLayer blocks
     * @param lr AdamW's learning rate
     * @param weightDecay AdamW's weight decay on the 2-D weights
     * @param evalInterval steps between two loss estimates
     * @param evalIters batches per loss estimate
     * @param sampleLength characters generated at the end (0 for none)
     * @param temperature the sampling temperature (0 for greedy)
     * @param seed the seed of the initialisation and the batches
     * @param dtype FLOAT32 or FLOAT64
     * @param plot where to write the PNG, or null
     * @param quiet print only the last line
     */
    record Config(int steps, int batchSize, int blockSize, int nEmbd, int nHead, int nLayer, double lr,
            double weightDecay, int evalInterval, int evalIters, int sampleLength, double temperature, long seed,
            DType dtype, Path plot, boolean quiet) {}

    /**
     * What a run produced.
     *
     * @param evalSteps the steps at which the losses were estimated
     * @param trainLoss the estimated training loss at each of them
     * @param valLoss the estimated validation loss at each of them
     * @param sample the generated text (empty for a sample length of 0)
     * @param vocabSize the number of distinct characters
     */
    record Result(List<Integer> evalSteps, List<Double> trainLoss, List<Double> valLoss, String sample,
            int vocabSize) {}

    /** The characters of a text, sorted, and the two directions of nanoGPT's {@code stoi}/{@code itos}. */
    record Vocabulary(String chars) {
        static Vocabulary of(String text) {
            StringBuilder sb = new StringBuilder();
            new TreeSet<>(text.chars().boxed().toList()).forEach(sb::appendCodePoint);
            return new Vocabulary(sb.toString());
        }

        int size() {
            return chars.length();
        }

        /** The text as a 1-D INT64 tensor of character indices. */
        Tensor encode(String s) {
            return Tensor.of(s.chars().map(chars::indexOf).toArray());
        }

        String decode(int[] ids) {
            StringBuilder sb = new StringBuilder();
            for (int i : ids) {
                sb.append(chars.charAt(i));
            }
            return sb.toString();
        }
    }

    private AttentionExample() {}

    /**
     * Trains on {@code text} in {@code cfg.dtype()} (the default dtype during the run, restored after).
     *
     * @param name the command's name, for messages
     * @param text the training text: its last 10% longer than {@code blockSize}, and with a newline (the
     *     sample starts after one)
     * @param cfg the settings
     * @param out where to print
     * @return the curves and the sample
     * @throws IOException if the PNG cannot be written
     */
    static Result run(String name, String text, Config cfg, PrintStream out) throws IOException {
        DType previous = Tensor.getDefaultDtype();
        Tensor.setDefaultDtype(cfg.dtype());
        try {
            return train(name, text, cfg, out);
        } finally {
            Tensor.setDefaultDtype(previous);
        }
    }

    private static Result train(String name, String text, Config cfg, PrintStream out) throws IOException {
        Vocabulary vocab = Vocabulary.of(text);
        Tensor data = vocab.encode(text);
        int n = (int) (0.9 * data.numel()); // first 90% trains, the rest validates
        Tensor trainData = data.narrow(0, 0, n);
        Tensor valData = data.narrow(0, n, data.numel() - n);
        if (valData.numel() <= cfg.blockSize()) {
            throw new IllegalArgumentException(name + ": --block-size " + cfg.blockSize() + " is too long for the "
                    + valData.numel() + " validation characters");
        }
        Tensor.manualSeed(cfg.seed());
        Gpt model = new Gpt(new Gpt.Config(cfg.blockSize(), vocab.size(), cfg.nLayer(), cfg.nHead(), cfg.nEmbd()));
        Optimizer optimizer = configureOptimizers(model, cfg.lr(), cfg.weightDecay());
        if (!cfg.quiet()) {
            out.printf(Locale.ROOT, "%s: %d characters (%d train / %d val), vocabulary %d; GPT n_layer %d, n_head %d,"
                    + " n_embd %d, block %d (%d parameters); AdamW lr %s, weight decay %s, batch %d, seed %d, dtype %s;"
                    + " ln(vocabulary) = %.4f%n", name, data.numel(), n, data.numel() - n, vocab.size(), cfg.nLayer(),
                    cfg.nHead(), cfg.nEmbd(), cfg.blockSize(), model.numParameters(), cfg.lr(), cfg.weightDecay(),
                    cfg.batchSize(), cfg.seed(), cfg.dtype().toString().toLowerCase(Locale.ROOT),
                    Math.log(vocab.size()));
        }
        List<Integer> evalSteps = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int step = 0; step <= cfg.steps(); step++) {
            if (step % cfg.evalInterval() == 0 || step == cfg.steps()) {
                double tr = estimateLoss(model, trainData, cfg);
                double va = estimateLoss(model, valData, cfg);
                LossNotFinite.check(name, "the estimate at step " + step, tr + va, cfg.lr());
                evalSteps.add(step);
                trainLoss.add(tr);
                valLoss.add(va);
                if (!cfg.quiet()) {
                    out.printf(Locale.ROOT, "step %d: train loss %.4f, val loss %.4f (%.1fs)%n", step, tr, va,
                            (System.nanoTime() - t0) / 1e9);
                }
            }
            if (step == cfg.steps()) {
                break;
            }
            Tensor[] xy = getBatch(trainData, cfg.batchSize(), cfg.blockSize());
            Tensor loss = Gpt.loss(model.forward(xy[0]), xy[1]);
            LossNotFinite.check(name, "step " + step, loss.item(), cfg.lr());
            optimizer.zeroGrad();
            loss.backward();
            Utils.clipGradNorm(model.parameters(), 1.0);
            optimizer.step();
        }
        if (cfg.plot() != null) {
            Plot.losses(name + ": character-level GPT on the Dhammapada", evalSteps, trainLoss, valLoss, cfg.plot());
            if (!cfg.quiet()) {
                out.println("plot of the losses: " + cfg.plot());
            }
        }
        String sample = "";
        if (cfg.sampleLength() > 0) {
            sample = generate(model, vocab, cfg.sampleLength(), cfg.temperature());
            if (!cfg.quiet()) {
                out.printf(Locale.ROOT, "%d characters sampled after a newline (temperature %s):%n", cfg.sampleLength(),
                        cfg.temperature());
                out.println(sample);
            }
        }
        out.printf(Locale.ROOT, "val loss: %.4f%n", valLoss.get(valLoss.size() - 1));
        return new Result(evalSteps, trainLoss, valLoss, sample, vocab.size());
    }

    /**
     * nanoGPT's {@code configure_optimizers}: every parameter of 2 or more dims (the weights of
     * the Linears and Embeddings) decays, biases and LayerNorm parameters do not.
     */
    static Optimizer configureOptimizers(Gpt model, double lr, double weightDecay) {
        List<Tensor> decay = model.parameters().stream().filter(p -> p.dim() >= 2).toList();
        List<Tensor> noDecay = model.parameters().stream().filter(p -> p.dim() < 2).toList();
        return AdamW.builder(decay).lr(lr).betas(0.9, 0.99).weightDecay(weightDecay)
                .paramGroup(noDecay, java.util.Map.of("weight_decay", 0.0)).build();
    }

    /**
     * {@code batchSize} random windows of the data, like nanoGPT's {@code get_batch}: inputs
     * {@code (B, T)} and the targets one character later, drawn from the default generator.
     */
    static Tensor[] getBatch(Tensor data, int batchSize, int blockSize) {
        int[] ix = Tensor.withDefaultGenerator(rng -> rng.ints(batchSize, 0, data.numel() - blockSize).toArray());
        Tensor x = Tensor.stack(IntStream.of(ix).mapToObj(i -> data.narrow(0, i, blockSize)).toList(), 0);
        Tensor y = Tensor.stack(IntStream.of(ix).mapToObj(i -> data.narrow(0, i + 1, blockSize)).toList(), 0);
        return new Tensor[] {x, y};
    }

    /** The mean loss over {@code evalIters} random batches, under no-grad and in eval mode. */
    private static double estimateLoss(Gpt model, Tensor data, Config cfg) {
        model.eval();
        try (var s = Autograd.noGrad()) {
            double sum = 0;
            for (int k = 0; k < cfg.evalIters(); k++) {
                Tensor[] xy = getBatch(data, cfg.batchSize(), cfg.blockSize());
                sum += Gpt.loss(model.forward(xy[0]), xy[1]).item();
            }
            return sum / cfg.evalIters();
        } finally {
            model.train();
        }
    }

    /** {@code length} characters generated after a newline. */
    private static String generate(Gpt model, Vocabulary vocab, int length, double temperature) {
        model.eval();
        try (var s = Autograd.noGrad()) {
            Tensor context = vocab.encode("\n").view(1, 1);
            int[] ids = model.generate(context, length, temperature).toIntArray();
            return vocab.decode(ids).substring(1);
        } finally {
            model.train();
        }
    }
}
