package jgrad;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * {@link Tensor#from(SimpleMatrix)} and {@link Tensor#toSimpleMatrix()}. EJML is an optional
 * dependency of jgrad-core, so every use of its classes is here: Tensor's own bytecode only
 * names {@code SimpleMatrix} in these two signatures, which lets the JVM load and verify Tensor
 * without EJML on the class path (checked by {@code WithoutEjmlTest}).
 */
final class EjmlInterop {
    private EjmlInterop() {}

    static Tensor from(SimpleMatrix m) {
        DMatrixRMaj d = m.getDDRM();
        double[] v = Arrays.copyOf(d.data, d.numRows * d.numCols);
        return Tensor.create(v, new int[] {d.numRows, d.numCols}, DType.FLOAT64, new int[1]);
    }

    /** Tensor checks that EJML is there first: without it, this class cannot even be verified. */
    static SimpleMatrix toSimpleMatrix(double[] data, int rows, int cols) {
        return SimpleMatrix.wrap(new DMatrixRMaj(rows, cols, true, data.clone()));
    }
}
