package jgrad.examples;

import static jgrad.nn.Functional.flatten;
import static jgrad.nn.Functional.logSoftmax;
import static jgrad.nn.Functional.maxPool2d;
import static jgrad.nn.Functional.relu;

import jgrad.Tensor;
import jgrad.nn.Conv2d;
import jgrad.nn.Dropout;
import jgrad.nn.Linear;
import jgrad.nn.Module;

/**
 * The {@code Net} of PyTorch's {@code examples/mnist/main.py}, line for line: two 3x3
 * convolutions (1 -> 32 -> 64 channels) with ReLU, a 2x2 max pool, dropout 0.25, flatten,
 * {@code Linear(9216, 128)}, ReLU, dropout 0.5, {@code Linear(128, 10)} and log-softmax over
 * the classes. Input {@code (N, 1, 28, 28)}, output {@code (N, 10)} log-probabilities; the
 * state dict has PyTorch's keys ({@code conv1.weight}, ..., {@code fc2.bias}).
 *
 * <pre>{@code
 * # PyTorch                                   // jgrad
 * x = self.conv1(x)                           x = conv1.forward(x);
 * x = F.relu(x)                               x = relu(x);
 * x = F.max_pool2d(x, 2)                      x = maxPool2d(x, 2);
 * x = torch.flatten(x, 1)                     x = flatten(x, 1, -1);
 * output = F.log_softmax(x, dim=1)            Tensor output = logSoftmax(x, 1);
 * }</pre>
 */
public final class MnistNet extends Module {
    private final Conv2d conv1 = registerModule("conv1", new Conv2d(1, 32, 3, 1));
    private final Conv2d conv2 = registerModule("conv2", new Conv2d(32, 64, 3, 1));
    private final Dropout dropout1 = registerModule("dropout1", new Dropout(0.25));
    private final Dropout dropout2 = registerModule("dropout2", new Dropout(0.5));
    private final Linear fc1 = registerModule("fc1", new Linear(9216, 128));
    private final Linear fc2 = registerModule("fc2", new Linear(128, 10));

    /** The net, initialised from the default generator ({@link Tensor#manualSeed} makes it reproducible). */
    public MnistNet() {}

    /**
     * The forward pass of {@code Net.forward}.
     *
     * @param x images {@code (N, 1, 28, 28)}
     * @return log-probabilities {@code (N, 10)}
     */
    @Override
    public Tensor forward(Tensor x) {
        x = conv1.forward(x);
        x = relu(x);
        x = conv2.forward(x);
        x = relu(x);
        x = maxPool2d(x, 2);
        x = dropout1.forward(x);
        x = flatten(x, 1, -1);
        x = fc1.forward(x);
        x = relu(x);
        x = dropout2.forward(x);
        x = fc2.forward(x);
        Tensor output = logSoftmax(x, 1);
        return output;
    }
}
