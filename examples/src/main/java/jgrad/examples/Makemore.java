package jgrad.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.nn.BatchNorm1d;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Embedding;
import jgrad.nn.Flatten;
import jgrad.nn.Linear;
import jgrad.nn.Sequential;
import jgrad.nn.Tanh;
import jgrad.optim.SGD;

/**
 * A makemore-style character-level MLP (Karpathy's makemore, part 3): it reads the last three
 * characters of a word ({@code '.'}-padded at the start), predicts the next one of 27
 * ({@code '.'} ends a word, then {@code a}-{@code z}), and after training writes new words by
 * sampling one character at a time. The PyTorch code it follows:
 *
 * <pre>
 * model = nn.Sequential(nn.Embedding(27, n_embd), nn.Flatten(),
 *     nn.Linear(block_size * n_embd, n_hidden, bias=False), nn.BatchNorm1d(n_hidden), nn.Tanh(),
 *     nn.Linear(n_hidden, 27))
 * with torch.no_grad(): model[-1].weight *= 0.1      # make the last layer less confident
 * for i in range(max_steps):
 *     ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
 *     loss = F.cross_entropy(model(Xtr[ix]), Ytr[ix])
 *     for p in parameters: p.grad = None
 *     loss.backward()
 *     lr = 0.1 if i &lt; 0.75 * max_steps else 0.01  # makemore: 0.1 until step 150000 of 200000
 *     for p in parameters: p.data += -lr * p.grad
 * </pre>
 *
 * <p>The words are {@link BundledWords#words()} (English dictionary words rather than
 * makemore's names), shuffled under the seed and split 80/10/10 into train, val and test; the
 * test split is kept aside, as in the lecture. Sampled indices come from jgrad's generators, so
 * a run's numbers do not match a PyTorch run's.
 */
public final class Makemore {
    /** Characters of context. */
    public static final int BLOCK_SIZE = 3;
    /** {@code '.'} and {@code a}-{@code z}. */
    public static final int VOCAB = 27;
    /** Sampling stops a word at this many characters if the model has not ended it. */
    public static final int MAX_WORD_LENGTH = 40;
    private static final int BATCH = 32;
    private static final int EVAL_CHUNK = 8192;

    /**
     * The settings of one run.
     *
     * @param steps SGD steps of minibatch 32
     * @param seed seeds the split, the initialisation, the minibatches and the sampling
     * @param samples how many words to sample after training
     * @param nEmbd the size of a character's embedding
     * @param nHidden the width of the hidden layer
     * @param dtype FLOAT32 or FLOAT64: the model's parameters and the loss
     */
    public record Config(int steps, long seed, int samples, int nEmbd, int nHidden, DType dtype) {}

    /**
     * What one run produced.
     *
     * @param trainLoss the mean cross-entropy over the training split, in eval mode
     * @param valLoss the mean cross-entropy over the validation split, in eval mode
     * @param samples the sampled words, without the final {@code '.'}
     * @param model the trained model
     */
    public record Result(double trainLoss, double valLoss, List<String> samples, Sequential model) {}

    /** The examples of one split: (n, 3) INT64 contexts and (n) INT64 next characters. */
    record Examples(Tensor x, Tensor y) {}

    private Makemore() {}

    /**
     * Trains on the bundled words, reports the losses and samples words.
     *
     * @param cfg the settings
     * @param out where to print; null prints nothing
     * @param quiet print only the final losses and the samples
     * @return the losses, the samples and the model
     * @throws ArithmeticException if a loss is NaN or infinite, naming the step
     */
    public static Result run(Config cfg, PrintStream out, boolean quiet) {
        DType previous = Tensor.getDefaultDtype();
        Tensor.setDefaultDtype(cfg.dtype());
        try {
            return train(cfg, out == null ? new PrintStream(PrintStream.nullOutputStream()) : out, quiet);
        } finally {
            Tensor.setDefaultDtype(previous);
        }
    }

