package jgrad.data;

import static jgrad.data.CsvReaderTest.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    @Test
    void opensClassResourcesAndNamesMissingOnes() throws IOException {
        try (InputStream in = Resources.open("/jgrad/data/Resources.class")) {
            assertEquals(0xCA, in.read());
        }
        assertEquals("classpath:jgrad/data/x.csv", Resources.displayName("/jgrad/data/x.csv"));
        assertMentions(assertThrows(FileNotFoundException.class, () -> Resources.open("jgrad/data/nope.csv")),
                "jgrad/data/nope.csv");
        assertThrows(IllegalArgumentException.class, () -> Resources.open(""));
    }
}
