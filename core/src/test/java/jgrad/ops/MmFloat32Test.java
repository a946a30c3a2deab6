package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.kernel.Gemm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FLOAT32 {@code mm}, {@code addmm} and {@code matmul}: FLOAT32 results and gradients computed by
 * the float product (the same bits as {@link Gemm#multiply(float[], int, int, boolean, float[],
 * int, int, boolean)} on the tensors' own floats), within float tolerance of the same operations
 * in FLOAT64 on the same values, and no copy widened to double on the way.
 */
class MmFloat32Test {
    /** Values exactly representable as float, so both dtypes start from the same numbers. */
    private static double[] floats(SplittableRandom r, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** The pair (FLOAT32, FLOAT64) of leaves requiring grad, with the same values. */
    private static Tensor[] pair(double[] values, int... shape) {
        return new Tensor[] {Tensor.of(values, DType.FLOAT32, shape).requiresGrad(true),
            Tensor.of(values, DType.FLOAT64, shape).requiresGrad(true)};
    }

    /**
     * A FLOAT32 tensor against its FLOAT64 counterpart: |x32 - x64| <= 1e-5 sqrt(k) k, k the
     * length of the sums (every term is below 1 in magnitude, so k bounds sum |a_ip b_pj|).
     */
    private static void assertClose(Tensor f32, Tensor f64, int k, String what) {
        assertEquals(DType.FLOAT32, f32.dtype(), what);
        assertArrayEquals(f64.shapeArray(), f32.shapeArray(), what);
        double[] x = f32.doubles();
        double[] y = f64.doubles();
        double tol = 1e-5 * Math.sqrt(Math.max(1, k)) * Math.max(1, k);
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= tol)) {
                fail(what + ": element " + i + " is " + x[i] + " in FLOAT32, " + y[i] + " in FLOAT64");
            }
        }
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int[] s : new int[][] {{3, 4, 2}, {1, 7, 1}, {0, 3, 2}, {70, 130, 90}, {100, 50, 5}, {129, 300, 260}}) {
            for (int t = 0; t < 4; t++) {
                out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2} tA={3} tB={4}")
    @MethodSource("shapes")
    void addmmAndMmForwardAndBackwardMatchFloat64(int m, int k, int n, boolean ta, boolean tb) {
        SplittableRandom r = new SplittableRandom(m * 1000L + k * 10L + n + (ta ? 1 : 0) + (tb ? 2 : 0));
        double[] av = floats(r, m * k);
        double[] bv = floats(r, k * n);
        Tensor[] a = ta ? pair(av, k, m) : pair(av, m, k);
        Tensor[] b = tb ? pair(bv, n, k) : pair(bv, k, n);
        Tensor[] bias = pair(floats(r, n), n);
        double[] wv = floats(r, m * n);
        Tensor[] w = {Tensor.of(wv, DType.FLOAT32, m, n), Tensor.of(wv, DType.FLOAT64, m, n)};
        Tensor[] out = new Tensor[2];
        for (int d = 0; d < 2; d++) {
            out[d] = LinAlg.addmm(bias[d], a[d], b[d], ta, tb);
            out[d].mul(w[d]).sum().backward();
        }
        String at = m + "x" + k + "x" + n + " tA=" + ta + " tB=" + tb;
        assertClose(out[0], out[1], k, "addmm " + at);
        assertClose(a[0].grad(), a[1].grad(), n, "grad a " + at);
        assertClose(b[0].grad(), b[1].grad(), m, "grad b " + at);
        assertClose(bias[0].grad(), bias[1].grad(), m, "grad bias " + at);
        // mm: the float kernel's bits, and addmm is mm plus the bias in one float rounding.
        Tensor mm = LinAlg.mm(a[0], b[0], ta, tb);
        float[] want = Gemm.multiply(a[0].floatStorage(), a[0].size(0), a[0].size(1), ta, b[0].floatStorage(),
                b[0].size(0), b[0].size(1), tb);
        assertArrayEquals(want, mm.floatStorage(), "mm " + at);
        assertArrayEquals(mm.add(bias[0]).floatStorage(), out[0].floatStorage(), "addmm = mm + bias " + at);
        assertEquals(DType.FLOAT32, bias[0].grad().dtype());
    }

    @Test
    void matmulOfFloat32VectorsAndMatricesStaysFloat32() {
        SplittableRandom r = new SplittableRandom(3);
        Tensor[] v = pair(floats(r, 5), 5);
        Tensor[] m = pair(floats(r, 15), 5, 3);
        for (int d = 0; d < 2; d++) {
            v[d].matmul(m[d]).sum().add(v[d].matmul(v[d])).backward();
        }
        assertClose(v[0].matmul(m[0]), v[1].matmul(m[1]), 5, "vector . matrix");
        assertEquals(0, v[0].matmul(v[0]).dim());
        assertClose(v[0].matmul(v[0]), v[1].matmul(v[1]), 5, "dot");
        assertClose(v[0].grad(), v[1].grad(), 5, "grad v");
        assertClose(m[0].grad(), m[1].grad(), 5, "grad m");
    }

    /**
     * No widened copy of an operand or result: a FLOAT32 product of 256 x 256 x 256 allocates
     * about its float result (256 KB) where widening would add 1.5 MB of doubles; its backward
     * about the two float gradients. The least over a few calls, past the first (which sizes the
     * per-thread packing buffers).
     */
    @Test
    void float32ProductsAllocateNoDoubles() {
        int s = 256;
        SplittableRandom r = new SplittableRandom(5);
        Tensor a = Tensor.of(floats(r, s * s), DType.FLOAT32, s, s);
        Tensor b = Tensor.of(floats(r, s * s), DType.FLOAT32, s, s);
        long floatsBytes = 4L * s * s;
        long forward = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            forward = Math.min(forward, AllocatedBytes.of(() -> LinAlg.mm(a, b, false, true)));
        }
        assertTrue(forward < floatsBytes + 64 * 1024, "forward allocated " + forward + " bytes");
        Tensor ga = a.detach().requiresGrad(true);
        Tensor gb = b.detach().requiresGrad(true);
        Tensor seed = Tensor.ones(DType.FLOAT32, s, s);
        long backward = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            Tensor out = LinAlg.mm(ga, gb, true, false);
            ga.setGrad(null);
            gb.setGrad(null);
            backward = Math.min(backward, AllocatedBytes.of(() -> out.backward(seed)));
            assertEquals(DType.FLOAT32, ga.grad().dtype());
            assertEquals(DType.FLOAT32, gb.grad().dtype());
        }
        assertTrue(backward < 2 * floatsBytes + 128 * 1024, "backward allocated " + backward + " bytes");
    }
}
