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
 * Square n x n x n products: jgrad's {@link Gemm} for A·B, Aᵀ·B and A·Bᵀ in float64 (DGEMM,
 * {@code jgradAB} ...) and float32 (SGEMM, {@code jgradFloatAB} ..., on the same values rounded
 * to float), and EJML's {@code CommonOps_DDRM.mult} (A·B) for comparison.
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

    private double[] a;
    private double[] b;
    private float[] af;
    private float[] bf;
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
        af = new float[a.length];
        bf = new float[b.length];
        for (int i = 0; i < a.length; i++) {
            af[i] = (float) a[i];
            bf[i] = (float) b[i];
        }
    }

    /** A·B. */
    @Benchmark
    public double[] jgradAB() {
        return Gemm.multiply(a, n, n, false, b, n, n, false);
    }

    /** Aᵀ·B (the weight-gradient product of backprop). */
    @Benchmark
    public double[] jgradAtB() {
        return Gemm.multiply(a, n, n, true, b, n, n, false);
    }

    /** A·Bᵀ (the input-gradient product of backprop, and Linear's forward). */
    @Benchmark
    public double[] jgradABt() {
        return Gemm.multiply(a, n, n, false, b, n, n, true);
    }

    /** A·B in float32. */
    @Benchmark
    public float[] jgradFloatAB() {
        return Gemm.multiply(af, n, n, false, bf, n, n, false);
    }

    /** Aᵀ·B in float32. */
    @Benchmark
    public float[] jgradFloatAtB() {
        return Gemm.multiply(af, n, n, true, bf, n, n, false);
    }

    /** A·Bᵀ in float32. */
    @Benchmark
    public float[] jgradFloatABt() {
        return Gemm.multiply(af, n, n, false, bf, n, n, true);
    }

    /** EJML's A·B. */
    @Benchmark
    public DMatrixRMaj ejmlAB() {
        CommonOps_DDRM.mult(ma, mb, mc);
        return mc;
    }
}
