package jgrad.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.Tensor;
import jgrad.optim.Adagrad;
import jgrad.optim.Adam;
import jgrad.optim.Optimizer;
import jgrad.optim.RMSprop;
import jgrad.optim.SGD;
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
 * One optimizer step on the parameters of a 784 -> 128 layer (100,480 values) with fixed
 * gradients. {@code sgd} and {@code sgdMomentum} take SGD's fast loops ({@code SGDKernel});
 * {@code sgdMaximize} and {@code sgdNesterov} the same work through the readable rule
 * ({@code SGD.rule}), so the pairs show what the fast loops buy. Score: microseconds per step.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OptimizerBench {
    /** Which optimizer steps. */
    @Param({"sgd", "sgdMaximize", "sgdMomentum", "sgdNesterov", "adam", "rmsprop", "rmspropCentered", "adagrad"})
    public String optimizer;

    private Optimizer opt;

    /** The layer's parameters with gradients, and the optimizer (its state made by one step). */
    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(0);
        Tensor w = Tensor.randn(rng, 784, 128).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 128).requiresGrad(true);
        w.setGrad(Tensor.randn(rng, 784, 128));
        b.setGrad(Tensor.randn(rng, 128));
        List<Tensor> params = List.of(w, b);
        double lr = 1e-9; // the parameters barely move however long it runs
        opt = switch (optimizer) {
            case "sgd" -> new SGD(params, lr);
            case "sgdMaximize" -> SGD.builder(params).lr(lr).maximize(true).build();
            case "sgdMomentum" -> SGD.builder(params).lr(lr).momentum(0.9).build();
            case "sgdNesterov" -> SGD.builder(params).lr(lr).momentum(0.9).nesterov(true).build();
            case "adam" -> new Adam(params, lr);
            case "rmsprop" -> new RMSprop(params, lr);
            case "rmspropCentered" -> RMSprop.builder(params).lr(lr).centered(true).build();
            case "adagrad" -> new Adagrad(params, lr);
            default -> throw new IllegalArgumentException(optimizer);
        };
        opt.step();
    }

    /**
     * One step.
     *
     * @return the optimizer
     */
    @Benchmark
    public Optimizer step() {
        opt.step();
        return opt;
    }
}
