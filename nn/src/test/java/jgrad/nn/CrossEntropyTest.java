package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fused cross-entropy node: structure, agreement with LogSoftmax + NLLLoss, stability. */
class CrossEntropyTest {
    private static Tensor logits() {
        return Tensor.of(new double[][] {{0.2, -1.0, 2.0, 0.5}, {1.5, 0.3, -0.7, 0.0}, {-2.0, 0.1, 0.4, 3.0}});
    }

    @Test
    void indexTargetsRecordOneNodeWhoseInputsAreLogitsAndTarget() {
        Tensor x = logits().requiresGrad(true);
        Tensor t = Tensor.of(2, 0, 3);
        Tensor loss = new CrossEntropyLoss().forward(x, t);
        Node node = loss.gradFn();
        assertEquals("CrossEntropyBackward", node.name());
        assertSame(x, node.inputs().get(0));
        assertSame(t, node.inputs().get(1));
        List<String> tape = Autograd.tape(loss);
        assertEquals(1, tape.size(), tape.toString());
        assertTrue(tape.get(0).contains("CrossEntropyBackward([3, 4] leaf, [3]) -> []"), tape.get(0));
    }

    @Test
    void weightedSmoothedUnreducedLossIsStillOneNode() {
        Tensor x = logits().requiresGrad(true);
        Tensor w = Tensor.of(1.0, 2.0, 0.5, 1.5);
        Tensor loss = CrossEntropyLoss.builder().weight(w).labelSmoothing(0.2).reduction(Reduction.NONE)
                .ignoreIndex(0).build().forward(x, Tensor.of(2, 0, 3));
        assertEquals(1, Autograd.tape(loss).size());
        assertEquals(List.of(x, loss.gradFn().inputs().get(1), w), loss.gradFn().inputs());
    }

