package jgrad.ops;

import static jgrad.ops.Float32Values.assertClose;
import static jgrad.ops.Float32Values.assertRounded;
import static jgrad.ops.Float32Values.random;
import static jgrad.ops.Float32Values.widened;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * The FLOAT32 kernels of sum, mean, sumTo, expand and the softmax family: sums accumulate in
 * double in the double kernels' order and round once, so they equal the generic path's values
 * bit for bit; softmax-family values equal them to within float rounding.
 */
class Float32ReductionTest {
    private static final int[][] SHAPES = {{5, 7}, {3, 4, 6}, {}, {0, 3}, {4, 0}, {1}, {130, 3}};

    @Test
    void sumAndMeanEqualTheGenericPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int[] shape : SHAPES) {
            for (boolean special : new boolean[] {false, true}) {
                Tensor a = random(rng, special, shape);
                Tensor a64 = widened(a);
                assertRounded(a64.sum(), a.sum(), "sum");
                assertRounded(a64.mean(), a.mean(), "mean");
                for (int d = 0; d < Math.max(shape.length, 1); d++) {
                    int dim = shape.length == 0 ? 0 : d;
                    for (boolean keep : new boolean[] {false, true}) {
                        String what = " dim " + dim + " keep " + keep;
                        assertRounded(a64.sum(dim, keep), a.sum(dim, keep), "sum" + what);
                        assertRounded(a64.mean(dim, keep), a.mean(dim, keep), "mean" + what);
                    }
                }
            }
        }
    }

    @Test
    void sumToAndExpandEqualTheGenericPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(2);
        int[][][] pairs = {{{32, 128}, {128}}, {{32, 10}, {1, 10}}, {{5, 4}, {5, 1}}, {{2, 3, 4}, {3, 1}},
            {{2, 3, 4}, {}}, {{2, 3, 4}, {2, 1, 1}}, {{0, 4}, {4}}, {{3, 4}, {1}}, {{6}, {1}}};
        for (int[][] p : pairs) {
            for (boolean special : new boolean[] {false, true}) {
                Tensor a = random(rng, special, p[0]);
                assertRounded(widened(a).sumTo(p[1]), a.sumTo(p[1]), "sumTo " + p[1].length);
                Tensor small = random(rng, special, p[1]);
                assertRounded(widened(small).expand(p[0]), small.expand(p[0]), "expand");
            }
        }
        Tensor negZero = Tensor.of(new double[] {-0.0}, jgrad.DType.FLOAT32, 1);
        assertRounded(Tensor.of(new double[] {-0.0, -0.0}), negZero.expand(2), "expand keeps -0.0");
    }

    @Test
    void reductionBackwardGivesFloat32Gradients() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor a = random(rng, false, 6, 5).requiresGrad(true);
        Tensor a64 = widened(a);
        for (Tensor x : new Tensor[] {a, a64}) {
            x.sum().add(x.mean()).add(x.sum(1, false).mul(x.mean(0, true).sum()).sum()).add(x.sumTo(5).sum()).backward();
        }
        assertClose(a64.grad(), a.grad(), 1e-5, 1e-6, "grad");
    }

    private static final List<String> SOFTMAX = List.of("softmax", "logSoftmax", "logSumExp", "logSumExpKeep");

    private static BiFunction<Tensor, Integer, Tensor> softmaxOp(String op) {
        return switch (op) {
            case "softmax" -> Tensor::softmax;
            case "logSoftmax" -> Tensor::logSoftmax;
            case "logSumExp" -> (t, d) -> t.logSumExp(d, false);
            default -> (t, d) -> t.logSumExp(d, true);
        };
    }

    @Test
    void softmaxFamilyEqualsTheGenericPathForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(4);
        int[][] shapes = {{8, 10}, {3, 5, 4}, {}, {0, 4}, {4, 0}, {2, 1000}};
        for (int[] shape : shapes) {
            for (String op : SOFTMAX) {
                for (int d = 0; d < Math.max(shape.length, 1); d++) {
                    String what = op + " dim " + d + " of " + java.util.Arrays.toString(shape);
                    for (boolean special : new boolean[] {false, true}) {
                        Tensor a = random(rng, special, shape);
                        Tensor want;
                        try (var s = Autograd.noGrad()) {
                            want = softmaxOp(op).apply(widened(a), d);
                        }
                        // each value the double kernel's rounded, but for a strided row the exps
                        // may come from the other exp path: within float rounding
                        assertClose(want, softmaxOp(op).apply(a, d), 1e-6, 1e-30, what);
                    }
                    Tensor a = random(rng, false, shape).requiresGrad(true);
                    Tensor y = softmaxOp(op).apply(a, d);
                    Tensor g = random(rng, false, y.shape());
                    y.backward(g);
                    Tensor a64 = widened(a);
                    softmaxOp(op).apply(a64, d).backward(widened(g));
                    assertClose(a64.grad(), a.grad(), 1e-5, 1e-6, what + " grad");
                    Tensor b = Tensor.of(a.toArray(), jgrad.DType.FLOAT32, shape).requiresGrad(true);
                    Tensor gb = Autograd.grad(softmaxOp(op).apply(b, d), List.of(b), g, true).get(0);
                    assertClose(a64.grad(), gb, 1e-5, 1e-5, what + " createGraph grad");
                }
            }
        }
    }
}
