package jgrad.optim;

import static jgrad.optim.Options.flag;
import static jgrad.optim.Options.named;
import static jgrad.optim.Updates.lerp;
import static jgrad.optim.Updates.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;

/**
 * What {@link Adam} and {@link AdamW} share: hyperparameters, their checks, the state names and
 * the update, current PyTorch's {@code _single_tensor_adam}. The two differ only in how weight
 * decay enters: Adam adds it to the gradient (L2 penalty), AdamW shrinks the parameter
 * (decoupled).
 */
abstract class AdamBase extends Optimizer {
    /** The hyperparameter names of Adam and AdamW, in order. */
    static final List<String> OPTION_NAMES =
            List.of("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad", "maximize");
    private static final String STEP = "step";
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";
    private static final List<String> STATE_NAMES = List.of(STEP, EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ);
    private static final List<String> REQUIRED = List.of(STEP, EXP_AVG, EXP_AVG_SQ);

    private final boolean decoupled;

    AdamBase(List<Tensor> params, Map<String, Double> defaults, boolean decoupled) {
        super(params, defaults);
        this.decoupled = decoupled;
    }

    static LinkedHashMap<String, Double> options(double lr, double beta1, double beta2, double eps,
            double weightDecay, boolean amsgrad, boolean maximize) {
        return named(OPTION_NAMES, lr, beta1, beta2, eps, weightDecay, flag(amsgrad), flag(maximize));
    }

    /**
     * PyTorch's checks, in its order, with its messages: lr and eps at least 0, each beta in
     * [0, 1), weight_decay at least 0, flags 0 or 1.
     *
     * @param o the hyperparameters to check
     */
    @Override
    protected void validateOptions(Map<String, Double> o) {
        Options.check(o, List.of("lr", "eps"), List.of());
        double beta1 = o.get("beta1");
        if (!(beta1 >= 0.0 && beta1 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1);
        }
        double beta2 = o.get("beta2");
        if (!(beta2 >= 0.0 && beta2 < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2);
        }
        Options.check(o, List.of("weight_decay"), List.of("amsgrad", "maximize"));
    }

    /**
     * {@code "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}, {@code "max_exp_avg_sq"}.
     *
     * @return the state names
     */
    @Override
    protected List<String> stateNames() {
        return STATE_NAMES;
    }

    /**
     * All but {@code "max_exp_avg_sq"}, which is required with AMSGrad only.
     *
     * @param options the group's hyperparameters
     * @return the state names a saved state must have
     */
    @Override
    protected List<String> requiredStateNames(Map<String, Double> options) {
        return options.get("amsgrad") != 0.0 ? STATE_NAMES : REQUIRED;
    }

    /** One parameter's Adam (or AdamW) update. */
    @Override
    protected void update(ParamGroup group, Tensor p, Tensor grad) {
        double lr = group.get("lr");
        double beta1 = group.get("beta1");
        double beta2 = group.get("beta2");
        double eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        boolean amsgrad = group.flag("amsgrad");
        boolean maximize = group.flag("maximize");
        double oneMinusBeta2 = 1 - beta2;
        double decay = 1 - lr * weightDecay;
        boolean coupledDecay = weightDecay != 0 && !decoupled;
        boolean decoupledDecay = weightDecay != 0 && decoupled;
        Map<String, Tensor> st = mutableState(p);
        Tensor stepT = st.get(STEP);
        if (stepT == null) {
            stepT = Tensor.full(0.0, DType.FLOAT64);
            st.put(STEP, stepT);
            st.put(EXP_AVG, Tensor.zeros(p.dtype(), p.shape()));
            st.put(EXP_AVG_SQ, Tensor.zeros(p.dtype(), p.shape()));
        }
        if (amsgrad && st.get(MAX_EXP_AVG_SQ) == null) {
            // amsgrad from the start, or switched on later (where PyTorch would fail)
            st.put(MAX_EXP_AVG_SQ, Tensor.zeros(p.dtype(), p.shape()));
        }
        double step = ++stepT.storage()[0];
        // Math.pow, not StrictMath.pow: both are within an ulp of C's pow, and
        // StrictMath.pow allocates on JDK 17 (steps must not allocate)
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double negStepSize = -(lr / biasCorrection1);
        double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

        // FLOAT32 parameters: computed on double copies, stored back rounded (see Updates.store)
        double[] x = p.doubles();
        double[] gr = grad.doubles();
        double[] m = st.get(EXP_AVG).doubles();
        double[] v = st.get(EXP_AVG_SQ).doubles();
        double[] vMax = amsgrad ? st.get(MAX_EXP_AVG_SQ).doubles() : v;
        double w = 1 - beta1;
        for (int i = 0; i < x.length; i++) {
            double g = maximize ? -gr[i] : gr[i];
            if (coupledDecay) {
                g = g + weightDecay * x[i];
            } else if (decoupledDecay) {
                x[i] = x[i] * decay;
            }
            double mi = lerp(m[i], g, w);
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
        store(p, x);
        store(st.get(EXP_AVG), m);
        store(st.get(EXP_AVG_SQ), v);
        if (amsgrad) {
            store(st.get(MAX_EXP_AVG_SQ), vMax);
        }
    }
}
