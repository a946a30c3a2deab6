package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the softmax family allocates (bytes, not time), for an input of 100k elements (one
 * input-sized double array, A, is 800 kB): a forward under no-grad allocates only its result; a
 * recorded forward also keeps the exps (logSoftmax, logSumExp) the plain backward reads; the
 * plain backward allocates the gradient (and the engine's copy of it into the leaf's grad) and no
 * softmax, exp or other input-sized temporaries (the Tensor-op formula would allocate two or three
 * more). Run on both kernel paths (plain and, in the {@code vector-tests} execution, Vector API).
 */
class SoftmaxAllocationTest {
    private static final int N = 2000;
    private static final int C = 50;
    private static final long A = 8L * N * C;

    private static Function<Tensor, Tensor> op(String name) {
        return switch (name) {
            case "logSoftmax" -> t -> t.logSoftmax(1);
            case "softmax" -> t -> t.softmax(1);
            default -> t -> t.logSumExp(1, false);
        };
    }

    /** Asserts lo * A < bytes < hi * A (in units of A). */
    private static void assertArrays(double lo, double hi, long bytes, String what) {
        assertTrue(bytes > lo * A && bytes < hi * A, what + " allocated " + bytes + " bytes = " + (double) bytes / A
                + " input-sized arrays, expected between " + lo + " and " + hi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"logSoftmax", "softmax", "logSumExp"})
    void eachPhaseAllocatesOnlyWhatItKeepsOrReturns(String name) {
        Function<Tensor, Tensor> f = op(name);
        boolean reduces = name.equals("logSumExp");
        Tensor x = Tensor.randn(new SplittableRandom(5), N, C).mul(10).requiresGrad(true);
        Tensor g = Tensor.randn(new SplittableRandom(6), reduces ? new int[] {N} : new int[] {N, C});
        for (int warm = 0; warm < 3; warm++) { // class loading and first-call allocations
            f.apply(x).backward(g);
            x.setGrad(null);
        }
        // The Vector API exp allocates its vectors as objects until C2 has compiled it: run the
        // no-grad forward until it allocates no more than its result, at most 300 times; a kernel
        // that never gets there fails below.
        double result = reduces ? 0 : 1;
        for (int warm = 0; warm < 300; warm++) {
            long a = AllocatedBytes.of(() -> {
                try (var s = Autograd.noGrad()) {
                    f.apply(x);
                }
            });
            if (a < (result + 0.125) * A) {
                break;
            }
        }
        long noGrad = AllocatedBytes.of(() -> {
            try (var s = Autograd.noGrad()) {
                f.apply(x);
            }
        });
        assertArrays(result - 0.01, result + 0.125, noGrad, name + " no-grad forward");
        Tensor[] y = new Tensor[1];
        long forward = AllocatedBytes.of(() -> y[0] = f.apply(x));
        double kept = name.equals("softmax") ? 0 : 1; // the exps the plain backward reads
        assertArrays(result + kept - 0.01, result + kept + 0.125, forward, name + " recorded forward");
        x.setGrad(null);
        long backward = AllocatedBytes.of(() -> y[0].backward(g));
        // The gradient, and its copy into the leaf's grad (measured: 2.0008 A for each op); the
        // Tensor-op formula would add two or three more input-sized arrays.
        assertArrays(1.99, 2.125, backward, name + " plain backward");
    }
}
