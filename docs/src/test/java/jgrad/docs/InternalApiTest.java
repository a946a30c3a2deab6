package jgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jgrad.Internal;
import jgrad.Tensor;
import jgrad.autograd.Node;
import org.junit.jupiter.api.Test;

/**
 * Public members that are not API are marked: each carries {@link Internal} and says so first in
 * its javadoc, and the user's cheat sheet (docs/06) never shows them.
 */
class InternalApiTest {
    // accumulateGrad, accumulateOwnedGrad, attachGradFn, bumpVersion and wrapUnchecked left
    // Tensor's face for jgrad.internal.TensorInternals (a package core's module does not export)
    private static final Set<String> TENSOR_INTERNALS = Set.of("doubles", "floatStorage", "shapeArray", "storage", "viewUnrecorded");

    private static Set<String> internals(Class<?> c) {
        Set<String> names = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(Internal.class)) {
                names.add(m.getName());
            }
        }
        return names;
    }

    @Test
    void tensorsAndNodesInternalsCarryTheAnnotation() {
        assertEquals(new TreeSet<>(TENSOR_INTERNALS), internals(Tensor.class));
        assertEquals(new TreeSet<>(Set.of("ownsGradients", "retain", "retains")), internals(Node.class));
        assertTrue(Internal.class.isAnnotationPresent(java.lang.annotation.Documented.class), "shown in javadoc");
    }

    /** Every public method whose javadoc starts with "Internal" in core's sources is annotated, and vice versa. */
    @Test
    void javadocAndAnnotationAgreeInCoresSources() throws IOException {
        Path src = GuidesTest.docsDir().resolveSibling("core").resolve("src/main/java");
        Pattern member = Pattern.compile("/\\*\\*\\s*\\*?\\s*(Internal\\b[^\\n]*)?[^/]*?\\*/\\s*((?:@\\w+\\s+)*)"
                + "public [^(=;{]*?(\\w+)\\(");
        List<String> wrong = new ArrayList<>();
        int marked = 0;
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Matcher m = member.matcher(Files.readString(f));
                while (m.find()) {
                    boolean saysInternal = m.group(1) != null;
                    boolean annotated = m.group(2).contains("@Internal");
                    if (saysInternal && !m.group(1).contains("not part of jgrad's API")) {
                        wrong.add(f.getFileName() + " " + m.group(3) + ": javadoc does not say 'not part of jgrad's API'");
                    }
                    if (saysInternal != annotated) {
                        wrong.add(f.getFileName() + " " + m.group(3) + (annotated ? ": @Internal, javadoc does not say so"
                                : ": javadoc says Internal, no @Internal"));
                    }
                    marked += annotated ? 1 : 0;
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(marked >= TENSOR_INTERNALS.size() + 3, "found only " + marked + " @Internal members in " + src);
    }

    @Test
    void theCheatSheetShowsNoInternals() throws IOException {
        String sheet = Files.readString(GuidesTest.docsDir().resolve("06-from-pytorch.md"));
        for (Class<?> c : List.of(Tensor.class, Node.class)) {
            for (String name : internals(c)) {
                assertFalse(sheet.contains(name + "("), "06-from-pytorch.md shows the internal " + c.getSimpleName()
                        + "." + name);
            }
        }
        for (Method m : Tensor.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(Internal.class)) {
                assertFalse(sheet.contains("Tensor." + m.getName()), m.getName());
            }
        }
    }
}
