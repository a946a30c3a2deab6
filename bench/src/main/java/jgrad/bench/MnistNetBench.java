package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.examples.MnistNet;
import jgrad.nn.Functional;
import jgrad.optim.Adadelta;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of PyTorch's examples/mnist {@code Net} ({@link MnistNet}: two 3x3
 * convolutions, max pool, dropout, two linear layers, log-softmax) in training mode at batch 64:
 * zero_grad, forward, nll_loss, backward, Adadelta step; the workload {@code mnistNetStep} of
 * bench/pytorch/workloads.py. {@code float32} runs with it as the default dtype, as workloads.py
 * runs PyTorch's float32 rows. Score: microseconds per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MnistNetBench {
    /** The batch size. */
    @Param({"64"})
    public int batch;
    /** The dtype of the model and the data. */
    @Param({"float64", "float32"})
    public String dtype;

    private MnistNet model;
    private Adadelta optimizer;
    private Tensor x;
    private Tensor y;
    private DType previous;

    /** The net, a batch of random images and labels, and the optimizer. */
    @Setup
    public void setup() {
        previous = TrainingBench.useDtype(dtype);
        SplittableRandom rng = new SplittableRandom(0);
        model = new MnistNet();
        model.train();
        optimizer = new Adadelta(model.parameters(), 1.0);
        x = Tensor.randn(rng, batch, 1, 28, 28).to(Tensor.getDefaultDtype());
        y = TrainingBench.labels(rng, batch, 10);
    }

    /** Restores the default dtype. */
    @TearDown
    public void tearDown() {
        Tensor.setDefaultDtype(previous);
    }

    /**
     * One step.
     *
     * @return the loss
     */
    @Benchmark
    public double mnistNetStep() {
        optimizer.zeroGrad();
        Tensor output = model.forward(x);
        Tensor loss = Functional.nllLoss(output, y);
        loss.backward();
        optimizer.step();
        return loss.item();
    }
}
