package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SGDKernel's fast loops give SGD.rule's numbers bit for bit, and leave every other case to the rule. */
class SGDKernelTest {
    @ParameterizedTest(name = "momentum={0} dampening={1} wd={2} nesterov={3} maximize={4} first={5}")
    @CsvSource({
        "0, 0, 0, false, false, false",
        "0, 0, 0, false, false, true",
        "0.9, 0, 0, false, false, false",
        "0.9, 0.3, 0, false, false, false",
        "0.9, 0, 0, false, false, true",
        "0.9, 0, 0, true, false, false",
        "0, 0, 0.01, false, false, false",
        "0, 0, 0, false, true, false",
        "0.9, 0, 0.01, false, true, false",
    })
    void fastPathEqualsTheRuleBitForBit(double momentum, double dampening, double wd, boolean nesterov,
            boolean maximize, boolean first) {
        Random r = new Random(7);
        int n = 1037; // not a multiple of any vector width
        double[] x = new double[n];
        double[] g = new double[n];
        double[] buf = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
            g[i] = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            buf[i] = r.nextGaussian();
        }
        double lr = 0.037;
        double[] xRule = x.clone();
        double[] bufRule = buf.clone();
        SGD.rule(xRule, g, bufRule, first, lr, momentum, dampening, wd, nesterov, maximize);
        double[] xFast = x.clone();
        double[] bufFast = buf.clone();
        boolean fast = SGDKernel.tryFast(xFast, g, bufFast, first, lr, momentum, dampening, wd, nesterov, maximize);
        boolean common = !maximize && wd == 0 && (momentum == 0 || (!first && !nesterov));
        assertEquals(common, fast, "which cases the kernel takes");
        if (fast) {
            assertArrayEquals(xRule, xFast, "parameter");
            assertArrayEquals(bufRule, bufFast, "momentum buffer");
        } else {
            assertArrayEquals(x, xFast, "untouched when not taken");
            assertArrayEquals(buf, bufFast, "untouched when not taken");
        }
    }

    /**
     * FLOAT32 parameters with momentum take the float loop: the buffer starts as the gradient
     * (bit for bit), stays FLOAT32, and three steps give the FLOAT64 rule's values on the widened
     * inputs to within float rounding of the terms; Nesterov and weight decay go through the rule, rounded.
     */
    @ParameterizedTest(name = "momentum={0} dampening={1} wd={2} nesterov={3}")
    @CsvSource({"0, 0, 0, false", "0.9, 0, 0, false", "0.9, 0.25, 0, false", "0.9, 0, 0, true", "0.9, 0, 0.01, false"})
    void float32StepsFollowTheRule(double momentum, double dampening, double wd, boolean nesterov) {
        Random r = new Random(3);
        int n = 1037;
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = r.nextGaussian();
        }
        Tensor p32 = Tensor.of(x0, DType.FLOAT32, n).requiresGrad(true);
        Tensor p64 = Tensor.of(p32.toArray(), DType.FLOAT64, n).requiresGrad(true);
        SGD o32 = SGD.builder(List.of(p32)).lr(0.05).momentum(momentum).dampening(dampening).weightDecay(wd)
                .nesterov(nesterov).build();
        SGD o64 = SGD.builder(List.of(p64)).lr(0.05).momentum(momentum).dampening(dampening).weightDecay(wd)
                .nesterov(nesterov).build();
        for (int step = 0; step < 3; step++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = r.nextGaussian();
            }
            p32.setGrad(Tensor.of(g, DType.FLOAT32, n));
            p64.setGrad(Tensor.of(p32.grad().toArray(), DType.FLOAT64, n));
            o32.step();
            o64.step();
            if (step == 0 && momentum != 0 && !nesterov && wd == 0) {
                assertArrayEquals(p32.grad().toArray(), o32.state(p32).get("momentum_buffer").toArray(),
                        "the first buffer is the gradient");
            }
        }
        assertEquals(DType.FLOAT32, p32.dtype());
        if (momentum != 0) {
            assertEquals(DType.FLOAT32, o32.state(p32).get("momentum_buffer").dtype());
        }
        double[] got = p32.toArray();
        double[] want = p64.toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(want[i], got[i], 1e-6, "at " + i); // a few float ulps of the terms (about 1)
        }
    }

    @Test
    void float32FastPathLeavesOtherCasesUntouched() {
        float[] x = {1, 2, 3};
        float[] g = {0.5f, -1, 2};
        float[] buf = {7, 8, 9};
        for (boolean[] f : new boolean[][] {{true, false, false}, {false, true, false}, {false, false, true}}) {
            boolean taken = SGDKernel.tryFastFloat(x, g, buf, false, 0.1, 0.9, 0, f[1] ? 0.01 : 0, f[0], f[2]);
            assertTrue(!taken, "nesterov, weight decay and maximize are the rule's");
            assertArrayEquals(new float[] {1, 2, 3}, x);
            assertArrayEquals(new float[] {7, 8, 9}, buf);
        }
        assertTrue(SGDKernel.tryFastFloat(x, g, buf, false, 0.1, 0.9, 0, 0, false, false));
        float b0 = 7 * 0.9f + 0.5f;
        assertEquals(b0, buf[0]);
        assertEquals(1 + -0.1f * b0, x[0]);
    }
}
