package jgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

/** Compiles and runs every Java block of every guide in docs/, checking shown output. */
class GuidesTest {
    static final String IMPORTS = "import jgrad.*;\nimport jgrad.autograd.*;\nimport jgrad.nn.*;\n"
            + "import jgrad.optim.*;\nimport java.util.*;\n";

    static Path docsDir() {
        return Path.of(System.getProperty("jgrad.docs.dir", "."));
    }

    @TestFactory
    Stream<DynamicTest> guides() throws IOException {
        List<Path> guides;
        try (Stream<Path> s = Files.list(docsDir())) {
            guides = s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
        assertFalse(guides.isEmpty(), "no guides found in " + docsDir());
        List<DynamicTest> tests = new ArrayList<>();
        for (Path g : guides) {
            List<Snippets.Block> blocks = Snippets.parse(g);
            tests.add(DynamicTest.dynamicTest(g.getFileName().toString(), () -> runGuide(blocks)));
        }
        return tests.stream();
    }

    /** Runs a guide's blocks in order; file blocks stay visible to later blocks. */
    static void runGuide(List<Snippets.Block> blocks) throws Exception {
        Map<String, String> files = new HashMap<>();
        int n = 0;
        for (Snippets.Block b : blocks) {
            if (b.isFile()) {
                String name = b.fileName().replace(".java", "");
                files.put(name, IMPORTS + b.code());
                compile(files, b); // compiles on its own too, so errors point here
                continue;
            }
            String cls = "Snippet" + (n++);
            Map<String, String> units = new HashMap<>(files);
            units.put(cls, IMPORTS + "public class " + cls + " {\n  public static void main(String[] args) "
                    + "throws Exception {\n" + b.code() + "\n  }\n}\n");
            ClassLoader loader = compile(units, b);
            if (b.kind().contains("compile-only")) {
                continue;
            }
            String out = run(loader, cls, b);
            if (b.expectedOutput() != null) {
                assertEquals(normalise(b.expectedOutput()), normalise(out), "output of the block at " + b);
            }
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

    static ClassLoader compile(Map<String, String> units, Snippets.Block b) throws IOException {
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
        for (Map.Entry<String, String> u : units.entrySet()) {
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + u.getKey() + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return u.getValue();
                }
            });
        }
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "--release", "17",
                "-Xlint:all,-try", "-Werror");
        boolean ok = javac.getTask(null, fm, diags, options, null, sources).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("the block at " + b + " does not compile:\n");
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                sb.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            fail(sb.toString());
        }
        return new ClassLoader(GuidesTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream o = classes.get(name);
                if (o == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = o.toByteArray();
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }
}
