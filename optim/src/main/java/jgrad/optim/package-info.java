/**
 * Optimizers and learning-rate schedulers, following {@code torch.optim}.
 *
 * <p>An {@link jgrad.optim.Optimizer} updates its parameters in place from their gradients:
 * {@link jgrad.optim.SGD} (momentum, dampening, Nesterov, weight decay, maximize),
 * {@link jgrad.optim.Adam} and {@link jgrad.optim.AdamW} (AMSGrad, maximize),
 * {@link jgrad.optim.RMSprop} (momentum, centered, weight decay, maximize),
 * {@link jgrad.optim.Adagrad} (learning-rate decay, initial accumulator, weight decay,
 * maximize) and {@link jgrad.optim.Adadelta} (rho, weight decay, maximize). The update rules
 * are those of current PyTorch's single-tensor implementations,
 * computed in float64, so the numbers agree with PyTorch to about 1e-12. FLOAT32 parameters are
 * updated in place with FLOAT32 state (computed in double and rounded once per step; plain SGD
 * in float, as PyTorch's kernel), within float tolerance of PyTorch's float32 optimizers;
 * hyperparameters and step counts stay FLOAT64. A parameter whose
 * gradient is null is skipped, as in PyTorch. Each optimizer is built with its constructor
 * (PyTorch's defaults) or its builder ({@link jgrad.optim.OptimizerBuilder}: the settings every
 * optimizer has, plus its own).
 *
 * <p>Where things are: {@code Optimizer} holds the parameter groups, the per-parameter state
 * and the loop of {@code step()} (each optimizer writes only its rule for one parameter, in
 * {@code update}); {@code Options} builds, merges and checks hyperparameters;
 * {@code ParamListCheck} checks parameter lists; {@code OptimizerStateDict} saves and strictly
 * loads an optimizer's state dict (with {@link jgrad.io.StateDictCheck}, the checker shared with
 * schedulers and modules; {@code PlateauStateDict} does the same for ReduceLROnPlateau);
 * {@code Updates} has the helpers of the update rules; {@code AdamBase} is what Adam and AdamW
 * share; {@code SGDKernel} holds SGD's fast loops, tested equal bit for bit to {@code SGD.rule}.
 *
 * <p>Parameters live in {@link jgrad.optim.ParamGroup}s: each group has its own
 * hyperparameters (named as in PyTorch: {@code "lr"}, {@code "momentum"}, {@code "weight_decay"},
 * ...; flags are stored as 0 or 1). {@link jgrad.optim.Optimizer#stateDict()} and
 * {@link jgrad.optim.Optimizer#loadStateDict(java.util.Map)} save and restore the optimizer's
 * state (momentum buffers, moment estimates, step counts, hyperparameters) so that training
 * resumes bit for bit.
 *
 * <p>Schedulers change the optimizer's learning rate once per epoch:
 * {@link jgrad.optim.StepLR}, {@link jgrad.optim.CosineAnnealingLR} and
 * {@link jgrad.optim.ExponentialLR} (PyTorch's chainable, recursive formulas) and
 * {@link jgrad.optim.LambdaLR} (base rate times a function of the epoch) extend
 * {@link jgrad.optim.LRScheduler}, which keeps their settings and state dict;
 * {@link jgrad.optim.ReduceLROnPlateau} lowers the rates when a metric passed to
 * {@code step(metric)} stops improving.
 *
 * <pre>{@code
 * var optimizer = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).build();
 * var scheduler = new StepLR(optimizer, 30);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     optimizer.zeroGrad();
 *     criterion.forward(model.forward(x), y).backward();
 *     optimizer.step();
 *     scheduler.step();
 * }
 * }</pre>
 */
package jgrad.optim;
