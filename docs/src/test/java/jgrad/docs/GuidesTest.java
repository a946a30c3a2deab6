package jgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles and runs every Java block of every guide in docs/, checking shown output (see
 * {@link Snippets} for the conventions).
 *
 * <p>Each run block gets its own copy of jgrad's classes, so it behaves like a fresh
 * {@code java} program: the default generator starts from its built-in seed, the tape's
 * sequence numbers start at 1, and nothing a block leaves behind reaches the next one. A
 * {@code // file:} class with JUnit tests is run with the JUnit Platform launcher; every test
 * must pass.
 *
 * <p>{@code mvn -o -pl docs test -Djgrad.docs.update=true} writes what each block printed into
 * its {@code ```output} block instead of comparing (read the diff before committing it).
 */
class GuidesTest {
    /**
     * The imports every block gets: wildcards only, as a user would write them. A block that names
     * {@code Module} imports {@code jgrad.nn.Module} itself (java.lang.Module clashes with the
     * wildcard), as the guides tell users to.
     */
    static final String IMPORTS = "import jgrad.*;\nimport jgrad.autograd.*;\nimport jgrad.data.*;\n"
            + "import jgrad.io.*;\nimport jgrad.nn.*;\nimport jgrad.optim.*;\n"
            + "import java.nio.file.*;\nimport java.util.*;\n";
    static final int IMPORT_LINES = (int) IMPORTS.lines().count();

    static Path docsDir() {
        return Path.of(System.getProperty("jgrad.docs.dir", "."));
    }

    static boolean updating() {
        return Boolean.getBoolean("jgrad.docs.update");
    }

    @TestFactory
    Stream<DynamicTest> guides() throws IOException {
        List<Path> guides;
        try (Stream<Path> s = Files.list(docsDir())) {
            guides = s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        assertFalse(guides.isEmpty(), "no guides found in " + docsDir());
        guides.add(docsDir().resolveSibling("README.md")); // the project README's code must run too
        List<DynamicTest> tests = new ArrayList<>();
        for (Path g : guides) {
            tests.add(DynamicTest.dynamicTest(g.getFileName().toString(), () -> runGuide(g)));
        }
        return tests.stream();
    }

    /** Runs a guide's blocks in order; file blocks stay visible to later blocks. */
    static void runGuide(Path guide) throws Exception {
        List<Snippets.Block> blocks = Snippets.parse(guide);
        Map<String, Unit> files = new LinkedHashMap<>();
        Map<Snippets.Block, String> printed = new HashMap<>();
        int n = 0;
        for (Snippets.Block b : blocks) {
            if (b.isFile()) {
                String name = b.fileName().replace(".java", "");
                files.put(name, new Unit(IMPORTS + b.code(), b, IMPORT_LINES));
                Map<String, Unit> units = new HashMap<>(files);
                try (Loader loader = compile(units, b)) { // compiles on its own too, so errors point here
                    if (b.code().contains("org.junit.jupiter.api")) {
                        runTests(loader.loadClass(name), b);
                    }
                }
                continue;
            }
            String cls = "Snippet" + (n++);
            Map<String, Unit> units = new HashMap<>(files);
            units.put(cls, new Unit(IMPORTS + "public class " + cls + " {\n  public static void main(String[] args) "
                    + "throws Exception {\n" + b.code() + "\n  }\n}\n", b, IMPORT_LINES + 2));
            try (Loader loader = compile(units, b)) {
                if (b.kind().contains("compile-only")) {
                    continue;
                }
                String out = run(loader, cls, b);
                if (b.expectedOutput() == null) {
                    continue;
                }
                if (updating()) {
                    printed.put(b, out);
                } else {
                    assertEquals(normalise(b.expectedOutput()), normalise(out), "output of the block at " + b);
                }
            }
        }
        if (updating() && !printed.isEmpty()) {
            Snippets.rewriteOutputs(guide, printed);
        }
    }

    static String normalise(String s) {
        return s.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    static String run(ClassLoader loader, String cls, Snippets.Block b) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            loader.loadClass(cls).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the block at " + b + " threw " + e.getCause(), e.getCause());
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.print(out);
        return out;
    }

    /** Runs the JUnit tests of a compiled file block; fails unless some ran and all passed. */
    static void runTests(Class<?> testClass, Snippets.Block b) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(testClass)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTestsFoundCount() == 0) {
            fail("the block at " + b + " imports JUnit but has no tests");
        }
        if (summary.getTotalFailureCount() > 0) {
            StringWriter w = new StringWriter();
            summary.printFailuresTo(new PrintWriter(w), 10);
            fail("tests of the block at " + b + " failed:\n" + w);
        }
        System.out.printf("%s: %d tests passed%n", b, summary.getTestsSucceededCount());
    }

    /** A source to compile, with the block it came from and how many lines precede the block's code. */
    record Unit(String source, Snippets.Block block, int headerLines) {}

    /**
     * A class loader for one block: jgrad's classes are loaded afresh from the class path
     * (child first); the block's compiled classes are defined on top of them.
     */
    static final class Loader extends URLClassLoader {
        private final Map<String, ByteArrayOutputStream> classes;

        Loader(Map<String, ByteArrayOutputStream> classes) {
            super(classPath(), GuidesTest.class.getClassLoader());
            this.classes = classes;
        }

        private static URL[] classPath() {
            String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                try {
                    urls[i] = Path.of(entries[i]).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return urls;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            boolean fresh = classes.containsKey(name) || name.startsWith("jgrad.") && !name.startsWith("jgrad.docs.");
            if (!fresh) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            ByteArrayOutputStream o = classes.get(name);
            if (o == null) {
                return super.findClass(name);
            }
            byte[] bytes = o.toByteArray();
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    static Loader compile(Map<String, Unit> units, Snippets.Block b) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8);
        ForwardingJavaFileManager<StandardJavaFileManager> fm = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"),
                        kind) {
                    @Override
                    public java.io.OutputStream openOutputStream() {
                        ByteArrayOutputStream o = new ByteArrayOutputStream();
                        classes.put(className, o);
                        return o;
                    }
                };
            }
        };
        List<JavaFileObject> sources = new ArrayList<>();
        Map<JavaFileObject, Unit> unitOf = new HashMap<>();
        for (Map.Entry<String, Unit> u : units.entrySet()) {
            JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + u.getKey() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return u.getValue().source();
                }
            };
            sources.add(source);
            unitOf.put(source, u.getValue());
        }
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17",
                "-Xlint:all,-try", "-Werror");
        boolean ok = javac.getTask(null, fm, diags, options, null, sources).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("the block at " + b + " does not compile:\n");
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                Unit u = unitOf.get(d.getSource());
                String where = u == null ? "line " + d.getLineNumber()
                        : u.block().guide().getFileName() + ":" + (u.block().line() + d.getLineNumber()
                                - u.headerLines());
                sb.append("  ").append(where).append(": ").append(d.getMessage(null)).append('\n');
            }
            fail(sb.toString());
        }
        return new Loader(classes);
    }
}
