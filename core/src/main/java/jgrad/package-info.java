/**
 * jgrad's face: {@link jgrad.Tensor}, {@link jgrad.DType}, and {@link jgrad.Shape}
 * (broadcasting and the shape-error helper).
 *
 * <p>Where things live. {@code Tensor} is one public class, written in seven files so that none
 * is long; the six bases are package-private and sealed, so every method below is simply a
 * public method of {@code Tensor}:
 * <ul>
 *   <li>{@code TensorFactories.java}: the static factories ({@code of}, {@code zeros},
 *       {@code randn}, {@code wrap}, {@code cat}, {@code where}, ...) and the default generator
 *       ({@code manualSeed}).
 *   <li>{@code TensorValues.java}: storage, shape and dtype; shape queries, {@code item},
 *       {@code get}, {@code toArray}, {@code toString}, EJML conversion; the in-place ops
 *       and their version counter.
 *   <li>{@code TensorOps.java}: the elementwise math (arithmetic, unary functions, clamp,
 *       minimum, maximum), {@code TensorCompareOps.java}: comparisons, logical ops, {@code where},
 *       {@code isclose}/{@code allclose} (BOOL masks), {@code TensorShapeOps.java}: shape and indexing ops, {@code TensorReductionOps.java}:
 *       reductions, the softmax family and the matrix product; each method a one-line call into
 *       {@code jgrad.ops}, where the op's forward and backward sit side by side.
 *   <li>{@code Tensor.java}: the autograd state ({@code requiresGrad}, {@code grad},
 *       {@code gradFn}, {@code backward}, {@code detach}) and the constructor.
 * </ul>
 * {@code TensorFormat.java} prints tensors as PyTorch does; {@code EjmlInterop.java} holds every
 * use of EJML (an optional dependency), so Tensor loads without it.
 *
 * <p>The engine's bookkeeping on a tensor (adding into {@code grad}, attaching the node that made
 * it, bumping its version) and the ops' unchecked factory are not on {@code Tensor}'s face: the
 * engine, the ops and the optimizers reach them through {@link jgrad.internal.TensorInternals},
 * in a package the module does not export (as PyTorch keeps them in {@code AutogradMeta}). A few
 * public methods remain for ops and readers in other packages ({@code storage()},
 * {@code shapeArray()}, {@code viewUnrecorded}): they carry {@link jgrad.Internal} and their
 * javadoc starts with "Internal: not part of jgrad's API". A new one must do both
 * ({@code InternalApiTest} in docs checks it).
 *
 * <p>Why {@code jgrad.data} and {@code jgrad.io} are in core (issue 18 asked whether a
 * {@code jgrad-data} module should take them; decided, not yet done):
 * <ul>
 *   <li>{@code jgrad.io} stays. {@code StateDictCheck} is the one state-dict checker that
 *       {@code Module}, {@code Optimizer} and {@code LRScheduler} (in nn and optim) validate
 *       with, and safetensors is how a state dict is saved and how models move to and from
 *       PyTorch; like {@code torch.save}, persistence belongs with the tensors. It needs nothing
 *       but JDK classes.
 *   <li>{@code jgrad.data} (datasets, loaders, CSV/IDX readers, standardising, metrics: about
 *       2,450 of core's 11,700 lines) should move to a {@code jgrad-data} module (module
 *       {@code jgrad.data}, same package, requiring {@code jgrad.core}), so that core is the
 *       autograd engine: nothing in core, nn or optim uses it; only examples and the guides do.
 *       It is not moved yet because another change is editing its readers, and because it reads
 *       tensors through {@code storage()} (internal, for zero-copy batching): the move needs that
 *       read either through public API or through a qualified export to {@code jgrad.data}.
 * </ul>
 */
package jgrad;
