package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.CrossEntropyLoss;
import jgrad.nn.Linear;
import jgrad.nn.Module;
import jgrad.nn.ReLU;
import jgrad.nn.Sequential;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole training steps, the workloads of bench/pytorch/workloads.py: one epoch of the
 * documents' loop (4x2 data, 2-10-2 MLP, cross-entropy, SGD), an MNIST-sized 784-128-10 step
 * (CE, SGD momentum 0.9) at batch 32/128/1024 in float64 and float32, a 784-512-512-10 step at
 * batch 256, and the fused cross-entropy forward + backward. Score: microseconds per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TrainingBench {
    /** A model, its data and its optimizer: one training step. */
    static final class Step {
        final Module model;
        final Tensor x;
        final Tensor y;
        final SGD optimizer;
        final CrossEntropyLoss criterion = new CrossEntropyLoss();

        Step(Module model, Tensor x, Tensor y, SGD optimizer) {
            this.model = model;
            this.x = x;
            this.y = y;
            this.optimizer = optimizer;
        }

        double run() {
            optimizer.zeroGrad();
            Tensor loss = criterion.forward(model.forward(x), y);
            loss.backward();
            optimizer.step();
            return loss.item();
        }
    }

    static Sequential mlp(int... sizes) {
        Sequential m = new Sequential();
        for (int i = 0; i + 1 < sizes.length; i++) {
            m.add(new Linear(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) {
                m.add(new ReLU());
            }
        }
        return m;
    }

    /**
     * Makes {@code dtype} ({@code "float64"} or {@code "float32"}) the default dtype, as
     * workloads.py does for its rows, and seeds the default generator with 0.
     *
     * @param dtype the JMH parameter's value
     * @return the default dtype before, for the state's tear-down to restore
     */
    static DType useDtype(String dtype) {
        DType previous = Tensor.getDefaultDtype();
        Tensor.setDefaultDtype(Dtypes.of(dtype));
        Tensor.manualSeed(0);
        return previous;
    }

    static Tensor labels(SplittableRandom rng, int n, int classes) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextInt(classes);
        }
        return Tensor.wrap(d, DType.INT64, n);
    }

    /** The documents' loop. */
    @State(Scope.Thread)
    public static class SeedLoop {
        Step step;

        /** Builds it. */
        @Setup
        public void setup() {
            Tensor.manualSeed(0);
            var model = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
            step = new Step(model, Tensor.of(new double[][] {{1, 2}, {2, 1}, {3, 4}, {4, 3}}), Tensor.of(0, 0, 1, 1),
                    new SGD(model.parameters(), 0.01));
        }
    }

    /**
     * 784-128-10 at a batch size, in a dtype: {@code float32} runs with it as the default dtype,
     * as workloads.py runs PyTorch's float32 rows (and as the CLI trains).
     */
    @State(Scope.Thread)
    public static class Mnist {
        @Param({"32", "128", "1024"})
        int batch;
        @Param({"float64", "float32"})
        String dtype;
        Step step;
        private DType previous;

        /** Builds it. */
        @Setup
        public void setup() {
            previous = useDtype(dtype);
            DType d = Tensor.getDefaultDtype();
            SplittableRandom rng = new SplittableRandom(0);
            Sequential model = mlp(784, 128, 10);
            step = new Step(model, Tensor.randn(rng, batch, 784).to(d), labels(rng, batch, 10),
                    SGD.builder(model.parameters()).lr(0.01).momentum(0.9).build());
        }

        /** Restores the default dtype. */
        @TearDown
        public void tearDown() {
            Tensor.setDefaultDtype(previous);
        }
    }

    /** 784-512-512-10 at batch 256. */
    @State(Scope.Thread)
    public static class Deep {
        Step step;

        /** Builds it. */
        @Setup
        public void setup() {
            Tensor.manualSeed(0);
            SplittableRandom rng = new SplittableRandom(0);
            Sequential model = mlp(784, 512, 512, 10);
            step = new Step(model, Tensor.randn(rng, 256, 784), labels(rng, 256, 10),
                    SGD.builder(model.parameters()).lr(0.01).momentum(0.9).build());
        }
    }

    /** Logits and targets for the fused loss. */
    @State(Scope.Thread)
    public static class Logits {
        @Param({"1024x10", "256x1000"})
        String shape;
        /** The logits' dtype; float64 unless run with {@code -p dtype=float32}. */
        @Param({"float64"})
        String dtype;
        Tensor logits;
        Tensor target;
        final CrossEntropyLoss criterion = new CrossEntropyLoss();

        /** Builds them. */
        @Setup
        public void setup() {
            int n = Integer.parseInt(shape.split("x")[0]);
            int c = Integer.parseInt(shape.split("x")[1]);
            SplittableRandom rng = new SplittableRandom(0);
            logits = Tensor.randn(rng, n, c).to(Dtypes.of(dtype)).requiresGrad(true);
            target = labels(rng, n, c);
        }
    }

    /**
     * One epoch of the documents' loop.
     *
     * @param s the state
     * @return the loss
     */
    @Benchmark
    public double seedLoopEpoch(SeedLoop s) {
        return s.step.run();
    }

    /**
     * One 784-128-10 SGD-momentum step.
     *
     * @param s the state
     * @return the loss
     */
    @Benchmark
    public double mnistMlpStep(Mnist s) {
        return s.step.run();
    }

    /**
     * One 784-512-512-10 SGD-momentum step at batch 256.
     *
     * @param s the state
     * @return the loss
     */
    @Benchmark
    public double deepMlpStep(Deep s) {
        return s.step.run();
    }

    /**
     * Fused cross-entropy forward and backward.
     *
     * @param s the state
     * @return the logits' gradient
     */
    @Benchmark
    public Tensor crossEntropy(Logits s) {
        s.logits.setGrad(null);
        s.criterion.forward(s.logits, s.target).backward();
        return s.logits.grad();
    }
}
