package jgrad.examples;

import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.nn.Functional;
import jgrad.optim.SGD;

/**
 * The cs231n softmax classifier: a linear layer on a generated spiral (3 classes, 2-D), the
 * softmax loss with L2 regularisation {@code 0.5 * reg * sum(W * W)}, minibatch SGD. It
 * computes the hand-derived gradient of the vectorised formula next to the tape's, and shows
 * that SGD with {@code weightDecay = reg} on W makes the same update as the regularised loss.
 */
public final class SoftmaxClassifier {
    /** What one run produced. */
    public record Result(double maxGradDifference, double maxUpdateDifference, double firstLoss, double lastLoss,
            double accuracy) {}

    /** Points per class, dims, classes. */
    static final int N = 100;
    static final int D = 2;
    static final int K = 3;

    private SoftmaxClassifier() {}

    /**
     * The cs231n spiral: class j's points at radius r in [0, 1] and angle 4j..4(j+1) plus noise.
     *
     * @param seed the seed of the noise
     * @return {X (N*K, 2) FLOAT64, y (N*K) INT64}
     */
    public static Tensor[] spiral(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[N * K * D];
        int[] y = new int[N * K];
        for (int j = 0; j < K; j++) {
            for (int i = 0; i < N; i++) {
                int ix = N * j + i;
                double r = i / (double) (N - 1);
                double t = j * 4 + 4.0 * i / (N - 1) + rng.nextGaussian() * 0.2;
                x[ix * 2] = r * Math.sin(t);
                x[ix * 2 + 1] = r * Math.cos(t);
                y[ix] = j;
            }
        }
        return new Tensor[] {Tensor.of(x, N * K, D), Tensor.of(y)};
    }

    /**
     * The vectorised hand-derived gradient of the regularised softmax loss: probs - onehot,
     * divided by the batch size, then {@code dW = X^T dscores + reg W}, {@code db = sum(dscores)}.
     *
     * @param X the inputs, one row per point
     * @param y the INT64 class labels, one per point
     * @param W the weights, one column per class
     * @param b the biases, one per class
     * @param reg the L2 regularisation strength
     * @return {dW, db}
     */
    public static Tensor[] handGradient(Tensor X, Tensor y, Tensor W, Tensor b, double reg) {
        try (var s = Autograd.noGrad()) {
            int n = X.size(0);
            Tensor probs = X.matmul(W).add(b).softmax(1);
            double[] d = probs.toArray();
            int[] labels = y.toIntArray();
            for (int i = 0; i < n; i++) {
                d[i * K + labels[i]] -= 1;
            }
            Tensor dscores = Tensor.of(d, n, K).div(n);
            Tensor dW = X.t().matmul(dscores).add(W.mul(reg));
            Tensor db = dscores.sum(0, false);
            return new Tensor[] {dW, db};
        }
    }

    static Tensor loss(Tensor X, Tensor y, Tensor W, Tensor b, double reg) {
        Tensor data = Functional.crossEntropy(X.matmul(W).add(b), y);
        return reg == 0 ? data : data.add(W.mul(W).sum().mul(0.5 * reg));
    }

    static double maxAbsDiff(Tensor a, Tensor b) {
        double[] x = a.toArray();
        double[] z = b.toArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - z[i]));
        }
        return m;
    }

    /**
     * Trains and checks.
     *
     * @param seed the seed for data, init and minibatches
     * @param iterations SGD steps
     * @param batchSize minibatch size
     * @param print print progress
     * @return the checks' results and the training outcome
     * @throws ArithmeticException at the first loss that is NaN or infinite, naming the iteration
     */
    public static Result run(long seed, int iterations, int batchSize, boolean print) {
        double lr = 1.0;
        double reg = 1e-3;
        Tensor[] data = spiral(seed);
        Tensor X = data[0];
        Tensor y = data[1];
        SplittableRandom rng = new SplittableRandom(seed + 1);
        Tensor W = Tensor.randn(rng, D, K).mul(0.01).requiresGrad(true);
        Tensor b = Tensor.zeros(K).requiresGrad(true);

        // 1. The tape's gradient equals the hand-derived one.
        loss(X, y, W, b, reg).backward();
        Tensor[] hand = handGradient(X, y, W, b, reg);
        double gradDiff = Math.max(maxAbsDiff(W.grad(), hand[0]), maxAbsDiff(b.grad(), hand[1]));

        // 2. SGD with weightDecay = reg on W (and none on b) is the same update as the regularised loss.
        Tensor W1 = W.detach().copy().requiresGrad(true);
        Tensor b1 = b.detach().copy().requiresGrad(true);
        Tensor W2 = W.detach().copy().requiresGrad(true);
        Tensor b2 = b.detach().copy().requiresGrad(true);
        loss(X, y, W1, b1, reg).backward();
        new SGD(java.util.List.of(W1, b1), lr).step();
        loss(X, y, W2, b2, 0).backward();
        SGD.builder(java.util.List.of(W2)).lr(lr).weightDecay(reg).build().step();
        new SGD(java.util.List.of(b2), lr).step();
        double updateDiff = Math.max(maxAbsDiff(W1, W2), maxAbsDiff(b1, b2));
        if (print) {
            System.out.printf("max |tape grad - hand-derived grad|: %.3e%n", gradDiff);
            System.out.printf("max |reg-loss update - weightDecay update|: %.3e%n", updateDiff);
        }

        // 3. Minibatch SGD on the regularised loss.
        W.setGrad(null);
        b.setGrad(null);
        SGD opt = new SGD(java.util.List.of(W, b), lr);
        int n = X.size(0);
        double first;
        try (var s = Autograd.noGrad()) {
            first = loss(X, y, W, b, reg).item();
        }
        double last;
        for (int it = 0; it < iterations; it++) {
            int[] idx = new int[Math.min(batchSize, n)];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = rng.nextInt(n);
            }
            Tensor ix = Tensor.of(idx);
            opt.zeroGrad();
            Tensor l = loss(X.indexSelect(ix), y.indexSelect(ix), W, b, reg);
            LossNotFinite.check("softmax", "iteration " + it + " (one step per iteration)", l.item(), lr);
            l.backward();
            opt.step();
            if (print && it % 50 == 0) {
                System.out.printf("iteration %4d  loss %.4f%n", it, loss(X, y, W, b, reg).item());
            }
        }
        double accuracy;
        Tensor[] test = spiral(seed + 100); // same spiral, fresh noise
        try (var s = Autograd.noGrad()) {
            last = loss(X, y, W, b, reg).item();
            int[] pred = test[0].matmul(W).add(b).argmax(1).toIntArray();
            int[] labels = test[1].toIntArray();
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += pred[i] == labels[i] ? 1 : 0;
            }
            accuracy = correct / (double) labels.length;
        }
        if (print) {
            System.out.printf("final loss: %.4f%n", last);
            System.out.printf("test accuracy: %.4f%n", accuracy);
        }
        return new Result(gradDiff, updateDiff, first, last, accuracy);
    }
}
