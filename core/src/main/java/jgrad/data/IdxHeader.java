package jgrad.data;

import java.io.IOException;
import java.util.function.LongSupplier;

/** Reads and validates the header of an IDX file for {@link IdxReader}. Internal. */
final class IdxHeader {
    /** Heap bytes one value takes while it loads: the byte as read, then its double. */
    static final long HEAP_BYTES_PER_VALUE = 9;

    /** The heap limit headers are checked against: the JVM's maximum heap (a seam for tests). */
    static LongSupplier maxHeap = () -> Runtime.getRuntime().maxMemory();

    private IdxHeader() {}

    /** Reads and validates a header; returns the dims. */
    static int[] read(IdxSource s, boolean images, long maxElements) throws IOException {
        int ndims = images ? 3 : 1;
        int headerBytes = 4 + 4 * ndims;
        byte[] h = new byte[headerBytes];
        int got = s.readFully(h, 0, headerBytes);
        if (got == 0) {
            throw new DataFileException(s.name, "the file is empty; expected an IDX " + (images ? "images" : "labels")
                    + " file");
        }
        if (got < 4) {
            throw new DataFileException(s.name, "the file ends after " + got + " byte" + (got == 1 ? "" : "s")
                    + ", inside the 4-byte magic number");
        }
        int magic = readInt(h, 0);
        int expected = images ? IdxReader.IMAGES_MAGIC : IdxReader.LABELS_MAGIC;
        if (magic != expected) {
            throw new DataFileException(s.name, String.format("wrong magic number 0x%08x: expected 0x%08x for an IDX "
                    + "%s file (%s)%s", magic, expected, images ? "images" : "labels",
                    images ? "unsigned bytes, 3 dims" : "unsigned bytes, 1 dim", describeMagic(magic, images)));
        }
        if (got < headerBytes) {
            throw new DataFileException(s.name, "the file ends after " + got + " bytes, inside the " + headerBytes
                    + "-byte header");
        }
        int[] dims = new int[ndims];
        String[] names = images ? new String[] {"image count", "rows", "cols"} : new String[] {"label count"};
        for (int d = 0; d < ndims; d++) {
            long v = readInt(h, 4 + 4 * d) & 0xFFFFFFFFL;
            if (v > Integer.MAX_VALUE) {
                throw new DataFileException(s.name, "the header declares " + names[d] + " " + v
                        + ", more than the largest supported " + Integer.MAX_VALUE + " (forged or corrupt header?)");
            }
            if (d > 0 && v == 0) {
                throw new DataFileException(s.name, "the header declares images of " + dims[0] + " x "
                        + (d == 1 ? "0" : dims[1] + " x 0") + " pixels; rows and cols must be >= 1");
            }
            dims[d] = (int) v;
        }
        long total = images ? (long) dims[0] * dims[1] * dims[2] : dims[0];
        if (images && (long) dims[1] * dims[2] > maxElements || total > maxElements) {
            throw new DataFileException(s.name, "the header declares " + describe(dims) + " = " + total
                    + " values, more than the maximum of " + maxElements + " (forged or corrupt header?)");
        }
        if (!s.gzip && s.fileSize >= 0) {
            long needed = headerBytes + total;
            if (s.fileSize < needed) {
                throw new DataFileException(s.name, "the header declares " + describe(dims) + ", which needs "
                        + needed + " bytes, but the file has only " + s.fileSize + " (truncated file or forged header)");
            }
            if (s.fileSize > needed) {
                throw new DataFileException(s.name, "the header declares " + describe(dims) + ", which needs "
                        + needed + " bytes, but the file has " + s.fileSize + " (" + (s.fileSize - needed)
                        + " unexpected bytes after the data)");
            }
        }
        long heap = maxHeap.getAsLong();
        if (heap != Long.MAX_VALUE && total > heap / HEAP_BYTES_PER_VALUE) {
            throw new DataFileException(s.name, "the header declares " + describe(dims) + " = " + total
                    + " values, which need " + HEAP_BYTES_PER_VALUE * total + " bytes of heap to load ("
                    + HEAP_BYTES_PER_VALUE + " per value), more than the JVM's maximum heap of " + heap
                    + " bytes (see -Xmx; forged or corrupt header?)");
        }
        return dims;
    }

    static String describe(int[] dims) {
        if (dims.length == 3) {
            return dims[0] + " image" + (dims[0] == 1 ? "" : "s") + " of " + dims[1] + " x " + dims[2] + " pixels";
        }
        return dims[0] + " label" + (dims[0] == 1 ? "" : "s");
    }

    private static String describeMagic(int magic, boolean images) {
        if (images && magic == IdxReader.LABELS_MAGIC) {
            return "; this looks like a labels file";
        }
        if (!images && magic == IdxReader.IMAGES_MAGIC) {
            return "; this looks like an images file";
        }
        if ((magic >>> 16) != 0) {
            return "; this is not an IDX file";
        }
        int type = (magic >>> 8) & 0xFF;
        String t = switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        if (t == null) {
            return "; this is not an IDX file";
        }
        return "; found IDX data of type " + t + " with " + (magic & 0xFF) + " dims, which is not supported";
    }

    private static int readInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
