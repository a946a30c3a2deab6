/**
 * Neural-network building blocks with PyTorch's semantics and numbers: {@link jgrad.nn.Module}
 * and its layers ({@link jgrad.nn.Linear}, {@link jgrad.nn.Sequential}, activations,
 * {@link jgrad.nn.Dropout}), the losses ({@link jgrad.nn.CrossEntropyLoss},
 * {@link jgrad.nn.NLLLoss}, {@link jgrad.nn.MSELoss}, {@link jgrad.nn.BCEWithLogitsLoss}) and
 * their stateless forms in {@link jgrad.nn.Functional}.
 *
 * <pre>{@code
 * var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
 * var criterion = new CrossEntropyLoss();
 * Tensor loss = criterion.forward(model.forward(x), y);   // y: INT64 class indices
 * loss.backward();
 * }</pre>
 *
 * <p>Bad arguments (shapes that do not fit, targets out of range, wrong dtypes, invalid
 * options) are {@link java.lang.IllegalArgumentException}s whose message names the layer or
 * loss and the offending value or shapes, wherever PyTorch raises an error.
 */
package jgrad.nn;
