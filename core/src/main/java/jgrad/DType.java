package jgrad;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>jgrad stores every tensor in a {@code double[]}; the dtype says how the values are to be
 * read. {@link #FLOAT64} is the default for real values; {@link #INT64} holds class indices
 * (exact up to 2<sup>53</sup>); {@link #BOOL} holds masks (the comparisons' results) as 0 and
 * 1. Only FLOAT64 tensors can require grad.
 */
public enum DType {
    /** 64-bit floating point, PyTorch's {@code torch.float64}. */
    FLOAT64,
    /** 64-bit integer (class indices), PyTorch's {@code torch.int64}. */
    INT64,
    /**
     * Boolean, PyTorch's {@code torch.bool}: stored as 0 and 1, printed as {@code True} and
     * {@code False}; what comparisons return and what {@code where} takes as its condition.
     */
    BOOL;

    /**
     * PyTorch's type promotion for two operands: FLOAT64 if either is FLOAT64, else INT64 if
     * either is INT64, else (both BOOL) BOOL.
     *
     * @param a one operand's type
     * @param b the other operand's type
     * @return the type of a result computed from both
     */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT64 || b == FLOAT64) {
            return FLOAT64;
        }
        return a == INT64 || b == INT64 ? INT64 : BOOL;
    }
}
