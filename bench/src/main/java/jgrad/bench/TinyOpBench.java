package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernel.Gemm;
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
 * Per-op overhead on tiny tensors, where the arithmetic is nothing and bookkeeping is everything:
 * {@code a.add(b)} on (10, 4) tensors with {@code a.requiresGrad(true)}, so every call records a
 * node (PyTorch pays ~1 us per op here), in float64 and float32; and a tiny (4x2)·(2x10) product straight through
 * {@link Gemm}. Score is nanoseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TinyOpBench {
    private double[] x;
    private double[] w;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(0);
        x = r.doubles(8, -1, 1).toArray();
        w = r.doubles(20, -1, 1).toArray();
    }

    /** The operands of {@link #addWithGrad}, in one dtype. */
    @State(Scope.Thread)
    public static class Operands {
        /** Their dtype. */
        @Param({"float64", "float32"})
        public String dtype;

        Tensor a;
        Tensor b;

        /** Two (10, 4) tensors, {@code a} requiring grad. */
        @Setup
        public void setup() {
            Tensor.manualSeed(0);
            DType dt = Dtypes.of(dtype);
            a = Tensor.randn(dt, 10, 4).requiresGrad(true);
            b = Tensor.randn(dt, 10, 4);
        }
    }

    /**
     * {@code a.add(b)} with grad recording.
     *
     * @param o the operands
     * @return the sum
     */
    @Benchmark
    public Tensor addWithGrad(Operands o) {
        return o.a.add(o.b);
    }

    /** (4x2)·(2x10) through the direct small-product loop. */
    @Benchmark
    public double[] tinyMatmul() {
        return Gemm.multiply(x, 4, 2, false, w, 2, 10, false);
    }
}
