package jgrad.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's clock, for turning GFLOP/s into a fraction of the machine's peak: 4000 double
 * multiplies, each waiting for the one before. A double multiply takes 3 cycles on Zen 3 (4 on
 * Intel cores since Skylake), so <b>GHz = 3 x 4000 / score</b> on Zen 3 (score in ns). A core
 * with AVX2 and two FMA units then peaks at 16 double-precision flops per cycle.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClockBench {
    /** The start of the chain; a field so the JIT cannot fold the chain away. */
    public double x = 1.0;

    /**
     * 1000 rounds of four dependent multiplies whose factors cancel.
     *
     * @return the chain's end (about {@code x})
     */
    @Benchmark
    public double dependentMultiplies() {
        double v = x;
        for (int i = 0; i < 1000; i++) {
            v = v * 1.0000000001;
            v = v * 0.9999999999;
            v = v * 1.0000000001;
            v = v * 0.9999999999;
        }
        return v;
    }
}
