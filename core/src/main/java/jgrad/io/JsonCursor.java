package jgrad.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The lexical half of the safetensors header parser: a position in the header's UTF-8 bytes,
 * with whitespace, strings, integers and messages. It works on the bytes themselves, so
 * parsing a header takes no decoded copy of it: only the strings it returns are allocated.
 * The bytes must already be valid UTF-8 ({@link #checkUtf8}); JSON's structure is ASCII, so
 * a byte of 0x80 or more can only be part of a string. Internal.
 */
abstract class JsonCursor {
    /** The header bytes. */
    final byte[] b;
    /** The file, for messages (may be null). */
    final Path file;
    /** The current byte offset. */
    int pos;

    JsonCursor(byte[] bytes, Path file) {
        this.b = bytes;
        this.file = file;
    }

    /**
     * What {@link #checkUtf8} learned about the bytes, for estimating the heap parsing needs.
     *
     * @param ascii whether every byte is ASCII
     * @param braces the number of {@code '{'} bytes: at least the number of objects (tensor
     *     entries) the header can hold
     * @param commas the number of {@code ','} bytes outside strings: the separators of keys,
     *     entries and array elements (so at least the number of shape dims beyond the first)
     */
    record Scan(boolean ascii, long braces, long commas) {}

    /**
     * Checks that the bytes are well-formed UTF-8, as a strict decoder would: no overlong
     * forms, surrogates, values past U+10FFFF or truncated sequences. Allocates nothing.
     *
     * @param b the header bytes
     * @param file the file, for messages (may be null)
     * @return whether the bytes are all ASCII, how many {@code '{'} they hold and how many
     *     {@code ','} outside strings
     * @throws SafeTensorsException at the first bad byte
     */
    static Scan checkUtf8(byte[] b, Path file) throws SafeTensorsException {
        boolean ascii = true;
        long braces = 0;
        long commas = 0;
        boolean inString = false;
        boolean escaped = false;
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                braces += c == '{' ? 1 : 0;
                if (escaped) {
                    escaped = false;
                } else if (inString) {
                    escaped = c == '\\';
                    inString = c != '"';
                } else {
                    inString = c == '"';
                    commas += c == ',' ? 1 : 0;
                }
                i++;
                continue;
            }
            ascii = false;
            escaped = false;
            int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                hi = c == 0xED ? 0x9F : 0xBF; // no surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                lo = c == 0xF0 ? 0x90 : 0x80; // no overlong forms
                hi = c == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
            } else {
                throw badUtf8(i, file);
            }
            if (i + n >= b.length) {
                // fewer than n continuation bytes remain: check those present, then fail as truncated
                for (int k = 1; i + k < b.length; k++) {
                    int d = b[i + k] & 0xFF;
                    if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) {
                        throw badUtf8(i, file);
                    }
                }
                throw new SafeTensorsException(file, "the header is not valid UTF-8 (truncated sequence at its end)");
            }
            for (int k = 1; k <= n; k++) {
                int d = b[i + k] & 0xFF;
                if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xBF)) {
                    throw badUtf8(i, file);
                }
            }
            i += n + 1;
        }
        return new Scan(ascii, braces, commas);
    }

    private static SafeTensorsException badUtf8(int at, Path file) {
        return new SafeTensorsException(file, "the header is not valid UTF-8 (bad byte at header offset " + at
                + ", file offset " + (8 + at) + ")");
    }

    /** A JSON string; the cursor stands on its opening quote. */
    final String string(String what) throws SafeTensorsException {
        if (peek() != '"') {
            throw fail(pos, "expected " + what + " (a string), found " + describeAt(pos));
        }
        int start = pos;
        pos++;
        int run = pos;
        boolean ascii = true;
        StringBuilder sb = null;
        while (true) {
            if (pos >= b.length) {
                throw fail(start, "unterminated string");
            }
            int c = b[pos] & 0xFF;
            if (c == '"') {
                String tail = decode(run, pos, ascii);
                pos++;
                return sb == null ? tail : sb.append(tail).toString();
            }
            if (c < 0x20) {
                throw fail(pos, String.format("raw control character U+%04X in a string (must be escaped)", c));
            }
            if (c != '\\') {
                ascii &= c < 0x80;
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(decode(run, pos, ascii));
            ascii = true;
            pos++;
            if (pos >= b.length) {
                throw fail(start, "unterminated string");
            }
            escape(sb, b[pos++] & 0xFF);
            run = pos;
        }
    }

    /**
     * The characters of the valid UTF-8 bytes {@code [from, to)}, decoded with no more
     * intermediate storage than one exact {@code char[]} (the JDK's own decoder can take
     * twice the byte count and a copy on top).
     */
    private String decode(int from, int to, boolean ascii) {
        if (ascii) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        int m = 0;
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                m += c >= 0xF0 ? 2 : 1;
            }
        }
        char[] out = new char[m];
        int k = 0;
        for (int i = from; i < to; ) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out[k++] = (char) c;
                i++;
            } else if (c < 0xE0) {
                out[k++] = (char) ((c & 0x1F) << 6 | (b[i + 1] & 0x3F));
                i += 2;
            } else if (c < 0xF0) {
                out[k++] = (char) ((c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F));
                i += 3;
            } else {
                int cp = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | (b[i + 3] & 0x3F);
                out[k++] = Character.highSurrogate(cp);
                out[k++] = Character.lowSurrogate(cp);
                i += 4;
            }
        }
        return new String(out);
    }

    /** Appends the character an escape stands for; the cursor is past the escape letter. */
    private void escape(StringBuilder sb, int e) throws SafeTensorsException {
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
                    if (pos + 1 < b.length && b[pos] == '\\' && b[pos + 1] == 'u') {
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
            default -> throw fail(pos - 2, "invalid escape " + (e < 0x80 ? describeChar((char) e) : describeAt(pos - 1))
                    + " in a string");
        }
    }

    private char hex4() throws SafeTensorsException {
        if (pos + 4 > b.length) {
            throw fail(pos, "truncated \\u escape");
        }
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int c = b[pos + k] & 0xFF;
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
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

    /** An integer without fraction or exponent that fits in a {@code long}. */
    final long integer(String what) throws SafeTensorsException {
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
        if (c == '0' && pos + 1 < b.length && b[pos + 1] >= '0' && b[pos + 1] <= '9') {
            throw fail(start, "number with a leading zero in " + what);
        }
        long v = 0;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            int d = b[pos] - '0';
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

    final void skipWs() {
        while (pos < b.length) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /**
     * The current byte as a character when it is ASCII; U+FFFD for a byte of a multi-byte
     * character and U+FFFF at the end (neither is ever valid where this is asked).
     */
    final char peek() {
        if (pos >= b.length) {
            return '\uFFFF';
        }
        return b[pos] >= 0 ? (char) b[pos] : '\uFFFD';
    }

    final String describeAt(int p) {
        if (p >= b.length) {
            return "the end of the header";
        }
        if (b[p] < 0) {
            int cp = new String(b, p, Math.min(4, b.length - p), StandardCharsets.UTF_8).codePointAt(0);
            return String.format("U+%04X", cp);
        }
        char c = (char) b[p];
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

    final SafeTensorsException fail(int at, String message) {
        return new SafeTensorsException(file, "invalid JSON header at byte " + at + ": " + message);
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
