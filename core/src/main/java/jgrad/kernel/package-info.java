/**
 * Raw loops on {@code double[]}: broadcasting elementwise kernels, the elementwise functions
 * exp, log, sqrt, tanh and sigmoid ({@code Elementwise}), GEMM, the softmax family's forward and
 * plain backward loops ({@code SoftmaxKernel}) and their Vector API forms ({@code Simd}). No
 * autograd here.
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
 * <p>Their values are the generic path's (except SGD's updates and the in-place add with a factor,
 * which do float arithmetic as PyTorch's float kernels do): an add, sub, mul or div of two floats is exact in
 * double, so the float operation gives the same correctly rounded result; the functions (exp,
 * tanh, ...) and the scalar ops compute each value in double and round once; sums accumulate in
 * double in the double kernel's order and round once (more accurate than PyTorch's float
 * cascade, and the same bits as the generic path). Everything else (products until their float
 * kernel, pow, abs, max, comparisons, indexing, shape ops, mixed dtypes such as FLOAT32 with
 * FLOAT64 or INT64) goes through {@code doubles()}.
 */
package jgrad.kernel;
