/**
 * Optimizers and learning-rate schedulers, following {@code torch.optim}.
 *
 * <p>An {@link jgrad.optim.Optimizer} updates its parameters in place from their gradients:
 * {@link jgrad.optim.SGD} (momentum, dampening, Nesterov, weight decay, maximize),
 * {@link jgrad.optim.Adam} and {@link jgrad.optim.AdamW} (AMSGrad, maximize). The update rules
 * are those of current PyTorch's single-tensor implementations, computed in float64, so the
 * numbers agree with PyTorch to about 1e-12. A parameter whose gradient is null is skipped, as
 * in PyTorch.
 *
 * <p>Parameters live in {@link jgrad.optim.ParamGroup}s: each group has its own
 * hyperparameters (named as in PyTorch: {@code "lr"}, {@code "momentum"}, {@code "weight_decay"},
 * ...; flags are stored as 0 or 1). {@link jgrad.optim.Optimizer#stateDict()} and
 * {@link jgrad.optim.Optimizer#loadStateDict(java.util.Map)} save and restore the optimizer's
 * state (momentum buffers, moment estimates, step counts, hyperparameters) so that training
 * resumes bit for bit.
 *
 * <p>Schedulers change the optimizer's learning rate once per epoch:
 * {@link jgrad.optim.StepLR} and {@link jgrad.optim.CosineAnnealingLR}, using PyTorch's
 * chainable (recursive) formulas.
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
