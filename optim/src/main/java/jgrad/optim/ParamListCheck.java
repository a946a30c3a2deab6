package jgrad.optim;

import java.util.IdentityHashMap;
import java.util.List;
import jgrad.DType;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * The checks of a parameter list given to an optimizer ({@link Optimizer#addParamGroup}):
 * non-empty, no nulls, FLOAT64 leaves that require grad, no tensor twice in the list or already
 * in one of the optimizer's groups.
 */
final class ParamListCheck {
    private ParamListCheck() {}

    /**
     * Throws an {@link IllegalArgumentException} naming the first bad parameter, if any.
     *
     * @param who the optimizer's name, for the message
     * @param params the new group's parameters
     * @param groups the optimizer's existing groups
     */
    static void check(String who, List<Tensor> params, List<ParamGroup> groups) {
        if (params == null) {
            throw new IllegalArgumentException(who + ": the parameter list is null");
        }
        if (params.isEmpty()) {
            throw new IllegalArgumentException(who + ": optimizer got an empty parameter list");
        }
        IdentityHashMap<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(who + ": params[" + i + "] is null");
            }
            String what = "params[" + i + "] (shape " + Shape.str(p.shape()) + ")";
            if (p.dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException(who + ": " + what + " is " + p.dtype()
                        + "; only FLOAT64 tensors can be optimized");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(who + ": can't optimize a non-leaf tensor: " + what
                        + " was made by " + p.gradFn().name() + "; optimize the leaf it came from, or detach() it");
            }
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(who + ": " + what
                        + " does not require grad; call requiresGrad(true) on it first");
            }
            Integer first = seen.put(p, i);
            if (first != null) {
                throw new IllegalArgumentException(who + ": duplicate parameter: params[" + first + "] and params["
                        + i + "] are the same tensor");
            }
            int g = groupOf(groups, p);
            if (g >= 0) {
                throw new IllegalArgumentException(who + ": duplicate parameter: " + what
                        + " is already in parameter group " + g);
            }
        }
    }

    /**
     * The index of the group holding a parameter (by identity), or -1.
     *
     * @param groups the groups
     * @param p the parameter
     * @return the group's index, or -1
     */
    static int groupOf(List<ParamGroup> groups, Tensor p) {
        for (int g = 0; g < groups.size(); g++) {
            for (Tensor q : groups.get(g).params()) {
                if (q == p) {
                    return g;
                }
            }
        }
        return -1;
    }
}
