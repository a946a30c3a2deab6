package jgrad.optim;

import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * Adam, like {@code torch.optim.Adam}, with AMSGrad and maximize.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor Adam ({@code t} counts this parameter's steps from 1):
 * <pre>
 * g = maximize ? -grad : grad
 * if weight_decay != 0:  g = g + weight_decay * p          (L2 penalty; see AdamW for decoupled)
 * m = lerp(m, g, 1 - beta1)                                (m + (1 - beta1) * (g - m))
 * v = beta2 * v + (1 - beta2) * g * g
 * if amsgrad:  v_max = max(v_max, v), and v_max replaces v below
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p = p - lr / (1 - beta1^t) * m / denom
 * </pre>
 * State per parameter: {@code "step"} (0-D), {@code "exp_avg"}, {@code "exp_avg_sq"} and, with
 * AMSGrad, {@code "max_exp_avg_sq"}; allocated on the parameter's first step only.
 *
 * <p>Hyperparameters (per {@link ParamGroup}), with PyTorch's defaults: {@code "lr"} (1e-3),
 * {@code "beta1"} (0.9), {@code "beta2"} (0.999) (PyTorch's {@code betas}), {@code "eps"}
 * (1e-8), {@code "weight_decay"} (0), {@code "amsgrad"} (0), {@code "maximize"} (0).
 */
public final class Adam extends AdamBase {
    /** Adam's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES = AdamBase.OPTION_NAMES;

    /**
     * Adam with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay.
     *
     * @param params the parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that require
     *     grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public Adam(List<Tensor> params) {
        this(params, AdamBase.options(1e-3, 0.9, 0.999, 1e-8, 0.0, false, false));
    }

    /**
     * Adam with the given learning rate and PyTorch's other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public Adam(List<Tensor> params, double lr) {
        this(params, AdamBase.options(lr, 0.9, 0.999, 1e-8, 0.0, false, false));
    }

    Adam(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults, false);
    }

    /**
     * A builder for Adam with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static AdamBuilder<Adam> builder(List<Tensor> params) {
        return new AdamBuilder<>(params, 0.0, Adam::new);
    }
}
