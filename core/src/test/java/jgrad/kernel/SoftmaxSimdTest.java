package jgrad.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The softmax family along contiguous rows (where {@link SoftmaxKernel#expSum} uses the Vector API
 * exp when it is in use) against the same values along strided columns (always the plain
 * {@link Math#exp} loop). On the plain path the two are the same computation, so the same bits;
 * on the vector path each exp is within 1 ulp and the row sum is added in another order, so they
 * agree within a few ulps of the row sum: 1e-13 relative here (n up to 1000, values of order 1-100).
 */
class SoftmaxSimdTest {
    @ParameterizedTest
    @CsvSource({"3,5", "7,8", "4,33", "256,1000", "2,1"})
    void contiguousRowsAgreeWithStridedOnes(int rows, int n) {
        SplittableRandom r = new SplittableRandom(rows * 1000L + n);
        double[] x = new double[rows * n];
        double[] xt = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double v = r.nextDouble(-40, 40);
                x[i * n + j] = v;
                xt[j * rows + i] = v;
            }
        }
        double tol = Simd.active() ? 1e-13 : 0.0;
        for (SoftmaxKernel.Mode mode : SoftmaxKernel.Mode.values()) {
            double[] contiguous = SoftmaxKernel.forward(x, new int[] {rows, n}, 1, mode, null);
            double[] strided = SoftmaxKernel.forward(xt, new int[] {n, rows}, 0, mode, null);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < (mode == SoftmaxKernel.Mode.LSE ? 1 : n); j++) {
                    double want = mode == SoftmaxKernel.Mode.LSE ? strided[i] : strided[j * rows + i];
                    double got = mode == SoftmaxKernel.Mode.LSE ? contiguous[i] : contiguous[i * n + j];
                    assertEquals(want, got, tol * Math.max(1, Math.abs(want)), mode + " row " + i + " col " + j);
                }
            }
        }
    }
}
