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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three products of one 784 -> 128 layer on a batch of 128 (an MNIST MLP), with jgrad's
 * {@link Gemm} and with EJML:
 * <ul>
 *   <li>forward: (128x784)·(784x128)</li>
 *   <li>weight gradient: (128x784)ᵀ·(128x128)</li>
 *   <li>input gradient: (128x128)·(784x128)ᵀ</li>
 * </ul>
 * Each is 128 * 784 * 128 multiply-adds = 2.569e7 flops, so {@code GFLOP/s = score * 0.02569}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MlpGemmBench {
    private static final int BATCH = 128;
    private static final int IN = 784;
    private static final int OUT = 128;

    private double[] x;     // BATCH x IN
    private double[] w;     // IN x OUT, for the forward product as written above
    private double[] g;     // BATCH x OUT
    private double[] wOut;  // IN x OUT, read transposed
    private DMatrixRMaj mx;
    private DMatrixRMaj mw;
    private DMatrixRMaj mg;
    private DMatrixRMaj mwOut;
    private DMatrixRMaj outBatchOut;
    private DMatrixRMaj outInOut;
    private DMatrixRMaj outBatchIn;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(784);
        x = r.doubles(BATCH * IN, -1, 1).toArray();
        w = r.doubles(IN * OUT, -1, 1).toArray();
        g = r.doubles(BATCH * OUT, -1, 1).toArray();
        wOut = r.doubles(IN * OUT, -1, 1).toArray();
        mx = DMatrixRMaj.wrap(BATCH, IN, x);
        mw = DMatrixRMaj.wrap(IN, OUT, w);
        mg = DMatrixRMaj.wrap(BATCH, OUT, g);
        mwOut = DMatrixRMaj.wrap(IN, OUT, wOut);
        outBatchOut = new DMatrixRMaj(BATCH, OUT);
        outInOut = new DMatrixRMaj(IN, OUT);
        outBatchIn = new DMatrixRMaj(BATCH, IN);
    }

    /** (128x784)·(784x128). */
    @Benchmark
    public double[] jgradForward() {
        return Gemm.multiply(x, BATCH, IN, false, w, IN, OUT, false);
    }

    /** (128x784)ᵀ·(128x128). */
    @Benchmark
    public double[] jgradWeightGrad() {
        return Gemm.multiply(x, BATCH, IN, true, g, BATCH, OUT, false);
    }

    /** (128x128)·(784x128)ᵀ. */
    @Benchmark
    public double[] jgradInputGrad() {
        return Gemm.multiply(g, BATCH, OUT, false, wOut, IN, OUT, true);
    }

    @Benchmark
    public DMatrixRMaj ejmlForward() {
        CommonOps_DDRM.mult(mx, mw, outBatchOut);
        return outBatchOut;
    }

    @Benchmark
    public DMatrixRMaj ejmlWeightGrad() {
        CommonOps_DDRM.multTransA(mx, mg, outInOut);
        return outInOut;
    }

    @Benchmark
    public DMatrixRMaj ejmlInputGrad() {
        CommonOps_DDRM.multTransB(mg, mwOut, outBatchIn);
        return outBatchIn;
    }
}
