package jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * The update shared by {@link Adam} and {@link AdamW}: current PyTorch's
 * {@code _single_tensor_adam}, where AdamW is Adam with decoupled weight decay.
 */
final class AdamCore {
    static final List<String> OPTION_NAMES =
            List.of("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad", "maximize");
    static final String STEP = "step";
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";
    static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";
    static final List<String> STATE_NAMES = List.of(STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);
    private static final List<String> REQUIRED = List.of(STEP, EXP_AVG, EXP_AVG_SQ);

    private AdamCore() {}

    static LinkedHashMap<String, Double> options(double lr, double beta1, double beta2, double eps,
            double weightDecay, boolean amsgrad, boolean maximize) {
        LinkedHashMap<String, Double> o = new LinkedHashMap<>();
        o.put("lr", lr);
        o.put("beta1", beta1);
        o.put("beta2", beta2);
        o.put("eps", eps);
        o.put("weight_decay", weightDecay);
        o.put("amsgrad", amsgrad ? 1.0 : 0.0);
        o.put("maximize", maximize ? 1.0 : 0.0);
        return o;
    }

    /** PyTorch's checks, in its order, with its messages. */
    static void validate(Map<String, Double> o) {
        Optimizer.checkNonNegative(o, "lr", "learning rate");
        Optimizer.checkNonNegative(o, "eps", "epsilon value");
        double beta1 = o.get("beta1");
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1);
        }
        double beta2 = o.get("beta2");
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2);
        }
        Optimizer.checkNonNegative(o, "weight_decay", "weight_decay value");
        Optimizer.checkFlag(o, "amsgrad");
        Optimizer.checkFlag(o, "maximize");
    }

    static List<String> required(Map<String, Double> o) {
        return o.get("amsgrad") != 0.0 ? STATE_NAMES : REQUIRED;
    }

    /** One Adam (or, with {@code decoupled}, AdamW) step over every parameter with a gradient. */
    static void step(Optimizer opt, boolean decoupled) {
        List<ParamGroup> groups = opt.paramGroups();
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup group = groups.get(gi);
            double lr = group.get("lr");
            double beta1 = group.get("beta1");
            double beta2 = group.get("beta2");
            double eps = group.get("eps");
            double weightDecay = group.get("weight_decay");
            boolean amsgrad = group.flag("amsgrad");
            boolean maximize = group.flag("maximize");
            // exp_avg.lerp_(g, 1 - beta1), with ATen's two-sided lerp formula
            double w = 1 - beta1;
            boolean smallWeight = Math.abs(w) < 0.5;
            double oneMinusW = 1 - w;
            double oneMinusBeta2 = 1 - beta2;
            double decay = 1 - lr * weightDecay;
            boolean coupledDecay = weightDecay != 0 && !decoupled;
            boolean decoupledDecay = weightDecay != 0 && decoupled;
            List<Tensor> params = group.params();
            for (int pi = 0; pi < params.size(); pi++) {
                Tensor p = params.get(pi);
                Tensor grad = p.grad();
                if (grad == null) {
                    continue;
                }
                Map<String, Tensor> st = opt.mutableState(p);
                Tensor stepT = st.get(STEP);
                if (stepT == null) {
                    int[] shape = p.shape();
                    stepT = Tensor.scalar(0.0);
                    st.put(STEP, stepT);
                    st.put(EXP_AVG, Tensor.zeros(shape));
                    st.put(EXP_AVG_SQ, Tensor.zeros(shape));
                }
                if (amsgrad && st.get(MAX_EXP_AVG_SQ) == null) {
                    // amsgrad from the start, or switched on later (where PyTorch would fail)
                    st.put(MAX_EXP_AVG_SQ, Tensor.zeros(p.shape()));
                }
                double step = ++stepT.storage()[0];
                // Math.pow, not StrictMath.pow: both are within an ulp of C's pow, and
                // StrictMath.pow allocates on JDK 17 (steps must not allocate)
                double biasCorrection1 = 1 - Math.pow(beta1, step);
                double biasCorrection2 = 1 - Math.pow(beta2, step);
                double negStepSize = -(lr / biasCorrection1);
                double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

                double[] x = p.storage();
                double[] gr = grad.storage();
                double[] m = st.get(EXP_AVG).storage();
                double[] v = st.get(EXP_AVG_SQ).storage();
                double[] vMax = amsgrad ? st.get(MAX_EXP_AVG_SQ).storage() : v;
                int n = x.length;
                for (int i = 0; i < n; i++) {
                    double g = maximize ? -gr[i] : gr[i];
                    if (coupledDecay) {
                        g = g + weightDecay * x[i];
                    } else if (decoupledDecay) {
                        x[i] = x[i] * decay;
                    }
                    double m0 = m[i];
                    double mi = smallWeight ? m0 + w * (g - m0) : g - (g - m0) * oneMinusW;
                    m[i] = mi;
                    double vi = v[i] * beta2;
                    vi = vi + oneMinusBeta2 * g * g;
                    v[i] = vi;
                    if (amsgrad) {
                        vi = Math.max(vMax[i], vi);
                        vMax[i] = vi;
                    }
                    double denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
                    x[i] = x[i] + negStepSize * mi / denom;
                }
                p.bumpVersion();
            }
        }
    }
}
