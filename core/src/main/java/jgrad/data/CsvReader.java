package jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import jgrad.DType;
import jgrad.Tensor;

/**
 * Reads a numeric CSV file with one integer class label per row into a
 * {@link TensorDataset}: FLOAT64 features of shape {@code (N, F)} (every column but the label,
 * in file order) and INT64 labels of shape {@code (N)}.
 *
 * <p>The defaults: no header line, comma-separated, the label in the last column. Input
 * compressed with gzip is decompressed transparently (recognised by its magic bytes, so
 * {@code .gz} files and gzip streams both work). Text is UTF-8; a byte-order mark, blank lines
 * and spaces around values are ignored. Values are decimal numbers as Java writes them
 * ({@code 3}, {@code -0.5}, {@code 1e-3}) or {@code NaN} / {@code Infinity} / {@code inf};
 * labels must be non-negative integers (written {@code 3} or {@code 3.0}).
 *
 * <p>Every problem in the file is a {@link DataFileException} whose message names the file,
 * the line and what is wrong: a value that is not a number, a line with the wrong number of
 * columns, a label that is not an integer or is negative, no data lines at all, a line longer
 * than {@linkplain Builder#maxLineLength(int) the limit} (by default
 * {@link #DEFAULT_MAX_LINE_LENGTH} characters; the reader stops as soon as a line passes it,
 * so a small gzip file of one endless line cannot exhaust memory).
 *
 * <pre>{@code
 * TensorDataset digits = new CsvReader().read(Path.of("digits.csv.gz"));
 * TensorDataset iris = CsvReader.builder().header(true).labelColumn(0).delimiter(';').build()
 *         .read(Path.of("iris.csv"));
 * }</pre>
 */
public final class CsvReader {
    /** The longest line accepted by default, in characters: 16 Mi (2^24). */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1 << 24;

    private final int labelColumn;
    private final boolean header;
    private final char delimiter;
    private final int maxLineLength;

    /** A reader with the defaults: no header, comma-separated, label in the last column. */
    public CsvReader() {
        this(builder());
    }

    private CsvReader(Builder b) {
        this.labelColumn = b.labelColumn;
        this.header = b.header;
        this.delimiter = b.delimiter;
        this.maxLineLength = b.maxLineLength;
    }

    /**
     * Starts a builder with the defaults (no header, comma-separated, label in the last
     * column).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link CsvReader}; each setter validates its argument at once. */
    public static final class Builder {
        private int labelColumn = -1;
        private boolean header;
        private char delimiter = ',';
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder() {}

        /**
         * The column holding the class label, 0-based; negative values count from the end
         * ({@code -1}, the default, is the last column).
         *
         * @param column the label column
         * @return this builder
         */
        public Builder labelColumn(int column) {
            this.labelColumn = column;
            return this;
        }

        /**
         * Whether the first line is a header to skip (default false).
         *
         * @param header true if the file starts with a header line
         * @return this builder
         */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /**
         * The column separator (default {@code ','}), e.g. {@code ';'} or {@code '\t'}.
         *
         * @param delimiter the separator
         * @return this builder
         * @throws IllegalArgumentException if it is a character that can be part of a number,
         *     a quote or a line break
         */
        public Builder delimiter(char delimiter) {
            if ((delimiter >= '0' && delimiter <= '9') || "+-.eE\"'\r\n".indexOf(delimiter) >= 0
                    || Character.isLetter(delimiter)) {
                throw new IllegalArgumentException("CsvReader: '" + printable(delimiter)
                        + "' cannot be a delimiter (it can be part of a number or a line)");
            }
            this.delimiter = delimiter;
            return this;
        }

