/**
 * Raw loops on {@code double[]} and {@code float[]}: broadcasting elementwise kernels, GEMM
 * (float64 and float32), the softmax family's forward and plain backward loops
 * ({@code SoftmaxKernel}) and their Vector API forms ({@code Simd}), and the row passes of the
 * fused cross-entropy ({@code RowPasses}: max, float widening and narrowing). No autograd here.
 *
 * <p><b>Kernels per dtype: written once where they must be, shared where they can be.</b> Java
 * generics do not reach primitive arrays, and a hot loop is fast only on a {@code double[]} or
 * {@code float[]} it names (C2 vectorises {@code Math.fma} on the array itself; Vector API code
 * is compiled well only with its species and vector class constant). So for GEMM:
 * <ul>
 *   <li>Written twice, side by side and line for line (an edit to one belongs in the other):
 *       the plain micro-kernel ({@code GemmKernel.fma2x4}, both overloads in one file), the
 *       plain blocking and packing ({@code GemmBlocked} / {@code GemmBlockedFloat}), the Vector
 *       API blocking, packing and register-blocked kernels ({@code VectorGemm} /
 *       {@code VectorGemmFloat}), the direct loop for tiny products and the dispatch in
 *       {@link jgrad.kernel.Gemm} (its two {@code run} methods).</li>
 *   <li>Shared, with no typed array in them: the argument checks and the choice of route
 *       (empty, direct, transposed for a narrow C, blocked) in {@code Gemm}; how a product is
 *       shared out among the threads ({@code Gemm.share} for the plain path,
 *       {@code VectorGemm.share} for the Vector API one, each given the typed block as a
 *       lambda: one call per chunk, nothing per element); the thread team ({@code GemmTeam});
 *       the choice of kernels and their warm-up ({@code Simd}, {@code VectorWarmUp}).</li>
 * </ul>
 * Both dtypes keep the same k order on every path (each element one chain of FMAs in increasing
 * k, from zero, in the element's own precision), so the plain and Vector API paths give the
 * same bits in float32 as in float64.
 */
package jgrad.kernel;
