package jgrad.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jgrad.Tensor;

/**
 * Run in a child JVM by {@link SafeTensorsKillTest}: overwrites {@code args[0]} with version
 * after version of a 24 MiB state dict (versions from {@code args[1]} on), printing
 * {@code saving V} before and {@code saved V} after each save, until it is killed (or has
 * saved 200 versions, so it never outlives a test that died).
 */
public final class SaveLoop {
    /** Doubles per tensor: 1 Mi, so three tensors are 24 MiB. */
    static final int SIZE = 1 << 20;
    /** Tensor names, in file order. */
    static final String[] NAMES = {"layer1.weight", "layer2.weight", "layer3.weight"};

    private SaveLoop() {}

    /**
     * The value every element of tensor {@code k} holds in version {@code v}.
     *
     * @param v the version
     * @param k the tensor's index
     * @return the value
     */
    static double value(long v, int k) {
        return v * 10.0 + k;
    }

    /**
     * Entry point.
     *
     * @param args the file to overwrite and the first version to write
     * @throws Exception if a save fails
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        for (long v = first; v < first + 200; v++) {
            var tensors = new LinkedHashMap<String, Tensor>();
            for (int k = 0; k < NAMES.length; k++) {
                tensors.put(NAMES[k], Tensor.full(value(v, k), SIZE));
            }
            System.out.println("saving " + v);
            System.out.flush();
            SafeTensors.save(tensors, Map.of("version", Long.toString(v)), file);
            System.out.println("saved " + v);
            System.out.flush();
        }
    }
}
