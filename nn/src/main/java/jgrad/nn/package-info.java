/**
 * Neural-network building blocks with PyTorch's semantics and numbers: {@link jgrad.nn.Module}
 * and its layers ({@link jgrad.nn.Linear}, {@link jgrad.nn.Conv2d}, {@link jgrad.nn.Sequential},
 * {@link jgrad.nn.ModuleList}, activations, {@link jgrad.nn.Dropout}, the pooling layers
 * {@link jgrad.nn.MaxPool2d}, {@link jgrad.nn.AvgPool2d} and {@link jgrad.nn.AdaptiveAvgPool2d}), the losses
 * ({@link jgrad.nn.CrossEntropyLoss}, {@link jgrad.nn.NLLLoss}, {@link jgrad.nn.MSELoss},
 * {@link jgrad.nn.BCEWithLogitsLoss}), their stateless forms in {@link jgrad.nn.Functional}, and
 * training helpers in {@link jgrad.nn.Utils} ({@code clipGradNorm}).
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
 * var criterion = new CrossEntropyLoss();
 * Tensor loss = criterion.forward(model.forward(x), y);   // y: INT64 class indices
 * loss.backward();
 * }</pre>
 *
 * <p>Dtypes: modules and losses work in FLOAT32 or FLOAT64, as PyTorch: new parameters have
 * the default dtype ({@link jgrad.Tensor#setDefaultDtype}), {@link jgrad.nn.Module#to(jgrad.DType)}
 * converts a model (build its optimizer afterwards), a loss has its input's dtype (input and
 * target promote; class weights must have the input's dtype), and a layer refuses an input of
 * another dtype than its weight, naming both.
 *
 * <p>Bad arguments (shapes that do not fit, targets out of range, wrong dtypes, invalid
 * options) are {@link java.lang.IllegalArgumentException}s whose message names the layer or
 * loss and the offending value or shapes, wherever PyTorch raises an error; where PyTorch only
 * warns (an MSE target of another size than the input), jgrad logs the same warning to the
 * {@code jgrad} {@link java.lang.System.Logger}.
 *
 * <p>Inside the package: each loss records its own tape node (the {@code forward} and the static
 * method {@link jgrad.nn.Functional} calls); the raw loops on {@code double[]} they run are in
 * {@code *Kernel} classes, which record nothing ({@code CrossEntropyKernel}, {@code NllKernel},
 * {@code SoftplusKernel}); argument checks are in {@code LossChecks} and, for class-index
 * targets, {@code ClassIndexLoss}. A {@link jgrad.nn.Module}'s registered parameters, buffers
 * and children live in {@code ModuleRegistry} (which also does {@code to}'s conversion);
 * state-dict validation is in
 * {@code StateDictLoading.check}.
 */
package jgrad.nn;
