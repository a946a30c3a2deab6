/**
 * Data sets, batching and readers, like {@code torch.utils.data}.
 *
 * <ul>
 *   <li>{@link jgrad.data.Dataset} is anything with a size and indexed samples;
 *       {@link jgrad.data.TensorDataset} pairs an inputs tensor with a targets tensor row by
 *       row; {@link jgrad.data.Subset} is a view through a list of indices.</li>
 *   <li>{@link jgrad.data.DataLoader} walks a data set in {@link jgrad.data.Batch}es,
 *       optionally shuffled from a seed (same seed, same order; every epoch a new,
 *       reproducible order) and optionally dropping the last partial batch.</li>
 *   <li>{@link jgrad.data.CsvReader} reads numeric CSV files with an integer class label
 *       column; {@link jgrad.data.IdxReader} reads MNIST-style IDX files. Both read gzipped
 *       input transparently (detected by the gzip magic bytes, not by the file name), and both
 *       report a malformed file as a {@link jgrad.data.DataFileException} (an
 *       {@link java.io.IOException}) naming the file and what is wrong, including bytes after
 *       the gzip data and sizes past a limit (an IDX header declaring more than the heap can
 *       hold, a CSV line longer than the maximum line length), checked before memory is
 *       spent on them.
 *       {@link jgrad.data.Resources} opens bundled files from the classpath.</li>
 *   <li>Helpers: {@link jgrad.data.Split} (train/test split), {@link jgrad.data.Standardizer}
 *       (per-feature standardisation), {@link jgrad.data.Datasets#oneHot} and
 *       {@link jgrad.data.Metrics} (accuracy, confusion matrix).</li>
 * </ul>
 *
 * <p>A typical loop:
 * <pre>{@code
 * TensorDataset all = new CsvReader().read(Path.of("digits.csv.gz"));
 * Split<TensorDataset> split = Split.trainTest(all, 0.2, 42);
 * Standardizer scaler = Standardizer.fit(split.train().inputs());
 * DataLoader loader = DataLoader.builder(scaler.transform(split.train()))
 *         .batchSize(64).shuffle(true).seed(42).build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch b : loader) {
 *         // forward b.inputs(), loss against b.targets(), backward, step
 *     }
 * }
 * }</pre>
 *
 * <p>Nothing in this package records autograd history: batches are fresh tensors holding
 * copies of the rows, and targets keep their dtype (INT64 class labels stay INT64).
 */
package jgrad.data;
