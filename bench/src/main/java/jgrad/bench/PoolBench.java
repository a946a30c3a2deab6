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
 * The MNIST Net's max pool: 2x2, stride 2, on (64, 64, 24, 24) activations (batch 64 after the
 * second convolution), the forward alone and forward plus backward, in float64 and float32.
 * Score is microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolBench {
    private static final int[] K = {2};
    private static final int[] PAD = {0};
    private static final int[] DIL = {1};

    /** The activations' dtype. */
    @Param({"float64", "float32"})
    public String dtype;

    private Tensor h;
    private Tensor grad;

    /** Random activations and an upstream gradient of the pooled shape. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        DType dt = Dtypes.of(dtype);
        h = Tensor.randn(rng, 64, 64, 24, 24).to(dt).requiresGrad(true);
        grad = Tensor.randn(rng, 64, 64, 12, 12).to(dt);
    }

    /**
     * The forward, recorded.
     *
     * @return the output
     */
    @Benchmark
    public Tensor maxPoolForward() {
        return h.maxPool2d(K, null, PAD, DIL, false);
    }

    /**
     * Forward and backward.
     *
     * @return the input's gradient
     */
    @Benchmark
    public Tensor maxPoolForwardBackward() {
        h.setGrad(null);
        h.maxPool2d(K, null, PAD, DIL, false).backward(grad);
        return h.grad();
    }
}
