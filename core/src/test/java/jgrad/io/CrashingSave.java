package jgrad.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import jgrad.Tensor;

/**
 * Run in a child JVM by {@link SafeTensorsAtomicSaveTest}: starts saving three 1 MiB tensors
 * over {@code args[0]} and kills the JVM with {@code Runtime.halt(77)} — no finally blocks, no
 * shutdown hooks, as in a power cut or SIGKILL — right after the first tensor's bytes reached the
 * temporary file.
 */
public final class CrashingSave {
    private CrashingSave() {}

    /**
     * Entry point.
     *
     * @param args the file to (fail to) overwrite
     * @throws Exception never, in practice: the JVM halts first
     */
    public static void main(String[] args) throws Exception {
        var tensors = new LinkedHashMap<String, Tensor>();
        for (String name : new String[] {"a", "b", "c"}) {
            tensors.put(name, Tensor.full(1.5, 128, 1024));
        }
        SafeTensors.save(tensors, null, Path.of(args[0]), (index, name) -> {
            if (index == 0) {
                Runtime.getRuntime().halt(77);
            }
        });
        System.exit(0); // not reached
    }
}
