package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/** Long graphs (no recursion, no quadratic work) and independent training on four threads. */
class ScaleAndThreadsTest {
    static final int CHAIN = 100_000;

    @Test
    void aChainOfAHundredThousandMulsBackpropagates() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
            Tensor y = x;
            double factor = 1.0000001;
            double want = 1.0;
            for (int i = 0; i < CHAIN; i++) {
                y = y.mul(factor);
                want *= factor;
            }
            assertEquals(CHAIN, Autograd.tape(y).size());
            long t0 = System.nanoTime();
            y.sum().backward();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertArrayEquals(new double[] {want, want}, x.grad().toArray(), 1e-12);
            assertEquals(Math.exp(CHAIN * Math.log(factor)), x.grad().get(0), 1e-9);
            assertTrue(seconds < 5, "backward of " + CHAIN + " ops took " + seconds + " s");
        });
    }

    @Test
    void aChainOfAHundredThousandAddsWithRetainedGraphAndSecondOrder() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Tensor x = Tensor.scalar(0.5).requiresGrad(true);
            Tensor y = x;
            for (int i = 0; i < CHAIN; i++) {
                y = i % 2 == 0 ? y.add(x) : y.sub(0.25);
            }
            // y = x * (1 + CHAIN / 2) - ...: dy/dx = 1 + CHAIN / 2
            y.backward(null, true);
            assertEquals(1 + CHAIN / 2, x.grad().item());
            y.backward();
            assertEquals(2 * (1 + CHAIN / 2), x.grad().item());
            // a long chain through createGraph too
            Tensor z = x;
            for (int i = 0; i < CHAIN / 10; i++) {
                z = z.mul(x).div(x);
            }
            Tensor g = Autograd.grad(z.mul(z), List.of(x), null, true).get(0); // d(x^2)/dx = 2x
            assertEquals(1.0, g.item(), 1e-9);
            Tensor g2 = Autograd.grad(g, List.of(x), null, false).get(0);
            assertEquals(2.0, g2.item(), 1e-9);
        });
    }

    @Test
    void aWideGraphSharingOneLeaf() {
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Tensor acc = Tensor.zeros(3);
        for (int i = 0; i < 20_000; i++) {
            acc = acc.add(x.mul(i % 7));
        }
        acc.sum().backward();
        double per = 0;
        for (int i = 0; i < 20_000; i++) {
            per += i % 7;
        }
        assertArrayEquals(new double[] {per, per, per}, x.grad().toArray());
    }

    /** A tiny model on raw tensors: y = relu(x W1^T + b1) W2^T + b2, MSE, a few SGD steps. */
    static double[] train(long seed, int steps) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = Tensor.randn(rng, 16, 4);
        Tensor target = Tensor.randn(rng, 16, 2);
        Tensor w1 = Tensor.randn(rng, 8, 4).mul(0.5).detach().requiresGrad(true);
        Tensor b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, 2, 8).mul(0.5).detach().requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            for (Tensor p : params) {
                p.setGrad(null);
            }
            Tensor h = x.matmul(w1.t()).add(b1).relu();
            Tensor out = h.matmul(w2.t()).add(b2);
            Tensor loss = out.sub(target).pow(2).mean();
            loss.backward();
            losses[s] = loss.item();
            try (var ng = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.subInPlace(p.grad().mul(0.05));
                }
            }
        }
        List<Double> all = new ArrayList<>();
        for (double l : losses) {
            all.add(l);
        }
        for (Tensor p : params) {
            for (double v : p.toArray()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void fourThreadsTrainingAtOnceGiveTheBitsOfOneThread() throws Exception {
        int steps = 200;
        long[] seeds = {11, 22, 33, 44};
        double[][] sequential = new double[seeds.length][];
        for (int k = 0; k < seeds.length; k++) {
            sequential[k] = train(seeds[k], steps);
            assertTrue(sequential[k][steps - 1] < sequential[k][0], "training should lower the loss");
        }
        for (int round = 0; round < 3; round++) {
            ExecutorService pool = Executors.newFixedThreadPool(seeds.length);
            try {
                List<Future<double[]>> runs = new ArrayList<>();
                for (long seed : seeds) {
                    Callable<double[]> task = () -> train(seed, steps);
                    runs.add(pool.submit(task));
                }
                for (int k = 0; k < seeds.length; k++) {
                    assertArrayEquals(sequential[k], runs.get(k).get(), 0.0,
                            "thread " + k + " differs from the sequential run");
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void noGradOnOneThreadDoesNotLeakIntoTheOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> noGrad = pool.submit(() -> {
                try (var s = Autograd.noGrad()) {
                    Thread.sleep(50);
                    return Tensor.ones(2).requiresGrad(true).mul(2).requiresGrad();
                }
            });
            Future<Boolean> withGrad = pool.submit(() -> {
                Thread.sleep(10);
                return Tensor.ones(2).requiresGrad(true).mul(2).requiresGrad();
            });
            assertEquals(false, noGrad.get());
            assertEquals(true, withGrad.get());
        } finally {
            pool.shutdown();
        }
    }
}
