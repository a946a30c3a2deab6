package jgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks {@link OpRegistry}: every op is gradchecked and gradgradchecked, records the node named
 * after it, and each op's error inputs fail with the type and message fragments they list.
 */
class OpRegistryTest {
    static Stream<OpRegistry.OpInfo> ops() {
        return OpRegistry.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradcheck(OpRegistry.OpInfo op) {
        assertTrue(GradCheck.gradcheck(op.f(), op.inputs()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void gradgradcheck(OpRegistry.OpInfo op) {
        assertTrue(GradCheck.gradgradcheck(op.f(), op.inputs()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void outputRecordsItsOp(OpRegistry.OpInfo op) {
        Tensor y = op.f().apply(op.inputs());
        assertTrue(y.requiresGrad(), op.label() + " output should require grad");
        assertNotNull(y.gradFn(), op.label() + " output should have a grad_fn");
        assertFalse(y.isLeaf(), op.label() + " output should not be a leaf");
        assertEquals(op.backwardName(), y.gradFn().name(), op.label() + ": the node the output records");
        assertArrayEquals(y.shape(), y.gradFn().outputShape(), op.label() + ": the node's output shape");
    }

    static Stream<ErrorInputs.ErrorInput> errorInputs() {
        return OpRegistry.all().stream().flatMap(op -> op.errorInputs().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorInputs")
    void errorInputFailsWithAClearMessage(ErrorInputs.ErrorInput bad) {
        RuntimeException e = assertThrows(bad.type(), bad.call()::get, bad.label());
        for (String fragment : bad.fragments()) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                    bad.label() + ": the message should contain \"" + fragment + "\": " + e.getMessage());
        }
    }

    @Test
    void theBinaryShapeReductionSoftmaxIndexingAndProductOpsHaveErrorInputs() {
        Set<String> with = OpRegistry.all().stream().filter(op -> !op.errorInputs().isEmpty()).map(OpRegistry.OpInfo::method)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String m : List.of("add(Tensor)", "sub(Tensor)", "mul(Tensor)", "div(Tensor)", "minimum", "maximum", "where",
                "reshape", "view", "expand", "transpose", "permute", "sum(int,boolean)", "mean(int,boolean)", "max",
                "logSumExp", "softmax", "logSoftmax", "gather", "indexSelect(Tensor)", "matmul", "addmm", "cat",
                "conv2d")) {
            assertTrue(with.contains(m), m + " should have error inputs");
        }
    }

    /** {@code add(Tensor)}, {@code sum(int,boolean)}, {@code reshape(int[])}: one overload's signature. */
    static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    @Test
    void everyPublicTensorOpOverloadIsRegistered() {
        Map<String, List<String>> overloads = new TreeMap<>();
        for (Method m : Tensor.class.getMethods()) {
            if (m.getReturnType() == Tensor.class && !Modifier.isStatic(m.getModifiers())) {
                overloads.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(signature(m));
            }
        }
        Set<String> covered = new TreeSet<>(OpRegistry.NOT_OPS);
        Set<String> ambiguous = new TreeSet<>();
        for (OpRegistry.OpInfo op : OpRegistry.all()) {
            String method = op.method();
            if (method.contains("(")) {
                covered.add(method);
            } else if (overloads.getOrDefault(method, List.of()).size() > 1) {
                ambiguous.add(op.label() + " names " + method + ", which has overloads " + overloads.get(method));
            } else {
                covered.addAll(overloads.getOrDefault(method, List.of(method)));
            }
        }
        Set<String> missing = new TreeSet<>();
        overloads.values().forEach(sigs -> sigs.stream().filter(sig -> !covered.contains(sig)).forEach(missing::add));
        for (String factory : List.of("cat", "stack")) { // the static ops
            if (OpRegistry.all().stream().noneMatch(op -> op.method().equals(factory))) {
                missing.add(factory + "(List,int)");
            }
        }
        assertEquals(Set.of(), ambiguous, "registry entries must give the signature of an overloaded method");
        assertEquals(Set.of(), missing, "Tensor ops without an OpRegistry entry (or a NOT_OPS signature)");
    }

    @Test
    void notOpsNameRealMethods() {
        Set<String> all = Arrays.stream(Tensor.class.getMethods()).map(OpRegistryTest::signature)
                .collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>(OpRegistry.NOT_OPS);
        stale.removeAll(all);
        assertEquals(Set.of(), stale, "NOT_OPS lists signatures Tensor does not have");
    }

    @Test
    void viewRecordsItsBackward() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor v = x.view(3, -1);
        assertEquals("ViewBackward", v.gradFn().name());
        v.mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum().backward();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0),
                Arrays.stream(x.grad().toArray()).boxed().toList());
    }
}
