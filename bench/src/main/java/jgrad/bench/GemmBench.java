package jgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.kernel.Gemm;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square n x n x n products: jgrad's {@link Gemm} for A·B, Aᵀ·B and A·Bᵀ in float64 (DGEMM) or,
 * with {@code -p dtype=float32}, float32 (SGEMM, on the same values rounded to float), and
 * EJML's {@code CommonOps_DDRM.mult} (A·B, float64 whatever the dtype: compare.py keeps only
 * its float64 rows) for comparison.
 *
 * <p>Score is products per second; each product is {@code 2 n^3} flops, so
 * {@code GFLOP/s = score * 2 n^3 / 1e9} (n = 64: 5.24e5 flops, 128: 4.19e6, 256: 3.36e7,
 * 512: 2.68e8, 1024: 2.15e9). jgrad allocates its result on every call (as {@code Tensor.matmul}
 * does); EJML writes into a preallocated matrix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GemmBench {
    @Param({"64", "128", "256", "512", "1024"})
    public int n;

    /** {@code float64} or {@code float32}: the dtype of jgrad's products. */
    @Param({"float64", "float32"})
    public String dtype;

    private double[] a;
    private double[] b;
    private float[] af;
    private float[] bf;
    private boolean f32;
    private DMatrixRMaj ma;
    private DMatrixRMaj mb;
    private DMatrixRMaj mc;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(n);
        a = r.doubles((long) n * n, -1, 1).toArray();
        b = r.doubles((long) n * n, -1, 1).toArray();
        ma = DMatrixRMaj.wrap(n, n, a);
        mb = DMatrixRMaj.wrap(n, n, b);
        mc = new DMatrixRMaj(n, n);
        f32 = switch (dtype) {
            case "float64" -> false;
            case "float32" -> true;
            default -> throw new IllegalArgumentException("GemmBench: dtype " + dtype + ", expected float64 or float32");
        };
        af = new float[a.length];
        bf = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            af[i] = (float) a[i];
            bf[i] = (float) b[i];
        }
    }

    /** A·B. */
    @Benchmark
    public Object jgradAB() {
        return f32 ? Gemm.multiply(af, n, n, false, bf, n, n, false) : Gemm.multiply(a, n, n, false, b, n, n, false);
    }

    /** Aᵀ·B (the weight-gradient product of backprop). */
    @Benchmark
    public Object jgradAtB() {
        return f32 ? Gemm.multiply(af, n, n, true, bf, n, n, false) : Gemm.multiply(a, n, n, true, b, n, n, false);
    }

    /** A·Bᵀ (the input-gradient product of backprop, and Linear's forward). */
    @Benchmark
    public Object jgradABt() {
        return f32 ? Gemm.multiply(af, n, n, false, bf, n, n, true) : Gemm.multiply(a, n, n, false, b, n, n, true);
    }

    /** EJML's A·B. */
    @Benchmark
    public DMatrixRMaj ejmlAB() {
        CommonOps_DDRM.mult(ma, mb, mc);
        return mc;
    }
}
