package jgrad.nn;

import static jgrad.nn.Golden.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** jgrad.nn against PyTorch's numbers in golden/nn_golden.txt (see make_nn_golden.py). */
class GoldenTest {
    static List<Golden.Case> crossEntropy() {
        return Golden.withOp("cross_entropy");
    }

    static List<Golden.Case> nll() {
        return Golden.withOp("nll_loss");
    }

    static List<Golden.Case> mse() {
        return Golden.withOp("mse_loss");
    }

    static List<Golden.Case> bce() {
        return Golden.withOp("bce_with_logits");
    }

    static List<Golden.Case> linear() {
        return Golden.withOp("linear");
    }

    static List<Golden.Case> modules() {
        return Golden.all().stream().filter(c -> Set.of("log_softmax", "softmax", "relu", "sigmoid", "tanh",
                "flatten").contains(c.op())).toList();
    }

    private static Reduction reduction(Golden.Case c) {
        return Reduction.valueOf(c.param("reduction", "mean").toUpperCase(Locale.ROOT));
    }

    private static int ignoreIndex(Golden.Case c) {
        return Integer.parseInt(c.param("ignore_index", "-100"));
    }

    /** Runs backward(grad_output) and checks loss and gradients against the case. */
    private static void check(Golden.Case c, Tensor loss, Tensor input, Tensor target, Tensor weight) {
        assertClose(c.tensor("loss"), loss, c + " loss");
        loss.backward(c.tensor("grad_output"));
        assertClose(c.tensor("grad_input"), input.grad(), c + " grad_input");
        if (c.has("grad_target")) {
            assertClose(c.tensor("grad_target"), target.grad(), c + " grad_target");
        }
        if (c.has("grad_weight")) {
            assertClose(c.tensor("grad_weight"), weight.grad(), c + " grad_weight");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossEntropy")
    void crossEntropyMatchesPyTorch(Golden.Case c) {
        Tensor[] xt = c.inputAndTarget();
        Tensor x = xt[0];
        Tensor t = xt[1];
        Tensor w = c.tensor("weight");
        if (c.has("grad_weight")) {
            w.requiresGrad(true);
        }
        double ls = Double.parseDouble(c.param("label_smoothing", "0"));
        var loss = CrossEntropyLoss.builder().weight(w).ignoreIndex(ignoreIndex(c)).reduction(reduction(c))
                .labelSmoothing(ls).build();
        check(c, loss.forward(x, t), x, t, w);
        // The functional form gives the same numbers.
        assertClose(c.tensor("loss"), Functional.crossEntropy(x.detach(), t.detach(), w == null ? null : w.detach(),
                ignoreIndex(c), reduction(c), ls), c + " functional loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nll")
    void nllMatchesPyTorch(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor t = c.tensor("target");
        Tensor w = c.tensor("weight");
        var loss = NLLLoss.builder().weight(w).ignoreIndex(ignoreIndex(c)).reduction(reduction(c)).build();
        check(c, loss.forward(x, t), x, t, w);
        assertClose(c.tensor("loss"), Functional.nllLoss(x.detach(), t, w, ignoreIndex(c), reduction(c)),
                c + " functional loss");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mse")
    void mseMatchesPyTorch(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor t = c.tensor("target").requiresGrad(true);
        check(c, new MSELoss(reduction(c)).forward(x, t), x, t, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bce")
    void bceWithLogitsMatchesPyTorch(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor t = c.tensor("target").requiresGrad(true);
        var loss = BCEWithLogitsLoss.builder().weight(c.tensor("weight")).posWeight(c.tensor("pos_weight"))
                .reduction(reduction(c)).build();
        check(c, loss.forward(x, t), x, t, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linear")
    void linearMatchesPyTorch(Golden.Case c) {
        Tensor x = c.tensor("input").requiresGrad(true);
        var layer = new Linear(c.tensor("weight"), c.tensor("bias"));
        Tensor y = layer.forward(x);
        assertClose(c.tensor("output"), y, c + " output");
        y.backward(c.tensor("grad_output"));
        assertClose(c.tensor("grad_input"), x.grad(), c + " grad_input");
        assertClose(c.tensor("grad_weight"), layer.weight().grad(), c + " grad_weight");
        if (c.has("grad_bias")) {
            assertClose(c.tensor("grad_bias"), layer.bias().grad(), c + " grad_bias");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void modulesMatchPyTorch(Golden.Case c) {
        int dim = Integer.parseInt(c.param("dim", "0"));
        Module m = switch (c.op()) {
            case "log_softmax" -> new LogSoftmax(dim);
            case "softmax" -> new Softmax(dim);
            case "relu" -> new ReLU();
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            case "flatten" -> new Flatten();
            default -> throw new AssertionError(c.op());
        };
        Tensor x = c.tensor("input").requiresGrad(true);
        Tensor y = m.forward(x);
        assertClose(c.tensor("output"), y, c + " output");
        y.backward(c.tensor("grad_output"));
        assertClose(c.tensor("grad_input"), x.grad(), c + " grad_input");
    }

    /** The file covers every option combination the issue lists; this keeps it that way. */
    @Test
    void goldenFileCoversEveryLossOptionCombination() {
        Set<String> names = Golden.all().stream().map(Golden.Case::name).collect(Collectors.toCollection(TreeSet::new));
        int expected = 0;
        for (String rank : List.of("C", "NC", "NCd")) {
            for (String red : List.of("none", "mean", "sum")) {
                for (String w : List.of("now", "w")) {
                    for (String ls : List.of("0.0", "0.1")) {
                        for (String ign : List.of("noign", "ign")) {
                            assertTrue(names.contains("ce/idx/" + rank + "/" + red + "/" + w + "/" + ign + "/ls" + ls));
                            expected++;
                        }
                        assertTrue(names.contains("ce/prob/" + rank + "/" + red + "/" + w + "/ls" + ls));
                        expected++;
                    }
                    for (String ign : List.of("noign", "ign")) {
                        assertTrue(names.contains("nll/" + rank + "/" + red + "/" + w + "/" + ign));
                    }
                }
            }
        }
        assertEquals(108, expected);
        assertTrue(Golden.all().size() > 200, "cases: " + Golden.all().size());
    }
}
