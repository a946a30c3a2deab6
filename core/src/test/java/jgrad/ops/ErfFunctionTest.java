package jgrad.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * {@link ErfFunction} against the correctly rounded erf (mpmath at 200 bits, committed in
 * {@code erf/erf_reference.txt} by {@code make_erf_reference.py}): random points over [-7, 7],
 * tiny and subnormal values and the doubles on either side of each interval edge; and erf's
 * derivative, the one op its backward records besides the product with the gradient.
 */
class ErfFunctionTest {
    /** Largest distance from the correctly rounded value, in ulps: measured 1 (on 242,000 points too). */
    private static final double MAX_ULPS = 1;

    @Test
    void withinOneUlpOfTheCorrectlyRoundedErf() throws IOException {
        int n = 0;
        int exact = 0;
        try (InputStream in = ErfFunctionTest.class.getResourceAsStream("/erf/erf_reference.txt")) {
            assertNotNull(in, "erf/erf_reference.txt is missing; run make_erf_reference.py");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] tok = line.split(" ");
                double x = Double.parseDouble(tok[0]);
                double want = Double.parseDouble(tok[1]);
                double got = ErfFunction.erf(x);
                double ulps = Math.abs(got - want) / Math.ulp(want);
                assertTrue(ulps <= MAX_ULPS, "erf(" + x + ") = " + got + ", correctly rounded " + want + " (" + ulps + " ulps)");
                assertEquals(Math.signum(x), Math.signum(got), "sign of erf(" + x + ")");
                n++;
                exact += got == want ? 1 : 0;
            }
        }
        assertTrue(n > 8000, "points read: " + n);
        assertTrue(exact > 0.95 * n, "correctly rounded at only " + exact + " of " + n + " points");
    }

    @Test
    void specialValuesSymmetryAndSaturation() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ErfFunction.erf(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(ErfFunction.erf(0.0)));
        assertTrue(Double.isNaN(ErfFunction.erf(Double.NaN)));
        assertEquals(1.0, ErfFunction.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ErfFunction.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ErfFunction.erf(ErfFunction.XMAX));
        assertEquals(-1.0, ErfFunction.erf(-6.0));
        assertEquals(Math.nextDown(1.0), ErfFunction.erf(5.9), "erfc(5.9) = 0.65 ulp of 1 is above half an ulp");
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = rng.nextDouble(-8, 8);
            assertEquals(-ErfFunction.erf(x), ErfFunction.erf(-x), "odd at " + x);
        }
    }

    @Test
    void derivativeMatchesTheFormulaAndItsEdges() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            double x = rng.nextDouble(-6, 6);
            double want = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
            double got = ErfFunction.derivative(x);
            // exp(-x*x) loses up to x^2 * 2^-53 relatively to the rounding of x*x; derivative() does not
            assertEquals(want, got, want * (4 + x * x) * 0x1p-53, "derivative at " + x);
        }
        assertEquals(1.1283791670955126, ErfFunction.derivative(0.0));
        assertEquals(1.1283791670955126, ErfFunction.derivative(-0.0));
        assertEquals(0.0, ErfFunction.derivative(Double.POSITIVE_INFINITY));
        assertEquals(0.0, ErfFunction.derivative(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, ErfFunction.derivative(30.0));
        assertTrue(ErfFunction.derivative(27.0) > 0, "exp(-729) is a subnormal, not 0");
        assertTrue(Double.isNaN(ErfFunction.derivative(Double.NaN)));
    }

    @Test
    void firstAndSecondDerivativesThroughAutograd() {
        double[] xs = {-3.0, -1.0, -0.25, 0.0, 0.5, 2.0, Double.POSITIVE_INFINITY};
        Tensor x = Tensor.of(xs).requiresGrad(true);
        Tensor g = Autograd.grad(x.erf().sum(), List.of(x), null, true).get(0);
        Tensor gg = Autograd.grad(g.sum(), List.of(x), null, false).get(0);
        for (int i = 0; i < xs.length; i++) {
            double d = Double.isInfinite(xs[i]) ? 0.0 : 2 / Math.sqrt(Math.PI) * Math.exp(-xs[i] * xs[i]);
            assertEquals(d, g.storage()[i], 1e-15, "erf' at " + xs[i]);
            double dd = Double.isInfinite(xs[i]) ? Double.NaN : -2 * xs[i] * d; // inf * 0, as PyTorch
            assertEquals(dd, gg.storage()[i], 1e-15, "erf'' at " + xs[i]);
        }
    }
}
