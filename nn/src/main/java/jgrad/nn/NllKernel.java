package jgrad.nn;

/**
 * The raw loop of the negative log-likelihood, on {@code double[]}, with no autograd (the node
 * is recorded by {@link NLLLoss}).
 */
final class NllKernel {
    private NllKernel() {}

    /** The forward's per-row results. */
    static final class Result {
        /** Per row {@code -w_t x[r, t]}, 0 for ignored rows. */
        final double[] loss;
        /** Per row d loss_r / d x[r, t_r] per unit of output gradient (0 for ignored rows). */
        final double[] coef;
        /** Per row t_r, 0 for ignored rows (whose coef is 0). */
        final double[] index;
        /** The sum of the weights of the rows not ignored. */
        double total;

        Result(int rows) {
            loss = new double[rows];
            coef = new double[rows];
            index = new double[rows];
        }
    }

    /** The forward; with {@code mean}, coef is divided by the total weight (inf or NaN for 0, as PyTorch). */
    static Result forward(String op, ClassLayout l, double[] x, double[] t, double[] w, int ignoreIndex,
            boolean mean) {
        int rows = l.rows();
        int c = l.classes;
        Result res = new Result(rows);
        boolean[] used = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            long k = ClassIndexLoss.targetAt(op, t, r, ignoreIndex, c);
            if (k == Long.MIN_VALUE) {
                continue;
            }
            double wt = w == null ? 1.0 : w[(int) k];
            res.loss[r] = -wt * x[l.base(r) + (int) k * l.inner];
            res.coef[r] = -wt;
            res.index[r] = k;
            used[r] = true;
            res.total += wt;
        }
        if (mean) {
            for (int r = 0; r < rows; r++) {
                if (used[r]) {
                    res.coef[r] /= res.total; // a zero total gives inf or NaN here, as PyTorch's w * (g / total)
                }
            }
        }
        return res;
    }
}
