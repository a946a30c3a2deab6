package jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import jgrad.DType;
import jgrad.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Damaged IDX input (random byte changes, truncation, appended bytes, in plain or gzipped
 * form) must either read consistently or fail with the documented {@link DataFileException};
 * never with another exception, a hang or a wrong-sized tensor.
 */
class IdxReaderPropertiesTest {

    /** One damage: set byte {@code pos % length} to {@code value}. */
    record Poke(int pos, int value) {}

    @Provide
    Arbitrary<List<Poke>> pokes() {
        Arbitrary<Poke> poke = Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 255)).as(Poke::new);
        return poke.list().ofMaxSize(4);
    }

    static byte[] damage(byte[] valid, List<Poke> pokes, int cut, int extra) {
        byte[] b = valid.clone();
        for (Poke p : pokes) {
            if (b.length > 0) {
                int i = p.pos() % b.length;
                b[i] = (byte) p.value();
            }
        }
        if (cut > 0) {
            b = Arrays.copyOf(b, Math.max(0, b.length - cut));
        } else if (extra > 0) {
            b = Arrays.copyOf(b, b.length + extra);
        }
        return b;
    }

    @Property(tries = 400)
    void damagedImagesReadConsistentlyOrFailWithDataFileException(
            @ForAll @IntRange(min = 0, max = 4) int n, @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll boolean gzipped, @ForAll boolean damageAfterGzip,
            @ForAll("pokes") List<Poke> pokes, @ForAll @IntRange(min = 0, max = 40) int cut,
            @ForAll @IntRange(min = 0, max = 3) int extra) {
        byte[] valid = IdxFiles.images(n, rows, cols);
        byte[] input;
        if (gzipped && damageAfterGzip) {
            input = damage(IdxFiles.gzip(valid), pokes, cut, extra);
        } else if (gzipped) {
            input = IdxFiles.gzip(damage(valid, pokes, cut, extra));
        } else {
            input = damage(valid, pokes, cut, extra);
        }
        IdxReader reader = IdxReader.builder().maxElements(1 << 20).build();
        try {
            Tensor x = reader.readImages(new ByteArrayInputStream(input), "fuzz");
            assertEquals(DType.FLOAT64, x.dtype());
            assertEquals(2, x.dim());
            assertTrue((long) x.size(0) * x.size(1) <= input.length * 1032L + 16,
                    "no more values than the input could hold");
            for (double v : x.storage()) {
                assertTrue(v >= 0 && v <= 1, "scaled pixel " + v);
            }
            if (pokes.isEmpty() && cut == 0 && extra == 0) {
                assertArrayEquals(new int[] {n, rows * cols}, x.shape());
            }
        } catch (DataFileException expected) {
            assertTrue(expected.getMessage().startsWith("fuzz: "), expected.getMessage());
        } catch (Exception | Error other) {
            throw new AssertionError("undocumented " + other + " for input " + Arrays.toString(input), other);
        }
    }

    @Property(tries = 300)
    void damagedPairsReadConsistentlyOrFailWithDataFileException(
            @ForAll @IntRange(min = 0, max = 6) int n, @ForAll boolean gzipped,
            @ForAll("pokes") List<Poke> imagePokes, @ForAll("pokes") List<Poke> labelPokes,
            @ForAll @IntRange(min = 0, max = 12) int cut) {
        byte[] images = damage(IdxFiles.images(n, 2, 3), imagePokes, 0, 0);
        byte[] labels = damage(IdxFiles.labels(n), labelPokes, cut, 0);
        if (gzipped) {
            images = IdxFiles.gzip(images);
            labels = IdxFiles.gzip(labels);
        }
        IdxReader reader = IdxReader.builder().numClasses(10).maxElements(1 << 20).build();
        try {
            TensorDataset d = reader.read(new ByteArrayInputStream(images), "x", new ByteArrayInputStream(labels), "y");
            assertEquals(d.inputs().size(0), d.targets().size(0));
            assertEquals(DType.INT64, d.targets().dtype());
            for (double v : d.targets().storage()) {
                assertTrue(v >= 0 && v < 10 && v == Math.rint(v), "label " + v);
            }
        } catch (DataFileException expected) {
            assertTrue(expected.getMessage().startsWith("x: ") || expected.getMessage().startsWith("y: "),
                    expected.getMessage());
        } catch (Exception | Error other) {
            throw new AssertionError("undocumented " + other, other);
        }
    }
}
