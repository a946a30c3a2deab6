package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.nn.Conv2d;
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
 * Conv2d forward + backward (a fixed random gradient of the output), the workloads conv2d_* of
 * bench/pytorch/workloads.py: the MNIST example's first layer, a (64, 1, 28, 28) batch into 32
 * channels with a 3x3 kernel (the input needs no gradient, as a network's first layer), and its
 * second, (64, 32, 26, 26) into 64 channels, 3x3, with the input's gradient too. Float64 and
 * float32 (as the default dtype, as workloads.py runs PyTorch's float32 rows). Score:
 * microseconds per forward + backward.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConvBench {
    /** A layer, its input and the gradient of its output. */
    @State(Scope.Thread)
    public static class Layer {
        /** {@code NxCxHxW_O}: the input's shape and the output channels. */
        @Param({"64x1x28x28_32", "64x32x26x26_64"})
        String shape;
        @Param({"float64", "float32"})
        String dtype;
        Conv2d conv;
        Tensor x;
        Tensor gradOut;
        private DType previous;

        /** Builds them. */
        @Setup
        public void setup() {
            DType d = Dtypes.of(dtype);
            previous = Tensor.getDefaultDtype();
            Tensor.setDefaultDtype(d);
            String[] in = shape.split("_")[0].split("x");
            int n = Integer.parseInt(in[0]);
            int c = Integer.parseInt(in[1]);
            int h = Integer.parseInt(in[2]);
            int w = Integer.parseInt(in[3]);
            int o = Integer.parseInt(shape.split("_")[1]);
            Tensor.manualSeed(0);
            SplittableRandom rng = new SplittableRandom(0);
            conv = new Conv2d(c, o, 3);
            x = Tensor.randn(rng, n, c, h, w).to(d).requiresGrad(c > 1);
            gradOut = Tensor.randn(rng, n, o, h - 2, w - 2).to(d);
        }

        /** Restores the default dtype. */
        @TearDown
        public void tearDown() {
            Tensor.setDefaultDtype(previous);
        }
    }

    /**
     * One forward and backward of the layer.
     *
     * @param s the state
     * @return the weight's gradient
     */
    @Benchmark
    public Tensor conv2dForwardBackward(Layer s) {
        s.conv.zeroGrad();
        s.x.setGrad(null);
        s.conv.forward(s.x).backward(s.gradOut);
        return s.conv.weight().grad();
    }
}