        /**
         * The most characters a line may have, its line break not counted (default
         * {@link #DEFAULT_MAX_LINE_LENGTH}); a longer line is a {@link DataFileException}
         * naming the file, the line and the limit, raised once the limit is passed, before the
         * rest of the line is read.
         *
         * @param maxLineLength the limit, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code maxLineLength < 1}
         */
        public Builder maxLineLength(int maxLineLength) {
            if (maxLineLength < 1) {
                throw new IllegalArgumentException("CsvReader: maxLineLength must be >= 1, got " + maxLineLength);
            }
            this.maxLineLength = maxLineLength;
            return this;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         */
        public CsvReader build() {
            return new CsvReader(this);
        }
    }

    private static String printable(char c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            default -> String.valueOf(c);
        };
    }

    /**
     * Reads a file (gzipped or not).
     *
     * @param path the file
     * @return features {@code (N, F)} FLOAT64 and labels {@code (N)} INT64
     * @throws DataFileException if the contents are malformed (the message names the file
     *     and line)
     * @throws IOException if the file cannot be read
     */
    public TensorDataset read(Path path) throws IOException {
        Objects.requireNonNull(path, "CsvReader.read: path is null");
        try (InputStream in = DataIO.openFile(path, "CsvReader.read")) {
            return read(in, path.toString(), true);
        }
    }

    /**
     * Reads CSV data (gzipped or not) from a stream, e.g. one opened with
     * {@link Resources#open(String)}. The stream is read to its end but not closed.
     *
     * @param in the data
     * @param name the name to use in error messages, e.g. the resource path
     * @return features {@code (N, F)} FLOAT64 and labels {@code (N)} INT64
     * @throws DataFileException if the contents are malformed (the message names
     *     {@code name} and the line)
     * @throws IOException if the stream cannot be read
     */
    public TensorDataset read(InputStream in, String name) throws IOException {
        Objects.requireNonNull(in, "CsvReader.read: stream is null");
        Objects.requireNonNull(name, "CsvReader.read: name is null");
        return read(in, name, false);
    }

    private TensorDataset read(InputStream raw, String name, boolean closeRaw) throws IOException {
        DataIO.Opened opened = DataIO.open(raw, name, closeRaw);
        try (InputStreamReader r = new InputStreamReader(opened.in(), StandardCharsets.UTF_8)) {
            return parse(new LineReader(r, name, maxLineLength), name);
        } catch (DataFileException e) {
            throw e;
        } catch (IOException e) {
            throw opened.gzip() ? DataIO.gzipError(name, e) : e;
        }
    }

    private TensorDataset parse(LineReader r, String name) throws IOException {
        int columns = -1;
        int label = -1;
        int firstDataLine = -1;
        double[] features = new double[1024];
        double[] labels = new double[64];
        int rows = 0;
        int fill = 0;
        long lineNo = 0;
        String line;
        boolean headerPending = header;
        while ((line = r.readLine(lineNo + 1)) != null) {
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            int cols = countColumns(line);
            if (columns < 0) {
                if (cols < 2) {
                    throw new DataFileException(name, lineNo, "found 1 column, but a label and at least one"
                            + " feature are needed" + delimiterHint(line), null);
                }
                columns = cols;
                firstDataLine = (int) Math.min(lineNo, Integer.MAX_VALUE);
                label = labelColumn < 0 ? columns + labelColumn : labelColumn;
                if (label < 0 || label >= columns) {
                    throw new DataFileException(name, lineNo, "label column " + labelColumn
                            + " is out of range for " + columns + " columns", null);
                }
            } else if (cols != columns) {
                throw new DataFileException(name, lineNo, "found " + cols + " column" + (cols == 1 ? "" : "s")
                        + ", expected " + columns + " (as on line " + firstDataLine + ")", null);
            }
            if (fill + columns - 1 > features.length) {
                features = Arrays.copyOf(features, grow(features.length, fill + columns - 1, name));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, grow(labels.length, rows + 1, name));
            }
            int start = 0;
            for (int c = 0; c < columns; c++) {
                int end = line.indexOf(delimiter, start);
                if (end < 0) {
                    end = line.length();
                }
                String field = line.substring(start, end).trim();
                start = end + 1;
                if (c == label) {
                    labels[rows] = parseLabel(field, c, name, lineNo);
                } else {
                    features[fill++] = parseValue(field, c, name, lineNo);
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataFileException(name, "no data lines" + (header && lineNo > 0 ? " after the header" : "")
                    + (lineNo == 0 ? " (the file is empty)" : ""));
        }
        int f = columns - 1;
        return new TensorDataset(
                Tensor.wrap(fill == features.length ? features : Arrays.copyOf(features, fill), DType.FLOAT64, rows, f),
                Tensor.wrap(rows == labels.length ? labels : Arrays.copyOf(labels, rows), DType.INT64, rows));
    }

    private static int grow(int current, int needed, String name) throws DataFileException {
        long want = Math.max((long) current * 2, needed);
        if (needed < 0 || needed > Integer.MAX_VALUE - 8) {
            throw new DataFileException(name, "too many values for one tensor");
        }
        return (int) Math.min(want, Integer.MAX_VALUE - 8);
    }

    private int countColumns(String line) {
        int n = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            n++;
        }
        return n;
    }

