package jgrad.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule the guides state (06, "Import Module by name"): with only {@code import jgrad.nn.*;},
 * {@code class Net extends Module} is ambiguous with {@code java.lang.Module}; adding
 * {@code import jgrad.nn.Module;} fixes it, and no other jgrad class needs that.
 */
class ModuleImportTest {
    private static final String NET = "public class Net extends Module {\n"
            + "    private final Linear fc = registerModule(\"fc\", new Linear(2, 1));\n"
            + "    @Override public Tensor forward(Tensor x) { return fc.forward(x); }\n"
            + "    public static void main(String[] a) { new Net(); new Sequential(new ReLU()); new SGD(List.of(), 0.1); }\n"
            + "}\n";

    /** javac's messages for Net.java with these imports, empty if it compiles. */
    private static String compile(Path dir, String imports) throws Exception {
        Path src = dir.resolve("Net.java");
        Files.writeString(src, imports + NET);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        var fm = javac.getStandardFileManager(null, null, null);
        boolean ok = javac.getTask(messages, fm, null, List.of("-classpath", System.getProperty("java.class.path"),
                "--release", "17", "-d", dir.toString()), null, fm.getJavaFileObjects(src)).call();
        fm.close();
        return ok ? "" : messages.toString();
    }

    @Test
    void wildcardImportsNeedModuleByName(@TempDir Path dir) throws Exception {
        String wildcards = "import jgrad.*;\nimport jgrad.nn.*;\nimport jgrad.optim.*;\nimport java.util.*;\n";
        String clash = compile(dir, wildcards);
        assertTrue(clash.contains("reference to Module is ambiguous"), clash);
        assertTrue(clash.contains("java.lang.Module") && clash.contains("jgrad.nn.Module"), clash);
        assertEquals("", compile(dir, wildcards + "import jgrad.nn.Module;\n"));
    }
}
