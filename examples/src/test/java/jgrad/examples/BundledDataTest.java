package jgrad.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.data.TensorDataset;
import org.junit.jupiter.api.Test;

class BundledDataTest {

    static void assertLabels0to9(Tensor y) {
        assertEquals(DType.INT64, y.dtype());
        int[] counts = new int[10];
        for (double v : y.storage()) {
            assertTrue(v >= 0 && v <= 9 && v == Math.rint(v), "label " + v);
            counts[(int) v]++;
        }
        for (int c = 0; c < 10; c++) {
            assertTrue(counts[c] > 0, "class " + c + " occurs");
        }
    }

    @Test
    void digitsHas1797RowsOf64FeaturesAndLabels0to9() {
        TensorDataset d = BundledData.digits();
        assertEquals(1797, d.size());
        assertArrayEquals(new int[] {1797, 64}, d.inputs().shape());
        assertEquals(DType.FLOAT64, d.inputs().dtype());
        assertArrayEquals(new int[] {1797}, d.targets().shape());
        assertLabels0to9(d.targets());
        double[] x = d.inputs().storage();
        assertEquals(0, Arrays.stream(x).min().orElseThrow());
        assertEquals(16, Arrays.stream(x).max().orElseThrow());
        // the first rows of sklearn's load_digits: labels 0, 1, 2; first image starts 0, 0, 5, 13
        assertArrayEquals(new double[] {0, 1, 2}, Arrays.copyOf(d.targets().storage(), 3));
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(x, 8));
    }

    @Test
    void fashionTrainHas2000ImagesOf28x28() {
        TensorDataset d = BundledData.fashionTrain();
        assertEquals(2000, d.size());
        assertArrayEquals(new int[] {2000, 784}, d.inputs().shape());
        assertArrayEquals(new int[] {2000}, d.targets().shape());
        assertLabels0to9(d.targets());
        double[] x = d.inputs().storage();
        assertTrue(Arrays.stream(x).allMatch(v -> v >= 0 && v <= 1));
        assertEquals(1.0, Arrays.stream(x).max().orElseThrow());
        assertArrayEquals(new int[] {2000, 28, 28}, BundledData.fashionTrain(false).inputs().shape());
    }

    @Test
    void fashionTestHas500ImagesOf28x28() {
        TensorDataset d = BundledData.fashionTest();
        assertEquals(500, d.size());
        assertArrayEquals(new int[] {500, 784}, d.inputs().shape());
        assertArrayEquals(new int[] {500}, d.targets().shape());
        assertLabels0to9(d.targets());
        assertArrayEquals(new int[] {500, 28, 28}, BundledData.fashionTest(false).inputs().shape());
        assertEquals(10, BundledData.FASHION_CLASSES.size());
    }

    @Test
    void dhammapadaIsDebiansFileUnchanged() throws Exception {
        String text = BundledData.dhammapada();
        assertEquals(66357, text.length());
        assertTrue(text.startsWith("This is an alternate version of the Dhammapada. It was based on\nthe Gutenberg file "
                + "'dhmpd10.txt' which is in the public domain.\n"), text.substring(0, 120));
        assertTrue(text.strip().endsWith("whose perfections are all perfect. 423"), "the last verse");
        assertEquals(78, text.chars().distinct().count(), "distinct characters");
        assertTrue(text.chars().allMatch(c -> c == '\n' || c >= ' ' && c < 127), "printable ASCII and newlines only");
        // SHA-256 of the uncompressed file in display-dhammapada 1.0-0.1+b1
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("2164175c6f8f1e075d06e7f8a06a285d20b442143779c36c56ea3d8bde1ced7c",
                java.util.HexFormat.of().formatHex(sha));
    }

    @Test
    void eachCallReturnsFreshTensors() {
        TensorDataset a = BundledData.digits();
        a.inputs().storage()[0] = 99;
        assertEquals(0, BundledData.digits().inputs().get(0, 0));
    }
}
