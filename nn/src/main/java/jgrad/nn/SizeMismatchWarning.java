package jgrad.nn;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * PyTorch's warning for a loss whose elementwise target has another size than the input (which
 * then broadcast, e.g. (N, 1) against (N) to (N, N)): "Using a target size ... that is different
 * to the input size ...". The loss is still computed, as in PyTorch. The warning goes to the
 * {@code jgrad} {@link System.Logger} (like the non-leaf {@code grad()} warning) once per loss
 * instance, or once per call site for {@link Functional}'s forms (Python warns once per line).
 */
final class SizeMismatchWarning {
    private static final Set<String> WARNED_SITES = ConcurrentHashMap.newKeySet();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final AtomicBoolean warned = new AtomicBoolean();

    /** Warns the first time this instance sees a target whose size differs from the input's. */
    void check(String op, Tensor input, Tensor target) {
        if (differ(input, target) && warned.compareAndSet(false, true)) {
            log(op, input, target);
        }
    }

    /** Warns the first time the calling line (outside jgrad.nn's loss code) passes such a target. */
    static void checkAtCallSite(String op, Tensor input, Tensor target) {
        if (differ(input, target) && WARNED_SITES.add(callSite())) {
            log(op, input, target);
        }
    }

    private static boolean differ(Tensor input, Tensor target) {
        return input != null && target != null && !Arrays.equals(input.shape(), target.shape());
    }

    private static String callSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> f.getDeclaringClass() != SizeMismatchWarning.class
                        && f.getDeclaringClass() != Functional.class)
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber() + "@"
                        + f.getByteCodeIndex())
                .orElse("?"));
    }

    private static void log(String op, Tensor input, Tensor target) {
        System.getLogger("jgrad").log(System.Logger.Level.WARNING, op + ": Using a target size "
                + Shape.str(target.shape()) + " that is different to the input size " + Shape.str(input.shape())
                + ". This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
                + "same size.");
    }
}
