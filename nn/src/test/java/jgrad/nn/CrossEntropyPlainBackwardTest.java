package jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import org.junit.jupiter.api.Test;

/**
 * Seeded property loops over the fused cross-entropy's two backwards: the plain one (one loop
 * over the exps the forward kept, run by {@code backward()}) and the Tensor-op one (run when the
 * gradient's own graph is built) must agree to 1e-12, and both must equal g (softmax(x) S - Q)
 * written out here, for index and probability targets, class weights, ignore index, label
 * smoothing, every reduction and rows of logits of +-1000 and +-1e300.
 */
class CrossEntropyPlainBackwardTest {
    private static final int[][] SHAPES = {{7}, {6, 7}, {3, 7, 2, 2}};
    private static final int IGNORE = 2;

    /** Random logits; about a third of the rows made of +-scale, 0.5 scale and 0, with ties. */
    private static Tensor logits(SplittableRandom r, int[] shape) {
        ClassLayout l = new ClassLayout(shape);
        double[] x = Tensor.randn(r, shape).mul(3).toArray();
        double[] pattern = {1, -1, 0.5, 0, 1};
        for (int row = 0; row < l.rows(); row++) {
            if (r.nextInt(3) == 0) {
                double scale = r.nextBoolean() ? 1000 : 1e300;
                for (int j = 0; j < l.classes; j++) {
                    x[l.base(row) + j * l.inner] = scale * pattern[r.nextInt(pattern.length)];
                }
            }
        }
        return Tensor.of(x, shape);
    }

