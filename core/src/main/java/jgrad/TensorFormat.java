package jgrad;

import java.util.Locale;

/**
 * PyTorch-like {@code toString}: {@code tensor([[0.1000, 0.2000]], gradFn=<AddBackward>)}.
 * Fixed 4 decimals, scientific when the magnitudes span too much, integers as {@code 1.},
 * and tensors over 1000 elements summarised with {@code ...} (3 items at each edge).
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {}

    static String format(Tensor t) {
        int[] shape = t.shape();
        double[] d = t.storage();
        String prefix = "tensor(";
        StringBuilder sb = new StringBuilder(prefix);
        boolean summarize = d.length > THRESHOLD;
        Style style = Style.of(t, summarize);
        if (d.length == 0) {
            sb.append("[]");
            if (shape.length != 1) {
                sb.append(", size=(");
                for (int i = 0; i < shape.length; i++) {
                    sb.append(i > 0 ? ", " : "").append(shape[i]);
                }
                sb.append(shape.length == 1 ? ",)" : ")");
            }
        } else if (shape.length == 0) {
            sb.append(style.cell(d[0]).strip());
        } else {
            block(sb, d, shape, 0, 0, style, prefix.length(), summarize);
        }
        if (t.gradFn() != null) {
            sb.append(", gradFn=<").append(t.gradFn().name()).append('>');
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void block(StringBuilder sb, double[] d, int[] shape, int dim, int offset, Style style,
            int indent, boolean summarize) {
        int n = shape[dim];
        int stride = 1;
        for (int k = dim + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        sb.append('[');
        boolean last = dim == shape.length - 1;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(last ? "..., " : "...,\n" + newline(shape, dim, indent));
                i = n - EDGE - 1;
                continue;
            }
            if (last) {
                sb.append(style.cell(d[offset + i]));
            } else {
                block(sb, d, shape, dim + 1, offset + i * stride, style, indent, summarize);
            }
            if (i < n - 1) {
                sb.append(last ? ", " : ",\n" + newline(shape, dim, indent));
            }
        }
        sb.append(']');
    }

    private static String newline(int[] shape, int dim, int indent) {
        int blank = shape.length - dim - 2; // extra blank lines between blocks of 3-D and more
        return "\n".repeat(Math.max(0, blank)) + " ".repeat(indent + dim + 1);
    }

    /** How every cell is written, chosen once from the values (as PyTorch's formatter does). */
    private static final class Style {
        final boolean integer;
        final boolean sci;
        final boolean intMode;
        final int width;

        Style(boolean integer, boolean sci, boolean intMode, int width) {
            this.integer = integer;
            this.sci = sci;
            this.intMode = intMode;
            this.width = width;
        }

        static Style of(Tensor t, boolean summarize) {
            double[] d = t.storage();
            boolean integer = t.dtype() == DType.INT64;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            boolean allInts = true;
            for (double v : d) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
                if (v != Math.rint(v)) {
                    allInts = false;
                }
            }
            boolean sci;
            if (integer) {
                sci = false;
            } else if (allInts) {
                sci = maxAbs > 1e8;
            } else {
                sci = minAbs != Double.POSITIVE_INFINITY && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || minAbs < 1e-4);
            }
            Style probe = new Style(integer, sci, allInts && !integer, 0);
            int w = 0;
            for (double v : d) {
                w = Math.max(w, probe.raw(v).length());
            }
            return new Style(integer, sci, allInts && !integer, w);
        }

        String raw(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (integer) {
                return Long.toString((long) v);
            }
            if (sci) {
                return String.format(Locale.ROOT, "%.4e", v);
            }
            if (intMode) {
                return String.format(Locale.ROOT, "%.0f.", v);
            }
            return String.format(Locale.ROOT, "%.4f", v);
        }

        String cell(double v) {
            String s = raw(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
