package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error PyTorch raises for these layers and losses, as an IllegalArgumentException naming the values. */
class ErrorsTest {
    private static final Tensor X = Tensor.of(new double[][] {{0.1, 0.2, 0.3}, {0.3, 0.2, 0.1}});

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
        }
    }

    @Test
    void targetOutOfRange() {
        assertMessage(() -> new CrossEntropyLoss().forward(X, Tensor.of(0, 5)),
                "CrossEntropyLoss: target 5 is out of range for 3 classes");
        assertMessage(() -> new CrossEntropyLoss().forward(X, Tensor.of(-1, 0)), "target -1", "3 classes");
        assertMessage(() -> new NLLLoss().forward(X, Tensor.of(3, 0)), "NLLLoss: target 3 is out of range for 3 classes");
        assertMessage(() -> Functional.crossEntropy(X, Tensor.of(0, 7)), "crossEntropy", "target 7");
        assertMessage(() -> Functional.nllLoss(X, Tensor.of(0, 7)), "nllLoss", "target 7");
        // With label smoothing too, and for a (C) input with a 0-D target.
        assertMessage(() -> CrossEntropyLoss.builder().labelSmoothing(0.1).build().forward(X, Tensor.of(3, 0)),
                "target 3");
        assertMessage(() -> new CrossEntropyLoss().forward(Tensor.of(1.0, 2.0), Tensor.of(2).reshape()), "target 2",
                "2 classes");
        // The ignore index is not out of range, even when it is a negative number other than -100.
        NLLLoss ignoring = NLLLoss.builder().ignoreIndex(-1).build();
        ignoring.forward(X, Tensor.of(-1, 0));
        assertMessage(() -> ignoring.forward(X, Tensor.of(-100, 0)), "target -100");
    }

    @Test
    void floatTargetsWhereIndicesAreNeededAndTheReverse() {
        assertMessage(() -> new CrossEntropyLoss().forward(X, Tensor.of(0.0, 1.0)), "INT64", "FLOAT64", "[2]",
                "[2, 3]");
        assertMessage(() -> new NLLLoss().forward(X, Tensor.of(0.0, 1.0)), "NLLLoss", "INT64", "FLOAT64", "[2]");
        assertMessage(() -> new CrossEntropyLoss().forward(X, Tensor.zeros(2, 3).to(DType.INT64)), "FLOAT64",
                "INT64", "[2, 3]");
        assertMessage(() -> new CrossEntropyLoss().forward(X.to(DType.INT64), Tensor.of(0, 1)), "input", "INT64",
                "[2, 3]");
        assertMessage(() -> new NLLLoss().forward(X.to(DType.INT64), Tensor.of(0, 1)), "input", "INT64");
        assertMessage(() -> new MSELoss().forward(X.to(DType.INT64), X), "MSELoss", "INT64");
        assertMessage(() -> new BCEWithLogitsLoss().forward(X, X.to(DType.INT64)), "BCEWithLogitsLoss", "target",
                "INT64");
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        assertMessage(() -> new CrossEntropyLoss().forward(X, Tensor.of(0, 1, 2)), "batch size", "[2, 3]", "[3]");
        assertMessage(() -> new NLLLoss().forward(X, Tensor.of(0)), "batch size", "[2, 3]", "[1]");
        Tensor x3 = Tensor.zeros(2, 3, 4);
        Tensor t3 = Tensor.zeros(2, 5).to(DType.INT64);
        assertMessage(() -> new CrossEntropyLoss().forward(x3, t3), "[2, 3, 4]", "[2, 5]", "[2, 4]");
        assertMessage(() -> new CrossEntropyLoss().forward(Tensor.of(1.0, 2.0, 3.0), Tensor.of(1)), "[3]", "[1]",
                "[]");
        assertMessage(() -> new CrossEntropyLoss().forward(Tensor.scalar(1.0), Tensor.of(0).reshape()), "0-D");
        assertMessage(() -> new MSELoss().forward(X, Tensor.zeros(4)), "MSELoss", "[2, 3]", "[4]");
        assertMessage(() -> new BCEWithLogitsLoss().forward(X, Tensor.zeros(3)), "BCEWithLogitsLoss", "[2, 3]", "[3]");
        assertMessage(() -> BCEWithLogitsLoss.builder().weight(Tensor.zeros(2)).build().forward(X, X), "weight",
                "[2, 3]", "[2]");
        assertMessage(() -> BCEWithLogitsLoss.builder().posWeight(Tensor.zeros(4)).build().forward(X, X), "posWeight",
                "[2, 3]", "[4]");
    }

    @Test
    void bceWeightsThatWouldEnlargeTheLossAreRefused() {
        // PyTorch 1.13, input and target of shape [3], weight or pos_weight of shape [2, 3]:
        // "output with shape [3] doesn't match the broadcast shape [2, 3]" (jgrad gave a [2, 3] loss)
        Tensor x = Tensor.zeros(3);
        Tensor wide = Tensor.ones(2, 3);
        assertMessage(() -> BCEWithLogitsLoss.builder().weight(wide).reduction(Reduction.NONE).build().forward(x, x),
                "BCEWithLogitsLoss", "weight", "[2, 3]", "[3]");
        assertMessage(() -> Functional.binaryCrossEntropyWithLogits(x, x, null, wide, Reduction.SUM),
                "binaryCrossEntropyWithLogits", "posWeight", "[2, 3]", "[3]");
        // a weight that broadcasts to the input's own shape still works, as in PyTorch
        Tensor loss = BCEWithLogitsLoss.builder().weight(Tensor.ones(1)).reduction(Reduction.NONE).build()
                .forward(x, x);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3}, loss.shape());
    }

    @Test
    void weightOfTheWrongLengthOrShape() {
        assertMessage(() -> CrossEntropyLoss.builder().weight(Tensor.ones(4)).build().forward(X, Tensor.of(0, 1)),
                "CrossEntropyLoss", "weight", "[4]", "3 classes");
        assertMessage(() -> NLLLoss.builder().weight(Tensor.ones(2)).build().forward(X, Tensor.of(0, 1)), "NLLLoss",
                "[2]", "3 classes");
        assertMessage(() -> CrossEntropyLoss.builder().weight(Tensor.ones(4)).build().forward(X, X.softmax(1)),
                "[4]", "3 classes");
        assertMessage(() -> CrossEntropyLoss.builder().weight(Tensor.ones(1, 3)), "weight", "[1, 3]");
        assertMessage(() -> NLLLoss.builder().weight(Tensor.of(1, 1, 1)), "weight", "INT64");
        assertMessage(() -> Functional.crossEntropy(X, Tensor.of(0, 1), Tensor.ones(2, 2), -100, Reduction.MEAN, 0),
                "weight", "[2, 2]");
    }

    @Test
    void weightRequiringGradWithIndexTargets() {
        Tensor w = Tensor.ones(3).requiresGrad(true);
        assertMessage(() -> CrossEntropyLoss.builder().weight(w).build().forward(X, Tensor.of(0, 1)), "weight",
                "requires grad");
        assertMessage(() -> NLLLoss.builder().weight(w).build().forward(X, Tensor.of(0, 1)), "weight", "requires grad");
        // Allowed under no-grad (nothing is recorded), and with probability targets (differentiable there).
        try (var s = jgrad.autograd.Autograd.noGrad()) {
            CrossEntropyLoss.builder().weight(w).build().forward(X, Tensor.of(0, 1));
        }
        CrossEntropyLoss.builder().weight(w).build().forward(X, X.softmax(1)).backward();
        assertTrue(w.grad() != null);
    }

    @Test
    void labelSmoothingOutsideZeroOne() {
        assertMessage(() -> CrossEntropyLoss.builder().labelSmoothing(1.5), "label smoothing", "1.5");
        assertMessage(() -> CrossEntropyLoss.builder().labelSmoothing(-0.1), "label smoothing", "-0.1");
        assertMessage(() -> CrossEntropyLoss.builder().labelSmoothing(Double.NaN), "NaN");
        assertMessage(() -> Functional.crossEntropy(X, Tensor.of(0, 1), null, -100, Reduction.MEAN, 2.0),
                "crossEntropy", "label smoothing", "2.0");
    }

    @Test
    void reductionNull() {
        assertMessage(() -> CrossEntropyLoss.builder().reduction(null), "CrossEntropyLoss", "reduction");
        assertMessage(() -> NLLLoss.builder().reduction(null), "NLLLoss", "reduction");
        assertMessage(() -> BCEWithLogitsLoss.builder().reduction(null), "BCEWithLogitsLoss", "reduction");
        assertMessage(() -> new MSELoss(null), "MSELoss", "reduction");
        assertMessage(() -> Functional.crossEntropy(X, Tensor.of(0, 1), null, -100, null, 0), "reduction");
        assertMessage(() -> Functional.nllLoss(X, Tensor.of(0, 1), null, -100, null), "reduction");
        assertMessage(() -> Functional.mseLoss(X, X, null), "reduction");
        assertMessage(() -> Functional.binaryCrossEntropyWithLogits(X, X, null, null, null), "reduction");
    }

    @Test
    void ignoreIndexWithProbabilityTargets() {
        assertMessage(() -> CrossEntropyLoss.builder().ignoreIndex(1).build().forward(X, X.softmax(1)), "ignoreIndex 1",
                "probabilit");
    }

    @Test
    void nullTensors() {
        assertMessage(() -> new CrossEntropyLoss().forward(null, Tensor.of(0, 1)), "input");
        assertMessage(() -> new CrossEntropyLoss().forward(X, null), "target");
        assertMessage(() -> new NLLLoss().forward(X, null), "target");
        assertMessage(() -> new MSELoss().forward(X, null), "target");
    }

    @Test
    void linearShapeErrors() {
        Linear layer = new Linear(4, 2);
        assertMessage(() -> layer.forward(Tensor.zeros(3, 5)), "Linear", "[3, 5]", "[2, 4]");
        assertMessage(() -> layer.forward(Tensor.zeros(5)), "Linear", "[5]", "[2, 4]");
        assertMessage(() -> layer.forward(Tensor.scalar(1.0)), "Linear", "[]");
        assertMessage(() -> layer.forward(Tensor.zeros(3, 4).to(DType.INT64)), "Linear", "INT64");
        assertMessage(() -> Functional.linear(Tensor.zeros(3, 5), Tensor.zeros(2, 4), null), "linear", "[3, 5]",
                "[2, 4]");
        assertMessage(() -> Functional.linear(Tensor.zeros(3, 4), Tensor.zeros(2, 4), Tensor.zeros(3)), "bias", "[3]");
        assertMessage(() -> new Linear(-1, 2), "Linear", "-1");
        assertMessage(() -> new Linear(Tensor.zeros(2, 3), Tensor.zeros(3)), "Linear", "[3]", "[2, 3]");
        assertMessage(() -> new Linear(Tensor.zeros(3), null), "Linear", "[3]");
    }

    @Test
    void dropoutProbabilityOutsideZeroOne() {
        assertMessage(() -> new Dropout(1.5), "Dropout", "1.5");
        assertMessage(() -> new Dropout(-0.5), "Dropout", "-0.5");
        assertMessage(() -> Functional.dropout(X, Double.NaN, true), "dropout", "NaN");
    }

    @Test
    void flattenDims() {
        assertMessage(() -> new Flatten().forward(Tensor.zeros(3)), "Flatten", "dim 1");
        assertMessage(() -> new Flatten(2, 1).forward(Tensor.zeros(2, 3, 4)), "Flatten", "start_dim");
    }

    @Test
    void softmaxDimOutOfRange() {
        assertMessage(() -> new Softmax(2).forward(X), "dim 2");
        assertMessage(() -> new LogSoftmax(-3).forward(X), "dim -3");
    }
}