    /** softmax(x) along the class dim, row by row, by the textbook stable formula. */
    private static double[] softmax(double[] x, ClassLayout l) {
        double[] p = new double[x.length];
        for (int row = 0; row < l.rows(); row++) {
            int b = l.base(row);
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < l.classes; j++) {
                m = Math.max(m, x[b + j * l.inner]);
            }
            double sum = 0;
            for (int j = 0; j < l.classes; j++) {
                sum += Math.exp(x[b + j * l.inner] - m);
            }
            for (int j = 0; j < l.classes; j++) {
                p[b + j * l.inner] = Math.exp(x[b + j * l.inner] - m) / sum;
            }
        }
        return p;
    }

    /** g (softmax(x) S - Q) per row, with S the row sum of Q; g per row for 'none'. */
    private static Tensor expectedInputGrad(double[] x, double[] q, double[] g, ClassLayout l, boolean none) {
        double[] p = softmax(x, l);
        double[] grad = new double[x.length];
        for (int row = 0; row < l.rows(); row++) {
            int b = l.base(row);
            double s = 0;
            for (int j = 0; j < l.classes; j++) {
                s += q[b + j * l.inner];
            }
            double gr = none ? g[row] : g[0];
            for (int j = 0; j < l.classes; j++) {
                int i = b + j * l.inner;
                grad[i] = gr * (p[i] * s - q[i]);
            }
        }
        return Tensor.of(grad, l.shape);
    }

    @Test
    void indexTargetsPlainBackwardEqualsTheTensorOpsAndSoftmaxMinusTargets() {
        SplittableRandom r = new SplittableRandom(20261125);
        int trial = 0;
        for (int[] shape : SHAPES) {
            ClassLayout l = new ClassLayout(shape);
            int c = l.classes;
            for (Reduction red : Reduction.values()) {
                for (int k = 0; k < 8; k++, trial++) {
                    boolean weighted = (k & 1) != 0;
                    boolean ignore = (k & 2) != 0;
                    double eps = (k & 4) != 0 ? 0.15 : 0.0;
                    Tensor x = logits(r, shape);
                    double[] tv = new double[l.rows()];
                    for (int i = 0; i < tv.length; i++) {
                        tv[i] = i == 0 && ignore ? (IGNORE + 1) % c : r.nextInt(c); // row 0 never ignored
                    }
                    Tensor t = Tensor.wrap(tv, DType.INT64, l.rowShape);
                    Tensor w = weighted ? Tensor.rand(r, c).add(0.1) : null;
                    int ii = ignore ? IGNORE : ClassIndexLoss.DEFAULT_IGNORE_INDEX;
                    String what = "trial " + trial + " " + Shape.str(shape) + " " + red + (weighted ? " weight" : "")
                            + (ignore ? " ignore" : "") + " eps=" + eps + " x=" + Arrays.toString(x.toArray())
                            + " t=" + Arrays.toString(tv);
                    Tensor x1 = x.copy().requiresGrad(true);
                    Tensor loss = Functional.crossEntropy(x1, t, w, ii, red, eps);
                    Tensor g = Tensor.randn(r, loss.shape());
                    loss.backward(g);
                    Tensor x2 = x.copy().requiresGrad(true);
                    Tensor viaOps = Autograd.grad(Functional.crossEntropy(x2, t, w, ii, red, eps), List.of(x2), g,
                            true).get(0);
                    assertTrue(viaOps.requiresGrad(), "the Tensor-op backward should have run");
                    Golden.assertClose(viaOps, x1.grad(), "plain vs Tensor ops, " + what);
                    // Q[r, j] = m ((1 - eps) w_t [j == t] + eps/C w_j), m = 1 / sum of w_t for 'mean'.
                    double[] q = new double[x.numel()];
                    double total = 0;
                    for (int row = 0; row < l.rows(); row++) {
                        int tr = (int) tv[row];
                        if (tr == ii) {
                            continue;
                        }
                        total += w == null ? 1 : w.get(tr);
                        for (int j = 0; j < c; j++) {
                            double wj = w == null ? 1 : w.get(j);
                            q[l.base(row) + j * l.inner] = (j == tr ? (1 - eps) * wj : 0) + eps / c * wj;
                        }
                    }
                    if (red == Reduction.MEAN) {
                        for (int i = 0; i < q.length; i++) {
                            q[i] /= total;
                        }
                    }
                    Golden.assertClose(expectedInputGrad(x.toArray(), q, g.toArray(), l, red == Reduction.NONE),
                            x1.grad(), "plain vs g (softmax S - Q), " + what);
                }
            }
        }
    }

    @Test
    void probabilityTargetsPlainBackwardEqualsTheTensorOpsForInputTargetAndWeight() {
        SplittableRandom r = new SplittableRandom(7);
        int trial = 0;
        for (int[] shape : SHAPES) {
            ClassLayout l = new ClassLayout(shape);
            int c = l.classes;
            int cd = l.classDim;
            for (Reduction red : Reduction.values()) {
                for (int k = 0; k < 4; k++, trial++) {
                    boolean weighted = (k & 1) != 0;
                    double eps = (k & 2) != 0 ? 0.15 : 0.0;
                    Tensor x = logits(r, shape);
                    Tensor t = Tensor.randn(r, shape).mul(2).softmax(cd);
                    Tensor w = weighted ? Tensor.rand(r, c).add(0.1) : null;
                    String what = "trial " + trial + " " + Shape.str(shape) + " " + red + (weighted ? " weight" : "")
                            + " eps=" + eps + " x=" + Arrays.toString(x.toArray());
                    Tensor x1 = x.copy().requiresGrad(true);
                    Tensor t1 = t.copy().requiresGrad(true);
                    Tensor w1 = weighted ? w.copy().requiresGrad(true) : null;
                    Tensor loss = Functional.crossEntropy(x1, t1, w1, ClassIndexLoss.DEFAULT_IGNORE_INDEX, red, eps);
                    Tensor g = Tensor.randn(r, loss.shape());
                    loss.backward(g);
                    Tensor x2 = x.copy().requiresGrad(true);
                    Tensor t2 = t.copy().requiresGrad(true);
                    Tensor w2 = weighted ? w.copy().requiresGrad(true) : null;
                    Tensor loss2 = Functional.crossEntropy(x2, t2, w2, ClassIndexLoss.DEFAULT_IGNORE_INDEX, red, eps);
                    List<Tensor> viaOps = Autograd.grad(loss2, weighted ? List.of(x2, t2, w2) : List.of(x2, t2), g,
                            true);
                    Golden.assertClose(viaOps.get(0), x1.grad(), "input grad, plain vs Tensor ops, " + what);
                    Golden.assertClose(viaOps.get(1), t1.grad(), "target grad, plain vs Tensor ops, " + what);
                    if (weighted) {
                        Golden.assertClose(viaOps.get(2), w1.grad(), "weight grad, plain vs Tensor ops, " + what);
                    }
                    // Q = w (t (1 - eps) + eps / C), divided by the number of rows for 'mean'.
                    double[] q = t.mul(1 - eps).add(eps / c).toArray();
                    for (int row = 0; row < l.rows(); row++) {
                        for (int j = 0; j < c; j++) {
                            int i = l.base(row) + j * l.inner;
                            q[i] *= (w == null ? 1 : w.get(j)) / (red == Reduction.MEAN ? l.rows() : 1);
                        }
                    }
                    Golden.assertClose(expectedInputGrad(x.toArray(), q, g.toArray(), l, red == Reduction.NONE),
                            x1.grad(), "plain vs g (softmax S - Q), " + what);
                }
            }
        }
    }
}
