package jgrad.ops;

import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread allocates while it runs something (HotSpot's per-thread
 * counter), for the allocation tests of core and nn (shared through core's test-jar).
 */
public final class AllocatedBytes {
    private AllocatedBytes() {}

    /**
     * Runs {@code r} and returns what the current thread allocated meanwhile.
     *
     * @param r what to run
     * @return the bytes allocated by this thread while {@code r} ran
     */
    public static long of(Runnable r) {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(id);
        r.run();
        return mx.getThreadAllocatedBytes(id) - before;
    }
}
