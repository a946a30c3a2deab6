package jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jgrad.Tensor;

/** The parameter groups a builder's {@code paramGroup(params, overrides)} collects, added when it builds. */
final class ExtraGroups {
    private final List<List<Tensor>> params = new ArrayList<>();
    private final List<Map<String, Double>> overrides = new ArrayList<>();

    void add(List<Tensor> groupParams, Map<String, Double> groupOverrides) {
        params.add(groupParams);
        overrides.add(groupOverrides);
    }

    /**
     * Adds the collected groups to a newly built optimizer, in order.
     *
     * @param <O> the optimizer's type
     * @param opt the optimizer
     * @return {@code opt}
     */
    <O extends Optimizer> O addTo(O opt) {
        for (int i = 0; i < params.size(); i++) {
            opt.addParamGroup(params.get(i), overrides.get(i));
        }
        return opt;
    }
}
