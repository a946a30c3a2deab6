package jgrad.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The calling thread and {@code size() - 1} helper threads share the chunks of one job, each
 * taking the next chunk until none is left (so a helper that is slow to wake costs nothing: the
 * caller just takes more chunks).
 *
 * <p>Why not a {@code ForkJoinPool}: on the project's 2-core virtual machine, two threads of one
 * measured 23-29 GFLOP/s at (128x784)·(784x128) against 22-23 for one thread, most likely because
 * the parked pool thread woke after the caller, joining, had taken the second half back; this
 * team measured 31-38 there. Helpers here spin for {@link #SPIN_NANOS} after each job before
 * they park, as OpenMP runtimes do, so the back-to-back products of a training step find them
 * awake. Helper threads are daemons, started on the first job.
 *
 * <p>One job at a time: a caller that finds the team busy (another thread's product) runs all its
 * chunks itself. Chunks must write disjoint data; which thread runs which chunk must not matter.
 */
final class GemmTeam {
    /** What a job does for chunk {@code i}. */
    interface Chunks {
        /**
         * Runs one chunk.
         *
         * @param i the chunk, {@code 0 <= i < count}
         */
        void run(int i);
    }

    /**
     * The team every product shares (the plain and the Vector API GEMM): the calling thread and
     * {@code THREADS - 1} helper threads. {@code THREADS} is the number of available processors,
     * or the system property {@code jgrad.gemm.threads} (1 keeps every product on the calling
     * thread). A holder class, so that no thread is counted before the first product.
     */
    static final class Shared {
        private Shared() {}

        static final int THREADS = Math.max(1, Integer.getInteger("jgrad.gemm.threads",
                Runtime.getRuntime().availableProcessors()));

        static final GemmTeam TEAM = new GemmTeam(THREADS);
    }

    /** How long a helper keeps polling for the next job before it parks. */
    static final long SPIN_NANOS = 200_000;

    private static final class Job {
        final Chunks body;
        final int count;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(Chunks body, int count) {
            this.body = body;
            this.count = count;
        }

        /** Takes and runs chunks until none is left. */
        void work() {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    body.run(i);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    private final int size;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile Job current;
    private volatile Thread[] helpers;
    private final boolean[] parked;

    /**
     * A team.
     *
     * @param size the number of threads, the caller included
     */
    GemmTeam(int size) {
        this.size = Math.max(1, size);
        this.parked = new boolean[this.size];
    }

    /** @return the number of threads, the caller included */
    int size() {
        return size;
    }

    /**
     * Runs chunks {@code 0..count} on the caller and the helpers, and returns when all are done.
     *
     * @param count the number of chunks
     * @param body what a chunk does
     * @throws RuntimeException or Error what a chunk threw (the first one)
     */
    void run(int count, Chunks body) {
        Job job = new Job(body, count);
        if (size == 1 || count == 1 || !busy.compareAndSet(0, 1)) {
            job.work();
        } else {
            try {
                Thread[] hs = helpers == null ? start() : helpers;
                current = job;
                for (int h = 1; h < size; h++) {
                    if (isParked(h)) {
                        LockSupport.unpark(hs[h]);
                    }
                }
                job.work();
                while (job.finished.get() < count) {
                    Thread.onSpinWait();
                }
            } finally {
                current = null;
                busy.set(0);
            }
        }
        Throwable t = job.failure.get();
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException("Gemm: a chunk failed", t);
        }
    }

    private synchronized boolean isParked(int h) {
        return parked[h];
    }

    private synchronized void setParked(int h, boolean value) {
        parked[h] = value;
    }

    private synchronized Thread[] start() {
        if (helpers == null) {
            Thread[] hs = new Thread[size];
            for (int h = 1; h < size; h++) {
                int id = h;
                Thread t = new Thread(() -> helperLoop(id), "jgrad-gemm-" + h);
                t.setDaemon(true);
                hs[h] = t;
            }
            helpers = hs;
            for (int h = 1; h < size; h++) {
                hs[h].start();
            }
        }
        return helpers;
    }

    private void helperLoop(int id) {
        Job done = null;
        while (true) {
            Job job = current;
            if (job != null && job != done) {
                job.work();
                done = job;
                continue;
            }
            long start = System.nanoTime();
            while ((job = current) == null || job == done) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                setParked(id, true);
                job = current;
                if (job == null || job == done) {
                    LockSupport.park(this);
                }
                setParked(id, false);
                start = System.nanoTime();
            }
        }
    }
}
