package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed {@code seed-*} files of the fuzz targets' regression corpora are exactly what
 * {@link FuzzSeeds} makes. After changing {@link FuzzSeeds}, rewrite them with
 * {@code ./mvnw -pl core test -Dtest=FuzzSeedsTest -Djgrad.fuzz.writeSeeds=true} and review the
 * diff. Other files in those directories (inputs the fuzzer found) are left alone.
 */
class FuzzSeedsTest {
    private static final Path RESOURCES = Path.of("src/test/resources/jgrad/fuzz");
    private static final boolean WRITE = Boolean.getBoolean("jgrad.fuzz.writeSeeds");

    static Stream<Arguments> seeds() {
        return Stream.of(
                        corpus("SafeTensorsLoaderFuzzTestInputs/load", FuzzSeeds.safetensors()),
                        corpus("IdxLoaderFuzzTestInputs/read", FuzzSeeds.idx()),
                        corpus("CsvLoaderFuzzTestInputs/read", FuzzSeeds.csv()))
                .flatMap(s -> s);
    }

    private static Stream<Arguments> corpus(String dir, Map<String, byte[]> seeds) {
        return seeds.entrySet().stream()
                .map(e -> Arguments.of(dir + "/seed-" + e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void committedSeedIsCurrent(String name, byte[] expected) throws IOException {
        Path file = RESOURCES.resolve(name);
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.write(file, expected);
        }
        assertTrue(Files.isRegularFile(file), () -> file + " is missing: run with -Djgrad.fuzz.writeSeeds=true");
        assertArrayEquals(expected, Files.readAllBytes(file), () -> file + " is stale: run with -Djgrad.fuzz.writeSeeds=true");
    }
}
