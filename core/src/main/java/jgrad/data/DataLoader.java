package jgrad.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import jgrad.Tensor;

/**
 * Walks a {@link Dataset} in batches, like {@code torch.utils.data.DataLoader}.
 *
 * <p>Each call of {@link #iterator()} is one epoch. Without shuffling the samples come in
 * order {@code 0, 1, ..., N-1}. With shuffling the order is a permutation drawn afresh for
 * every epoch:
 * <ul>
 *   <li>with a {@linkplain Builder#seed(long) seed}, the permutation of epoch {@code e} is a
 *       function of the seed and {@code e} only: two loaders with the same seed yield the same
 *       batches in the same order, epoch after epoch, and {@link #setEpoch(long)} lets a
 *       resumed run pick up where it stopped;</li>
 *   <li>with a {@linkplain Builder#generator(RandomGenerator) generator}, every epoch draws
 *       its permutation from it (reproducible if the generator is seeded);</li>
 *   <li>with neither, every epoch draws a seed from jgrad's default generator, so
 *       {@link Tensor#manualSeed(long)} makes runs reproducible, as {@code torch.manual_seed}
 *       does.</li>
 * </ul>
 *
 * <p>Batches hold {@code batchSize} samples stacked along a new first dim (see
 * {@link Dataset#getBatch(int[])}), except the last one, which holds the remaining samples
 * unless {@linkplain Builder#dropLast(boolean) dropLast} drops it. Batches are fresh tensors
 * (copies of the rows), outside autograd; targets keep their dtype.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(true).seed(42).build();
 * for (Batch b : loader) { ... }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final boolean seeded;
    private final long seed;
    private final RandomGenerator generator;
    private final AtomicLong epoch = new AtomicLong();

    /**
     * A loader that yields the samples in order, in batches of {@code batchSize}, keeping the
     * last partial batch.
     *
     * @param dataset the data set
     * @param batchSize samples per batch, {@code >= 1}
     * @throws NullPointerException if {@code dataset} is null
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public DataLoader(Dataset dataset, int batchSize) {
        this(builder(dataset).batchSize(batchSize));
    }

    /**
     * A loader that keeps the last partial batch and, if {@code shuffle}, reshuffles every
     * epoch from {@code seed} and the epoch number.
     *
     * @param dataset the data set
     * @param batchSize samples per batch, {@code >= 1}
     * @param shuffle whether to shuffle
     * @param seed the shuffle seed (unused without shuffling)
     * @throws NullPointerException if {@code dataset} is null
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed) {
        this(builder(dataset).batchSize(batchSize).shuffle(shuffle).seed(seed));
    }

    private DataLoader(Builder b) {
        if (b.seeded && b.generator != null) {
            throw new IllegalArgumentException("DataLoader: give either a seed or a generator, not both");
        }
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seeded = b.seeded;
        this.seed = b.seed;
        this.generator = b.generator;
    }

    /**
     * Starts a builder; the defaults are PyTorch's: batch size 1, no shuffling, keep the last
     * partial batch.
     *
     * @param dataset the data set to load
     * @return a builder
     * @throws NullPointerException if {@code dataset} is null
     */
    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** Settings for a {@link DataLoader}; each setter validates its argument at once. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private boolean dropLast;
        private boolean seeded;
        private long seed;
        private RandomGenerator generator;

        private Builder(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "DataLoader: dataset is null");
        }

        /**
         * Samples per batch (default 1).
         *
         * @param batchSize {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize < 1}
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("DataLoader: batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Whether to visit the samples in a new random order every epoch (default false).
         *
         * @param shuffle true to shuffle
         * @return this builder
         */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Seeds the shuffling: epoch {@code e}'s order depends only on the seed and {@code e}.
         * Ignored without {@link #shuffle(boolean) shuffle(true)}.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seeded = true;
            this.seed = seed;
            return this;
        }

        /**
         * Draws every epoch's permutation from {@code generator} (used by one loader at a
         * time). Ignored without {@link #shuffle(boolean) shuffle(true)}; cannot be combined
         * with {@link #seed(long)}.
         *
         * @param generator the source of randomness
         * @return this builder
         * @throws NullPointerException if {@code generator} is null
         */
        public Builder generator(RandomGenerator generator) {
            this.generator = Objects.requireNonNull(generator, "DataLoader: generator is null");
            return this;
        }

        /**
         * Whether to drop the last batch when it has fewer than {@code batchSize} samples
         * (default false).
         *
         * @param dropLast true to drop it
         * @return this builder
         */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Builds the loader.
         *
         * @return the loader
         * @throws IllegalArgumentException if both a seed and a generator were given
         */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }

    /**
     * The data set.
     *
     * @return the data set this loader walks
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * Samples per batch.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Whether the order is shuffled every epoch.
     *
     * @return true if shuffling
     */
    public boolean shuffle() {
        return shuffle;
    }

    /**
     * Whether the last partial batch is dropped.
     *
     * @return true if dropping it
     */
    public boolean dropLast() {
        return dropLast;
    }

    /**
     * The number of batches an epoch yields with the data set's current size, like
     * {@code len(loader)}: {@code ceil(N / batchSize)}, or {@code floor(N / batchSize)} with
     * {@code dropLast}.
     *
     * @return the number of batches per epoch
     */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (int) ((n + (long) batchSize - 1) / batchSize);
    }

    /**
     * The epoch the next {@link #iterator()} call will use: the number of iterators made so
     * far, unless changed by {@link #setEpoch(long)}.
     *
     * @return the next epoch number, starting at 0
     */
    public long epoch() {
        return epoch.get();
    }

    /**
     * Sets the epoch the next {@link #iterator()} call will use, like
     * {@code DistributedSampler.set_epoch}: with a seed, a run resumed at epoch {@code e}
     * sees the same order as the original run's epoch {@code e}.
     *
     * @param epoch the epoch number, {@code >= 0}
     * @throws IllegalArgumentException if {@code epoch < 0}
     */
    public void setEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader.setEpoch: epoch must be >= 0, got " + epoch);
        }
        this.epoch.set(epoch);
    }

    /**
     * Starts one epoch: the batches in this epoch's order. Each call advances the epoch.
     *
     * @return an iterator over this epoch's batches
     */
    @Override
    public Iterator<Batch> iterator() {
        long e = epoch.getAndIncrement();
        int n = dataset.size();
        if (n < 0) {
            throw new IllegalStateException("DataLoader: the data set reports a negative size " + n);
        }
        int[] order = order(n, e);
        int batches = dropLast ? n / batchSize : (int) ((n + (long) batchSize - 1) / batchSize);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (next >= batches) {
                    throw new NoSuchElementException("DataLoader: the epoch has ended after " + batches
                            + " batches");
                }
                int from = next * batchSize;
                int to = (int) Math.min((long) from + batchSize, n);
                int[] idx = new int[to - from];
                System.arraycopy(order, from, idx, 0, idx.length);
                next++;
                return dataset.getBatch(idx);
            }
        };
    }

    /** The sample order of an epoch over {@code n} samples. */
    int[] order(int n, long epochNumber) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (!shuffle) {
            return order;
        }
        if (seeded) {
            permute(order, new SplittableRandom(epochSeed(seed, epochNumber)));
        } else if (generator != null) {
            synchronized (generator) {
                permute(order, generator);
            }
        } else {
            long s = Tensor.withDefaultGenerator(RandomGenerator::nextLong);
            permute(order, new SplittableRandom(s));
        }
        return order;
    }

    /** Fisher-Yates shuffle. */
    static void permute(int[] a, RandomGenerator rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A well-mixed seed for one epoch, so nearby seeds and epochs give unrelated streams. */
    static long epochSeed(long seed, long epochNumber) {
        return mix64(mix64(seed) + (epochNumber + 1) * 0x9E3779B97F4A7C15L);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Describes the loader's settings.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "DataLoader(" + dataset.size() + " samples, batchSize=" + batchSize + ", shuffle=" + shuffle
                + (shuffle && seeded ? ", seed=" + seed : "") + ", dropLast=" + dropLast + ")";
    }
}
