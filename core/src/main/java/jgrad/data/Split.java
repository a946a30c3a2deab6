package jgrad.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import jgrad.Tensor;

/**
 * A data set split in two: a training part and a test part, made by
 * {@link #trainTest(TensorDataset, double, long)} and its overloads, like scikit-learn's
 * {@code train_test_split}.
 *
 * <p>The split is a random permutation of the samples drawn from the seed (same seed, same
 * split): the test part is {@code ceil(testFraction * N)} samples, the training part the
 * rest, each in permuted order. Both parts must end up non-empty.
 *
 * @param <D> the type of the parts
 * @param train the training part
 * @param test the test part
 */
public record Split<D extends Dataset>(D train, D test) {
    /**
     * Checks that neither part is null.
     *
     * @param train the training part
     * @param test the test part
     * @throws NullPointerException if {@code train} or {@code test} is null
     */
    public Split {
        Objects.requireNonNull(train, "Split: train is null");
        Objects.requireNonNull(test, "Split: test is null");
    }

    /**
     * Splits a tensor data set into copied training and test rows.
     *
     * @param data the data set
     * @param testFraction the share of samples for the test part, in {@code (0, 1)}
     * @param seed the seed of the permutation
     * @return the two parts, as new tensor data sets
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code (0, 1)} or
     *     a part would be empty
     */
    public static Split<TensorDataset> trainTest(TensorDataset data, double testFraction, long seed) {
        Objects.requireNonNull(data, "Split.trainTest: data is null");
        int[][] idx = indices(data.size(), testFraction, seed);
        return new Split<>(data.subset(idx[0]), data.subset(idx[1]));
    }

    /**
     * Splits paired inputs and targets (rows along dim 0) into copied training and test rows.
     *
     * @param inputs inputs, shape {@code (N, ...)}
     * @param targets targets, shape {@code (N, ...)}
     * @param testFraction the share of samples for the test part, in {@code (0, 1)}
     * @param seed the seed of the permutation
     * @return the two parts, as new tensor data sets
     * @throws IllegalArgumentException if the first dims differ, {@code testFraction} is not
     *     in {@code (0, 1)} or a part would be empty
     */
    public static Split<TensorDataset> trainTest(Tensor inputs, Tensor targets, double testFraction, long seed) {
        return trainTest(new TensorDataset(inputs, targets), testFraction, seed);
    }

    /**
     * Splits any data set. A {@link TensorDataset} is split into copied rows (as by
     * {@link #trainTest(TensorDataset, double, long)}); any other data set into two
     * {@link Subset} views.
     *
     * @param data the data set
     * @param testFraction the share of samples for the test part, in {@code (0, 1)}
     * @param seed the seed of the permutation
     * @return the two parts
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code (0, 1)} or
     *     a part would be empty
     */
    public static Split<Dataset> trainTest(Dataset data, double testFraction, long seed) {
        Objects.requireNonNull(data, "Split.trainTest: data is null");
        if (data instanceof TensorDataset t) {
            Split<TensorDataset> s = trainTest(t, testFraction, seed);
            return new Split<>(s.train(), s.test());
        }
        int[][] idx = indices(data.size(), testFraction, seed);
        return new Split<>(new Subset(data, idx[0]), new Subset(data, idx[1]));
    }

    /**
     * The sample indices of a split of {@code n} samples: {@code {trainIndices, testIndices}}.
     * The overloads of {@code trainTest} split with these indices.
     *
     * @param n the number of samples
     * @param testFraction the share of samples for the test part, in {@code (0, 1)}
     * @param seed the seed of the permutation
     * @return the training indices and the test indices, together a permutation of
     *     {@code 0..n-1}
     * @throws IllegalArgumentException if {@code testFraction} is not in {@code (0, 1)} or
     *     a part would be empty
     */
    public static int[][] indices(int n, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("Split.trainTest: testFraction must be in (0, 1), got "
                    + testFraction);
        }
        // ceil, forgiving rounding noise such as 0.3 * 10 = 3.0000000000000004
        long nTest = (long) Math.ceil(testFraction * n - 1e-9);
        if (n < 0 || nTest < 1 || nTest >= n) {
            throw new IllegalArgumentException("Split.trainTest: splitting " + n + " samples with testFraction "
                    + testFraction + " gives " + nTest + " test and " + (n - nTest)
                    + " training samples; both parts must be non-empty");
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        DataLoader.permute(perm, new SplittableRandom(seed));
        int t = (int) nTest;
        return new int[][] {Arrays.copyOfRange(perm, t, n), Arrays.copyOfRange(perm, 0, t)};
    }
}