    private static Result train(Config cfg, PrintStream out, boolean quiet) {
        List<String> words = BundledWords.words();
        Collections.shuffle(words, new Random(cfg.seed()));
        int n1 = (int) (0.8 * words.size());
        int n2 = (int) (0.9 * words.size());
        Examples tr = examples(words.subList(0, n1));
        Examples va = examples(words.subList(n1, n2));

        Tensor.manualSeed(cfg.seed());
        Linear head = new Linear(cfg.nHidden(), VOCAB);
        Sequential model = new Sequential(new Embedding(VOCAB, cfg.nEmbd()), new Flatten(),
                new Linear(BLOCK_SIZE * cfg.nEmbd(), cfg.nHidden(), false), new BatchNorm1d(cfg.nHidden()),
                new Tanh(), head);
        try (var s = Autograd.noGrad()) {
            head.weight().mulInPlace(0.1); // make the last layer less confident at first
        }
        List<Tensor> parameters = model.parameters();
        if (!quiet) {
            out.printf(Locale.ROOT, "makemore: %d words (%d train / %d val / %d test), %d train examples; "
                    + "%d parameters, dtype %s, seed %d%n", words.size(), n1, n2 - n1, words.size() - n2,
                    tr.y().numel(), parameters.stream().mapToInt(Tensor::numel).sum(),
                    cfg.dtype().toString().toLowerCase(Locale.ROOT), cfg.seed());
        }
        SGD optimizer = new SGD(parameters, 0.1);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        SplittableRandom g = new SplittableRandom(cfg.seed());
        int rows = tr.y().numel();
        int every = Math.max(1, cfg.steps() / 10);
        for (int i = 0; i < cfg.steps(); i++) {
            int[] ix = new int[BATCH];
            for (int b = 0; b < BATCH; b++) {
                ix[b] = g.nextInt(rows);
            }
            Tensor idx = Tensor.of(ix);
            Tensor loss = criterion.forward(model.forward(tr.x().indexSelect(idx)), tr.y().indexSelect(idx));
            double lr = i < 0.75 * cfg.steps() ? 0.1 : 0.01; // step learning rate decay
            LossNotFinite.check("makemore", "step " + (i + 1), loss.item(), lr);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.setLr(lr);
            optimizer.step();
            if (!quiet && (i % every == 0 || i == cfg.steps() - 1)) {
                out.printf(Locale.ROOT, "%7d/%7d: %.4f%n", i + 1, cfg.steps(), loss.item());
            }
        }

        model.eval(); // BatchNorm uses its running statistics from here on
        double trainLoss = splitLoss(model, criterion, tr);
        double valLoss = splitLoss(model, criterion, va);
        out.printf(Locale.ROOT, "train loss: %.4f%n", trainLoss);
        out.printf(Locale.ROOT, "val loss: %.4f%n", valLoss);
        List<String> samples = sample(model, cfg.samples(), g);
        samples.forEach(out::println);
        return new Result(trainLoss, valLoss, samples, model);
    }

    /** Contexts and next characters of every position of every word, each word ending with '.'. */
    static Examples examples(List<String> words) {
        List<int[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (String w : words) {
            int[] context = new int[BLOCK_SIZE];
            for (int k = 0; k <= w.length(); k++) {
                int ix = k < w.length() ? stoi(w.charAt(k)) : 0;
                xs.add(context.clone());
                ys.add(ix);
                System.arraycopy(context, 1, context, 0, BLOCK_SIZE - 1);
                context[BLOCK_SIZE - 1] = ix;
            }
        }
        double[] x = new double[xs.size() * BLOCK_SIZE];
        double[] y = new double[ys.size()];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < BLOCK_SIZE; j++) {
                x[i * BLOCK_SIZE + j] = xs.get(i)[j];
            }
            y[i] = ys.get(i);
        }
        return new Examples(Tensor.wrap(x, DType.INT64, y.length, BLOCK_SIZE), Tensor.wrap(y, DType.INT64, y.length));
    }

    /** {@code '.'} is 0, {@code 'a'}-{@code 'z'} are 1-26. */
    static int stoi(char c) {
        if (c < 'a' || c > 'z') {
            throw new IllegalArgumentException("makemore: only a-z and '.', got '" + c + "'");
        }
        return c - 'a' + 1;
    }

    /** The inverse of {@link #stoi}. */
    static char itos(int i) {
        return i == 0 ? '.' : (char) ('a' + i - 1);
    }

    /** The mean loss over a whole split, without grad, in chunks (the model must be in eval mode). */
    static double splitLoss(Sequential model, CrossEntropyLoss criterion, Examples split) {
        int n = split.y().numel();
        double sum = 0;
        try (var s = Autograd.noGrad()) {
            for (int start = 0; start < n; start += EVAL_CHUNK) {
                int len = Math.min(EVAL_CHUNK, n - start);
                Tensor logits = model.forward(split.x().narrow(0, start, len));
                sum += criterion.forward(logits, split.y().narrow(0, start, len)).item() * len;
            }
        }
        return sum / n;
    }

    /**
     * Samples words from a trained model in eval mode, one character at a time from the softmax
     * of its logits, until it draws {@code '.'} (or {@link #MAX_WORD_LENGTH} characters).
     *
     * @param model the model, in eval mode
     * @param count how many words
     * @param g the generator to draw from
     * @return the words, without the final {@code '.'}
     */
    static List<String> sample(Sequential model, int count, SplittableRandom g) {
        List<String> words = new ArrayList<>();
        try (var s = Autograd.noGrad()) {
            for (int k = 0; k < count; k++) {
                int[] context = new int[BLOCK_SIZE];
                StringBuilder word = new StringBuilder();
                while (word.length() < MAX_WORD_LENGTH) {
                    Tensor logits = model.forward(Tensor.of(context).reshape(1, BLOCK_SIZE));
                    Tensor probs = logits.softmax(1);
                    int ix = probs.multinomial(1, true, g).toIntArray()[0];
                    if (ix == 0) {
                        break;
                    }
                    word.append(itos(ix));
                    System.arraycopy(context, 1, context, 0, BLOCK_SIZE - 1);
                    context[BLOCK_SIZE - 1] = ix;
                }
                words.add(word.toString());
            }
        }
        return words;
    }
}
