package jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
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

    /** The float loops take plain SGD and momentum (first step included), and match the rule on doubles within float rounding. */
    @ParameterizedTest(name = "float: momentum={0} dampening={1} first={2}")
    @CsvSource({"0, 0, false", "0.9, 0, true", "0.9, 0, false", "0.9, 0.25, false"})
    void floatLoopsFollowTheRuleWithinFloatRounding(double momentum, double dampening, boolean first) {
        Random r = new Random(11);
        int n = 517;
        float[] x = new float[n];
        float[] g = new float[n];
        float[] buf = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            g[i] = (float) r.nextGaussian();
            buf[i] = (float) r.nextGaussian();
        }
        double[] xRule = new double[n];
        double[] bufRule = new double[n];
        double[] gd = new double[n];
        for (int i = 0; i < n; i++) {
            xRule[i] = x[i];
            bufRule[i] = buf[i];
            gd[i] = g[i];
        }
        double lr = 0.037;
        SGD.rule(xRule, gd, bufRule, first, lr, momentum, dampening, 0, false, false);
        assertEquals(true, SGDKernel.tryFastFloat(x, g, momentum == 0 ? null : buf, first, lr, momentum, dampening, 0,
                false, false));
        for (int i = 0; i < n; i++) {
            assertEquals(xRule[i], x[i], 1e-6 * (1 + Math.abs(xRule[i])), "x at " + i);
            if (momentum != 0) {
                assertEquals(bufRule[i], buf[i], 1e-6 * (1 + Math.abs(bufRule[i])), "buf at " + i);
            }
        }
        assertEquals(false, SGDKernel.tryFastFloat(x, g, buf, false, lr, momentum, dampening, 0.1, false, false),
                "weight decay goes the general way");
    }
}
