package jgrad.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) op(B)} where op is identity or
 * transpose. The operands are used in place (wrapped, never copied or transposed).
 */
public final class Gemm {
    private Gemm() {}

    /**
     * Multiplies. {@code a} is stored as {@code aRows x aCols}, {@code b} as {@code bRows x bCols};
     * with the transposes applied the product must be {@code m x n} with inner size {@code k}.
     *
     * @param a the first matrix, row-major
     * @param aRows the number of rows {@code a} is stored with
     * @param aCols the number of columns {@code a} is stored with
     * @param ta whether to use the transpose of {@code a}
     * @param b the second matrix, row-major
     * @param bRows the number of rows {@code b} is stored with
     * @param bCols the number of columns {@code b} is stored with
     * @param tb whether to use the transpose of {@code b}
     * @return a new {@code m x n} row-major array
     */
    public static double[] multiply(double[] a, int aRows, int aCols, boolean ta,
            double[] b, int bRows, int bCols, boolean tb) {
        int m = ta ? aCols : aRows;
        int k = ta ? aRows : aCols;
        int n = tb ? bRows : bCols;
        double[] c = new double[m * n];
        if (m == 0 || n == 0 || k == 0) {
            return c;
        }
        DMatrixRMaj ma = DMatrixRMaj.wrap(aRows, aCols, a);
        DMatrixRMaj mb = DMatrixRMaj.wrap(bRows, bCols, b);
        DMatrixRMaj mc = DMatrixRMaj.wrap(m, n, c);
        if (!ta && !tb) {
            CommonOps_DDRM.mult(ma, mb, mc);
        } else if (ta && !tb) {
            CommonOps_DDRM.multTransA(ma, mb, mc);
        } else if (!ta) {
            CommonOps_DDRM.multTransB(ma, mb, mc);
        } else {
            CommonOps_DDRM.multTransAB(ma, mb, mc);
        }
        return c;
    }
}
