package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link RowPasses} against plain Java on every length from 0 to 40 and at offsets, on whichever
 * path this JVM runs (the core tests run once plain and once with the Vector API): the max with
 * NaN, infinities and ties anywhere, and the float/double conversions with values that round.
 */
class RowPassesTest {
    @Test
    void theVectorPassesLoadWheneverTheVectorKernelsDo() {
        assertEquals(Simd.active(), RowPasses.vectorised());
    }

    @Test
    void maxEqualsTheLoopOfMathMaxIncludingNanAndInfinities() {
        SplittableRandom r = new SplittableRandom(1);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -0.0};
        for (int n = 0; n <= 40; n++) {
            for (int trial = 0; trial < 20; trial++) {
                int from = r.nextInt(5);
                double[] x = new double[from + n + r.nextInt(3)];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextGaussian() * 100;
                }
                if (n > 0 && trial % 2 == 1) {
                    x[from + r.nextInt(n)] = specials[r.nextInt(specials.length)];
                }
                double want = Double.NEGATIVE_INFINITY;
                for (int i = from; i < from + n; i++) {
                    want = Math.max(want, x[i]);
                }
                double got = RowPasses.max(x, from, n);
                String what = "n=" + n + " from=" + from + " trial " + trial;
                if (want == 0) {
                    assertEquals(0.0, got, 0.0, what); // the sign of a zero max may differ
                } else {
                    assertEquals(want, got, 0.0, what);
                }
            }
        }
        assertEquals(Double.NEGATIVE_INFINITY, RowPasses.max(new double[3], 1, 0));
    }

    @Test
    void widenAndNarrowEqualTheCasts() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n = 0; n <= 40; n++) {
            int off = r.nextInt(4);
            float[] f = new float[off + n + 1];
            double[] d = new double[n + 2];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-30, 30)));
            }
            f[f.length - 1] = Float.NaN;
            RowPasses.widen(f, off, d, n);
            for (int i = 0; i < n; i++) {
                assertEquals(f[off + i], d[i], 0.0, "widen n=" + n + " i=" + i);
            }
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextGaussian() * Math.pow(10, r.nextInt(-50, 50));
            }
            d[0] = 1e300; // rounds to float infinity
            float[] out = new float[off + n + 1];
            RowPasses.narrow(d, out, off, n);
            for (int i = 0; i < n; i++) {
                assertEquals((float) d[i], out[off + i], 0.0f, "narrow n=" + n + " i=" + i);
            }
            assertEquals(0.0f, out[off + n], "narrow wrote past its range");
        }
    }

    @Test
    void rangesOutsideTheArraysAreRefused() {
        assertThrows(IndexOutOfBoundsException.class, () -> RowPasses.max(new double[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> RowPasses.widen(new float[4], 1, new double[8], 4));
        assertThrows(IndexOutOfBoundsException.class, () -> RowPasses.widen(new float[8], 0, new double[3], 4));
        assertThrows(IndexOutOfBoundsException.class, () -> RowPasses.narrow(new double[3], new float[8], 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> RowPasses.narrow(new double[8], new float[5], 2, 4));
    }
}
