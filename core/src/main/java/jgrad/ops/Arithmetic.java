package jgrad.ops;

import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;
import jgrad.autograd.Tape;
import jgrad.kernel.Broadcast;
import jgrad.kernel.BroadcastFloat;
import jgrad.internal.TensorInternals;

/**
 * add, sub, mul, div (tensor and scalar), neg, pow: each forward next to its backward.
 * Each rule returns gradients of the output's (broadcast) shape: the engine reduces them to the
 * inputs' shapes and drops those no input needs.
 */
public final class Arithmetic {
    private Arithmetic() {}

    private static Tensor binary(String op, int code, Tensor a, Tensor b) {
        int[] as = a.shapeArray();
        int[] bs = b.shapeArray();
        int[] shape = java.util.Arrays.equals(as, bs) ? as : Shape.broadcast(op, as, bs);
        DType dt = DType.resultType(a.dtype(), as.length, b.dtype(), bs.length);
        if (code == Broadcast.DIV) {
            dt = dt.toFloating();
        }
        if (a.dtype() == DType.FLOAT32 && b.dtype() == DType.FLOAT32) { // the float kernel: no widened copies
            return TensorInternals.wrapFloat(BroadcastFloat.binary(code, a.floatStorage(), as, b.floatStorage(), bs,
                    shape), shape);
        }
        double[] r = Broadcast.binary(code, a.doubles(), a.shapeArray(), b.doubles(), b.shapeArray(), shape);
        if (dt == DType.BOOL && code == Broadcast.ADD) {
            for (int i = 0; i < r.length; i++) {
                r[i] = r[i] != 0 ? 1.0 : 0.0; // True + True is True, as PyTorch
            }
        }
        return TensorInternals.wrap(r, dt, shape);
    }

    /** PyTorch refuses {@code -} on bool tensors, and names the operators to use instead. */
    static void rejectBool(String op, Tensor t, String what) {
        if (t.dtype() == DType.BOOL) {
            throw new IllegalArgumentException(op + ": " + what + " a BOOL tensor (shape " + Shape.str(t.shapeArray())
                    + ") is not supported; to invert a mask use logicalNot(), to compare masks use ne()");
        }
    }

