package jgrad.examples;

import java.util.Locale;
import jgrad.Tensor;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Functional;
import jgrad.nn.LogSoftmax;
import jgrad.nn.NLLLoss;
import jgrad.nn.Reduction;

/**
 * The loss numbers of the source documents, computed with jgrad: softmax of [1, 2, 3, 4],
 * -log p for p = 0.7, 0.3, 0.1, TensorFlow's dense and sparse softmax cross-entropy examples
 * ({@code tf.nn.softmax_cross_entropy_with_logits} and its sparse twin),
 * LogSoftmax + NLLLoss = CrossEntropyLoss, and logits of +-1000.
 */
public final class LossNumbers {
    private LossNumbers() {}

    static String fmt(Tensor t) {
        double[] d = t.toArray();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < d.length; i++) {
            sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", d[i] + 0.0)); // no "-0.0000"
        }
        return sb.append(']').toString();
    }

    /**
     * Softmax of [1, 2, 3, 4].
     *
     * @return a new tensor of 4 probabilities
     */
    public static Tensor softmax1234() {
        return Tensor.of(1.0, 2.0, 3.0, 4.0).softmax(0);
    }

    /**
     * -log p for p = 0.7, 0.3, 0.1 (the loss of a correct class predicted with p).
     *
     * @return a new tensor of the 3 losses
     */
    public static Tensor negLogs() {
        return Tensor.of(0.7, 0.3, 0.1).log().neg();
    }

    /**
     * TensorFlow's dense example: probability labels, one loss per row.
     *
     * @return a new tensor of the 2 losses
     */
    public static Tensor tfDense() {
        var logits = Tensor.of(new double[][] {{4, 2, 1}, {0, 5, 1}});
        var labels = Tensor.of(new double[][] {{1, 0, 0}, {0, 0.8, 0.2}});
        return CrossEntropyLoss.builder().reduction(Reduction.NONE).build().forward(logits, labels);
    }

    /**
     * TensorFlow's sparse example: class-index labels, one loss per row.
     *
     * @return a new tensor of the 3 losses
     */
    public static Tensor tfSparse() {
        var logits = Tensor.of(new double[][] {{2, -5, .5, -.1}, {0, 0, 1.9, 1.4}, {-100, 100, -100, -100}});
        var labels = Tensor.of(0, 3, 1);
        return CrossEntropyLoss.builder().reduction(Reduction.NONE).build().forward(logits, labels);
    }

    /**
     * LogSoftmax + NLLLoss and CrossEntropyLoss on the same logits: {composed, fused}.
     *
     * @return {composed, fused}
     */
    public static double[] composedVsFused() {
        var logits = Tensor.of(new double[][] {{4, 2, 1}, {0, 5, 1}, {1, 1, 1}});
        var target = Tensor.of(0, 1, 2);
        double composed = new NLLLoss().forward(new LogSoftmax(1).forward(logits), target).item();
        double fused = new CrossEntropyLoss().forward(logits, target).item();
        return new double[] {composed, fused};
    }

    /**
     * Logits of +-1000: {naive log(softmax) at the small logit, stable logSoftmax, cross-entropy}.
     *
     * @return {naive, stable, cross-entropy}
     */
    public static double[] hugeLogits() {
        var logits = Tensor.of(new double[][] {{1000, -1000}});
        double naive = logits.exp().div(logits.exp().sum(1, true)).log().get(0, 1);
        double stable = logits.logSoftmax(1).get(0, 1);
        double ce = Functional.crossEntropy(logits, Tensor.of(1)).item();
        return new double[] {naive, stable, ce};
    }

    /** Prints every number. */
    public static void print() {
        System.out.println("softmax([1, 2, 3, 4])           = " + fmt(softmax1234()));
        System.out.println("-log([0.7, 0.3, 0.1])           = " + fmt(negLogs()));
        System.out.println("TF dense (probability labels)   = " + fmt(tfDense()));
        System.out.println("TF sparse (class-index labels)  = " + fmt(tfSparse()));
        double[] c = composedVsFused();
        System.out.printf(Locale.ROOT, "LogSoftmax + NLLLoss = %.6f, CrossEntropyLoss = %.6f%n", c[0], c[1]);
        double[] h = hugeLogits();
        System.out.printf(Locale.ROOT, "logits [1000, -1000]: naive log(softmax) = %s, logSoftmax = %.1f, "
                + "cross-entropy = %.1f%n", h[0], h[1], h[2]);
    }
}
