package jgrad.nn;

import java.math.BigDecimal;

/** How Python prints values, for the modules' {@code toString} (PyTorch's {@code extra_repr}). */
final class PyRepr {
    private PyRepr() {}

    /** A double as Python's {@code repr} writes it ({@code 0.5}, {@code 1e-05}, {@code 0.0}). */
    static String pyFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return 1.0 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp >= -4 && exp < 16) {
            String s = bd.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = bd.unscaledValue().abs().toString();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        return (v < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
}
