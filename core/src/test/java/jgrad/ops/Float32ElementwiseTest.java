package jgrad.ops;

import static jgrad.ops.Float32Values.assertClose;
import static jgrad.ops.Float32Values.assertRounded;
import static jgrad.ops.Float32Values.random;
import static jgrad.ops.Float32Values.widened;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The FLOAT32 kernels of the elementwise ops (binary with broadcasting, scalar, unary, relu) give
 * the generic path's values (FLOAT64 on the widened inputs, rounded once) bit for bit, keep
 * FLOAT32, and their backward gives FLOAT32 gradients with the generic path's values.
 */
class Float32ElementwiseTest {
    /** Shape pairs: same shape, the row broadcast of a bias, column, both ways, 0-D, 0-size. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
                Arguments.of(new int[] {5, 4}, new int[] {4}),
                Arguments.of(new int[] {4}, new int[] {5, 4}),
                Arguments.of(new int[] {5, 1}, new int[] {5, 4}),
                Arguments.of(new int[] {5, 4}, new int[] {5, 1}),
                Arguments.of(new int[] {2, 1, 3}, new int[] {4, 1}),
                Arguments.of(new int[] {3, 1, 2}, new int[] {1, 4, 1}),
                Arguments.of(new int[] {}, new int[] {3, 4}),
                Arguments.of(new int[] {3, 4}, new int[] {}),
                Arguments.of(new int[] {1}, new int[] {7}),
                Arguments.of(new int[] {}, new int[] {}),
                Arguments.of(new int[] {0, 4}, new int[] {4}),
                Arguments.of(new int[] {2, 0}, new int[] {0}),
                Arguments.of(new int[] {2, 0}, new int[] {2, 1}));
    }

    private static final List<String> BINARY = List.of("add", "sub", "mul", "div");

    private static BinaryOperator<Tensor> binary(String op) {
        return switch (op) {
            case "add" -> Tensor::add;
            case "sub" -> Tensor::sub;
            case "mul" -> Tensor::mul;
            default -> Tensor::div;
        };
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void binaryOpsEqualTheGenericPathBitForBit(int[] as, int[] bs) {
        SplittableRandom rng = new SplittableRandom(as.length * 31 + bs.length);
        for (int trial = 0; trial < 5; trial++) {
            Tensor a = random(rng, true, as);
            Tensor b = random(rng, true, bs);
            for (String op : BINARY) {
                assertRounded(binary(op).apply(widened(a), widened(b)), binary(op).apply(a, b), op);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void binaryBackwardGivesFloat32GradientsOfTheGenericValues(int[] as, int[] bs) {
        SplittableRandom rng = new SplittableRandom(7 + as.length);
        for (String op : BINARY) {
            Tensor a = random(rng, false, as).requiresGrad(true);
            Tensor b = random(rng, false, bs).requiresGrad(true);
            Tensor out = binary(op).apply(a, b);
            Tensor g = random(rng, false, out.shape());
            out.backward(g);
            Tensor a64 = widened(a);
            Tensor b64 = widened(b);
            binary(op).apply(a64, b64).backward(widened(g));
            if (op.equals("add") || op.equals("sub")) { // g itself, summed in double to a's shape
                assertRounded(a64.grad(), a.grad(), op + " grad a");
                assertRounded(b64.grad(), b.grad(), op + " grad b");
            } else { // products rounded to float before the sum, or several ops (div's b)
                assertClose(a64.grad(), a.grad(), 1e-5, 1e-5, op + " grad a");
                assertClose(b64.grad(), b.grad(), 1e-4, 1e-4, op + " grad b");
            }
        }
    }

    @Test
    void scalarOpsAndNegEqualTheGenericPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int[] shape : new int[][] {{4, 9}, {}, {0, 3}}) {
            Tensor a = random(rng, true, shape);
            Tensor a64 = widened(a);
            // the kernels themselves, with any double s (Tensor.add(double) may round s for FLOAT32)
            for (double s : new double[] {0.1, 3, -0.0, 1e-40, Double.POSITIVE_INFINITY, Double.NaN, 1e300}) {
                assertRounded(Arithmetic.addScalar(a64, s), Arithmetic.addScalar(a, s), "add " + s);
                assertRounded(Arithmetic.subScalar(a64, s), Arithmetic.subScalar(a, s), "sub " + s);
                assertRounded(Arithmetic.mulScalar(a64, s), Arithmetic.mulScalar(a, s), "mul " + s);
                assertRounded(Arithmetic.divScalar(a64, s), Arithmetic.divScalar(a, s), "div " + s);
            }
            assertRounded(a64.neg(), a.neg(), "neg");
        }
        Tensor a = random(rng, false, 3, 5).requiresGrad(true);
        a.mul(0.1).add(2).sub(0.3).div(7).neg().sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        Tensor a64 = widened(a);
        a64.mul(0.1).add(2).sub(0.3).div(7).neg().sum().backward();
        assertClose(a64.grad(), a.grad(), 1e-6, 0, "scalar chain grad");
    }

    @Test
    void inPlaceMulAndAddWriteTheFloatStorageWithTheGenericValues() {
        SplittableRandom rng = new SplittableRandom(6);
        Tensor a = random(rng, true, 4, 5);
        Tensor b = random(rng, true, 4, 5);
        float[] storage = a.floatStorage();
        Tensor scaled = Tensor.of(widened(a).mul(0.1).toArray(), DType.FLOAT32, 4, 5); // each op rounds
        Tensor want = widened(scaled).add(widened(b));
        try (var s = Autograd.noGrad()) {
            a.mulInPlace(0.1).addInPlace(b);
        }
        assertSame(storage, a.floatStorage(), "the same storage");
        assertRounded(want, a, "a * 0.1 + b in place");
    }

    private static final List<String> UNARY = List.of("exp", "log", "sqrt", "tanh", "sigmoid", "sin", "cos", "log1p",
            "expm1", "relu");

    private static UnaryOperator<Tensor> unary(String op) {
        return switch (op) {
            case "exp" -> Tensor::exp;
            case "log" -> Tensor::log;
            case "sqrt" -> Tensor::sqrt;
            case "tanh" -> Tensor::tanh;
            case "sigmoid" -> Tensor::sigmoid;
            case "sin" -> Tensor::sin;
            case "cos" -> Tensor::cos;
            case "log1p" -> Tensor::log1p;
            case "expm1" -> Tensor::expm1;
            default -> Tensor::relu;
        };
    }

    @Test
    void unaryOpsEqualTheGenericPathBitForBit() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int[] shape : new int[][] {{6, 11}, {}, {0}, {2, 0, 3}}) {
            Tensor a = random(rng, true, shape);
            Tensor positive = Tensor.of(a.abs().toArray(), DType.FLOAT32, shape); // log, sqrt away from NaN
            for (String op : UNARY) {
                for (Tensor x : new Tensor[] {a, positive}) {
                    assertRounded(unary(op).apply(widened(x)), unary(op).apply(x), op);
                }
            }
        }
    }

    @Test
    void unaryBackwardGivesFloat32Gradients() {
        SplittableRandom rng = new SplittableRandom(5);
        for (String op : UNARY) {
            double[] v = random(rng, false, 4, 6).abs().add(0.1).toArray(); // in every op's domain
            Tensor a = Tensor.of(v, DType.FLOAT32, 4, 6).requiresGrad(true);
            Tensor g = random(rng, false, 4, 6);
            unary(op).apply(a).backward(g);
            Tensor a64 = widened(a);
            unary(op).apply(a64).backward(widened(g));
            if (op.equals("relu")) {
                assertRounded(a64.grad(), a.grad(), op + " grad");
            } else { // out or a rounded to float before the backward's ops
                assertClose(a64.grad(), a.grad(), 2e-6, 1e-6, op + " grad");
            }
        }
    }

    @Test
    void reluBackwardOnEdgeValuesInBothGradModes() {
        double inf = Double.POSITIVE_INFINITY;
        double[] x = {Double.NaN, -1, 0, 2, -0.0, inf, Float.MIN_VALUE, -Float.MIN_VALUE, -inf, 3e38};
        double[] g = {1.5, inf, Double.NaN, -2, -inf, 3, 0.25, Double.NaN, 7, Float.MIN_VALUE};
        double[] want = {1.5, 0, 0, -2, 0, 3, 0.25, 0, 0, Float.MIN_VALUE}; // threshold_backward's rule
        Tensor gt = Tensor.of(g, DType.FLOAT32, g.length);
        Tensor a = Tensor.of(x, DType.FLOAT32, x.length).requiresGrad(true);
        Tensor y = a.relu();
        assertRounded(widened(a).relu(), y, "relu forward");
        y.backward(gt);
        assertRounded(Tensor.of(want), a.grad(), "plain backward");
        // createGraph: the mask as a recorded FLOAT32 product (g * mask), NaN output passes g
        Tensor b = Tensor.of(x, DType.FLOAT32, x.length).requiresGrad(true);
        Tensor gb = Autograd.grad(b.relu(), List.of(b), gt, true).get(0);
        assertEquals(DType.FLOAT32, gb.dtype());
        double[] got = gb.toArray();
        for (int i = 0; i < x.length; i++) {
            double w = x[i] > 0 || Double.isNaN(x[i]) ? g[i] * 1.0 : g[i] * 0.0; // g * mask
            assertEquals(Float.floatToIntBits((float) w), Float.floatToIntBits((float) got[i]), "createGraph at " + i);
        }
    }
}
