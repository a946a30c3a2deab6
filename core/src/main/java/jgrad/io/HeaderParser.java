package jgrad.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * A strict parser for the JSON header of a safetensors file.
 *
 * <p>It is schema-directed rather than a general JSON parser: the top level must be an object
 * whose values are tensor entries ({@code {"dtype": string, "shape": [int...],
 * "data_offsets": [int, int]}}, exactly those keys) or, under {@code "__metadata__"}, an object
 * of strings. Because every position knows which of those it expects, nesting can never be
 * deeper than three levels and the parser never recurses — a hostile {@code [[[[...} fails at
 * its first bracket instead of overflowing the stack — and it builds no generic value tree, so
 * its memory stays a small multiple of the header size.
 *
 * <p>Accepted: JSON whitespace, strings with every JSON escape (surrogate pairs must pair up),
 * integers without leading zeros that fit in a {@code long}. Rejected: duplicate keys at any
 * level, unknown keys, fractions and exponents, {@code true}/{@code false}/{@code null},
 * trailing commas, anything after the closing brace but whitespace, raw control characters in
 * strings, and shapes of more than {@link #MAX_DIMS} dimensions.
 */
final class HeaderParser {
    /** The most dimensions a shape may have (PyTorch's own limit is lower). */
    static final int MAX_DIMS = 64;

    /** One tensor entry as written in the header, in header order. */
    record Entry(String name, String dtypeName, long[] shape, long begin, long end, int order) {}

    /** The parsed header: entries in header order and the metadata in header order. */
    record Parsed(List<Entry> entries, LinkedHashMap<String, String> metadata) {}

    private final String s;
    private final Path file;
    private int pos;

    private HeaderParser(String s, Path file) {
        this.s = s;
        this.file = file;
    }

    /**
     * Parses a decoded header.
     *
     * @param header the header text
     * @param file the file, for messages (may be null)
     * @return the entries and metadata
     * @throws SafeTensorsException if the text is not a header of the expected form
     */
    static Parsed parse(String header, Path file) throws SafeTensorsException {
        return new HeaderParser(header, file).top();
    }

    private Parsed top() throws SafeTensorsException {
        if (s.isEmpty() || s.charAt(0) != '{') {
            throw new SafeTensorsException(file, "the JSON header must be an object starting with '{', found "
                    + describeAt(0));
        }
        pos = 1;
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        LinkedHashMap<String, String> metadata = null;
        skipWs();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                int keyPos = pos;
                String key = string("a tensor name");
                colon();
                if (key.equals("__metadata__")) {
                    if (metadata != null) {
                        throw fail(keyPos, "duplicate key \"__metadata__\"");
                    }
                    metadata = metadata();
                } else {
                    if (!names.add(key)) {
                        throw fail(keyPos, "duplicate tensor name " + quote(key));
                    }
                    entries.add(entry(key, entries.size()));
                }
                if (endOfMembers("the header object")) {
                    break;
                }
            }
        }
        skipWs();
        if (pos != s.length()) {
            throw fail(pos, "found " + describeAt(pos) + " after the header object, where only whitespace may follow");
        }
        return new Parsed(entries, metadata == null ? new LinkedHashMap<>() : metadata);
    }

    private LinkedHashMap<String, String> metadata() throws SafeTensorsException {
        expectOpen('{', "\"__metadata__\" must be an object of strings");
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            int keyPos = pos;
            String key = string("a metadata key");
            colon();
            if (peek() != '"') {
                throw fail(pos, "the value of metadata key " + quote(key) + " must be a string, found " + describeAt(pos));
            }
            String value = string("a metadata value");
            if (out.putIfAbsent(key, value) != null) {
                throw fail(keyPos, "duplicate metadata key " + quote(key));
            }
            if (endOfMembers("\"__metadata__\"")) {
                return out;
            }
        }
    }

    private Entry entry(String name, int order) throws SafeTensorsException {
        expectOpen('{', "tensor " + quote(name) + " must be an object with dtype, shape and data_offsets");
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        skipWs();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                int keyPos = pos;
                String key = string("a key of tensor " + quote(name));
                colon();
                switch (key) {
                    case "dtype" -> {
                        if (dtype != null) {
                            throw fail(keyPos, "duplicate key \"dtype\" in tensor " + quote(name));
                        }
                        if (peek() != '"') {
                            throw fail(pos, "the dtype of tensor " + quote(name) + " must be a string, found "
                                    + describeAt(pos));
                        }
                        dtype = string("a dtype");
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw fail(keyPos, "duplicate key \"shape\" in tensor " + quote(name));
                        }
                        shape = integers("the shape of tensor " + quote(name), MAX_DIMS);
                    }
                    case "data_offsets" -> {
                        if (offsets != null) {
                            throw fail(keyPos, "duplicate key \"data_offsets\" in tensor " + quote(name));
                        }
                        offsets = integers("the data_offsets of tensor " + quote(name), 2);
                        if (offsets.length != 2) {
                            throw fail(keyPos, "the data_offsets of tensor " + quote(name)
                                    + " must be [begin, end], found " + offsets.length + " number(s)");
                        }
                    }
                    default -> throw fail(keyPos, "tensor " + quote(name) + " has unexpected key " + quote(key)
                            + " (expected exactly dtype, shape and data_offsets)");
                }
                if (endOfMembers("tensor " + quote(name))) {
                    break;
                }
            }
        }
        String missing = dtype == null ? "dtype" : shape == null ? "shape" : offsets == null ? "data_offsets" : null;
        if (missing != null) {
            throw new SafeTensorsException(file, "tensor " + quote(name) + " has no \"" + missing + "\"");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1], order);
    }

    /** A JSON array of at most {@code max} integers (one more is read, to report the count). */
    private long[] integers(String what, int max) throws SafeTensorsException {
        expectOpen('[', what + " must be an array of integers");
        long[] buf = new long[Math.min(max + 1, 8)];
        int n = 0;
        skipWs();
        if (peek() == ']') {
            pos++;
            return new long[0];
        }
        while (true) {
            if (n == max) {
                throw fail(pos, what + " has more than " + max + " entries");
            }
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.min(max, buf.length * 2));
            }
            buf[n++] = integer(what);
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
                skipWs();
            } else if (c == ']') {
                pos++;
                return java.util.Arrays.copyOf(buf, n);
            } else {
                throw fail(pos, "expected ',' or ']' in " + what + ", found " + describeAt(pos));
            }
        }
    }

    private long integer(String what) throws SafeTensorsException {
        int start = pos;
        boolean negative = false;
        if (peek() == '-') {
            negative = true;
            pos++;
        }
        char c = peek();
        if (c < '0' || c > '9') {
            throw fail(start, what + " must contain integers, found " + describeAt(start));
        }
        if (c == '0' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            throw fail(start, "number with a leading zero in " + what);
        }
        long v = 0;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            int d = s.charAt(pos) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                throw fail(start, "integer in " + what + " is too large");
            }
            v = v * 10 + d;
            pos++;
        }
        char after = peek();
        if (after == '.' || after == 'e' || after == 'E') {
            throw fail(start, what + " must contain integers, found a number with a fraction or exponent");
        }
        return negative ? -v : v;
    }

    /** A JSON string; the parser stands on its opening quote. */
    private String string(String what) throws SafeTensorsException {
        if (peek() != '"') {
            throw fail(pos, "expected " + what + " (a string), found " + describeAt(pos));
        }
        int start = pos;
        pos++;
        // Fast path: no escapes.
        int i = pos;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String out = s.substring(pos, i);
                pos = i + 1;
                return out;
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            i++;
        }
        StringBuilder sb = new StringBuilder().append(s, pos, i);
        pos = i;
        while (true) {
            if (pos >= s.length()) {
                throw fail(start, "unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw fail(pos - 1, String.format("raw control character U+%04X in a string (must be escaped)", (int) c));
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) {
                throw fail(start, "unterminated string");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4();
                    if (Character.isHighSurrogate(u)) {
                        if (pos + 1 < s.length() && s.charAt(pos) == '\\' && s.charAt(pos + 1) == 'u') {
                            pos += 2;
                            char low = hex4();
                            if (!Character.isLowSurrogate(low)) {
                                throw fail(pos - 6, "unpaired surrogate \\u" + hex(u) + " in a string");
                            }
                            sb.append(u).append(low);
                        } else {
                            throw fail(pos - 6, "unpaired surrogate \\u" + hex(u) + " in a string");
                        }
                    } else if (Character.isLowSurrogate(u)) {
                        throw fail(pos - 6, "unpaired surrogate \\u" + hex(u) + " in a string");
                    } else {
                        sb.append(u);
                    }
                }
                default -> throw fail(pos - 2, "invalid escape " + describeChar(e) + " in a string");
            }
        }
    }

    private char hex4() throws SafeTensorsException {
        if (pos + 4 > s.length()) {
            throw fail(pos, "truncated \\u escape");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(pos + k), 16);
            if (d < 0 || s.charAt(pos + k) > 'f') {
                throw fail(pos, "invalid \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private static String hex(char c) {
        return String.format("%04x", (int) c);
    }

    private void colon() throws SafeTensorsException {
        skipWs();
        if (peek() != ':') {
            throw fail(pos, "expected ':' after a key, found " + describeAt(pos));
        }
        pos++;
        skipWs();
    }

    /** After a member: consumes ',' (returning false) or '}' (returning true). */
    private boolean endOfMembers(String what) throws SafeTensorsException {
        skipWs();
        char c = peek();
        if (c == ',') {
            pos++;
            skipWs();
            return false;
        }
        if (c == '}') {
            pos++;
            return true;
        }
        throw fail(pos, "expected ',' or '}' in " + what + ", found " + describeAt(pos));
    }

    private void expectOpen(char open, String message) throws SafeTensorsException {
        if (peek() != open) {
            throw fail(pos, message + ", found " + describeAt(pos));
        }
        pos++;
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or U+FFFF at the end (a non-character never valid here). */
    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\uFFFF';
    }

    private String describeAt(int p) {
        if (p >= s.length()) {
            return "the end of the header";
        }
        char c = s.charAt(p);
        return switch (c) {
            case '"' -> "a string";
            case '{' -> "an object";
            case '[' -> "an array";
            case 't', 'f' -> "a boolean or other bare word";
            case 'n' -> "null or other bare word";
            default -> (c == '-' || (c >= '0' && c <= '9')) ? "a number" : describeChar(c);
        };
    }

    private static String describeChar(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }

    private SafeTensorsException fail(int at, String message) {
        return new SafeTensorsException(file, "invalid JSON header at character " + at + ": " + message);
    }

    /** A name quoted for messages, shortened if very long, control characters escaped. */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder("'");
        int limit = 200;
        for (int i = 0; i < name.length(); i++) {
            if (i == limit) {
                sb.append("...(").append(name.length()).append(" chars)");
                break;
            }
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