    @Test
    void probabilityTargetsRecordOneNodeWithTheTargetAsInput() {
        Tensor x = logits().requiresGrad(true);
        Tensor p = Tensor.randn(new SplittableRandom(1), 3, 4).softmax(1).copy().requiresGrad(true);
        Tensor loss = Functional.crossEntropy(x, p);
        assertEquals(1, Autograd.tape(loss).size());
        assertSame(p, loss.gradFn().inputs().get(1));
        loss.backward();
        assertTrue(p.grad() != null && x.grad() != null);
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(new int[] {5}, Reduction.MEAN, false, -100),
                Arguments.of(new int[] {6, 5}, Reduction.MEAN, false, -100),
                Arguments.of(new int[] {6, 5}, Reduction.MEAN, true, 2),
                Arguments.of(new int[] {6, 5}, Reduction.SUM, true, -100),
                Arguments.of(new int[] {6, 5}, Reduction.NONE, true, 1),
                Arguments.of(new int[] {3, 5, 2, 2}, Reduction.MEAN, true, 4),
                Arguments.of(new int[] {3, 5, 4}, Reduction.NONE, false, 0));
    }

    /** Property: for random inputs, the fused loss equals LogSoftmax(1) then NLLLoss, values and gradients. */
    @ParameterizedTest
    @MethodSource("configs")
    void equalsLogSoftmaxFollowedByNll(int[] shape, Reduction red, boolean weighted, int ignore) {
        SplittableRandom rng = new SplittableRandom(shape.length * 31L + red.ordinal() + ignore);
        int cd = shape.length == 1 ? 0 : 1;
        int c = shape[cd];
        for (int trial = 0; trial < 5; trial++) {
            Tensor x1 = Tensor.randn(rng, shape).mul(3).detach().requiresGrad(true);
            Tensor x2 = x1.copy().requiresGrad(true);
            int[] rs = shape.length == 1 ? new int[0] : java.util.stream.IntStream.range(0, shape.length)
                    .filter(d -> d != 1).map(d -> shape[d]).toArray();
            double[] tv = new double[jgrad.Shape.numel(rs)];
            for (int i = 0; i < tv.length; i++) {
                tv[i] = rng.nextInt(c);
            }
            Tensor t = Tensor.wrap(tv, DType.INT64, rs);
            Tensor w = weighted ? Tensor.rand(rng, c).add(0.1).detach() : null;
            Tensor a = CrossEntropyLoss.builder().weight(w).ignoreIndex(ignore).reduction(red).build().forward(x1, t);
            Tensor b = NLLLoss.builder().weight(w).ignoreIndex(ignore).reduction(red).build()
                    .forward(new LogSoftmax(cd).forward(x2), t);
            Golden.assertClose(b, a, "loss");
            Tensor g = Tensor.randn(rng, a.shape());
            a.backward(g);
            b.backward(g);
            Golden.assertClose(x2.grad(), x1.grad(), "grad");
        }
    }

    /** Label smoothing against PyTorch's formula written out with Tensor ops. */
    @Test
    void labelSmoothingFollowsPyTorchsFormula() {
        SplittableRandom rng = new SplittableRandom(9);
        Tensor x = Tensor.randn(rng, 5, 4);
        Tensor t = Tensor.of(0, 3, 1, 1, 2);
        Tensor w = Tensor.of(0.5, 1.0, 2.0, 1.5);
        double eps = 0.3;
        int ignore = 1;
        Tensor logp = x.logSoftmax(1);
        // smooth_i = -sum_c w_c logp_ic, masked for ignored; mean denominator = sum of w[t_i] over non-ignored.
        double smoothSum = 0;
        double nllSum = 0;
        double den = 0;
        int[] ti = t.toIntArray();
        for (int i = 0; i < 5; i++) {
            if (ti[i] == ignore) {
                continue;
            }
            for (int c = 0; c < 4; c++) {
                smoothSum -= w.get(c) * logp.get(i, c);
            }
            nllSum -= w.get(ti[i]) * logp.get(i, ti[i]);
            den += w.get(ti[i]);
        }
        double expected = (1 - eps) * nllSum / den + smoothSum / den * eps / 4;
        Tensor loss = CrossEntropyLoss.builder().weight(w).ignoreIndex(ignore).labelSmoothing(eps).build().forward(x, t);
        assertEquals(expected, loss.item(), 1e-14);
        // Probability targets: the target is mixed with the uniform distribution.
        Tensor p = Tensor.randn(rng, 5, 4).softmax(1);
        Tensor smoothed = p.mul(1 - eps).add(eps / 4);
        double dense = logp.mul(smoothed).mul(w).sum().neg().div(5).item();
        assertEquals(dense, Functional.crossEntropy(x, p, w, -100, Reduction.MEAN, eps).item(), 1e-14);
    }

    @Test
    void tensorFlowDocumentationExamples() {
        // tf.nn.softmax_cross_entropy_with_logits: dense labels.
        Tensor dense = CrossEntropyLoss.builder().reduction(Reduction.NONE).build().forward(
                Tensor.of(new double[][] {{4.0, 2.0, 1.0}, {0.0, 5.0, 1.0}}),
                Tensor.of(new double[][] {{1.0, 0.0, 0.0}, {0.0, 0.8, 0.2}}));
        assertArrayEquals(new double[] {0.1698, 0.8247}, round4(dense.toArray()));
        // tf.nn.sparse_softmax_cross_entropy_with_logits: logits [[2, -5, .5, -.1], [0, 0, 1.9, 1.4],
        // [-100, 100, -100, -100]] with labels [0, 3, 1].
        Tensor sparse = CrossEntropyLoss.builder().reduction(Reduction.NONE).build().forward(
                Tensor.of(new double[][] {{2.0, -5.0, 0.5, -0.1}, {0.0, 0.0, 1.9, 1.4}, {-100.0, 100.0, -100.0, -100.0}}),
                Tensor.of(0, 3, 1));
        assertArrayEquals(new double[] {0.2975, 1.1448, 0.0}, round4(sparse.toArray()));
    }

    private static double[] round4(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1e4) / 1e4 + 0.0;
        }
        return r;
    }

    @Test
    void hugeLogitsGiveFiniteLossesAndGradients() {
        for (double scale : new double[] {1000, 1e300}) {
            Tensor x = Tensor.of(new double[][] {{1, -1, 0.5}, {-1, 1, 0}, {1, 1, -1}}).mul(scale).detach();
            for (double ls : new double[] {0.0, 0.1}) {
                for (Tensor t : List.of(Tensor.of(1, 1, 2), Tensor.of(new double[][] {{0.2, 0.3, 0.5}, {0, 1, 0},
                        {0.5, 0.5, 0}}))) {
                    Tensor xi = x.copy().requiresGrad(true);
                    Tensor loss = CrossEntropyLoss.builder().labelSmoothing(ls).reduction(Reduction.NONE).build()
                            .forward(xi, t);
                    loss.sum().backward();
                    for (double v : loss.toArray()) {
                        assertTrue(Double.isFinite(v), "loss " + v + " at scale " + scale);
                    }
                    for (double v : xi.grad().toArray()) {
                        assertTrue(Double.isFinite(v), "grad " + v + " at scale " + scale);
                    }
                }
            }
        }
        // Exact values: the right class by a margin of 2000 costs nothing, the wrong one 2000.
        Tensor big = Tensor.of(1000.0, -1000.0, 0.0).requiresGrad(true);
        assertEquals(0.0, Functional.crossEntropy(big, Tensor.of(0).reshape()).item(), 0.0);
        Tensor loss = Functional.crossEntropy(big, Tensor.of(1).reshape());
        assertEquals(2000.0, loss.item(), 0.0);
        loss.backward();
        assertArrayEquals(new double[] {1.0, -1.0, 0.0}, big.grad().toArray(), 0.0);
    }

    @Test
    void meanIsTheWeightedMeanOverNonIgnoredTargets() {
        Tensor x = logits();
        Tensor t = Tensor.of(2, -100, 3);
        Tensor w = Tensor.of(1.0, 1.0, 2.0, 4.0);
        Tensor logp = x.logSoftmax(1);
        double expected = -(2.0 * logp.get(0, 2) + 4.0 * logp.get(2, 3)) / (2.0 + 4.0);
        assertEquals(expected, CrossEntropyLoss.builder().weight(w).build().forward(x, t).item(), 1e-15);
        assertEquals(-(2.0 * logp.get(0, 2) + 4.0 * logp.get(2, 3)),
                CrossEntropyLoss.builder().weight(w).reduction(Reduction.SUM).build().forward(x, t).item(), 1e-15);
    }

    @Test
    void allIgnoredMeanIsNaNWithZeroGradients() {
        Tensor x = logits().requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().forward(x, Tensor.of(-100, -100, -100));
        assertTrue(Double.isNaN(loss.item()));
        loss.backward();
        assertArrayEquals(new double[12], x.grad().toArray(), 0.0);
        Tensor sum = CrossEntropyLoss.builder().reduction(Reduction.SUM).build().forward(x, Tensor.of(-100, -100, -100));
        assertEquals(0.0, sum.item(), 0.0);
    }

    /** Double backward: the Hessian of one row's loss is diag(p) - p p^T. */
    @Test
    void secondDerivativeIsTheSoftmaxHessian() {
        Tensor x = Tensor.of(0.3, -1.2, 0.8).requiresGrad(true);
        Tensor loss = Functional.crossEntropy(x, Tensor.of(1).reshape());
        Tensor g = Autograd.grad(loss, List.of(x), null, true).get(0);
        double[] p = x.detach().softmax(0).toArray();
        for (int i = 0; i < 3; i++) {
            double[] e = new double[3];
            e[i] = 1;
            Tensor row = Autograd.grad(g.mul(Tensor.of(e)).sum(), List.of(x), null, false, true, false).get(0);
            for (int j = 0; j < 3; j++) {
                assertEquals((i == j ? p[i] : 0) - p[i] * p[j], row.get(j), 1e-14);
            }
        }
    }

    @Test
    void modifyingTheLogitsInPlaceBeforeBackwardIsDetected() {
        Tensor x = logits().requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().forward(x, Tensor.of(0, 1, 2));
        try (var s = Autograd.noGrad()) {
            x.mulInPlace(2.0);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("CrossEntropyBackward"), e.getMessage());
    }

    @Test
    void noGraphIsRecordedUnderNoGradOrForConstants() {
        Tensor x = logits().requiresGrad(true);
        try (var s = Autograd.noGrad()) {
            assertTrue(new CrossEntropyLoss().forward(x, Tensor.of(0, 1, 2)).isLeaf());
        }
        assertTrue(new CrossEntropyLoss().forward(logits(), Tensor.of(0, 1, 2)).isLeaf());
    }
}
