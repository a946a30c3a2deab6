package jgrad.ops;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Tape;

/** exp, log, sqrt, abs, relu, sigmoid, tanh: each forward next to its backward. */
public final class Unary {
    private Unary() {}

    /**
     * e^a; gradient g * out.
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor exp(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.exp(x[i]);
        }
        Tensor out = Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray());
        return Tape.record("ExpBackward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.mul(out)});
    }

    /**
     * ln a; gradient g / a.
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor log(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.log(x[i]);
        }
        return Tape.record("LogBackward", Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray()), new Tensor[] {a},
                new Tensor[] {a}, g -> new Tensor[] {g.div(a)});
    }

    /**
     * sqrt a; gradient g / (2 out).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor sqrt(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.sqrt(x[i]);
        }
        Tensor out = Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray());
        return Tape.record("SqrtBackward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.div(out.mul(2.0))});
    }

    /**
     * |a|; gradient g * sign(a), where sign is 0 at 0 and at NaN (PyTorch's sgn).
     *
     * @param a the input
     * @return a new tensor of {@code a}'s shape and dtype
     */
    public static Tensor abs(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        double[] sign = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(x[i]);
            sign[i] = x[i] > 0 ? 1.0 : x[i] < 0 ? -1.0 : 0.0;
        }
        Tensor s = Tensor.wrapUnchecked(sign, DType.FLOAT64, a.shapeArray());
        return Tape.record("AbsBackward", Tensor.wrapUnchecked(r, a.dtype(), a.shapeArray()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.mul(s)});
    }

    /**
     * max(a, 0); gradient g except where the output is {@code <= 0} (so NaN passes g, as PyTorch's
     * threshold_backward).
     *
     * @param a the input
     * @return a new tensor of {@code a}'s shape and dtype
     */
    public static Tensor relu(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        double[] mask = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            boolean keep = !(v <= 0); // v > 0, or NaN (which passes through, as in PyTorch)
            r[i] = keep ? v : 0.0;
            mask[i] = keep ? 1.0 : 0.0;
        }
        Tensor m = Tensor.wrapUnchecked(mask, DType.FLOAT64, a.shapeArray());
        return Tape.record("ReluBackward", Tensor.wrapUnchecked(r, a.dtype(), a.shapeArray()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.mul(m)});
    }

    /**
     * 1 / (1 + e^-a), stable for large |a|; gradient g * out * (1 - out).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor sigmoid(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            double v = x[i];
            if (v >= 0) {
                r[i] = 1.0 / (1.0 + Math.exp(-v));
            } else {
                double e = Math.exp(v);
                r[i] = e / (1.0 + e);
            }
        }
        Tensor out = Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray());
        return Tape.record("SigmoidBackward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.mul(out.mul(out.neg().add(1.0)))});
    }

    /**
     * tanh a; gradient g * (1 - out^2).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor tanh(Tensor a) {
        double[] x = a.storage();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.tanh(x[i]);
        }
        Tensor out = Tensor.wrapUnchecked(r, DType.FLOAT64, a.shapeArray());
        return Tape.record("TanhBackward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.mul(out.mul(out).neg().add(1.0))});
    }
}
