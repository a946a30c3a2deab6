package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * gradcheck and gradgradcheck of every loss (every option combination, with respect to the input
 * and, where differentiable, the target and weights) and of every module.
 */
class LossGradCheckTest {
    /** A function and a maker of fresh inputs (leaves; those to check require grad). */
    record Check(String label, Function<Tensor[], Tensor> f, Supplier<Tensor[]> inputs) {
        /** The Functional method this check exercises (the modules delegate to Functional). */
        String covers() {
            String[][] map = {{"CE", "crossEntropy"}, {"NLL", "nllLoss"}, {"MSE", "mseLoss"},
                {"BCEWithLogits", "binaryCrossEntropyWithLogits"}, {"Linear", "linear"}, {"Functional.linear", "linear"},
                {"Sequential", "linear"}, {"ReLU", "relu"}, {"Softmax", "softmax"}, {"LogSoftmax", "logSoftmax"},
                {"Sigmoid", "sigmoid"}, {"Tanh", "tanh"}, {"Flatten", "flatten"}, {"Dropout", "dropout"},
                {"LeakyReLU", "leakyRelu"}, {"SiLU", "silu"}, {"Softplus", "softplus"}, {"GELU", "gelu"},
                {"LayerNorm", "layerNorm"}, {"Embedding", "embedding"}, {"BatchNorm", "batchNorm"},
                {"Conv2d", "conv2d"}, {"MaxPool2d", "maxPool2d"}, {"AvgPool2d", "avgPool2d"},
                {"AdaptiveAvgPool2d", "adaptiveAvgPool2d"}};
            for (String[] m : map) {
                if (label.equals(m[0]) || label.startsWith(m[0] + " ")) {
                    return m[1];
                }
            }
            throw new AssertionError("no Functional method for check " + label);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final int C = 4;
    private static final int[][] RANKS = {{C}, {3, C}, {2, C, 3}};
    private static final String[] RANK_NAMES = {"(C)", "(N,C)", "(N,C,d)"};

    private static SplittableRandom rng(String label) {
        return new SplittableRandom(label.hashCode());
    }

    private static int[] rowShape(int[] shape) {
        if (shape.length == 1) {
            return new int[0];
        }
        int[] r = new int[shape.length - 1];
        r[0] = shape[0];
        System.arraycopy(shape, 2, r, 1, shape.length - 2);
        return r;
    }

    /** Class indices; with ignore, the first is the ignored class 1. */
    private static Tensor indices(SplittableRandom r, int[] shape, boolean ignore) {
        int[] rs = rowShape(shape);
        double[] v = new double[jgrad.Shape.numel(rs)];
        for (int i = 0; i < v.length; i++) {
            v[i] = ignore ? (i == 0 ? 1 : new int[] {0, 2, 3}[r.nextInt(3)]) : r.nextInt(C);
        }
        return Tensor.wrap(v, DType.INT64, rs);
    }

    private static Tensor probabilities(SplittableRandom r, int[] shape) {
        return Tensor.randn(r, shape).softmax(shape.length == 1 ? 0 : 1).detach().copy();
    }

    private static Tensor positive(SplittableRandom r, int... shape) {
        return Tensor.rand(r, shape).add(0.5).detach().copy();
    }

    static List<Check> losses() {
        List<Check> out = new ArrayList<>();
        for (int k = 0; k < RANKS.length; k++) {
            int[] shape = RANKS[k];
            for (Reduction red : Reduction.values()) {
                for (boolean hasW : new boolean[] {false, true}) {
                    for (double ls : new double[] {0.0, 0.1}) {
                        for (boolean ign : new boolean[] {false, true}) {
                            if (ign && shape.length == 1 && red == Reduction.MEAN) {
                                continue; // the only target is ignored: NaN (checked in the golden tests)
                            }
                            String label = "CE indices " + RANK_NAMES[k] + " " + red + (hasW ? " weight" : "")
                                    + (ign ? " ignore" : "") + " ls=" + ls;
                            int ii = ign ? 1 : -100;
                            out.add(new Check(label, in -> Functional.crossEntropy(in[0], in[1], in[2], ii, red, ls),
                                    () -> {
                                        SplittableRandom r = rng(label);
                                        return new Tensor[] {Tensor.randn(r, shape).requiresGrad(true),
                                                indices(r, shape, ign), hasW ? positive(r, C) : null};
                                    }));
                        }
                        String label = "CE probabilities " + RANK_NAMES[k] + " " + red + (hasW ? " weight" : "")
                                + " ls=" + ls;
                        out.add(new Check(label, in -> Functional.crossEntropy(in[0], in[1], in[2], -100, red, ls),
                                () -> {
                                    SplittableRandom r = rng(label);
                                    return new Tensor[] {Tensor.randn(r, shape).requiresGrad(true),
                                            probabilities(r, shape).requiresGrad(true),
                                            hasW ? positive(r, C).requiresGrad(true) : null};
                                }));
                    }
                    for (boolean ign : new boolean[] {false, true}) {
                        if (ign && shape.length == 1 && red == Reduction.MEAN) {
                            continue;
                        }
                        String label = "NLL " + RANK_NAMES[k] + " " + red + (hasW ? " weight" : "")
                                + (ign ? " ignore" : "");
                        int ii = ign ? 1 : -100;
                        out.add(new Check(label, in -> Functional.nllLoss(in[0], in[1], in[2], ii, red), () -> {
                            SplittableRandom r = rng(label);
                            return new Tensor[] {Tensor.randn(r, shape).requiresGrad(true), indices(r, shape, ign),
                                    hasW ? positive(r, C) : null};
                        }));
                    }
                }
            }
        }
        for (Reduction red : Reduction.values()) {
            String mse = "MSE " + red;
            out.add(new Check(mse, in -> Functional.mseLoss(in[0], in[1], red), () -> {
                SplittableRandom r = rng(mse);
                return new Tensor[] {Tensor.randn(r, 3, 4).requiresGrad(true), Tensor.randn(r, 3, 4).requiresGrad(true)};
            }));
            String mseB = "MSE broadcast " + red;
            out.add(new Check(mseB, in -> Functional.mseLoss(in[0], in[1], red), () -> {
                SplittableRandom r = rng(mseB);
                return new Tensor[] {Tensor.randn(r, 3, 4).requiresGrad(true), Tensor.randn(r, 4).requiresGrad(true)};
            }));
            for (boolean hasW : new boolean[] {false, true}) {
                for (boolean hasPw : new boolean[] {false, true}) {
                    String label = "BCEWithLogits " + red + (hasW ? " weight" : "") + (hasPw ? " posWeight" : "");
                    out.add(new Check(label,
                            in -> Functional.binaryCrossEntropyWithLogits(in[0], in[1], in[2], in[3], red), () -> {
                                SplittableRandom r = rng(label);
                                return new Tensor[] {Tensor.randn(r, 3, 4).mul(2).detach().requiresGrad(true),
                                        Tensor.rand(r, 3, 4).requiresGrad(true),
                                        hasW ? positive(r, 3, 4).requiresGrad(true) : null,
                                        hasPw ? positive(r, 4).mul(2).detach().requiresGrad(true) : null};
                            }));
                }
            }
        }
        return out;
    }

    static List<Check> modules() {
        List<Check> out = new ArrayList<>();
        Tensor.manualSeed(11);
        Linear lin = new Linear(3, 2);
        out.add(new Check("Linear (N, in) w.r.t. input, weight and bias", in -> lin.forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("lin"), 4, 3).requiresGrad(true), lin.weight(), lin.bias()}));
        out.add(new Check("Linear (in)", in -> lin.forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("lin1"), 3).requiresGrad(true), lin.weight(), lin.bias()}));
        out.add(new Check("Linear (N, d, in)", in -> lin.forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("lin3"), 2, 2, 3).requiresGrad(true), lin.weight(), lin.bias()}));
        out.add(new Check("Functional.linear without bias", in -> Functional.linear(in[0], in[1], null),
                () -> new Tensor[] {Tensor.randn(rng("fl"), 4, 3).requiresGrad(true),
                        Tensor.randn(rng("fl2"), 2, 3).requiresGrad(true)}));
        Sequential mlp = new Sequential(new Linear(3, 5), new Tanh(), new Linear(5, 4), new Sigmoid(), new Linear(4, 3),
                new LogSoftmax(1));
        out.add(new Check("Sequential MLP", in -> mlp.forward(in[0]), () -> {
            List<Tensor> all = new ArrayList<>();
            all.add(Tensor.randn(rng("mlp"), 2, 3).requiresGrad(true));
            all.addAll(mlp.parameters());
            return all.toArray(new Tensor[0]);
        }));
        out.add(new Check("ReLU", in -> new ReLU().forward(in[0]), () -> {
            Tensor x = Tensor.randn(rng("relu"), 3, 4);
            double[] d = x.storage();
            for (int i = 0; i < d.length; i++) {
                d[i] += d[i] >= 0 ? 0.2 : -0.2; // away from the kink
            }
            return new Tensor[] {x.requiresGrad(true)};
        }));
        out.add(new Check("Softmax dim 1", in -> new Softmax(1).forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("sm"), 2, 3, 2).requiresGrad(true)}));
        out.add(new Check("LogSoftmax dim -1", in -> new LogSoftmax(-1).forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("lsm"), 3, 4).requiresGrad(true)}));
        out.add(new Check("Sigmoid", in -> new Sigmoid().forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("sig"), 3, 4).requiresGrad(true)}));
        out.add(new Check("Tanh", in -> new Tanh().forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("tanh"), 3, 4).requiresGrad(true)}));
        out.add(new Check("Flatten", in -> new Flatten().forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("flat"), 2, 3, 2).requiresGrad(true)}));
        Supplier<Tensor[]> img = () -> new Tensor[] {Tensor.randn(rng("pool"), 1, 2, 5, 5).requiresGrad(true)};
        out.add(new Check("MaxPool2d 3 2 1", in -> new MaxPool2d(3, 2, 1).forward(in[0]), img));
        out.add(new Check("MaxPool2d Functional", in -> Functional.maxPool2d(in[0], 2), img));
        out.add(new Check("AvgPool2d 3 2 1 ceilMode", in -> new AvgPool2d(3, 2, 1, true, false).forward(in[0]), img));
        out.add(new Check("AvgPool2d Functional", in -> Functional.avgPool2d(in[0], 2), img));
        out.add(new Check("AdaptiveAvgPool2d 3 2", in -> new AdaptiveAvgPool2d(3, 2).forward(in[0]), img));
        out.add(new Check("AdaptiveAvgPool2d Functional", in -> Functional.adaptiveAvgPool2d(in[0], 3), img));
        // Away from the kinks (0; beta*x == threshold), both sides of each; more settings in ActivationTest.
        Supplier<Tensor[]> act = () -> new Tensor[] {Tensor.of(new double[] {-2.5, -0.7, -0.1, 0.2, 0.9, 1.3, 2.1, 25.0},
                DType.FLOAT64, 2, 4).requiresGrad(true)};
        out.add(new Check("LeakyReLU 0.2", in -> new LeakyReLU(0.2).forward(in[0]), act));
        out.add(new Check("SiLU", in -> new SiLU().forward(in[0]), act));
        out.add(new Check("Softplus beta 2 threshold 3", in -> new Softplus(2.0, 3.0).forward(in[0]), act));
        out.add(new Check("GELU none", in -> new GELU().forward(in[0]), act));
        out.add(new Check("GELU tanh", in -> new GELU("tanh").forward(in[0]), act));
        out.add(new Check("Embedding", in -> Functional.embedding(in[0], in[1]),
                () -> new Tensor[] {Tensor.of(new double[] {0, 1, 3, 1, 2, 0}, DType.INT64, 3, 2),
                    Tensor.randn(rng("emb"), 4, 3).requiresGrad(true)}));
        out.add(new Check("LayerNorm (3, 2) affine", in -> Functional.layerNorm(in[0], new int[] {3, 2}, in[1], in[2], 1e-5),
                () -> new Tensor[] {Tensor.randn(rng("ln"), 2, 3, 2).requiresGrad(true),
                    Tensor.randn(rng("lnw"), 3, 2).requiresGrad(true), Tensor.randn(rng("lnb"), 3, 2).requiresGrad(true)}));
        Supplier<Tensor[]> bn = () -> new Tensor[] {Tensor.randn(rng("bn"), 3, 2, 2).mul(2.0).requiresGrad(true),
            Tensor.randn(rng("bnw"), 2).requiresGrad(true), Tensor.randn(rng("bnb"), 2).requiresGrad(true)};
        out.add(new Check("BatchNorm training, running stats", in -> Functional.batchNorm(in[0], Tensor.zeros(2),
                Tensor.ones(2), in[1], in[2], true, 0.1, 1e-5), bn));
        out.add(new Check("BatchNorm eval", in -> Functional.batchNorm(in[0], Tensor.of(0.5, -1.0),
                Tensor.of(2.0, 0.25), in[1], in[2], false, 0.1, 1e-5), bn));
        out.add(new Check("Conv2d stride 2 padding 1", in -> Functional.conv2d(in[0], in[1], in[2], 2, 1),
                () -> new Tensor[] {Tensor.randn(rng("conv"), 2, 2, 5, 4).requiresGrad(true),
                    Tensor.randn(rng("convw"), 3, 2, 3, 2).requiresGrad(true),
                    Tensor.randn(rng("convb"), 3).requiresGrad(true)}));
        Conv2d conv = new Conv2d(2, 2, 2);
        out.add(new Check("Conv2d module unbatched", in -> conv.forward(in[0]),
                () -> new Tensor[] {Tensor.randn(rng("convu"), 2, 3, 4).requiresGrad(true)}));
        Dropout drop = new Dropout(0.4);
        out.add(new Check("Dropout (training, fixed seed)", in -> {
            Tensor.manualSeed(5);
            return drop.forward(in[0]);
        }, () -> new Tensor[] {Tensor.randn(rng("drop"), 3, 4).requiresGrad(true)}));
        return out;
    }

    /** Like core's OpRegistry: a Functional op without a gradcheck entry fails this test. */
    @Test
    void everyFunctionalOpIsGradchecked() {
        Set<String> covered = new TreeSet<>();
        Stream.concat(losses().stream(), modules().stream()).forEach(c -> covered.add(c.covers()));
        Set<String> ops = new TreeSet<>();
        for (Method m : Functional.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == Tensor.class) {
                ops.add(m.getName());
            }
        }
        assertEquals(ops, covered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossGradcheck(Check c) {
        assertTrue(GradCheck.gradcheck(c.f(), c.inputs().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void lossGradgradcheck(Check c) {
        assertTrue(GradCheck.gradgradcheck(c.f(), c.inputs().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleGradcheck(Check c) {
        assertTrue(GradCheck.gradcheck(c.f(), c.inputs().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleGradgradcheck(Check c) {
        assertTrue(GradCheck.gradgradcheck(c.f(), c.inputs().get()));
    }
}
