package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * ReLU on a batch-1024 hidden layer's activations (1024 x 128 values of random sign, where a
 * comparison per element mispredicts half its branches): the forward alone, and forward plus
 * backward, in float64 and float32 (the float kernels). Score is microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReluBench {
    /** The activations' dtype. */
    @Param({"float64", "float32"})
    public String dtype;

    private Tensor h;
    private Tensor grad;

    /** Random activations and an upstream gradient. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        DType dt = Dtypes.of(dtype);
        h = Tensor.randn(rng, 1024, 128).to(dt).requiresGrad(true);
        grad = Tensor.randn(rng, 1024, 128).to(dt);
    }

    /**
     * The forward, recorded.
     *
     * @return the output
     */
    @Benchmark
    public Tensor forward() {
        return h.relu();
    }

    /**
     * Forward and backward.
     *
     * @return the input's gradient
     */
    @Benchmark
    public Tensor forwardBackward() {
        h.setGrad(null);
        h.relu().backward(grad);
        return h.grad();
    }
}
