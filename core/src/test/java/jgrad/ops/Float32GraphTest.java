package jgrad.ops;

import static jgrad.ops.Float32Values.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Node;
import org.junit.jupiter.api.Test;

/**
 * A FLOAT32 model stays FLOAT32: every tensor of an MLP's forward graph, of its create-graph
 * backward and every gradient is FLOAT32; and the FLOAT32 kernels of a training step's
 * non-product ops allocate their float result and no widened double copy.
 */
class Float32GraphTest {
    private static final SplittableRandom RNG = new SplittableRandom(9);

    /** 8 x 20 -> Linear(20, 16) -> ReLU -> Linear(16, 3) -> log-softmax NLL (as a one-hot product), mean. */
    private static Tensor mlpLoss(List<Tensor> params) {
        Tensor x = random(RNG, false, 8, 20);
        double[] oh = new double[8 * 3];
        for (int i = 0; i < 8; i++) {
            oh[i * 3 + i % 3] = -1;
        }
        Tensor onehot = Tensor.of(oh, DType.FLOAT32, 8, 3);
        Tensor h = LinAlg.addmm(params.get(1), x, params.get(0), false, true).relu();
        Tensor z = LinAlg.addmm(params.get(3), h, params.get(2), false, true);
        Tensor sm = z.sub(z.logSumExp(1, true)).exp(); // softmax the long way, for its ops' dtypes
        return z.logSoftmax(1).mul(onehot).sum(1, false).mean().add(sm.softmax(1).sum().mul(1e-3));
    }

    private static List<Tensor> params() {
        List<Tensor> p = new ArrayList<>();
        for (int[] s : new int[][] {{16, 20}, {16}, {3, 16}, {3}}) {
            p.add(random(RNG, false, s).mul(0.3).detach().requiresGrad(true));
        }
        return p;
    }

    /** Every tensor reachable from {@code root} through gradFn and the nodes' inputs. */
    private static Set<Tensor> graph(Tensor root) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (seen.add(t) && t.gradFn() != null) {
                todo.addAll(t.gradFn().inputs());
            }
        }
        return seen;
    }

    private static void assertAllFloat32(Set<Tensor> tensors, String what) {
        for (Tensor t : tensors) {
            Node n = t.gradFn();
            assertEquals(DType.FLOAT32, t.dtype(), what + ": " + (n == null ? "a leaf" : "the output of " + n.name()));
        }
    }

    @Test
    void mlpForwardBackwardAndCreateGraphBackwardStayFloat32() {
        List<Tensor> p = params();
        Tensor loss = mlpLoss(p);
        Set<Tensor> forward = graph(loss);
        assertTrue(forward.size() > 15, "the walk reaches the whole graph: " + forward.size());
        assertAllFloat32(forward, "forward");
        List<Tensor> grads = Autograd.grad(loss, p, Tensor.ones(DType.FLOAT32), true);
        Set<Tensor> backward = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor g : grads) {
            backward.addAll(graph(g));
        }
        assertTrue(backward.size() > forward.size(), "the create-graph backward is recorded: " + backward.size());
        assertAllFloat32(backward, "create-graph backward");
        loss.backward();
        for (Tensor t : p) {
            assertEquals(DType.FLOAT32, t.grad().dtype(), "grad");
        }
    }

    /** Elements of the tensors measured, and the bytes of one float array of them. */
    private static final int N = 100_000;
    private static final long A = 4L * N;

    /**
     * Asserts one run of {@code op} allocates under {@code arrays} float arrays of N, after runs
     * for class loading and, for the Vector API exp (which allocates its vectors as objects until
     * C2 has compiled it), until a run gets there, at most 300 (as SoftmaxAllocationTest).
     */
    private static void assertAllocatesUnder(double arrays, String what, Supplier<Object> op) {
        for (int i = 0; i < 300 && (i < 5 || AllocatedBytes.of(op::get) >= arrays * A); i++) {
            op.get();
        }
        long bytes = AllocatedBytes.of(op::get);
        // the generic path (a widened copy of each operand and a double result) would take 4 to 6 A
        assertTrue(bytes < arrays * A, what + " allocated " + bytes + " bytes = " + (double) bytes / A
                + " float arrays of " + N + ", expected under " + arrays);
    }

    @Test
    void trainingStepOpsAllocateNoWidenedCopies() {
        Tensor h = random(RNG, false, 1000, 100).requiresGrad(true);
        Tensor h2 = random(RNG, false, 1000, 100);
        Tensor bias = random(RNG, false, 100).requiresGrad(true);
        Tensor g = random(RNG, false, 1000, 100);
        try (var s = Autograd.noGrad()) {
            assertAllocatesUnder(1.05, "relu", h::relu);
            assertAllocatesUnder(1.05, "add", () -> h.add(h2));
            assertAllocatesUnder(1.05, "bias add", () -> h.add(bias));
            assertAllocatesUnder(1.05, "mul scalar", () -> h.mul(0.5));
            assertAllocatesUnder(1.05, "exp", h::exp);
            assertAllocatesUnder(1.05, "softmax", () -> h.softmax(1));
            assertAllocatesUnder(0.05, "sum", h::sum);
            assertAllocatesUnder(0.05, "sum(1)", () -> h.sum(1, false));
            assertAllocatesUnder(0.05, "sumTo", () -> h.sumTo(100));
        }
        // the output, the input's gradient and the engine's copy of it into the leaf's grad
        assertAllocatesUnder(3.1, "relu forward + backward", () -> {
            h.setGrad(null);
            h.relu().backward(g);
            return h.grad();
        });
        // the output, and the bias gradient: g summed over rows (sumTo), a small array
        assertAllocatesUnder(1.1, "bias add forward + backward", () -> {
            bias.setGrad(null);
            h2.add(bias).backward(g);
            return bias.grad();
        });
    }
}
