package jgrad.ops;

import jgrad.DType;
import jgrad.Tensor;
import jgrad.autograd.Autograd;
import jgrad.autograd.Tape;
import jgrad.internal.TensorInternals;
import jgrad.kernel.Elementwise;

/** exp, log, sqrt, abs, relu, sigmoid, tanh, sin, cos, log1p, expm1, erf: each forward next to its backward. */
public final class Unary {
    private Unary() {}

    /**
     * e^a; gradient g * out.
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor exp(Tensor a) {
        Tensor out = apply(a, Elementwise.EXP);
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
        return Tape.record("LogBackward", apply(a, Elementwise.LOG), new Tensor[] {a},
                new Tensor[] {a}, g -> new Tensor[] {g.div(a)});
    }

    /**
     * sqrt a; gradient g / (2 out).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor sqrt(Tensor a) {
        Tensor out = apply(a, Elementwise.SQRT);
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
        Arithmetic.rejectBool("abs", a, "abs of");
        double[] x = a.doubles();
        double[] r = new double[x.length];
        double[] sign = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = Math.abs(x[i]);
            sign[i] = x[i] > 0 ? 1.0 : x[i] < 0 ? -1.0 : 0.0;
        }
        Tensor s = TensorInternals.wrap(sign, a.dtype().toFloating(), a.shapeArray());
        return Tape.record("AbsBackward", TensorInternals.wrap(r, a.dtype(), a.shapeArray()), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.mul(s)});
    }

    /**
     * max(a, 0); gradient g where the output is {@code > 0} or NaN, 0 where it is 0 (PyTorch's
     * threshold_backward on the saved output: NaN passes g; 0 even where g is infinite or NaN).
     *
     * <p>Both loops are branch-free so that C2 vectorises them: with a comparison per element the
     * forward took ~1 ms for 1024 x 128 random values (half the branches mispredicted), with
     * {@code Math.max} ~0.1 ms.
     *
     * @param a the input
     * @return a new tensor of {@code a}'s shape and dtype
     */
    public static Tensor relu(Tensor a) {
        Arithmetic.rejectBool("relu", a, "relu of");
        Tensor out;
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floatStorage();
            float[] r = new float[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(x[i], 0f); // as below
            }
            out = TensorInternals.wrapFloat(r, a.shapeArray());
        } else {
            double[] x = a.doubles();
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.max(x[i], 0.0); // NaN stays NaN, -0.0 becomes 0.0
            }
            out = TensorInternals.wrap(r, a.dtype(), a.shapeArray());
        }
        return Tape.record("ReluBackward", out, new Tensor[] {a}, new Tensor[] {out}, g -> new Tensor[] {
                Autograd.isGradEnabled() ? g.mul(reluMask(out, g.dtype())) : reluBackward(g, out)});
    }

    /** 1 where the output is positive: {@code r * 2^1200} is at least 1 for every r > 0, 0 for r = 0. */
    private static double passes(double r) {
        return Math.min(r * 0x1p600 * 0x1p600, 1.0);
    }

    /**
     * {@link #passes} for a float: {@code r * 2^150} (two factors, each a float) is at least 1 for
     * every float r > 0, the smallest subnormal 2^-149 included.
     */
    private static float passes(float r) {
        return Math.min(r * 0x1p75f * 0x1p75f, 1f);
    }

    /** The gradient as one loop: g times 0 or 1, then the NaNs that product made put right. */
    private static Tensor reluBackward(Tensor grad, Tensor out) {
        if (grad.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT32) {
            return reluBackward(grad, out.floatStorage());
        }
        double[] r = out.doubles();
        double[] g = grad.doubles();
        double[] gi = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            gi[i] = g[i] * passes(r[i]);
        }
        // The product is wrong only where it is NaN: r NaN (g passes), or g infinite or NaN where
        // r is 0 (the gradient is 0 there). Where it is NaN, decide as threshold_backward does.
        for (int i = 0; i < r.length; i++) {
            if (gi[i] != gi[i]) {
                gi[i] = r[i] <= 0 ? 0.0 : g[i];
            }
        }
        return TensorInternals.wrap(gi, grad.dtype(), grad.shapeArray());
    }

    /** {@link #reluBackward(Tensor, Tensor)}'s loops on float storage: the same values, rounded alike. */
    private static Tensor reluBackward(Tensor grad, float[] r) {
        float[] g = grad.floatStorage();
        float[] gi = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            gi[i] = g[i] * passes(r[i]);
        }
        for (int i = 0; i < r.length; i++) {
            if (gi[i] != gi[i]) {
                gi[i] = r[i] <= 0 ? 0f : g[i];
            }
        }
        return TensorInternals.wrapFloat(gi, grad.shapeArray());
    }

    /** The 0/1 mask as a tensor, for a backward that is itself recorded (createGraph). */
    private static Tensor reluMask(Tensor out, DType dtype) {
        if (out.dtype() == DType.FLOAT32 && dtype == DType.FLOAT32) {
            float[] r = out.floatStorage();
            float[] m = new float[r.length];
            for (int i = 0; i < r.length; i++) {
                m[i] = passes(r[i]);
            }
            for (int i = 0; i < r.length; i++) {
                if (m[i] != m[i]) {
                    m[i] = 1f; // NaN output: g passes
                }
            }
            return TensorInternals.wrapFloat(m, out.shapeArray());
        }
        double[] r = out.doubles();
        double[] m = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            m[i] = passes(r[i]);
        }
        for (int i = 0; i < r.length; i++) {
            if (m[i] != m[i]) {
                m[i] = 1.0; // NaN output: g passes
            }
        }
        return TensorInternals.wrap(m, dtype, out.shapeArray());
    }

    /**
     * 1 / (1 + e^-a), stable for large |a|; gradient g * out * (1 - out).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor sigmoid(Tensor a) {
        Tensor out = apply(a, Elementwise.SIGMOID);
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
        Tensor out = apply(a, Elementwise.TANH);
        return Tape.record("TanhBackward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.mul(out.mul(out).neg().add(1.0))});
    }

    /**
     * {@link Elementwise#apply} on a tensor's values, as a new tensor of its floating type: the
     * forward of exp, log, sqrt, tanh and sigmoid; a FLOAT32 tensor's read from its float storage.
     */
    private static Tensor apply(Tensor a, int f) {
        return a.dtype() == DType.FLOAT32 ? TensorInternals.wrapFloat(Elementwise.apply(f, a.floatStorage()),
                a.shapeArray()) : TensorInternals.wrap(Elementwise.apply(f, a.doubles()), a.dtype().toFloating(),
                a.shapeArray());
    }

    /**
     * Applies {@code f} to every element: the forward of the elementwise functions below. A FLOAT32 input is read from its float storage and each value
     * rounded to float once: the values of the double path, without its widened copy.
     */
    private static Tensor map(Tensor a, java.util.function.DoubleUnaryOperator f) {
        if (a.dtype() == DType.FLOAT32) { // a block at a time, as Elementwise.apply and for the same reason
            float[] x = a.floatStorage();
            float[] r = new float[x.length];
            double[] w = new double[Math.min(512, x.length)];
            for (int at = 0; at < x.length; at += w.length) {
                int n = Math.min(w.length, x.length - at);
                for (int i = 0; i < n; i++) {
                    w[i] = x[at + i];
                }
                for (int i = 0; i < n; i++) { // on doubles only: reading the floats here made erf 2x slower
                    w[i] = f.applyAsDouble(w[i]);
                }
                for (int i = 0; i < n; i++) {
                    r[at + i] = (float) w[i];
                }
            }
            return TensorInternals.wrapFloat(r, a.shapeArray());
        }
        double[] x = a.doubles();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.applyAsDouble(x[i]);
        }
        return TensorInternals.wrap(r, a.dtype().toFloating(), a.shapeArray());
    }

    /**
     * sin a; gradient g * cos a.
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor sin(Tensor a) {
        return Tape.record("SinBackward", map(a, Math::sin), new Tensor[] {a}, new Tensor[] {a},
                g -> new Tensor[] {g.mul(a.cos())});
    }

    /**
     * cos a; gradient -g * sin a.
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor cos(Tensor a) {
        return Tape.record("CosBackward", map(a, Math::cos), new Tensor[] {a}, new Tensor[] {a},
                g -> new Tensor[] {g.mul(a.sin()).neg()});
    }

    /**
     * ln(1 + a), accurate for small a; gradient g / (1 + a).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor log1p(Tensor a) {
        return Tape.record("Log1pBackward", map(a, Math::log1p), new Tensor[] {a}, new Tensor[] {a},
                g -> new Tensor[] {g.div(a.add(1.0))});
    }

    /**
     * e^a - 1, accurate for small a; gradient g * (out + 1).
     *
     * @param a the input
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor expm1(Tensor a) {
        Tensor out = map(a, Math::expm1);
        return Tape.record("Expm1Backward", out, new Tensor[] {a}, new Tensor[] {out},
                g -> new Tensor[] {g.mul(out.add(1.0))});
    }

    /**
     * The error function ({@link ErfFunction}); gradient g * 2/sqrt(pi) * exp(-a^2), two recorded
     * ops (the derivative is one, see {@link #erfDerivative}).
     *
     * @param a the input
     * @return a new tensor of {@code a}'s shape and floating type
     */
    public static Tensor erf(Tensor a) {
        return Tape.record("ErfBackward", map(a, ErfFunction::erf), new Tensor[] {a}, new Tensor[] {a},
                g -> new Tensor[] {g.mul(erfDerivative(a))});
    }

    /**
     * erf's derivative 2/sqrt(pi) * exp(-a^2) in one pass ({@link ErfFunction#derivative}),
     * recorded with its own gradient g * -2a * out so that erf stays twice (and more)
     * differentiable; it replaces the four ops a*a, neg, exp, times 2/sqrt(pi).
     */
    private static Tensor erfDerivative(Tensor a) {
        Tensor out = map(a, ErfFunction::derivative);
        return Tape.record("ErfDerivativeBackward", out, new Tensor[] {a}, new Tensor[] {a, out},
                g -> new Tensor[] {g.mul(a).mul(out).mul(-2.0)});
    }
}
