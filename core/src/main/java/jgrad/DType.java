package jgrad;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>jgrad stores every tensor in a {@code double[]}; the dtype says how the values are to be
 * read. {@link #FLOAT64} is the default for real values; {@link #INT64} holds class indices
 * (exact up to 2<sup>53</sup>) and can never require grad.
 */
public enum DType {
    /** 64-bit floating point, PyTorch's {@code torch.float64}. */
    FLOAT64,
    /** 64-bit integer (class indices), PyTorch's {@code torch.int64}. */
    INT64;

    /**
     * PyTorch's type promotion for two operands: INT64 only when both are INT64.
     *
     * @param a one operand's type
     * @param b the other operand's type
     * @return {@link #INT64} if both are INT64, otherwise {@link #FLOAT64}
     */
    public static DType promote(DType a, DType b) {
        return a == INT64 && b == INT64 ? INT64 : FLOAT64;
    }
}
