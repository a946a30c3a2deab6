package jgrad.kernel;

/**
 * The elementwise functions of {@code jgrad.ops.Unary} that have their own loops: one loop per
 * function and element type, chosen by a switch outside the loop (a call per element through a
 * lambda, once its call site sees several functions, cost a third more for exp here). FLOAT32
 * values go through the same loops a block at a time, each value computed in double and rounded
 * once: the double loop's values on the widened input, without a widened copy of all of it.
 */
public final class Elementwise {
    /** Function codes for {@link #apply}. */
    public static final int EXP = 0, LOG = 1, SQRT = 2, TANH = 3, SIGMOID = 4;

    private Elementwise() {}

    /**
     * {@code f(x[i])} for every i, as a new array.
     *
     * @param f {@link #EXP}, {@link #LOG}, {@link #SQRT}, {@link #TANH} or {@link #SIGMOID}
     * @param x the values
     * @return a new array of {@code x.length} values
     */
    public static double[] apply(int f, double[] x) {
        double[] r = new double[x.length];
        run(f, x, r, x.length);
        return r;
    }

    /** How many float values {@link #apply(int, float[])} widens at a time. */
    static final int BLOCK = 512;

    /**
     * {@link #apply(int, double[])} on float values: each computed in double and rounded once.
     * The values are widened a block at a time into a scratch array that the double loop runs
     * on: a loop calling {@link Math#exp} (or tanh, ...) on each float as it reads it ran about
     * three times slower here (JDK 17) than the double loop, a block at a time 1.1 times.
     *
     * @param f {@link #EXP}, {@link #LOG}, {@link #SQRT}, {@link #TANH} or {@link #SIGMOID}
     * @param x the values
     * @return a new array of {@code x.length} values
     */
    public static float[] apply(int f, float[] x) {
        float[] r = new float[x.length];
        double[] w = new double[Math.min(BLOCK, x.length)];
        for (int at = 0; at < x.length; at += BLOCK) {
            int n = Math.min(BLOCK, x.length - at);
            for (int i = 0; i < n; i++) {
                w[i] = x[at + i];
            }
            run(f, w, w, n);
            for (int i = 0; i < n; i++) {
                r[at + i] = (float) w[i];
            }
        }
        return r;
    }

    /** {@code r[i] = f(x[i])} for i in [0, n); {@code r} may be {@code x}. */
    private static void run(int f, double[] x, double[] r, int n) {
        switch (f) {
            case EXP:
                for (int i = 0; i < n; i++) {
                    r[i] = Math.exp(x[i]);
                }
                break;
            case LOG:
                for (int i = 0; i < n; i++) {
                    r[i] = Math.log(x[i]);
                }
                break;
            case SQRT:
                for (int i = 0; i < n; i++) {
                    r[i] = Math.sqrt(x[i]);
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    r[i] = Math.tanh(x[i]);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) { // 1 / (1 + e^-v), neither branch overflowing
                    double v = x[i];
                    if (v >= 0) {
                        r[i] = 1.0 / (1.0 + Math.exp(-v));
                    } else {
                        double e = Math.exp(v);
                        r[i] = e / (1.0 + e);
                    }
                }
                break;
            default:
                throw new IllegalArgumentException("unknown function code " + f);
        }
    }
}
