package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import jgrad.data.CsvReader;
import jgrad.data.DataFileException;
import jgrad.data.TensorDataset;

/**
 * Coverage-guided fuzzing of {@link CsvReader}, plain and gzipped. The last input byte says
 * whether the test gzips the rest before writing it (odd: yes); the one before it picks the
 * reader's settings (bit 0: a header line, bit 1: the label in column 0, bit 2: {@code ;} as
 * the delimiter); the rest is the file. See {@link LoaderContract} for what is checked.
 */
class CsvLoaderFuzzTest {
    private static final Path FILE = LoaderContract.tempDir("jgrad-fuzz-csv").resolve("train.csv");
    private static final CsvReader[] READERS = new CsvReader[8];

    static {
        for (int k = 0; k < READERS.length; k++) {
            var b = CsvReader.builder().header((k & 1) != 0).delimiter((k & 4) != 0 ? ';' : ',');
            if ((k & 2) != 0) {
                b.labelColumn(0);
            }
            READERS[k] = b.build();
        }
    }

    @FuzzTest(maxDuration = "3m")
    void read(FuzzedDataProvider data) {
        boolean gzip = data.consumeBoolean();
        CsvReader reader = READERS[data.consumeByte() & 7];
        byte[] payload = data.consumeRemainingAsBytes();
        byte[] file = gzip ? FuzzSeeds.gzip(payload) : payload;
        LoaderContract.check(FILE, file, DataFileException.class, f -> {
            TensorDataset d = reader.read(f);
            var x = d.inputs();
            var y = d.targets();
            assertEquals(2, x.dim());
            assertEquals(x.shape()[0], y.shape()[0]);
            for (double v : y.toArray()) {
                assertTrue(v >= 0 && v == Math.rint(v), () -> "label " + v + " accepted");
            }
        });
    }
}
