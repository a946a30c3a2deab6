package jgrad.autograd;

import jgrad.Tensor;

/** Anomaly detection (see {@link Autograd#detectAnomaly()}): per thread, nests. */
final class Anomaly {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    // > 0 while a backward rule runs: its ops are checked as that node's output, not one by one
    private static final ThreadLocal<int[]> IN_BACKWARD = ThreadLocal.withInitial(() -> new int[1]);

    private Anomaly() {}

    static boolean enabled() {
        return DEPTH.get()[0] > 0;
    }

    static Autograd.Scope enter() {
        int[] d = DEPTH.get();
        d[0]++;
        return new Autograd.Scope(() -> d[0]--);
    }

    /** Runs {@code node}'s backward rule and checks what it returns (the engine, anomaly mode on). */
    static Tensor[] applyChecked(Node node, Tensor grad) {
        int[] b = IN_BACKWARD.get();
        b[0]++;
        Tensor[] grads;
        try {
            grads = node.apply(grad);
        } finally {
            b[0]--;
        }
        checkBackward(node, grads);
        return grads;
    }

    static void checkForward(String name, Tensor out, Tensor[] inputs) {
        if (IN_BACKWARD.get()[0] > 0) {
            return;
        }
        String bad = nonFinite(out);
        if (bad == null) {
            return;
        }
        for (Tensor in : inputs) {
            if (in != null && nonFinite(in) != null) {
                return; // propagated from an input, not produced here
            }
        }
        String op = name.endsWith("Backward") ? name.substring(0, name.length() - "Backward".length()) : name;
        throw new ArithmeticException("Anomaly detected: the forward of " + op + " produced " + bad
                + " in its output of shape " + jgrad.Shape.str(out.shape()) + " from finite inputs.");
    }

    static void checkBackward(Node node, Tensor[] grads) {
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                continue;
            }
            String bad = nonFinite(grads[i]);
            if (bad != null) {
                throw new ArithmeticException("Anomaly detected: Function '" + node.name() + "' returned "
                        + bad + " values in its " + i + "th output (the gradient for input " + i + ").");
            }
        }
    }

    private static String nonFinite(Tensor t) {
        double[] d = t.storage();
        int n = t.numel();
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(d[i])) {
                return "nan";
            }
            if (Double.isInfinite(d[i])) {
                return "inf";
            }
        }
        return null;
    }
}
