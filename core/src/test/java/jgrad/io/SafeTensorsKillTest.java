package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic saves under {@code destroyForcibly}: a child JVM ({@link SaveLoop}) overwrites a
 * 24 MiB state dict again and again and is killed at a seeded random moment, 22 times. After
 * every kill the file loads, whole, as one of the versions the child was saving or had saved;
 * after the next successful save no temporary file of the target remains. Prints how many kills
 * landed mid-write (a temporary file of the killed child was left behind).
 */
class SafeTensorsKillTest {
    static final int KILLS = 22;
    static final long SEED = 12;
    static final int MAX_DELAY_MS = 500;

    @TempDir
    Path dir;

    private List<Path> temps(Path target) throws IOException {
        String stem = SafeTensorsWriter.tempStem(target.getFileName().toString());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> SafeTensorsWriter.isTempOf(p.getFileName().toString(), stem)).sorted().toList();
        }
    }

    /** Loads the file and checks it is exactly version {@code v} for some v in [lo, hi]; returns v. */
    private static long loadWholeVersion(Path file, long lo, long hi) throws IOException {
        SafeTensors.Contents c = SafeTensors.loadWithMetadata(file);
        long v = Long.parseLong(c.metadata().get("version"));
        assertTrue(v >= lo && v <= hi, "version " + v + " not in [" + lo + ", " + hi + "]");
        assertEquals(List.of(SaveLoop.NAMES), List.copyOf(c.tensors().keySet()));
        for (int k = 0; k < SaveLoop.NAMES.length; k++) {
            double[] d = c.tensors().get(SaveLoop.NAMES[k]).storage();
            assertEquals(SaveLoop.SIZE, d.length);
            double want = SaveLoop.value(v, k);
            for (double x : d) {
                if (x != want) {
                    throw new AssertionError(SaveLoop.NAMES[k] + " of version " + v + " holds " + x + ", not " + want);
                }
            }
        }
        return v;
    }

    @Test
    void killingASaveAtRandomMomentsNeverDamagesTheFile() throws Exception {
        Path file = dir.resolve("model.safetensors");
        var initial = new LinkedHashMap<String, Tensor>();
        for (int k = 0; k < SaveLoop.NAMES.length; k++) {
            initial.put(SaveLoop.NAMES[k], Tensor.full(SaveLoop.value(0, k), SaveLoop.SIZE));
        }
        SafeTensors.save(initial, Map.of("version", "0"), file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random rng = new Random(SEED);
        long version = 0;
        int midWrite = 0;
        int completedSaves = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<Path> before = temps(file);
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString(),
                    Long.toString(version + 1)).redirectErrorStream(true).start();
            var lines = new LinkedBlockingQueue<String>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the child died: its output ends here
                }
            });
            pump.start();
            try {
                String firstLine = lines.poll(60, TimeUnit.SECONDS);
                assertNotNull(firstLine, "the child did not start saving within 60 s");
                assertEquals("saving " + (version + 1), firstLine);
                Thread.sleep(rng.nextInt(MAX_DELAY_MS));
            } finally {
                // SIGKILL through the handle: Process.destroyForcibly would also close our end of
                // the child's stdout and lose lines the pump has not read yet.
                p.toHandle().destroyForcibly();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child did not exit");
            }
            pump.join(10_000);
            long lastSaving = version + 1; // the first line, taken from the queue above
            long lastSaved = version;
            for (String l : new ArrayList<>(lines)) {
                String[] w = l.split(" ");
                assertEquals(2, w.length, "unexpected child output: " + l + " / all: " + lines);
                if (w[0].equals("saving")) {
                    lastSaving = Long.parseLong(w[1]);
                } else if (w[0].equals("saved")) {
                    lastSaved = Long.parseLong(w[1]);
                    completedSaves++;
                } else {
                    throw new AssertionError("unexpected child output: " + lines);
                }
            }
            List<Path> after = new ArrayList<>(temps(file));
            after.removeAll(before);
            if (!after.isEmpty()) {
                midWrite++;
            }
            // The rename may have happened after "saved" was last printed but before the kill.
            version = loadWholeVersion(file, lastSaved, lastSaving);
        }
        System.out.println("SafeTensorsKillTest: " + KILLS + " kills, " + midWrite
                + " mid-write (temporary file left), " + completedSaves + " saves completed in the children; "
                + temps(file).size() + " temporary files before the next save");
        assertTrue(midWrite > 0, "no kill landed mid-write; the test does not test what it claims");
        SafeTensors.save(initial, Map.of("version", "0"), file);
        assertEquals(List.of(), temps(file), "the next successful save leaves no temporary file of the target");
        assertEquals(0, loadWholeVersion(file, 0, 0));
    }
}
