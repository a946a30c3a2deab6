package jgrad.nn;

import static jgrad.nn.Golden.assertCloseFloat32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jgrad.nn in FLOAT32 against PyTorch's float32 numbers (the f32_* cases of golden/nn_golden.txt):
 * losses and their gradients, log-softmax, clip_grad_norm_, and a small MLP trained with SGD. Every
 * result must be FLOAT32 and within float tolerance.
 */
class Float32GoldenTest {
    /** Elementwise results: a few float ulps. */
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;

    static List<Golden.Case> losses() {
        return Golden.all().stream().filter(c -> List.of("f32_mse_loss", "f32_nll_loss", "f32_bce_with_logits")
                .contains(c.op())).toList();
    }

    static List<Golden.Case> training() {
        return Golden.withOp("f32_train");
    }

    private static Reduction reduction(Golden.Case c) {
        return Reduction.valueOf(c.param("reduction", "mean").toUpperCase(Locale.ROOT));
    }

    @Test
    void theFileHasTheFloat32Cases() {
        assertEquals(15, losses().size());
        assertEquals(2, training().size());
        for (Golden.Case c : losses()) {
            assertEquals(DType.FLOAT32, c.tensor("input").dtype(), c + " input");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossMatchesPyTorchInFloat32(Golden.Case c) {
        Tensor[] xt = c.inputAndTarget();
        Tensor x = xt[0];
        Tensor t = xt[1];
        Tensor w = c.tensor("weight");
        Reduction r = reduction(c);
        Tensor loss = switch (c.op()) {
            case "f32_mse_loss" -> new MSELoss(r).forward(x, t);
            case "f32_nll_loss" -> NLLLoss.builder().weight(w).reduction(r)
                    .ignoreIndex(Integer.parseInt(c.param("ignore_index", "-100"))).build().forward(x, t);
            case "f32_bce_with_logits" -> BCEWithLogitsLoss.builder().weight(w).posWeight(c.tensor("pos_weight"))
                    .reduction(r).build().forward(x, t);
            default -> throw new AssertionError(c.op());
        };
        assertCloseFloat32(c.tensor("loss"), loss, RTOL, ATOL, c + " loss");
        loss.backward(c.tensor("grad_output"));
        assertCloseFloat32(c.tensor("grad_input"), x.grad(), RTOL, ATOL, c + " grad_input");
        if (c.has("grad_target")) {
            assertCloseFloat32(c.tensor("grad_target"), t.grad(), RTOL, ATOL, c + " grad_target");
        }
    }

    @Test
    void logSoftmaxMatchesPyTorchInFloat32() {
        Golden.Case c = Golden.named("f32/log_softmax");
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = new LogSoftmax(1).forward(x);
        assertCloseFloat32(c.tensor("output"), y, RTOL, ATOL, "output");
        y.backward(c.tensor("grad_output"));
        assertCloseFloat32(c.tensor("grad_input"), x.grad(), RTOL, ATOL, "grad_input");
    }

    @Test
    void clipGradNormMatchesPyTorchInFloat32() {
        Golden.Case c = Golden.named("f32/clip");
        List<Tensor> params = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(c.param("num_params", "0")); i++) {
            Tensor p = c.tensor("param_" + i).requiresGrad(true);
            p.setGrad(c.tensor("grad_" + i));
            params.add(p);
        }
        Tensor total = Utils.clipGradNorm(params, 1.0);
        assertCloseFloat32(c.tensor("total_norm"), total, RTOL, ATOL, "total_norm");
        for (int i = 0; i < params.size(); i++) {
            assertCloseFloat32(c.tensor("clipped_" + i), params.get(i).grad(), RTOL, ATOL, "clipped_" + i);
        }
    }

    /** The MLP of the case, with the case's initial weights, FLOAT32 from construction. */
    private static Sequential model(Golden.Case c) {
        Tensor.setDefaultDtype(DType.FLOAT32);
        try {
            Sequential m = new Sequential(new Linear(2, 10), new ReLU(), new Linear(10, 2));
            for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
                assertEquals(DType.FLOAT32, e.getValue().dtype(), e.getKey());
                e.getValue().detach().copyFrom(c.tensor("init_" + e.getKey()));
            }
            return m;
        } finally {
            Tensor.setDefaultDtype(DType.FLOAT64);
        }
    }

    /**
     * Trains the case's MLP for its steps with {@code criterion} on (logits, y) and checks each
     * step's loss and the final weights against PyTorch's float32 run; parameters, gradients
     * and the loss stay FLOAT32.
     */
    private static void train(Golden.Case c, BiFunction<Tensor, Tensor, Tensor> criterion, boolean lossIsFloat32) {
        Sequential m = model(c);
        Tensor x = c.tensor("X");
        Tensor y = c.tensor("y");
        List<Tensor> params = m.parameters();
        double lr = Double.parseDouble(c.param("lr", ""));
        int steps = Integer.parseInt(c.param("steps", ""));
        double[] losses = new double[steps];
        for (int k = 0; k < steps; k++) {
            m.zeroGrad();
            Tensor loss = criterion.apply(m.forward(x), y);
            if (lossIsFloat32) {
                assertEquals(DType.FLOAT32, loss.dtype(), "loss dtype");
            }
            loss.backward();
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (Tensor p : params) {
                    assertEquals(DType.FLOAT32, p.grad().dtype(), "grad dtype");
                    p.addInPlace(p.grad(), -lr);
                    assertEquals(DType.FLOAT32, p.dtype(), "param dtype");
                }
            }
            losses[k] = loss.item();
        }
        // Losses over the steps: the float error of each step adds up, so a looser bound.
        assertCloseFloat32(c.tensor("losses"), Tensor.of(losses, DType.FLOAT32, steps), 1e-4, 1e-5, c + " losses");
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) {
            assertCloseFloat32(c.tensor("final_" + e.getKey()), e.getValue(), 1e-4, 1e-5, c + " " + e.getKey());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("training")
    void mlpTrainsLikePyTorchInFloat32WithLogSoftmaxAndNll(Golden.Case c) {
        LogSoftmax logSoftmax = new LogSoftmax(1);
        NLLLoss nll = new NLLLoss();
        train(c, (logits, y) -> nll.forward(logSoftmax.forward(logits), y), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("training")
    void mlpTrainsLikePyTorchInFloat32WithCrossEntropy(Golden.Case c) {
        // the values; the loss's own dtype is the fused cross-entropy's business (CrossEntropyLoss)
        train(c, new CrossEntropyLoss()::forward, false);
    }

    @Test
    void theTrainingCaseLearns() {
        Golden.Case c = Golden.named("f32/train/mlp-ce-sgd-lr0.5");
        double[] l = c.tensor("losses").toArray();
        assertTrue(l[l.length - 1] < l[0], "the golden run's loss decreases");
    }
}
