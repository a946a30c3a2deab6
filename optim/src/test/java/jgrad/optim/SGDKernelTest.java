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
}
