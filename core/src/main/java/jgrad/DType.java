package jgrad;

/**
 * The element type of a {@link Tensor}.
 *
 * <p>{@link #FLOAT32} tensors keep their values in a {@code float[]}; the others in a
 * {@code double[]}, where the dtype says how the values are to be read. {@link #FLOAT64} is the
 * default for real values (see {@link Tensor#setDefaultDtype(DType)}); {@link #INT64} holds class
 * indices (exact up to 2<sup>53</sup>); {@link #BOOL} holds masks (the comparisons' results) as 0
 * and 1. Only floating tensors (FLOAT32, FLOAT64) can require grad.
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
    BOOL,
    /**
     * 32-bit floating point, PyTorch's {@code torch.float32} (its default): stored in a
     * {@code float[]}, half the memory of FLOAT64. Results of ops on FLOAT32 tensors are rounded
     * to float after each op, as PyTorch's are.
     */
    FLOAT32;

    /**
     * Whether this is a floating type (FLOAT32 or FLOAT64), the only kind that can require grad.
     *
     * @return true for FLOAT32 and FLOAT64
     */
    public boolean isFloatingPoint() {
        return this == FLOAT64 || this == FLOAT32;
    }

    /** 0 for BOOL, 1 for INT64, 2 for the floating types: PyTorch's type categories. */
    int category() {
        return this == BOOL ? 0 : this == INT64 ? 1 : 2;
    }

    /**
     * PyTorch's type promotion for two operands of the same kind (both with dims, or both 0-D):
     * FLOAT64 if either is FLOAT64, else FLOAT32 if either is FLOAT32, else INT64 if either is
     * INT64, else (both BOOL) BOOL.
     *
     * @param a one operand's type
     * @param b the other operand's type
     * @return the type of a result computed from both
     */
    public static DType promote(DType a, DType b) {
        if (a == FLOAT64 || b == FLOAT64) {
            return FLOAT64;
        }
        if (a == FLOAT32 || b == FLOAT32) {
            return FLOAT32;
        }
        return a == INT64 || b == INT64 ? INT64 : BOOL;
    }

    /**
     * PyTorch's {@code result_type} for two tensors: a 0-D operand takes part only when its
     * category (bool &lt; integer &lt; floating) is higher than the other's, so
     * {@code float32[3] + float64 scalar tensor} stays FLOAT32 while {@code float32 + float64}
     * (both with dims) is FLOAT64, and {@code int64[3] * float32 scalar tensor} is FLOAT32.
     *
     * @param a one operand's type
     * @param aDims its number of dims
     * @param b the other operand's type
     * @param bDims its number of dims
     * @return the type of a result computed from both
     */
    public static DType resultType(DType a, int aDims, DType b, int bDims) {
        if ((aDims == 0) == (bDims == 0)) {
            return promote(a, b);
        }
        DType dimmed = aDims == 0 ? b : a;
        DType zero = aDims == 0 ? a : b;
        return zero.category() > dimmed.category() ? zero : dimmed;
    }

    /**
     * The floating type a floating-valued result of an operand of this type has (exp, division,
     * means): this type if it is floating, else the default dtype, as PyTorch.
     *
     * @return FLOAT32 or FLOAT64
     */
    public DType toFloating() {
        return isFloatingPoint() ? this : Tensor.getDefaultDtype();
    }
}
