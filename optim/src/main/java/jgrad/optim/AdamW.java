package jgrad.optim;

import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/**
 * AdamW (Adam with decoupled weight decay), like {@code torch.optim.AdamW}, with AMSGrad and
 * maximize.
 *
 * <p>Each step, for each parameter {@code p} with a gradient, exactly as current PyTorch's
 * single-tensor Adam ({@code t} counts this parameter's steps from 1):
 * <pre>
 * g = maximize ? -grad : grad
 * p = p * (1 - lr * weight_decay)                          (decoupled weight decay)
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
 * (1e-8), {@code "weight_decay"} (1e-2), {@code "amsgrad"} (0), {@code "maximize"} (0). The update
 * is {@link Adam}'s except for how weight decay enters.
 */
public final class AdamW extends AdamBase {
    /** AdamW's hyperparameter names, in order. */
    public static final List<String> OPTION_NAMES = AdamBase.OPTION_NAMES;

    /**
     * AdamW with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
     *
     * @param params the parameters: non-empty, floating (FLOAT32 or FLOAT64) leaves that require
     *     grad, no duplicates
     * @throws IllegalArgumentException for invalid parameters
     */
    public AdamW(List<Tensor> params) {
        this(params, AdamBase.options(1e-3, 0.9, 0.999, 1e-8, 1e-2, false, false));
    }

    /**
     * AdamW with the given learning rate and PyTorch's other defaults.
     *
     * @param params the parameters
     * @param lr the learning rate, at least 0
     * @throws IllegalArgumentException for invalid parameters or a negative {@code lr}
     */
    public AdamW(List<Tensor> params, double lr) {
        this(params, AdamBase.options(lr, 0.9, 0.999, 1e-8, 1e-2, false, false));
    }

    AdamW(List<Tensor> params, Map<String, Double> defaults) {
        super(params, defaults, true);
    }

    /**
     * A builder for AdamW with the given parameters and PyTorch's defaults.
     *
     * @param params the parameters of the first group
     * @return a new builder
     */
    public static AdamBuilder<AdamW> builder(List<Tensor> params) {
        return new AdamBuilder<>(params, 1e-2, AdamW::new);
    }
}
