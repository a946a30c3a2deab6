package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API exp ({@link Simd#expSum}) against {@link Math#exp}, element by element: over the
 * whole range where exp is finite and non-zero, the subnormal results, the overflow and underflow
 * edges, infinities, NaN and signed zeros. Runs in core's vector-tests execution.
 */
class ExpAccuracyTest {
    /** The largest difference allowed, in ulps of Math.exp's result. */
    private static final double MAX_ULPS = 1.0;

    private static double[] check(double[] x) {
        double[] out = new double[x.length];
        double sum = Simd.expSum(x, 0, x.length, 0.0, out);
        double plainSum = 0;
        double worst = 0;
        int at = -1;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(x[i]);
            plainSum += e;
            if (Double.isNaN(e) || Double.isInfinite(e) || e == 0) {
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(out[i]), "exp(" + x[i] + ")");
                continue;
            }
            double ulps = Math.abs(out[i] - e) / Math.ulp(e);
            if (ulps > worst) {
                worst = ulps;
                at = i;
            }
        }
        assertTrue(worst <= MAX_ULPS, "exp(" + (at < 0 ? "" : x[at]) + ") off by " + worst + " ulp");
        if (Double.isFinite(plainSum)) {
            assertEquals(plainSum, sum, 1e-14 * Math.abs(plainSum) + Double.MIN_VALUE, "sum");
        }
        double again = Simd.expSum(x, 0, x.length, 0.0, null);
        assertEquals(Double.doubleToLongBits(sum), Double.doubleToLongBits(again), "sum without storing");
        return out;
    }

    @Test
    void withinOneUlpOverTheWholeRange() {
        assumeTrue(Simd.active(), "plain run");
        SplittableRandom r = new SplittableRandom(15);
        double[] x = new double[200_003];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextDouble(-746, 710);
        }
        check(x);
        double[] grid = new double[145_601];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = -745.5 + i * 0.01; // -745.5 .. 710.5 step 0.01
        }
        check(grid);
    }

    @Test
    void smallArgumentsAndSubnormalResults() {
        assumeTrue(Simd.active(), "plain run");
        SplittableRandom r = new SplittableRandom(16);
        double[] x = new double[50_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = switch (i % 4) {
                case 0 -> r.nextDouble(-745.14, -708.4); // subnormal results
                case 1 -> r.nextDouble(-1e-8, 1e-8);
                case 2 -> Math.scalb(r.nextDouble(-1, 1), -1000 - r.nextInt(74)); // tiny and subnormal inputs
                default -> r.nextDouble(-1, 1);
            };
        }
        check(x);
    }

    @Test
    void specialValuesAndEdges() {
        assumeTrue(Simd.active(), "plain run");
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 709.782712893384, 709.7827128933841, 709.79,
            -745.1332191019411, -745.1332191019412, -745.2, -708.3964185322641, -708.3964185322642, 1, -1,
            Math.log(2), 1e-300, -1e-300};
        double[] out = check(x);
        assertTrue(Double.isNaN(out[0]));
        assertEquals(Double.POSITIVE_INFINITY, out[1]);
        assertEquals(0.0, out[2]);
        assertEquals(1.0, out[3]);
        assertEquals(1.0, out[4]);
        // Every length up to three vectors, so that each tail length is covered too.
        for (int n = 1; n <= 3 * 8 + 1; n++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i % x.length];
            }
            check(y);
        }
    }
}
