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
        return Golden.ofOp("batch_norm", 6);
    }

    @Test
    void goldenFileHasEveryCaseInBothDtypes() {
        assertEquals(12, cases().size());
    }

    private static BatchNorm module(Golden.Case c) {
        int n = Integer.parseInt(c.param("num_features", "-1"));
        double eps = Double.parseDouble(c.param("eps", "nan"));
        double momentum = Double.parseDouble(c.param("momentum", "nan"));
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
