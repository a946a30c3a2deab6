package jgrad.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text lines, like {@link java.io.BufferedReader#readLine()} (ends at {@code \n},
 * {@code \r} or {@code \r\n}), but refuses a line longer than a limit as soon as the limit is
 * passed, so a file of one endless line costs no more memory than the limit. Internal.
 */
final class LineReader {
    private final Reader in;
    private final String name;
    private final int maxLength;
    private final char[] buf = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int lim;
    private boolean skipLf;

    /**
     * A reader of lines.
     *
     * @param in the text
     * @param name the input's name, for messages
     * @param maxLength the most characters a line may have (line break not counted)
     */
    LineReader(Reader in, String name, int maxLength) {
        this.in = in;
        this.name = name;
        this.maxLength = maxLength;
    }

    /**
     * The next line without its line break, or null at the end of the text.
     *
     * @param lineNo the 1-based number of the line about to be read, for the message
     * @return the line, or null
     * @throws DataFileException if the line is longer than the limit
     * @throws IOException if the text cannot be read
     */
    String readLine(long lineNo) throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == lim) {
                int r = in.read(buf, 0, buf.length);
                if (r < 0) {
                    return any ? line.toString() : null;
                }
                pos = 0;
                lim = r;
                continue;
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            if (line.length() + (pos - start) > maxLength) {
                throw new DataFileException(name, lineNo, "the line is longer than the limit of " + maxLength
                        + " characters (see CsvReader.Builder.maxLineLength)", null);
            }
            line.append(buf, start, pos - start);
            if (pos < lim) {
                skipLf = buf[pos++] == '\r';
                return line.toString();
            }
        }
    }
}
