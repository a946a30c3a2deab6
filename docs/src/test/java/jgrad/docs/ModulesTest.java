package jgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors of core, nn and optim (tests run on the class path, so this is where
 * they are checked): their names, what each exports (the public packages only; {@code jgrad.ops}
 * to {@code jgrad.nn} and {@code jgrad.internal} to {@code jgrad.optim}), a user module that
 * compiles against the public packages and cannot see the internal ones, and a training step
 * run in a module layer built from the jars.
 */
class ModulesTest {
    private static Path location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The library's jars. The descriptors go into the jars only (prepare-package; target/classes
     * has none), so where the reactor hands this module class directories (mvn test) the checks
     * are skipped: mvn verify runs them.
     */
    private static ModuleFinder finder() throws Exception {
        Path[] jars = {location(jgrad.Tensor.class), location(jgrad.nn.Module.class), location(jgrad.optim.SGD.class)};
        for (Path jar : jars) {
            assumeTrue(jar.toString().endsWith(".jar"), "module descriptors are in the jars (mvn verify); got " + jar);
        }
        return ModuleFinder.of(jars);
    }

    private static ModuleDescriptor descriptor(String name) throws Exception {
        return finder().find(name).orElseThrow(() -> new AssertionError("no module " + name)).descriptor();
    }

    /** Package to the modules it is exported to ("*" for everyone). */
    private static Map<String, String> exports(ModuleDescriptor d) {
        Map<String, String> m = new TreeMap<>();
        for (ModuleDescriptor.Exports e : d.exports()) {
            m.put(e.source(), e.isQualified() ? String.join(",", new TreeSet<>(e.targets())) : "*");
        }
        return m;
    }

    @Test
    void theLibraryModulesExportTheirPublicPackagesOnly() throws Exception {
        ModuleDescriptor core = descriptor("jgrad.core");
        assertFalse(core.isAutomatic(), "jgrad.core has a module-info");
        assertEquals(Map.of("jgrad", "*", "jgrad.autograd", "*", "jgrad.data", "*", "jgrad.io", "*",
                "jgrad.ops", "jgrad.nn", "jgrad.internal", "jgrad.nn,jgrad.optim"), exports(core));
        assertTrue(core.packages().containsAll(Set.of("jgrad.kernel", "jgrad.ops", "jgrad.internal")),
                "the internal packages are in the module: " + core.packages());
        Set<String> ejml = core.requires().stream().filter(r -> r.name().startsWith("ejml"))
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("ejml.simple", "ejml.core"), ejml, "EJML is optional: requires static");
        for (String m : List.of("jgrad.nn", "jgrad.optim")) {
            ModuleDescriptor d = descriptor(m);
            assertEquals(Map.of(m, "*"), exports(d), m);
            assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("jgrad.core")
                    && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)), m + " requires transitive jgrad.core");
        }
    }

    /** javac's messages for a module {@code app} whose one class has {@code body}, empty if it compiles. */
    private static String compileApp(Path dir, String imports, String body) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires jgrad.nn; requires jgrad.optim; }\n");
        Files.writeString(src.resolve("app/Main.java"), "package app;\n" + imports
                + "public class Main { public static void main(String[] a) { " + body + " } }\n");
        finder(); // the jars, or skip
        String modulePath = String.join(java.io.File.pathSeparator, location(jgrad.Tensor.class).toString(),
                location(jgrad.nn.Module.class).toString(), location(jgrad.optim.SGD.class).toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        var fm = javac.getStandardFileManager(null, null, null);
        boolean ok = javac.getTask(messages, fm, null, List.of("--module-path", modulePath, "--release", "17",
                "-d", dir.resolve("out").toString()), null,
                fm.getJavaFileObjects(src.resolve("module-info.java"), src.resolve("app/Main.java"))).call();
        fm.close();
        return ok ? "" : messages.toString();
    }

    @Test
    void aUserModuleSeesThePublicPackagesOnly(@TempDir Path dir) throws Exception {
        assertEquals("", compileApp(dir.resolve("ok"), "import jgrad.Tensor;\nimport jgrad.nn.Linear;\n"
                + "import jgrad.optim.SGD;\nimport jgrad.autograd.Autograd;\n",
                "Linear l = new Linear(2, 1); new SGD(l.parameters(), 0.1); Autograd.isGradEnabled();"
                + " Tensor.of(1.0).add(1.0);"));
        for (String hidden : List.of("jgrad.ops.LinAlg", "jgrad.kernel.Gemm", "jgrad.internal.TensorInternals")) {
            String msg = compileApp(dir.resolve(hidden), "import " + hidden + ";\n", "");
            String pkg = hidden.substring(0, hidden.lastIndexOf('.'));
            assertTrue(msg.contains("package " + pkg + " is not visible")
                    || msg.contains("package " + pkg + " is declared in module jgrad.core, which does not export it"),
                    hidden + ": " + msg);
        }
    }

    @Test
    void aTrainingStepRunsInAModuleLayer() throws Throwable {
        // EJML's simple and core jars (automatic modules) join the layer: reflection on Tensor
        // resolves every public signature, from(SimpleMatrix) included. (Not all of EJML: its
        // sparse jars split a package, which the module path refuses.)
        Path[] ejml = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().matches("ejml-(simple|core)-.*\\.jar"))
                .toArray(Path[]::new);
        Set<String> roots = new TreeSet<>(Set.of("jgrad.nn", "jgrad.optim"));
        ModuleFinder.of(ejml).findAll().forEach(m -> roots.add(m.descriptor().name()));
        assertTrue(roots.contains("ejml.simple"), "EJML on the test class path: " + roots);
        ModuleLayer boot = ModuleLayer.boot();
        Configuration cf = boot.configuration().resolve(ModuleFinder.compose(finder(), ModuleFinder.of(ejml)),
                ModuleFinder.of(), roots);
        ModuleLayer layer = boot.defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        Module core = layer.findModule("jgrad.core").orElseThrow();
        Module nn = layer.findModule("jgrad.nn").orElseThrow();
        Module optim = layer.findModule("jgrad.optim").orElseThrow();
        assertFalse(core.isExported("jgrad.internal"));
        assertTrue(core.isExported("jgrad.internal", optim));
        assertFalse(core.isExported("jgrad.ops"));
        assertTrue(core.isExported("jgrad.ops", nn));
        assertFalse(core.isExported("jgrad.kernel"));

        ClassLoader loader = layer.findLoader("jgrad.core");
        Class<?> tensor = loader.loadClass("jgrad.Tensor");
        assertEquals(core, tensor.getModule());
        assertNotEquals(jgrad.Tensor.class, tensor, "the layer's own Tensor, not the class path's");
        // a method handle, as compiled code links it (Method.invoke refuses a static inherited
        // from Tensor's package-private bases)
        Object x = java.lang.invoke.MethodHandles.publicLookup().findStatic(tensor, "of",
                java.lang.invoke.MethodType.methodType(tensor, double[][].class))
                .invoke((Object) new double[][] {{1, 2}, {3, 4}});
        Class<?> linearClass = loader.loadClass("jgrad.nn.Linear");
        Object linear = linearClass.getConstructor(int.class, int.class).newInstance(2, 1);
        Object y = linearClass.getMethod("forward", tensor).invoke(linear, x);
        Object loss = tensor.getMethod("sum").invoke(y);
        tensor.getMethod("backward").invoke(loss);
        List<?> params = (List<?>) linearClass.getMethod("parameters").invoke(linear);
        Object weight = params.get(0);
        double[] before = (double[]) tensor.getMethod("toArray").invoke(weight);
        double[] grad = (double[]) tensor.getMethod("toArray").invoke(tensor.getMethod("grad").invoke(weight));
        assertEquals(List.of(4.0, 6.0), List.of(grad[0], grad[1]), "d sum(x W^T + b) / dW = column sums of x");
        Object sgd = loader.loadClass("jgrad.optim.SGD").getConstructor(List.class, double.class).newInstance(params, 0.5);
        sgd.getClass().getMethod("step").invoke(sgd);
        double[] after = (double[]) tensor.getMethod("toArray").invoke(weight);
        assertEquals(before[0] - 2.0, after[0], 1e-12, "SGD stepped through jgrad.internal, exported to jgrad.optim");
        assertEquals(before[1] - 3.0, after[1], 1e-12);
        assertEquals(1, (int) tensor.getMethod("version").invoke(weight), "the step bumped the version");
    }
}
