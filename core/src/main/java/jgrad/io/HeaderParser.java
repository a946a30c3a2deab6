package jgrad.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * its first bracket instead of overflowing the stack — and it builds no generic value tree. It
 * reads the UTF-8 bytes directly ({@link JsonCursor}), so besides the bytes themselves it
 * allocates only the names, strings and numbers it returns.
 *
 * <p>Accepted: JSON whitespace, strings with every JSON escape (surrogate pairs must pair up),
 * integers without leading zeros that fit in a {@code long}. Rejected: duplicate keys at any
 * level, unknown keys, fractions and exponents, {@code true}/{@code false}/{@code null},
 * trailing commas, anything after the closing brace but whitespace, raw control characters in
 * strings, and shapes of more than {@link #MAX_DIMS} dimensions.
 */
final class HeaderParser extends JsonCursor {
    /** The most dimensions a shape may have (PyTorch's own limit is lower). */
    static final int MAX_DIMS = 64;

    /** One tensor entry as written in the header, in header order. */
    record Entry(String name, String dtypeName, long[] shape, long begin, long end, int order) {}

    /** The parsed header: entries in header order and the metadata in header order. */
    record Parsed(List<Entry> entries, LinkedHashMap<String, String> metadata) {}

    private HeaderParser(byte[] header, Path file) {
        super(header, file);
    }

    /**
     * Parses a header.
     *
     * @param header the header's bytes, already checked to be valid UTF-8
     * @param file the file, for messages (may be null)
     * @return the entries and metadata
     * @throws SafeTensorsException if the text is not a header of the expected form
     */
    static Parsed parse(byte[] header, Path file) throws SafeTensorsException {
        return new HeaderParser(header, file).top();
    }

    private Parsed top() throws SafeTensorsException {
        if (b.length == 0 || b[0] != '{') {
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
        if (pos != b.length) {
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
                buf = Arrays.copyOf(buf, Math.min(max, buf.length * 2));
            }
            buf[n++] = integer(what);
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
                skipWs();
            } else if (c == ']') {
                pos++;
                return Arrays.copyOf(buf, n);
            } else {
                throw fail(pos, "expected ',' or ']' in " + what + ", found " + describeAt(pos));
            }
        }
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
}
