package jgrad.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

/**
 * The methods each method of a compiled class calls, one entry per call site, read with the
 * JDK's own disassembler ({@code javap -c -p}, run in-process). Callees are written
 * {@code owner/Class.name}, e.g. {@code java/lang/Math.exp}; methods are keyed by their javap
 * header, e.g. {@code expSum(double[], int, int, int, double, double[])}. Shared with nn's tests
 * through core's test-jar.
 */
public final class CallSites {
    private CallSites() {}

    /**
     * Reads a class.
     *
     * @param cls the class
     * @return for each method, the callees of its call sites in order
     */
    public static Map<String, List<String>> of(Class<?> cls) {
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new AssertionError("javap not found: these tests need a JDK, not a JRE"));
        URL url = cls.getResource(cls.getSimpleName() + ".class");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = javap.run(new PrintWriter(out), new PrintWriter(err), "-c", "-p", url.toString());
        if (rc != 0) {
            throw new AssertionError("javap " + url + " failed (" + rc + "): " + err);
        }
        String owner = cls.getName().replace('.', '/');
        Map<String, List<String>> calls = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : out.toString().split("\\R")) {
            if (line.startsWith("  ") && !line.startsWith("   ") && line.endsWith(");")) {
                String head = line.substring(0, line.indexOf('('));
                String name = head.substring(head.lastIndexOf(' ') + 1);
                current = new ArrayList<>();
                calls.put(name + line.substring(line.indexOf('('), line.length() - 1), current);
            } else if (current != null && (line.contains("// Method ") || line.contains("// InterfaceMethod "))) {
                String callee = line.substring(line.indexOf("Method ") + "Method ".length(), line.lastIndexOf(':'));
                current.add(callee.contains(".") || callee.contains("/") ? callee : owner + "." + callee);
            }
        }
        if (calls.isEmpty()) {
            throw new AssertionError("no methods read from javap's output for " + cls + ":\n" + out);
        }
        return calls;
    }

    /**
     * The callees of the one method of that name.
     *
     * @param calls what {@link #of} read
     * @param name a method name
     * @return its callees
     * @throws AssertionError if there is no such method, or more than one
     */
    public static List<String> method(Map<String, List<String>> calls, String name) {
        List<String> found = null;
        for (Map.Entry<String, List<String>> e : calls.entrySet()) {
            if (e.getKey().startsWith(name + "(")) {
                if (found != null) {
                    throw new AssertionError("several methods named " + name + ": " + calls.keySet());
                }
                found = e.getValue();
            }
        }
        if (found == null) {
            throw new AssertionError("no method " + name + " in " + calls.keySet());
        }
        return found;
    }

    /**
     * How many call sites of {@code callee} the given method has.
     *
     * @param callees a method's callees
     * @param callee the one to count
     * @return the count
     */
    public static long count(List<String> callees, String callee) {
        return callees.stream().filter(callee::equals).count();
    }
}
