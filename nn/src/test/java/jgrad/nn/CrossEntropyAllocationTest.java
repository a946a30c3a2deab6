package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.ops.AllocatedBytes;
import org.junit.jupiter.api.Test;

/**
 * What the fused cross-entropy allocates (bytes, not time), for an input of 100k elements (one
 * input-sized double array is 800 kB): a forward under no-grad keeps no per-element array (only
 * per-row ones); a recorded forward keeps one (the exps); the plain backward allocates none: it
 * turns the kept exps into the gradient in place, which becomes the leaf's grad without a copy.
 */
class CrossEntropyAllocationTest {
    private static final int N = 2000;
    private static final int C = 50;
    private static final long ARRAY = 8L * N * C;

    @Test
    void forwardAndBackwardTogetherAllocateOneInputSizedArray() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor x = Tensor.randn(rng, N, C).requiresGrad(true);
        int[] t = new int[N];
        for (int i = 0; i < N; i++) {
            t[i] = rng.nextInt(C);
        }
        Tensor target = Tensor.of(t);
        CrossEntropyLoss ce = CrossEntropyLoss.builder().labelSmoothing(0.1).build();
        Tensor probs = x.detach().softmax(1);
        for (int warm = 0; warm < 3; warm++) { // class loading and first-call allocations
            ce.forward(x, target).backward();
            ce.forward(x, probs).backward();
            x.setGrad(null);
        }
        // The Vector API exp allocates its vectors as objects until C2 has compiled it (the
        // plain path needs no more warming): call the no-grad forward until it stops allocating,
        // at most 300 times; a kernel that never gets there fails below.
        for (int warm = 0; warm < 300; warm++) {
            long a = AllocatedBytes.of(() -> {
                try (var s = Autograd.noGrad()) {
                    ce.forward(x, target);
                    ce.forward(x, probs);
                }
            });
            if (a < ARRAY / 8) {
                break;
            }
        }
        for (Tensor tgt : new Tensor[] {target, probs}) {
            String kind = tgt == target ? "index" : "probability";
            long noGrad = AllocatedBytes.of(() -> {
                try (var s = Autograd.noGrad()) {
                    ce.forward(x, tgt);
                }
            });
            assertTrue(noGrad < ARRAY / 8, kind + " no-grad forward allocated " + noGrad + " bytes");
            Tensor[] loss = new Tensor[1];
            long forward = AllocatedBytes.of(() -> loss[0] = ce.forward(x, tgt));
            assertTrue(forward > ARRAY && forward < ARRAY * 3 / 2, kind + " forward allocated " + forward + " bytes");
            x.setGrad(null);
            long backward = AllocatedBytes.of(() -> loss[0].backward());
            assertTrue(backward < ARRAY / 8, kind + " backward allocated " + backward + " bytes");
        }
    }
}
