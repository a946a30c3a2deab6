package jgrad;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch's {@code repr} of a tensor ({@code torch/_tensor_str.py}, default print options),
 * e.g. {@code tensor([[0.1000, 0.2000]], gradFn=<AddBackward>)}: 4 decimals, scientific when
 * the magnitudes span too much, integral floats as {@code 1.}, lines wrapped at 80 columns, and
 * tensors over 1000 elements summarised with {@code ...} (3 items at each edge). The style is
 * chosen from the nonzero finite values that are shown, and numbers are rounded from their
 * exact binary value, half to even, as Python's {@code format} does. jgrad writes
 * {@code gradFn=<...>} and {@code requiresGrad=true} where PyTorch writes {@code grad_fn} and
 * {@code requires_grad=True}; a floating dtype other than the default (see
 * {@link Tensor#setDefaultDtype}) is shown as {@code dtype=FLOAT32} or {@code dtype=FLOAT64}, as
 * PyTorch shows {@code dtype=torch.float32} when its default is float64. BOOL values
 * print as {@code True} and {@code False}, right-aligned, as PyTorch prints {@code torch.bool}.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int LINEWIDTH = 80;
    private static final int PRECISION = 4;

    private TensorFormat() {}

    static String format(Tensor t) {
        int[] shape = t.shape();
        double[] d = t.doubles();
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (d.length == 0) {
            body = "[]";
            if (shape.length != 1) {
                StringBuilder size = new StringBuilder("size=(");
                for (int i = 0; i < shape.length; i++) {
                    size.append(i > 0 ? ", " : "").append(shape[i]);
                }
                suffixes.add(size.append(shape.length == 1 ? ",)" : ")").toString());
            }
            if (t.dtype() != Tensor.getDefaultDtype()) {
                suffixes.add("dtype=" + t.dtype()); // as PyTorch: only a dtype other than the default is shown
            }
        } else {
            if (t.dtype().isFloatingPoint() && t.dtype() != Tensor.getDefaultDtype()) {
                suffixes.add("dtype=" + t.dtype()); // as PyTorch: INT64 and BOOL show in the values
            }
            boolean summarize = d.length > THRESHOLD;
            Style style = Style.of(t.dtype(), summarize ? summarized(d, shape) : d);
            body = shape.length == 0 ? style.cell(d[0]) : block(d, shape, 0, 0, style, indent, summarize);
        }
        if (t.gradFn() != null) {
            suffixes.add("gradFn=<" + t.gradFn().name() + ">");
        } else if (t.requiresGrad()) {
            suffixes.add("requiresGrad=true");
        }
        return addSuffixes(prefix + body, suffixes, indent);
    }

    /** PyTorch's {@code _add_suffixes}: a suffix that would pass the line width goes on a new line. */
    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensorStr);
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1; // sic, as in PyTorch
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > LINEWIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The sub-tensor at {@code offset} over dims {@code dim..}: PyTorch's {@code _tensor_str_with_formatter}. */
    private static String block(double[] d, int[] shape, int dim, int offset, Style style, int indent,
            boolean summarize) {
        int n = shape[dim];
        boolean cut = summarize && n > 2 * EDGE;
        if (dim == shape.length - 1) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (cut && i == EDGE) {
                    cells.add(" ...");
                    i = n - EDGE - 1;
                    continue;
                }
                cells.add(style.cell(d[offset + i]));
            }
            int perLine = Math.max(1, (LINEWIDTH - indent) / (style.width + 2));
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                }
                sb.append(cells.get(i));
            }
            return sb.append(']').toString();
        }
        int stride = 1;
        for (int k = dim + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        String sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            if (cut && i == EDGE) {
                sb.append("...").append(sep);
                i = n - EDGE;
            }
            sb.append(block(d, shape, dim + 1, offset + i * stride, style, indent + 1, summarize));
        }
        return sb.append(']').toString();
    }

    /** The values a summarised print shows (PyTorch's {@code get_summarized_data}), flat. */
    private static double[] summarized(double[] d, int[] shape) {
        List<Double> out = new ArrayList<>();
        collect(d, shape, 0, 0, out);
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static void collect(double[] d, int[] shape, int dim, int offset, List<Double> out) {
        if (dim == shape.length) {
            out.add(d[offset]);
            return;
        }
        int n = shape[dim];
        int stride = 1;
        for (int k = dim + 1; k < shape.length; k++) {
            stride *= shape[k];
        }
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                i = n - EDGE;
            }
            collect(d, shape, dim + 1, offset + i * stride, out);
        }
    }

    /** PyTorch's {@code _Formatter}: one style and width for every cell of a tensor. */
    private static final class Style {
        final boolean floating;
        final boolean intMode; // for BOOL (not floating): True/False
        final boolean sci;
        final int width;

        private Style(boolean floating, boolean intMode, boolean sci, int width) {
            this.floating = floating;
            this.intMode = intMode;
            this.sci = sci;
            this.width = width;
        }

        static Style of(DType dtype, double[] shown) {
            if (dtype == DType.BOOL) {
                boolean anyFalse = false;
                for (double v : shown) {
                    anyFalse |= v == 0;
                }
                return new Style(false, true, false, anyFalse ? 5 : 4); // " True" beside "False"
            }
            if (dtype == DType.INT64) {
                int w = 1;
                for (double v : shown) {
                    w = Math.max(w, Long.toString((long) v).length());
                }
                return new Style(false, false, false, w);
            }
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            boolean ints = true;
            int count = 0;
            for (double v : shown) {
                if (Double.isFinite(v) && v != 0) {
                    count++;
                    max = Math.max(max, Math.abs(v));
                    min = Math.min(min, Math.abs(v));
                    ints &= v == Math.ceil(v);
                }
            }
            if (count == 0) {
                return new Style(true, true, false, 1);
            }
            boolean sci = max / min > 1000.0 || max > 1e8 || (!ints && min < 1e-4);
            Style probe = new Style(true, ints, sci, 0);
            int w = 1;
            for (double v : shown) {
                if (Double.isFinite(v) && v != 0) {
                    w = Math.max(w, probe.raw(v).length());
                }
            }
            return new Style(true, ints, sci, w);
        }

        /** One value, unpadded, as Python's {@code format} writes it. */
        String raw(double v) {
            if (!floating) {
                return intMode ? (v != 0 ? "True" : "False") : Long.toString((long) v);
            }
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            String s;
            if (sci) {
                s = scientific(v);
            } else {
                s = new BigDecimal(v).setScale(intMode ? 0 : PRECISION, RoundingMode.HALF_EVEN).toPlainString();
                if (intMode) {
                    s += ".";
                }
            }
            // BigDecimal has no negative zero; Python keeps the sign ("-0.0000", "-0.")
            return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-") ? "-" + s : s;
        }

        /** {@code "{:.4e}"}: mantissa rounded half-even from the exact value, exponent of at least 2 digits. */
        private static String scientific(double v) {
            if (v == 0) {
                return "0." + "0".repeat(PRECISION) + "e+00";
            }
            BigDecimal r = new BigDecimal(v).abs().round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            int exp = r.precision() - r.scale() - 1;
            String mant = r.movePointLeft(exp).setScale(PRECISION, RoundingMode.UNNECESSARY).toPlainString();
            String e = Integer.toString(Math.abs(exp));
            return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }

        String cell(double v) {
            String s = raw(v);
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }
    }
}
