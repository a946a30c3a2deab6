package jgrad.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import jgrad.data.Resources;

/**
 * The English word list shipped in this module's jar (Debian's {@code wamerican} 2020.12.07-2,
 * {@code /usr/share/dict/american-english}, from SCOWL by Kevin Atkinson; licence in
 * {@code DATA-LICENSES.md} and {@code jgrad/data/wamerican-copyright}), as training data for
 * character-level models such as {@link Makemore}. The file is bundled unchanged (gzipped);
 * {@link #words()} filters it in code.
 */
public final class BundledWords {
    /** The word list: the unmodified {@code american-english} file, gzipped, one word a line. */
    public static final String WORDS = BundledData.DIR + "american-english.gz";

    private BundledWords() {}

    /**
     * The words a makemore-style model trains on: the lines of the bundled list made of the
     * lowercase letters {@code a}-{@code z} only, in the file's order, each once. Dropped: words
     * with a capital (proper nouns such as {@code Aaron}), an apostrophe ({@code aardvark's}), an
     * accent ({@code éclair}) or any other character. Of the file's 104334 lines, 63875 words
     * are kept, of 1 to 22 letters.
     *
     * @return a new mutable list of the words
     * @throws UncheckedIOException if the bundled file is missing or unreadable
     */
    public static List<String> words() {
        try (InputStream in = new GZIPInputStream(Resources.open(WORDS));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Set<String> kept = new LinkedHashSet<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (isLowercaseAscii(line)) {
                    kept.add(line);
                }
            }
            return new ArrayList<>(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("BundledWords.words: " + Resources.displayName(WORDS) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether {@code s} is non-empty and made of {@code a}-{@code z} only. */
    static boolean isLowercaseAscii(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }
}
