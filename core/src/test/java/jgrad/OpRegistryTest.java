package jgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Walks {@link OpRegistry}: every op is gradchecked and gradgradchecked. */
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
    }

    @Test
    void everyPublicTensorOpIsRegistered() {
        Set<String> registered = OpRegistry.all().stream().map(OpRegistry.OpInfo::method).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Method m : Tensor.class.getMethods()) {
            if (m.getReturnType() == Tensor.class && !Modifier.isStatic(m.getModifiers())
                    && !registered.contains(m.getName()) && !OpRegistry.NOT_OPS.contains(m.getName())) {
                missing.add(m.getName());
            }
        }
        if (!registered.contains("cat")) {
            missing.add("cat");
        }
        assertEquals(Set.of(), missing, "Tensor ops without an OpRegistry entry");
    }
}