    /**
     * a + b.
     *
     * @param a the left operand
     * @param b the right operand
     * @return a new tensor of the broadcast shape
     */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = binary("add", Broadcast.ADD, a, b);
        return Tape.record("AddBackward", out, new Tensor[] {a, b}, Tape.NO_TENSORS, g -> new Tensor[] {g, g});
    }

    /**
     * a - b.
     *
     * @param a the left operand
     * @param b the operand to subtract
     * @return a new tensor of the broadcast shape
     */
    public static Tensor sub(Tensor a, Tensor b) {
        rejectBool("sub", a, "subtraction with");
        rejectBool("sub", b, "subtraction with");
        Tensor out = binary("sub", Broadcast.SUB, a, b);
        return Tape.record("SubBackward", out, new Tensor[] {a, b}, Tape.NO_TENSORS,
                (g, node) -> new Tensor[] {g, node.needsInputGrad(1) ? g.neg() : null});
    }

    /**
     * a * b.
     *
     * @param a the left operand
     * @param b the right operand
     * @return a new tensor of the broadcast shape
     */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = binary("mul", Broadcast.MUL, a, b);
        return Tape.record("MulBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (g, node) -> new Tensor[] {
                node.needsInputGrad(0) ? g.mul(b) : null,
                node.needsInputGrad(1) ? g.mul(a) : null});
    }

    /**
     * a / b.
     *
     * @param a the dividend
     * @param b the divisor
     * @return a new FLOAT64 tensor of the broadcast shape
     */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = binary("div", Broadcast.DIV, a, b);
        return Tape.record("DivBackward", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (g, node) -> new Tensor[] {
                node.needsInputGrad(0) ? g.div(b) : null,
                node.needsInputGrad(1) ? g.neg().mul(a).div(b.mul(b)) : null});
    }

    /**
     * a + s.
     *
     * @param a the tensor
     * @param s the scalar
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor addScalar(Tensor a, double s) {
        return Tape.record("AddBackward", scalarOp(Broadcast.ADD, a, s), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g});
    }

    /**
     * a - s.
     *
     * @param a the tensor
     * @param s the scalar to subtract
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor subScalar(Tensor a, double s) {
        rejectBool("sub", a, "subtraction with");
        return Tape.record("SubBackward", scalarOp(Broadcast.SUB, a, s), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g});
    }

    /**
     * a * s.
     *
     * @param a the tensor
     * @param s the scalar
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor mulScalar(Tensor a, double s) {
        return Tape.record("MulBackward", scalarOp(Broadcast.MUL, a, s), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.mul(s)});
    }

    /**
     * a / s (true division, as PyTorch computes it).
     *
     * @param a the dividend
     * @param s the divisor
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor divScalar(Tensor a, double s) {
        return Tape.record("DivBackward", scalarOp(Broadcast.DIV, a, s), new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.div(s)});
    }

    /**
     * {@code a op s} elementwise for the scalar ops, as a new tensor of {@code a}'s floating type.
     * A FLOAT32 {@code a} is read from its float storage, each value computed in double with
     * {@code s} and rounded once: the generic path's values without its widened copy.
     */
    private static Tensor scalarOp(int code, Tensor a, double s) {
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floatStorage();
            float[] r = new float[x.length];
            switch (code) {
                case Broadcast.ADD:
                    for (int i = 0; i < r.length; i++) {
                        r[i] = (float) (x[i] + s);
                    }
                    break;
                case Broadcast.SUB:
                    for (int i = 0; i < r.length; i++) {
                        r[i] = (float) (x[i] - s);
                    }
                    break;
                case Broadcast.MUL:
                    for (int i = 0; i < r.length; i++) {
                        r[i] = (float) (x[i] * s);
                    }
                    break;
                default:
                    for (int i = 0; i < r.length; i++) {
                        r[i] = (float) (x[i] / s);
                    }
            }
            return TensorInternals.wrapFloat(r, a.shapeArray());
        }
        double[] x = a.doubles();
        double[] r = new double[x.length];
        switch (code) {
            case Broadcast.ADD:
                for (int i = 0; i < r.length; i++) {
                    r[i] = x[i] + s;
                }
                break;
            case Broadcast.SUB:
                for (int i = 0; i < r.length; i++) {
                    r[i] = x[i] - s;
                }
                break;
            case Broadcast.MUL:
                for (int i = 0; i < r.length; i++) {
                    r[i] = x[i] * s;
                }
                break;
            default:
                for (int i = 0; i < r.length; i++) {
                    r[i] = x[i] / s;
                }
        }
        return TensorInternals.wrap(r, a.dtype().toFloating(), a.shapeArray());
    }

    /**
     * -a.
     *
     * @param a the tensor
     * @return a new tensor of {@code a}'s shape and dtype
     */
    public static Tensor neg(Tensor a) {
        rejectBool("neg", a, "negation of");
        Tensor out;
        if (a.dtype() == DType.FLOAT32) {
            float[] x = a.floatStorage();
            float[] r = new float[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = -x[i];
            }
            out = TensorInternals.wrapFloat(r, a.shapeArray());
        } else {
            double[] x = a.doubles();
            double[] r = new double[x.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = -x[i];
            }
            out = TensorInternals.wrap(r, a.dtype(), a.shapeArray());
        }
        return Tape.record("NegBackward", out, new Tensor[] {a},
                Tape.NO_TENSORS, g -> new Tensor[] {g.neg()});
    }

    /**
     * a ** p, gradient p * a ** (p - 1) (0 where p == 0, as PyTorch).
     *
     * @param a the base
     * @param p the exponent
     * @return a new FLOAT64 tensor of {@code a}'s shape
     */
    public static Tensor pow(Tensor a, double p) {
        double[] x = a.doubles();
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = p == 2.0 ? x[i] * x[i] : Math.pow(x[i], p);
        }
        return Tape.record("PowBackward", TensorInternals.wrap(r, a.dtype().toFloating(), a.shapeArray()), new Tensor[] {a},
                new Tensor[] {a}, g -> new Tensor[] {p == 0.0 ? g.mul(0.0) : g.mul(a.pow(p - 1.0).mul(p))});
    }
}
