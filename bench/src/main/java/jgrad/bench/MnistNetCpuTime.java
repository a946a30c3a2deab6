package jgrad.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@link MnistNetBench}'s step timed by the thread's CPU time, not the wall clock: on a machine
 * shared with other busy processes this gives one core's rate, leaving out the time the thread
 * was descheduled, which JMH's wall-clock scores cannot. Run it on one thread
 * ({@code -Djgrad.gemm.threads=1}); its PyTorch counterpart is {@code workloads.py --threads 1
 * --thread-cpu --only mnistNetStep}. Not JMH: medians of {@code steps} steps after
 * {@code warmup} steps, per dtype.
 *
 * <pre>
 * java -Djgrad.gemm.threads=1 -cp bench/target/benchmarks.jar jgrad.bench.MnistNetCpuTime float64,float32 30 20
 * </pre>
 */
public final class MnistNetCpuTime {
    private MnistNetCpuTime() {}

    /**
     * Runs it.
     *
     * @param args the dtypes (comma-separated), the warm-up steps and the timed steps
     */
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warmup = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        for (String dtype : args[0].split(",")) {
            MnistNetBench b = new MnistNetBench();
            b.batch = 64;
            b.dtype = dtype;
            b.setup();
            double[] cpu = new double[steps];
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                b.mnistNetStep();
                if (i >= warmup) {
                    cpu[i - warmup] = (mx.getCurrentThreadCpuTime() - t0) / 1e3;
                }
            }
            b.tearDown();
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "mnistNetStep_64 %s: %.0f µs thread CPU time (median of %d; min %.0f)%n",
                    dtype, cpu[steps / 2], steps, cpu[0]);
        }
    }
}
