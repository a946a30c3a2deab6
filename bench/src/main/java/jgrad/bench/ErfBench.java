package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.Functional;
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
 * erf on 100,000 standard-normal values (every branch of erf is taken, most of them below
 * |x| = 2), alone and inside exact GELU's forward and backward (the attention example's MLP
 * activation), in float64 and float32. Score is microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ErfBench {
    /** The values' dtype. */
    @Param({"float64", "float32"})
    public String dtype;

    private Tensor x;
    private Tensor h;
    private Tensor grad;

    /** 100,000 random values, a copy that requires grad, and an upstream gradient. */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        DType dt = Dtypes.of(dtype);
        x = Tensor.randn(rng, 100_000).to(dt);
        h = x.detach().requiresGrad(true);
        grad = Tensor.randn(rng, 100_000).to(dt);
    }

    /**
     * erf alone, no gradient recorded.
     *
     * @return the output
     */
    @Benchmark
    public Tensor erf() {
        return x.erf();
    }

    /**
     * Exact GELU, forward and backward.
     *
     * @return the input's gradient
     */
    @Benchmark
    public Tensor geluForwardBackward() {
        h.setGrad(null);
        Functional.gelu(h).backward(grad);
        return h.grad();
    }
}
