package jgrad.autograd;

import jgrad.Tensor;

/** Anomaly detection (see {@link Autograd#detectAnomaly()}): per thread, nests. */
final class Anomaly {
    // ThreadState.inBackward > 0 while a backward rule runs: its ops are checked as that
    // node's output, not one by one

    private Anomaly() {}

    static boolean enabled() {
        return ThreadState.get().anomaly > 0;
    }

    static Autograd.Scope enter() {
        ThreadState st = ThreadState.get();
        st.anomaly++;
        return new Autograd.Scope(() -> st.anomaly--);
    }

    /** Runs {@code node}'s backward rule and checks what it returns (the engine, anomaly mode on). */
    static Tensor[] applyChecked(Node node, Tensor grad) {
        ThreadState st = ThreadState.get();
        st.inBackward++;
        Tensor[] grads;
        try {
            grads = node.apply(grad);
        } finally {
            st.inBackward--;
        }
        checkBackward(node, grads);
        return grads;
    }

    static void checkForward(String name, Tensor out, Tensor[] inputs) {
        if (ThreadState.get().inBackward > 0) {
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
        double[] d = t.doubles();
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
