package jgrad;

/**
 * Reads back the numbers the golden-value scripts write: Python's repr of a float64, plus
 * {@code nan}, {@code inf} and {@code -inf}. Shared with nn's tests through core's test-jar.
 */
public final class GoldenNumbers {
    private GoldenNumbers() {}

    /**
     * Parses one number exactly.
     *
     * @param s the text, e.g. {@code 0.1}, {@code -1e-300}, {@code nan}, {@code -inf}
     * @return its value
     */
    public static double parse(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
