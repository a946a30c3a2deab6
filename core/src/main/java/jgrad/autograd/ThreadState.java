package jgrad.autograd;

/**
 * Autograd's per-thread switches in one object, so an op pays one thread-local lookup:
 * no-grad depth, anomaly-detection depth, and whether a backward rule is running under
 * anomaly detection.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::new);

    int noGrad;
    int anomaly;
    int inBackward;

    static ThreadState get() {
        return CURRENT.get();
    }
}
