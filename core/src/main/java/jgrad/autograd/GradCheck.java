package jgrad.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Gradient checking like {@code torch.autograd.gradcheck}: the tape's Jacobian against central
 * differences in float64, for every input that requires grad. Defaults are PyTorch's
 * (eps 1e-6, atol 1e-5, rtol 1e-3); {@link #withTolerances} sets others.
 *
 * <pre>{@code
 * var x = Tensor.randn(rng, 3, 4).requiresGrad(true);
 * GradCheck.gradcheck(in -> in[0].logSoftmax(1), x);       // true, or throws
 * }</pre>
 */
public final class GradCheck {
    private final double eps;
    private final double atol;
    private final double rtol;

    private GradCheck(double eps, double atol, double rtol) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("GradCheck: need eps > 0, atol >= 0, rtol >= 0; got eps=" + eps
                    + ", atol=" + atol + ", rtol=" + rtol);
        }
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /**
     * A checker with other settings.
     *
     * @param eps the finite-difference step
     * @param atol absolute tolerance
     * @param rtol relative tolerance (relative to the numerical value)
     * @return a checker whose {@link #check} and {@link #checkSecondOrder} use them
     */
    public static GradCheck withTolerances(double eps, double atol, double rtol) {
        return new GradCheck(eps, atol, rtol);
    }

    /**
     * Checks first derivatives with PyTorch's defaults.
     *
     * @param f the function of the inputs; its output must be FLOAT64
     * @param inputs the inputs; those that require grad are checked
     * @return true
     * @throws GradCheckException naming the input, the element and both values on a mismatch
     */
    public static boolean gradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return new GradCheck(1e-6, 1e-5, 1e-3).check(f, inputs);
    }

    /**
     * Checks second derivatives with PyTorch's defaults, like {@code gradgradcheck}: the
     * gradient of {@code f} (built with createGraph, for a random output gradient) is itself
     * gradchecked with respect to the inputs and that output gradient.
     *
     * @param f the function of the inputs
     * @param inputs the inputs; those that require grad are checked
     * @return true
     * @throws GradCheckException on a mismatch
     */
    public static boolean gradgradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return new GradCheck(1e-6, 1e-5, 1e-3).checkSecondOrder(f, inputs);
    }

    /**
     * {@link #gradcheck} with this checker's settings.
     *
     * @param f the function
     * @param inputs the inputs
     * @return true
     * @throws GradCheckException on a mismatch
     */
    public boolean check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        List<Integer> diff = differentiable(inputs);
        Tensor y = f.apply(inputs);
        if (y.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("gradcheck: the function's output must be FLOAT64, got " + y.dtype()
                    + (y.dtype() == DType.FLOAT32 ? "; finite differences need FLOAT64 throughout" : ""));
        }
        int m = y.numel();
        // analytical[i][k][j] = d y_k / d x_i[j]
        double[][][] analytical = new double[inputs.length][][];
        for (int i : diff) {
            analytical[i] = new double[m][inputs[i].numel()];
        }
        if (y.requiresGrad()) {
            List<Tensor> wrt = new ArrayList<>();
            for (int i : diff) {
                wrt.add(inputs[i]);
            }
            for (int k = 0; k < m; k++) {
                double[] seed = new double[m];
                seed[k] = 1.0;
                List<Tensor> g = Autograd.grad(y, wrt, Tensor.of(seed, DType.FLOAT64, y.shape()), false, true, true);
                for (int q = 0; q < diff.size(); q++) {
                    Tensor gi = g.get(q);
                    if (gi != null) {
                        analytical[diff.get(q)][k] = gi.toArray();
                    }
                }
            }
        }
        for (int i : diff) {
            double[] x = inputs[i].doubles();
            for (int j = 0; j < x.length; j++) {
                double orig = x[j];
                x[j] = orig + eps;
                double[] plus = evaluate(f, inputs);
                x[j] = orig - eps;
                double[] minus = evaluate(f, inputs);
                x[j] = orig;
                for (int k = 0; k < m; k++) {
                    double num = (plus[k] - minus[k]) / (2 * eps);
                    double ana = analytical[i][k][j];
                    if (!(Math.abs(ana - num) <= atol + rtol * Math.abs(num))) {
                        throw new GradCheckException(String.format(
                                "gradcheck: Jacobian mismatch for output element %d with respect to input %d "
                                        + "(shape %s), element %d %s:%n  numerical:  %.10g%n  analytical: %.10g%n"
                                        + "  (atol=%g, rtol=%g, eps=%g)",
                                k, i, Shape.str(inputs[i].shape()), j, Arrays.toString(unravel(j, inputs[i].shape())),
                                num, ana, atol, rtol, eps), i, j, k, num, ana);
                    }
                }
            }
        }
        return true;
    }

    /**
     * {@link #gradgradcheck} with this checker's settings.
     *
     * @param f the function
     * @param inputs the inputs
     * @return true
     * @throws GradCheckException on a mismatch (the input index counts the extra output-gradient
     *     input last)
     */
    public boolean checkSecondOrder(Function<Tensor[], Tensor> f, Tensor... inputs) {
        List<Integer> diff = differentiable(inputs);
        Tensor y0;
        try (Autograd.Scope s = Autograd.noGrad()) {
            y0 = f.apply(inputs);
        }
        SplittableRandom rng = new SplittableRandom(42);
        Tensor gradOut = Tensor.randn(rng, y0.shape()).to(DType.FLOAT64).requiresGrad(true); // whatever the default
        Tensor[] all = Arrays.copyOf(inputs, inputs.length + 1);
        all[inputs.length] = gradOut;
        Function<Tensor[], Tensor> h = in -> {
            Tensor[] xs = Arrays.copyOf(in, inputs.length);
            Tensor y = f.apply(xs);
            List<Tensor> wrt = new ArrayList<>();
            for (int i : diff) {
                wrt.add(xs[i]);
            }
            List<Tensor> parts = new ArrayList<>();
            if (!y.requiresGrad()) {
                for (Tensor t : wrt) {
                    parts.add(Tensor.zeros(DType.FLOAT64, t.numel()));
                }
            } else {
                List<Tensor> g = Autograd.grad(y, wrt, in[inputs.length], true, true, true);
                for (int q = 0; q < wrt.size(); q++) {
                    Tensor gi = g.get(q);
                    parts.add(gi == null ? Tensor.zeros(DType.FLOAT64, wrt.get(q).numel()) : gi.reshape(-1));
                }
            }
            return Tensor.cat(parts, 0);
        };
        try {
            return check(h, all);
        } catch (GradCheckException e) {
            String what = e.input() == inputs.length ? "the output gradient (the extra input " + e.input() + ")"
                    : "input " + e.input();
            String msg = e.getMessage().replaceFirst("^gradcheck: ", "");
            throw new GradCheckException("gradgradcheck: the second derivative disagrees, with respect to " + what
                    + "; the gradient (flattened, all inputs concatenated) was checked as a function:\n" + msg,
                    e.input(), e.element(), e.outputElement(), e.numerical(), e.analytical());
        }
    }

    private static List<Integer> differentiable(Tensor[] inputs) {
        List<Integer> diff = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != null && inputs[i].requiresGrad()) {
                if (inputs[i].dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("gradcheck: input " + i + " (shape "
                            + jgrad.Shape.str(inputs[i].shapeArray()) + ") is " + inputs[i].dtype()
                            + "; finite differences with eps=1e-6 need FLOAT64 inputs (FLOAT32 rounds away the "
                            + "difference), convert with to(DType.FLOAT64)");
                }
                if (!inputs[i].isLeaf()) {
                    throw new IllegalArgumentException("gradcheck: input " + i + " must be a leaf (it was made by "
                            + inputs[i].gradFn().name() + ")");
                }
                diff.add(i);
            }
        }
        if (diff.isEmpty()) {
            throw new IllegalArgumentException("gradcheck: no input requires grad; call requiresGrad(true) on the "
                    + "inputs to check");
        }
        return diff;
    }

    private static double[] evaluate(Function<Tensor[], Tensor> f, Tensor[] inputs) {
        return f.apply(inputs).toArray();
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return idx;
    }
}
