package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledWordsTest {
    @Test
    void keepsTheLowercaseAsciiWordsOnceEachInFileOrder() {
        List<String> words = BundledWords.words();
        assertEquals(63875, words.size()); // of 104334 lines (grep -c '^[a-z]*$' american-english)
        assertEquals(words.size(), new HashSet<>(words).size(), "duplicates");
        assertTrue(words.stream().allMatch(w -> w.matches("[a-z]+")));
        assertEquals("a", words.get(0));
        assertEquals("aardvark", words.get(1));
        assertEquals("zygotes", words.get(words.size() - 1));
        // dropped: a capital, an apostrophe, an accent
        assertFalse(words.contains("Aaron") || words.contains("aardvark's") || words.contains("éclair")
                || words.contains("eclair's"));
        assertEquals(22, words.stream().mapToInt(String::length).max().orElseThrow());
    }

    @Test
    void theFilter() {
        assertTrue(BundledWords.isLowercaseAscii("zebra"));
        assertFalse(BundledWords.isLowercaseAscii(""));
        assertFalse(BundledWords.isLowercaseAscii("Zebra"));
        assertFalse(BundledWords.isLowercaseAscii("zebra's"));
        assertFalse(BundledWords.isLowercaseAscii("café"));
        assertFalse(BundledWords.isLowercaseAscii("co-op"));
    }
}