    private String delimiterHint(String line) {
        for (char c : new char[] {',', ';', '\t', '|', ' '}) {
            if (c != delimiter && line.trim().indexOf(c) >= 0) {
                return " (the delimiter is '" + printable(delimiter) + "'; the line contains '" + printable(c)
                        + "' - wrong delimiter?)";
            }
        }
        return "";
    }

    private static double parseValue(String field, int column, String name, long line) throws DataFileException {
        if (field.isEmpty()) {
            throw new DataFileException(name, line, "column " + (column + 1) + " is empty", null);
        }
        double v = number(field);
        if (Double.isNaN(v) && !isNaNWord(field)) {
            throw new DataFileException(name, line, "column " + (column + 1) + ": " + quote(field)
                    + " is not a number", null);
        }
        return v;
    }

    private static double parseLabel(String field, int column, String name, long line) throws DataFileException {
        String where = "label in column " + (column + 1);
        if (field.isEmpty()) {
            throw new DataFileException(name, line, where + " is empty", null);
        }
        double v = number(field);
        if (Double.isNaN(v)) {
            throw new DataFileException(name, line, where + ": " + quote(field)
                    + " is not an integer (class labels must be integers >= 0)", null);
        }
        if (v != Math.rint(v) || Double.isInfinite(v)) {
            throw new DataFileException(name, line, where + ": " + quote(field)
                    + " is not an integer (class labels must be integers >= 0)", null);
        }
        if (v < 0) {
            throw new DataFileException(name, line, where + ": " + quote(field)
                    + " is negative (class labels must be integers >= 0)", null);
        }
        if (v > Integer.MAX_VALUE) {
            throw new DataFileException(name, line, where + ": " + quote(field)
                    + " is too large for a class label (at most " + Integer.MAX_VALUE + ")", null);
        }
        return v == 0 ? 0.0 : v; // no -0.0
    }

    private static boolean isNaNWord(String s) {
        return s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("+nan") || s.equalsIgnoreCase("-nan");
    }

    /** Parses a strict decimal number (or nan/inf words); NaN for anything else. */
    private static double number(String s) {
        if (isNaNWord(s)) {
            return Double.NaN;
        }
        String body = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '+' && c != '-' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String quote(String field) {
        String f = field.length() > 40 ? field.substring(0, 40) + "..." : field;
        return "\"" + f + "\"";
    }

    /**
     * Describes the settings, e.g.
     * {@code CsvReader(header=false, delimiter=',', labelColumn=-1, maxLineLength=16777216)}.
     *
     * @return a one-line description
     */
    @Override
    public String toString() {
        return "CsvReader(header=" + header + ", delimiter='" + printable(delimiter) + "', labelColumn="
                + labelColumn + ", maxLineLength=" + maxLineLength + ")";
    }
}
