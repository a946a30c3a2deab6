package jgrad.data;

import java.util.Objects;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Classification metrics: predicted classes, accuracy and the confusion matrix.
 *
 * <p>Wherever predictions are taken, they may be given either as scores of shape
 * {@code (N, C)} (logits or probabilities; the predicted class of a row is its first largest
 * entry, as {@code argmax(dim=1)}, a NaN counting as largest) or as INT64 predicted classes of
 * shape {@code (N)}. Labels are INT64 of shape {@code (N)}.
 */
public final class Metrics {
    private Metrics() {}

    /**
     * The predicted class of each row of scores, like {@code scores.argmax(dim=1)}.
     *
     * @param scores logits or probabilities, shape {@code (N, C)} with {@code C >= 1}; or INT64
     *     classes {@code (N)}, returned as they are
     * @return INT64 predicted classes, shape {@code (N)}
     * @throws IllegalArgumentException for any other shape or dtype
     */
    public static Tensor predictions(Tensor scores) {
        Objects.requireNonNull(scores, "predictions: scores is null");
        return Tensor.wrap(classes("predictions", scores), DType.INT64, scores.size(0));
    }

    /**
     * The fraction of samples whose predicted class equals the label. An empty batch gives
     * NaN, as {@code (pred == y).float().mean()} does in PyTorch.
     *
     * @param logitsOrProbs scores {@code (N, C)}, or INT64 predicted classes {@code (N)}
     * @param labels INT64 labels {@code (N)}
     * @return the accuracy in {@code [0, 1]}
     * @throws IllegalArgumentException if a shape or dtype is wrong, the sample counts differ
     *     (the message names both shapes), or, with scores, a label is outside {@code [0, C)}
     */
    public static double accuracy(Tensor logitsOrProbs, Tensor labels) {
        Objects.requireNonNull(logitsOrProbs, "accuracy: logitsOrProbs is null");
        Objects.requireNonNull(labels, "accuracy: labels is null");
        double[] pred = classes("accuracy", logitsOrProbs);
        double[] y = labels("accuracy", logitsOrProbs, labels,
                logitsOrProbs.dim() == 2 ? logitsOrProbs.size(1) : -1);
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (pred[i] == y[i]) {
                correct++;
            }
        }
        return y.length == 0 ? Double.NaN : (double) correct / y.length;
    }

    /**
     * The confusion matrix, as scikit-learn lays it out: entry {@code [t][p]} counts the
     * samples with true label {@code t} predicted as {@code p}, so row sums are the class
     * counts and the diagonal holds the correct predictions.
     *
     * @param predictions scores {@code (N, C)} with {@code C <= numClasses}, or INT64 predicted
     *     classes {@code (N)}
     * @param labels INT64 labels {@code (N)}
     * @param numClasses the number of classes, {@code >= 1}
     * @return a {@code numClasses x numClasses} matrix of counts
     * @throws IllegalArgumentException if a shape or dtype is wrong, the sample counts differ,
     *     or a prediction or label is outside {@code [0, numClasses)} (the message names it)
     */
    public static int[][] confusionMatrix(Tensor predictions, Tensor labels, int numClasses) {
        Objects.requireNonNull(predictions, "confusionMatrix: predictions is null");
        Objects.requireNonNull(labels, "confusionMatrix: labels is null");
        if (numClasses < 1) {
            throw new IllegalArgumentException("confusionMatrix: numClasses must be >= 1, got " + numClasses);
        }
        double[] pred = classes("confusionMatrix", predictions);
        double[] y = labels("confusionMatrix", predictions, labels, numClasses);
        int[][] m = new int[numClasses][numClasses];
        for (int i = 0; i < y.length; i++) {
            double p = pred[i];
            if (!(p >= 0 && p < numClasses)) {
                throw new IllegalArgumentException("confusionMatrix: prediction " + Datasets.format(p)
                        + " at position " + i + " is out of range for " + numClasses + " classes");
            }
            m[(int) y[i]][(int) p]++;
        }
        return m;
    }

    /** Predicted classes from (N, C) scores or (N) INT64 classes. */
    private static double[] classes(String op, Tensor t) {
        if (t.dim() == 1 && t.dtype() == DType.INT64) {
            return t.doubles();
        }
        if (t.dim() != 2 || t.size(1) < 1) {
            throw new IllegalArgumentException(op + ": expected scores of shape (N, C) with C >= 1, or INT64"
                    + " predicted classes of shape (N); got " + t.dtype() + " of shape " + Shape.str(t.shape()));
        }
        int n = t.size(0);
        int c = t.size(1);
        double[] s = t.doubles();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int off = i * c;
            int best = 0;
            double bv = s[off];
            for (int j = 1; j < c && !Double.isNaN(bv); j++) {
                double v = s[off + j];
                if (v > bv || Double.isNaN(v)) {
                    best = j;
                    bv = v;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** Checks labels against the predictions' sample count and, if classes >= 0, their range. */
    private static double[] labels(String op, Tensor pred, Tensor labels, int classes) {
        if (labels.dim() != 1 || labels.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": labels must be INT64 of shape (N), got " + labels.dtype()
                    + " of shape " + Shape.str(labels.shape()));
        }
        if (labels.size(0) != pred.size(0)) {
            throw new IllegalArgumentException(op + ": predictions of shape " + Shape.str(pred.shape())
                    + " and labels of shape " + Shape.str(labels.shape()) + " have different numbers of samples");
        }
        double[] y = labels.doubles();
        if (classes >= 0) {
            for (int i = 0; i < y.length; i++) {
                if (!(y[i] >= 0 && y[i] < classes)) {
                    throw new IllegalArgumentException(op + ": label " + Datasets.format(y[i]) + " at position " + i
                            + " is out of range for " + classes + " classes");
                }
            }
        }
        return y;
    }
}
