package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import jgrad.Tensor;
import jgrad.data.DataFileException;
import jgrad.data.IdxReader;

/**
 * Coverage-guided fuzzing of {@link IdxReader}, plain and gzipped. The last input byte says
 * whether the test gzips the rest before writing it (odd: yes), the one before it whether it
 * is read as labels (odd, with 10 classes) or as unflattened images; the rest is the file.
 * Raw gzip data with a damaged stream is reached with the flag even and a payload starting
 * {@code 1f 8b}. See {@link LoaderContract} for what is checked.
 */
class IdxLoaderFuzzTest {
    private static final Path FILE = LoaderContract.tempDir("jgrad-fuzz-idx").resolve("train-idx-ubyte");
    private static final IdxReader LABELS = IdxReader.builder().numClasses(10).build();
    private static final IdxReader IMAGES = IdxReader.builder().flatten(false).build();

    @FuzzTest(maxDuration = "3m")
    void read(FuzzedDataProvider data) {
        boolean gzip = data.consumeBoolean();
        boolean labels = data.consumeBoolean();
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] file = gzip ? FuzzSeeds.gzip(payload) : payload;
        LoaderContract.check(FILE, file, DataFileException.class, f -> {
            if (labels) {
                Tensor y = LABELS.readLabels(f);
                assertEquals(1, y.dim());
                for (double v : y.toArray()) {
                    assertTrue(v >= 0 && v < 10, () -> "label " + v + " passed numClasses(10)");
                }
            } else {
                Tensor x = IMAGES.readImages(f);
                assertEquals(3, x.dim());
            }
        });
    }
}
