package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** BatchNorm1d/2d against PyTorch 1.13 (golden/nn_golden.txt), gradchecks, state, printing and checks. */
class BatchNormTest {
    static List<Golden.Case> cases() {
        return Golden.ofOp("batch_norm", 8);
    }

    static List<Golden.Case> functionalCases() {
        return Golden.ofOp("functional_batch_norm", 5);
    }

    @Test
    void goldenFileHasEveryCaseInBothDtypes() {
        assertEquals(16, cases().size());
        assertEquals(4, cases().stream().filter(c -> c.param("momentum", "").equals("None")).count());
        assertEquals(10, functionalCases().size());
    }

    private static BatchNorm module(Golden.Case c) {
        int n = Integer.parseInt(c.param("num_features", "-1"));
        double eps = Double.parseDouble(c.param("eps", "nan"));
        String m = c.param("momentum", "nan");
        Double momentum = m.equals("None") ? null : Double.parseDouble(m);
        boolean affine = c.param("affine", "").equals("True");
        boolean track = c.param("track", "").equals("True");
        return c.param("module", "").equals("BatchNorm2d") ? new BatchNorm2d(n, eps, momentum, affine, track)
                : new BatchNorm1d(n, eps, momentum, affine, track);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainStepsRunningStatsAndEvalMatchPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        BatchNorm bn = module(c);
        if (f32) {
            bn.to(DType.FLOAT32);
        }
        if (bn.affine()) {
            Map<String, Tensor> state = new HashMap<>(bn.stateDict());
            state.put("weight", c.tensor("weight"));
            state.put("bias", c.tensor("bias"));
            bn.loadStateDict(state);
        }
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = bn.forward(x);
        y.backward(c.tensor("grad_output"));
        LayerNormTest.check(f32, c.tensor("output"), y, c + " output");
        LayerNormTest.check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
        if (bn.affine()) {
            LayerNormTest.check(f32, c.tensor("grad_weight"), bn.weight().grad(), c + " grad_weight");
            LayerNormTest.check(f32, c.tensor("grad_bias"), bn.bias().grad(), c + " grad_bias");
        }
        LayerNormTest.check(f32, c.tensor("output2"), bn.forward(c.tensor("input2")), c + " output2");
        if (bn.trackRunningStats()) {
            LayerNormTest.check(f32, c.tensor("running_mean"), bn.runningMean(), c + " running_mean");
            LayerNormTest.check(f32, c.tensor("running_var"), bn.runningVar(), c + " running_var");
            assertEquals(DType.INT64, bn.numBatchesTracked().dtype());
            assertEquals(2.0, bn.numBatchesTracked().item(), c + " num_batches_tracked");
        } else {
            assertNull(bn.runningMean());
        }
        bn.eval();
        LayerNormTest.check(f32, c.tensor("eval_output"), bn.forward(c.tensor("input3")), c + " eval_output");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionalCases")
    void functionalBatchNormMatchesPyTorch(Golden.Case c) {
        boolean f32 = c.name().endsWith("/f32");
        boolean training = c.param("training", "").equals("True");
        Tensor runningMean = c.tensor("running_mean");
        Tensor runningVar = c.tensor("running_var");
        Tensor weight = c.has("weight") ? c.tensor("weight").requiresGrad(true) : null;
        Tensor bias = c.has("bias") ? c.tensor("bias").requiresGrad(true) : null;
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = Functional.batchNorm(x, runningMean, runningVar, weight, bias, training,
                Double.parseDouble(c.param("momentum", "nan")), Double.parseDouble(c.param("eps", "nan")));
        y.backward(c.tensor("grad_output"));
        LayerNormTest.check(f32, c.tensor("output"), y, c + " output");
        LayerNormTest.check(f32, c.tensor("grad_input"), x.grad(), c + " grad_input");
        if (weight != null) {
            LayerNormTest.check(f32, c.tensor("grad_weight"), weight.grad(), c + " grad_weight");
            LayerNormTest.check(f32, c.tensor("grad_bias"), bias.grad(), c + " grad_bias");
        }
        if (runningMean != null) {
            LayerNormTest.check(f32, c.tensor("running_mean_after"), runningMean, c + " running_mean after");
            LayerNormTest.check(f32, c.tensor("running_var_after"), runningVar, c + " running_var after");
        }
    }

    @Test
    void cumulativeMovingAverageWithNullMomentum() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, null, false, true);
        assertNull(bn.momentum());
        assertEquals("BatchNorm1d(2, eps=1e-05, momentum=None, affine=False, track_running_stats=True)", bn.toString());
        Tensor[] batches = {Tensor.of(new double[] {1, 10, 3, 20}, 2, 2), Tensor.of(new double[] {5, 0, 7, 2}, 2, 2),
            Tensor.of(new double[] {-3, 4, 0, 4, 3, 4}, 3, 2)};
        double[][] means = {{2, 15}, {6, 1}, {0, 4}};
        double[][] unbiasedVars = {{2, 50}, {2, 2}, {9, 0}};
        for (int k = 0; k < batches.length; k++) {
            bn.forward(batches[k]);
            assertEquals(k + 1.0, bn.numBatchesTracked().item());
            for (int ch = 0; ch < 2; ch++) { // the plain average of the batch statistics so far
                double mean = 0;
                double var = 0;
                for (int j = 0; j <= k; j++) {
                    mean += means[j][ch] / (k + 1);
                    var += unbiasedVars[j][ch] / (k + 1);
                }
                assertEquals(mean, bn.runningMean().toArray()[ch], 1e-12, "running_mean after " + (k + 1));
                assertEquals(var, bn.runningVar().toArray()[ch], 1e-12, "running_var after " + (k + 1));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 2)));
        assertEquals(3.0, bn.numBatchesTracked().item(), "a refused batch is not counted");
    }

    @Test
    void functionalBatchNormChecksLikeTheModule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.batchNorm(
                Tensor.zeros(2, 4), Tensor.zeros(3), Tensor.ones(3), null, null, false, 0.1, 1e-5));
        assertTrue(e.getMessage().startsWith("batchNorm: running_mean of shape [3]") && e.getMessage().contains("[2, 4]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.batchNorm(Tensor.zeros(2, 4), null, null,
                null, null, false, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("running_mean and running_var are needed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.batchNorm(Tensor.zeros(1, 4), null, null,
                null, null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training"), e.getMessage());
        Tensor rm = Tensor.zeros(4);
        Tensor rv = Tensor.ones(4);
        Functional.batchNorm(Tensor.randn(1, 4), rm, rv, null, null, false, 0.1, 1e-5);
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), Arrays.stream(rm.toArray()).boxed().toList(), "eval: not updated");
    }

    @Test
    void gradcheckAndGradgradcheckInTrainMode() {
        for (int rank : new int[] {2, 3, 4}) {
            int[] shape = Arrays.copyOf(new int[] {3, 2, 2, 2}, rank);
            Function<Tensor[], Tensor> f = t -> BatchNorms.batchNorm("t", t[0], null, null, t[1], t[2], true, 0.1, 1e-5);
            for (boolean second : new boolean[] {false, true}) {
                Tensor[] in = {Tensor.randn(shape).mul(2.0).add(0.5).requiresGrad(true),
                    Tensor.randn(2).requiresGrad(true), Tensor.randn(2).requiresGrad(true)};
                assertTrue(second ? GradCheck.gradgradcheck(f, in) : GradCheck.gradcheck(f, in), "rank " + rank);
            }
        }
        Function<Tensor[], Tensor> module = t -> new BatchNorm1d(4, 0.1, 0.1, false, true).forward(t[0]);
        assertTrue(GradCheck.gradgradcheck(module, Tensor.randn(3, 4).requiresGrad(true)));
        assertTrue(GradCheck.gradcheck(module, Tensor.randn(3, 4, 2).requiresGrad(true)));
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.forward(Tensor.randn(2, 2, 2, 2).requiresGrad(true)).sum().backward();
        assertTrue(bn.runningMean().gradFn() == null && !bn.runningVar().requiresGrad(), "running stats not recorded");
    }

    @Test
    void initStateDictAndPrinting() {
        BatchNorm1d bn = new BatchNorm1d(4);
        assertEquals("BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", bn.toString());
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), Arrays.stream(bn.weight().toArray()).boxed().toList());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), Arrays.stream(bn.bias().toArray()).boxed().toList());
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), Arrays.stream(bn.runningMean().toArray()).boxed().toList());
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0), Arrays.stream(bn.runningVar().toArray()).boxed().toList());
        assertEquals(DType.INT64, bn.numBatchesTracked().dtype());
        assertEquals(0, bn.numBatchesTracked().dim());
        assertTrue(bn.weight().requiresGrad() && !bn.runningMean().requiresGrad());
        assertEquals(2, bn.parameters().size());
        BatchNorm2d plain = new BatchNorm2d(3, 0.5, 0.25, false, false);
        assertEquals("BatchNorm2d(3, eps=0.5, momentum=0.25, affine=False, track_running_stats=False)",
                plain.toString());
        assertTrue(plain.stateDict().isEmpty());
        bn.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, bn.runningVar().dtype());
        assertEquals(DType.INT64, bn.numBatchesTracked().dtype());
        assertEquals(DType.FLOAT32, bn.forward(Tensor.randn(DType.FLOAT32, 3, 4)).dtype());
        assertEquals(1.0, bn.numBatchesTracked().item());
        bn.eval();
        bn.forward(Tensor.randn(DType.FLOAT32, 1, 4));
        assertEquals(1.0, bn.numBatchesTracked().item(), "eval mode does not count");
    }

    @Test
    void badInputIsRefusedClearly() {
        BatchNorm1d bn = new BatchNorm1d(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("BatchNorm1d") && e.getMessage().contains("4 channels")
                && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(2, 4, 2, 2)));
        assertTrue(e.getMessage().contains("2D or 3D") && e.getMessage().contains("[2, 4, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(4).forward(Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("BatchNorm2d") && e.getMessage().contains("4D"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(1, 4)));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel when training")
                && e.getMessage().contains("[1, 4]"), e.getMessage());
        assertEquals(0.0, bn.numBatchesTracked().item(), "a refused batch is not counted");
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(2).forward(Tensor.zeros(1, 2, 1, 1)));
        assertTrue(e.getMessage().contains("Expected more than 1 value per channel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(DType.FLOAT32, 2, 4)));
        assertTrue(e.getMessage().contains("FLOAT64") && e.getMessage().contains("FLOAT32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.arange(4)));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(-1));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2, Double.NaN, 0.1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(2, 1e-5, Double.NaN, true, true));
        bn.eval();
        assertEquals(4, bn.forward(Tensor.zeros(1, 4)).shape()[1], "eval mode takes a single sample");
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorms.batchNorm("bn", Tensor.zeros(2, 4), null,
                null, Tensor.ones(3), null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("weight of shape [3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorms.batchNorm("bn", Tensor.zeros(2, 4), null,
                null, null, null, false, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("running_mean and running_var are needed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchNorms.batchNorm("bn", Tensor.zeros(4), null,
                null, null, null, true, 0.1, 1e-5));
        assertTrue(e.getMessage().contains("1D input of size [4]"), e.getMessage());
    }
}
