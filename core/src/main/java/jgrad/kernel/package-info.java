/**
 * Raw loops on {@code double[]} and {@code float[]}: broadcasting elementwise kernels, the
 * elementwise functions exp, log, sqrt, tanh and sigmoid ({@code Elementwise}), GEMM (float64
 * and float32), the softmax family's forward and plain backward loops
 * ({@code SoftmaxKernel}) and their Vector API forms ({@code Simd}), and the row passes of the
 * fused cross-entropy ({@code RowPasses}: max, float widening and narrowing). No autograd here.
 *
 * <h2>GEMM: the hot loops twice, the rest once</h2>
 *
 * <p>Java generics do not reach primitive arrays, and a hot loop is fast only on a {@code double[]} or
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
 *
 * <h2>FLOAT32: written once per dtype where it must be, shared where it can be</h2>
 *
 * <p>Every op works for FLOAT32 the generic way: it reads {@code Tensor.doubles()} (a widened
 * copy for FLOAT32), computes in double with the kernel written for {@code double[]} and rounds
 * the result to float once. That is correct for all ops and costs a widened copy of each operand
 * and a double result, so the ops of a training step's hot path have float twins that read and
 * write the {@code float[]} storage directly, each beside its double twin:
 *
 * <ul>
 *   <li>{@code Gemm}'s float products (SGEMM, above): every FLOAT32 mm, addmm, matmul and
 *       Linear, forward and backward;
 *   <li>{@code BroadcastFloat} (beside {@code Broadcast}): add, sub, mul, div with broadcasting,
 *       {@code expand} and {@code sumTo}; both walk the same runs ({@code Broadcast.eachRow});
 *   <li>{@code Elementwise}: exp, log, sqrt, tanh, sigmoid, the float values widened a block at
 *       a time into a scratch array and run through the double loop (a float loop calling
 *       {@code Math.exp} per element ran three times slower on JDK 17);
 *   <li>{@code SoftmaxKernelFloat} (beside {@code SoftmaxKernel}): the softmax, logSoftmax and
 *       logSumExp forwards and plain backwards, each row widened into a scratch array and run
 *       through the double kernel's own {@code rowMax} and {@code expSum};
 *   <li>in {@code jgrad.ops}: the scalar ops and neg ({@code Arithmetic}), relu forward and
 *       backward, sin, cos, log1p, expm1 ({@code Unary}), sum and mean over all elements and
 *       over a dim ({@code Reductions}), the in-place add of a same-shape operand and the
 *       in-place multiply by a scalar ({@code InPlace}); the gradient accumulation of
 *       {@code Tensor}; SGD's plain and momentum updates ({@code jgrad.optim}).
 * </ul>
 *
 * <p>Their values are the generic path's (except the products, SGD's updates and the in-place
 * add with a factor, which do float arithmetic as PyTorch's float kernels do): an add, sub, mul
 * or div of two floats is exact in double, so the float operation gives the same correctly
 * rounded result; the functions (exp, tanh, ...) and the scalar ops compute each value in double
 * and round once; sums accumulate in double in the double kernel's order and round once (more
 * accurate than PyTorch's float cascade, and the same bits as the generic path). Everything else
 * (pow, abs, max, comparisons, indexing, shape ops, mixed dtypes such as FLOAT32 with FLOAT64 or
 * INT64) goes through {@code doubles()}. The fused cross-entropy (in {@code jgrad.nn}) reads
 * FLOAT32 logits row by row through {@code RowPasses}.
 */
package jgrad.kernel;
