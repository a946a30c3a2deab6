package jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import jgrad.Tensor;

/**
 * Writes safetensors data for {@link SafeTensors}: checks and snapshots the tensors, builds the
 * header exactly as the reference implementation writes it, and replaces files atomically.
 */
final class SafeTensorsWriter {
    private static final String METADATA_KEY = "__metadata__";
    private static final int WRITE_BUFFER = 1 << 16;
    private static final String TEMP_SUFFIX = ".tmp";

    private SafeTensorsWriter() {}

    /** The serialized form in memory; see {@link SafeTensors#toBytes(Map, Map)}. */
    static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Prepared p = prepare(tensors, metadata);
        long total = 8 + p.header.length + p.dataSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors.toBytes: " + total
                    + " bytes do not fit in a Java array; save to a file instead");
        }
        byte[] out = new byte[(int) total];
        ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(p.header.length).put(p.header);
        for (Item it : p.items) {
            putValues(buf, it, 0, it.data.length);
        }
        return out;
    }

    static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path file, SafeTensors.SaveHook hook)
            throws IOException {
        Prepared p = prepare(tensors, metadata);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null) {
            throw new FileSystemException(target.toString(), null, "cannot save to a file system root");
        }
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        String stem = tempStem(target.getFileName().toString());
        FileTime started = FileTime.from(Instant.now());
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve("." + stem + "." + String.format("%016x", ThreadLocalRandom.current().nextLong())
                    + TEMP_SUFFIX);
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
        try {
            try (FileChannel c = ch) {
                write(c, p, hook);
                c.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException d) {
                t.addSuppressed(d);
            }
            throw t;
        }
        syncDirectory(dir);
        removeStaleTemps(dir, stem, started);
    }

    /**
     * The part of a temporary file's name that identifies its target: the target's name, or
     * for names over 64 characters their first 48 and a hash of the whole, so temporary names
     * stay short enough for any file system.
     */
    static String tempStem(String target) {
        if (target.length() <= 64) {
            return target;
        }
        int keep = 48;
        if (Character.isHighSurrogate(target.charAt(keep - 1))) {
            keep--;
        }
        return target.substring(0, keep) + "~" + String.format("%08x", target.hashCode());
    }

    /**
     * Whether {@code name} is a temporary file of a save of the target with this stem:
     * {@code .STEM.<1 to 16 lowercase hex digits>.tmp}.
     */
    static boolean isTempOf(String name, String stem) {
        String head = "." + stem + ".";
        if (!name.startsWith(head) || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        int from = head.length();
        int to = name.length() - TEMP_SUFFIX.length();
        if (to - from < 1 || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deletes the temporary files that interrupted saves of the same target left behind:
     * regular files named as {@link #isTempOf} says and last modified before this save
     * started (a save still running elsewhere keeps writing its own). Best effort: a file that
     * cannot be listed or deleted stays, and the save that just succeeded is not failed for it.
     */
    private static void removeStaleTemps(Path dir, String stem, FileTime started) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                f -> isTempOf(f.getFileName().toString(), stem))) {
            for (Path f : files) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && a.lastModifiedTime().compareTo(started) < 0) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException | RuntimeException e) {
                    // leave it; the next save tries again
                }
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable directory: nothing to clean
        }
    }

    /** Makes the rename durable on file systems that support it; harmless where they do not. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException e) {
            // Some platforms (Windows) cannot open a directory; the file itself was already forced.
        }
    }

    private static void write(WritableByteChannel ch, Prepared p, SafeTensors.SaveHook hook) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(p.header.length).flip();
        writeFully(ch, head);
        writeFully(ch, ByteBuffer.wrap(p.header));
        ByteBuffer buf = ByteBuffer.allocate(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        int perBuffer = WRITE_BUFFER / 8;
        for (int t = 0; t < p.items.size(); t++) {
            Item it = p.items.get(t);
            for (int from = 0; from < it.data.length; from += perBuffer) {
                buf.clear();
                putValues(buf, it, from, Math.min(it.data.length, from + perBuffer));
                buf.flip();
                writeFully(ch, buf);
            }
            if (hook != null) {
                hook.afterTensor(t, it.name);
            }
        }
    }

    private static void writeFully(WritableByteChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void putValues(ByteBuffer buf, Item it, int from, int to) {
        double[] d = it.data;
        if (it.dtype == FileDType.F64) {
            for (int i = from; i < to; i++) {
                buf.putLong(Double.doubleToRawLongBits(d[i]));
            }
        } else if (it.dtype == FileDType.F32) {
            for (int i = from; i < to; i++) {
                buf.putInt(Float.floatToRawIntBits((float) d[i])); // exact: the values came from a float[]
            }
        } else if (it.dtype == FileDType.BOOL) {
            for (int i = from; i < to; i++) {
                buf.put(d[i] != 0 ? (byte) 1 : (byte) 0);
            }
        } else {
            for (int i = from; i < to; i++) {
                buf.putLong((long) d[i]);
            }
        }
    }

    // ------------------------------------------------------------------ preparing

    private record Item(String name, FileDType dtype, int[] shape, double[] data) {}

    private record Prepared(List<Item> items, byte[] header, long dataSize) {}

    /** Snapshots and checks the input (one pass over each map) and builds the padded header. */
    private static Prepared prepare(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        List<Item> items = new ArrayList<>(tensors.size());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null) {
                throw new IllegalArgumentException("SafeTensors.save: a tensor name is null");
            }
            String q = JsonCursor.quote(name);
            if (name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: \"__metadata__\" is reserved and cannot name a tensor");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("SafeTensors.save: the map yields tensor " + q + " twice");
            }
            if (t == null) {
                throw new IllegalArgumentException("SafeTensors.save: tensor " + q + " is null");
            }
            FileDType dtype = FileDType.forWriting(t.dtype());
            int[] shape = t.shape();
            double[] data = t.doubles();
            if (data.length != t.numel()) {
                throw new IllegalStateException("SafeTensors.save: tensor " + q + " has " + data.length
                        + " stored values for " + t.numel() + " elements");
            }
            if (dtype == FileDType.I64) {
                for (int i = 0; i < data.length; i++) {
                    double v = data[i];
                    if (v != Math.rint(v) || v < -0x1p63 || v >= 0x1p63) {
                        throw new IllegalArgumentException("SafeTensors.save: element " + i + " of INT64 tensor " + q
                                + " is " + v + ", not an integer in the int64 range");
                    }
                }
            }
            items.add(new Item(name, dtype, shape, data));
        }
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("SafeTensors.save: metadata may not hold null keys or values");
                }
                meta.put(e.getKey(), e.getValue());
            }
        }

        StringBuilder json = new StringBuilder(64 + 96 * items.size());
        json.append('{');
        boolean first = true;
        if (!meta.isEmpty()) {
            jsonString(json, METADATA_KEY).append(":{");
            boolean firstMeta = true;
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (!firstMeta) {
                    json.append(',');
                }
                firstMeta = false;
                jsonString(json, e.getKey()).append(':');
                jsonString(json, e.getValue());
            }
            json.append('}');
            first = false;
        }
        long offset = 0;
        for (Item it : items) {
            if (!first) {
                json.append(',');
            }
            first = false;
            long bytes = (long) it.dtype.size * it.data.length;
            jsonString(json, it.name).append(":{\"dtype\":\"").append(it.dtype.name()).append("\",\"shape\":[");
            for (int i = 0; i < it.shape.length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(it.shape[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        json.append('}');

        byte[] utf8;
        try {
            ByteBuffer enc = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(json));
            utf8 = new byte[enc.remaining()];
            enc.get(utf8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("SafeTensors.save: a tensor name or metadata string contains an "
                    + "unpaired surrogate, which UTF-8 cannot encode", e);
        }
        int padded = (utf8.length + 7) & ~7;
        if (utf8.length > SafeTensors.MAX_HEADER_SIZE - 7 || padded > SafeTensors.MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("SafeTensors.save: the header would be " + utf8.length
                    + " bytes, more than readers accept (" + SafeTensors.MAX_HEADER_SIZE + ")");
        }
        byte[] header = Arrays.copyOf(utf8, padded);
        Arrays.fill(header, utf8.length, padded, (byte) ' ');
        return new Prepared(items, header, offset);
    }

    /** Appends a JSON string the way serde_json (the reference) writes it: UTF-8, minimal escapes. */
    private static StringBuilder jsonString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
