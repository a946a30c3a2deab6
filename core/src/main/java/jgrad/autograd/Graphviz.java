package jgrad.autograd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jgrad.Shape;
import jgrad.Tensor;

/**
 * Draws the recorded graph of a tensor in Graphviz DOT, micrograd-style: a box per op, an
 * ellipse per leaf with its shape (and values and grad when small), edges in data-flow order.
 */
public final class Graphviz {
    private static final int SMALL = 6;

    private Graphviz() {}

    /**
     * The DOT text of {@code output}'s graph.
     *
     * @param output the tensor whose history to draw
     * @return a {@code digraph} in DOT syntax
     */
    public static String dot(Tensor output) {
        List<Node> nodes = Engine.reachable(output);
        nodes.sort(Comparator.comparingLong(Node::sequenceNumber));
        Map<Object, String> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph jgrad {\n  rankdir=LR;\n  node [fontname=\"monospace\"];\n");
        for (Node n : nodes) {
            String id = "op" + n.sequenceNumber();
            ids.put(n, id);
            sb.append("  ").append(id).append(" [shape=box, style=filled, fillcolor=lightblue, label=\"")
                    .append(n.name()).append("\\n").append(Shape.str(n.outputShape())).append("\"];\n");
        }
        List<String> edges = new ArrayList<>();
        for (Node n : nodes) {
            for (Tensor in : n.inputArray()) {
                String from;
                if (in.gradFn() != null) {
                    from = ids.get(in.gradFn());
                } else {
                    from = ids.get(in);
                    if (from == null) {
                        from = "t" + ids.size();
                        ids.put(in, from);
                        sb.append("  ").append(from).append(" [shape=ellipse, label=\"").append(label(in))
                                .append("\"").append(in.requiresGrad() ? ", style=filled, fillcolor=lightyellow" : "")
                                .append("];\n");
                    }
                }
                edges.add("  " + from + " -> " + ids.get(n) + ";\n");
            }
        }
        if (output.gradFn() != null) {
            sb.append("  out [shape=ellipse, style=bold, label=\"").append(label(output)).append("\"];\n");
            edges.add("  " + ids.get(output.gradFn()) + " -> out;\n");
        }
        edges.forEach(sb::append);
        return sb.append("}\n").toString();
    }

    /**
     * Writes the DOT file and, when Graphviz's {@code dot} is installed and the name ends in
     * {@code .svg} or {@code .png}, renders it.
     *
     * @param output the tensor whose history to draw
     * @param file a {@code .dot}, {@code .svg} or {@code .png} path
     * @return true when the requested file was written (false: only the {@code .dot} beside it,
     *     because {@code dot} is not installed)
     * @throws IOException if writing fails
     */
    public static boolean write(Tensor output, Path file) throws IOException {
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!ext.equals("svg") && !ext.equals("png")) {
            Files.writeString(file, dot(output), StandardCharsets.UTF_8);
            return true;
        }
        Path dotFile = file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".dot");
        Files.writeString(dotFile, dot(output), StandardCharsets.UTF_8);
        try {
            Process p = new ProcessBuilder("dot", "-T" + ext, dotFile.toString(), "-o", file.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false; // Graphviz not installed: the .dot is there
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String label(Tensor t) {
        StringBuilder sb = new StringBuilder(Shape.str(t.shape()));
        if (t.numel() <= SMALL) {
            sb.append("\\ndata ").append(values(t));
            if ((t.isLeaf() || t.gradFn().retains(t)) && t.grad() != null) { // no non-leaf warning
                sb.append("\\ngrad ").append(values(t.grad()));
            }
        }
        return sb.toString();
    }

    private static String values(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        double[] d = t.doubles();
        for (int i = 0; i < d.length; i++) {
            sb.append(i > 0 ? ", " : "").append(!t.dtype().isFloatingPoint() ? Long.toString((long) d[i])
                    : String.format(Locale.ROOT, "%.4f", d[i]));
        }
        return sb.append(']').toString();
    }
}
