package jgrad.nn;

import java.util.Arrays;
import java.util.OptionalInt;
import jgrad.Tensor;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, like
 * {@code torch.nn.Embedding}: the output holds the weight's row for each index.
 *
 * <p>The weight, shape (num_embeddings, embedding_dim), is drawn from N(0, 1) in the default
 * dtype ({@link Tensor#getDefaultDtype()}) from the default generator (so {@link Tensor#manualSeed}
 * makes it reproducible). With a padding index, that row is zero at init and the lookups of it
 * send no gradient back, so it stays as it is during training (as in PyTorch).
 */
public class Embedding extends Module {
    private final int numEmbeddings;
    private final int embeddingDim;
    private final Integer paddingIdx;

    /**
     * A table without padding index.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each row
     * @throws IllegalArgumentException for negative sizes
     */
    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null);
    }

    /**
     * A table with a padding index.
     *
     * @param numEmbeddings the number of rows
     * @param embeddingDim the size of each row
     * @param paddingIdx the row that is zero at init and gets no gradient; negative values count
     *     from the end (stored as {@code numEmbeddings + paddingIdx}, as PyTorch)
     * @throws IllegalArgumentException for negative sizes or a padding index outside
     *     {@code [-numEmbeddings, numEmbeddings)}
     */
    public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx) {
        this(numEmbeddings, embeddingDim, Integer.valueOf(paddingIdx));
    }

    private Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        if (numEmbeddings < 0 || embeddingDim < 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be >= 0, got "
                    + "num_embeddings=" + numEmbeddings + ", embedding_dim=" + embeddingDim);
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = paddingIdx == null ? null
                : Embeddings.normalizePadding("Embedding", paddingIdx, numEmbeddings);
        Tensor w = Tensor.randn(numEmbeddings, embeddingDim);
        if (this.paddingIdx != null) {
            double[] values = w.doubles().clone();
            Arrays.fill(values, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim, 0.0);
            w = Tensor.of(values, w.dtype(), numEmbeddings, embeddingDim);
        }
        registerParameter("weight", w);
    }

    /**
     * The table, shape (num_embeddings, embedding_dim).
     *
     * @return the parameter tensor itself (after {@link #to(jgrad.DType)}, the converted one)
     */
    public Tensor weight() {
        return parameter("weight");
    }

    /**
     * The number of rows.
     *
     * @return num_embeddings
     */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /**
     * The size of each row.
     *
     * @return embedding_dim
     */
    public int embeddingDim() {
        return embeddingDim;
    }

    /**
     * The padding index, already counted from the start.
     *
     * @return the index in {@code [0, numEmbeddings)}, or empty without padding index
     */
    public OptionalInt paddingIdx() {
        return paddingIdx == null ? OptionalInt.empty() : OptionalInt.of(paddingIdx);
    }

    /**
     * Looks up the rows.
     *
     * @param input INT64 indices in {@code [0, numEmbeddings)}, any shape (0-D too)
     * @return shape {@code input.shape + [embedding_dim]}, the weight's dtype
     * @throws IllegalArgumentException naming Embedding if the input is not INT64 or an index is
     *     out of range
     */
    @Override
    public Tensor forward(Tensor input) {
        return Embeddings.embedding("Embedding", input, weight(), paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
