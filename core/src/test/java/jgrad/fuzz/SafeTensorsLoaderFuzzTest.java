package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import jgrad.io.SafeTensors;
import jgrad.io.SafeTensorsException;

/**
 * Coverage-guided fuzzing of the safetensors loader. The last input byte picks the call by its
 * two low bits ({@code 1}: {@link SafeTensors#readHeader}, {@code 2}: {@link
 * SafeTensors#fromBytes} on the bytes held in memory, whose rejections name {@code <bytes>};
 * otherwise {@link SafeTensors#loadWithMetadata}); the rest is the file. See {@link LoaderContract} for what is checked; the regression inputs are in
 * {@code src/test/resources/jgrad/fuzz/SafeTensorsLoaderFuzzTestInputs/load/}.
 */
class SafeTensorsLoaderFuzzTest {
    private static final Path FILE = LoaderContract.tempDir("jgrad-fuzz-st").resolve("model.safetensors");

    @FuzzTest(maxDuration = "3m")
    void load(FuzzedDataProvider data) {
        int mode = data.consumeByte() & 3;
        byte[] file = data.consumeRemainingAsBytes();
        if (mode == 2) {
            LoaderContract.check(FILE, "<bytes>", file, SafeTensorsException.class, f -> SafeTensors.fromBytes(file));
            return;
        }
        LoaderContract.check(FILE, file, SafeTensorsException.class, f -> {
            if (mode == 1) {
                SafeTensors.readHeader(f);
            } else {
                var c = SafeTensors.loadWithMetadata(f);
                // an accepted file holds exactly what its header lists
                assertEquals(SafeTensors.readHeader(f).tensors().size(), c.tensors().size());
            }
        });
    }
}
