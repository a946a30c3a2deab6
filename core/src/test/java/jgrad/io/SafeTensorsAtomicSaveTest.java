package jgrad.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jgrad.DType;
import jgrad.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jgrad.internal.TensorInternals;

/** A failed or interrupted save never damages the file it was replacing. */
class SafeTensorsAtomicSaveTest {
    @TempDir
    Path dir;

    private Path file;
    private byte[] good;

    private static LinkedHashMap<String, Tensor> newWeights() {
        var m = new LinkedHashMap<String, Tensor>();
        m.put("w", Tensor.full(2.0, 64, 64));
        m.put("b", Tensor.full(3.0, 64));
        m.put("c", Tensor.full(4.0, 64, 64));
        return m;
    }

    @BeforeEach
    void writeAGoodFile() throws IOException {
        file = dir.resolve("model.safetensors");
        SafeTensors.save(Map.of("old", Tensor.of(1, 2, 3)), Map.of("version", "1"), file);
        good = Files.readAllBytes(file);
    }

    private List<Path> dirContents() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private void assertOldFileIntactAndNoTempFiles() throws IOException {
        assertArrayEquals(good, Files.readAllBytes(file));
        assertEquals("1", SafeTensors.loadWithMetadata(file).metadata().get("version"));
        assertEquals(List.of(file), dirContents(), "no temporary file may be left behind");
    }

    @Test
    void ioFailureMidWayKeepsTheOldFile() throws Exception {
        var e = assertThrows(IOException.class, () -> SafeTensors.save(newWeights(), null, file, (i, name) -> {
            if (i == 1) {
                throw new IOException("disk full (simulated) after " + name);
            }
        }));
        assertEquals("disk full (simulated) after b", e.getMessage());
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void uncheckedFailureMidWayKeepsTheOldFile() throws Exception {
        var boom = new IllegalStateException("boom");
        var e = assertThrows(IllegalStateException.class, () -> SafeTensors.save(newWeights(), null, file, (i, name) -> {
            throw boom;
        }));
        assertSame(boom, e);
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void mapWhoseIterationThrowsKeepsTheOldFile() throws Exception {
        Map<String, Tensor> hostile = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Tensor>> entrySet() {
                return new AbstractSet<>() {
                    @Override
                    public Iterator<Entry<String, Tensor>> iterator() {
                        Iterator<Entry<String, Tensor>> it = newWeights().entrySet().iterator();
                        return new Iterator<>() {
                            int n;

                            @Override
                            public boolean hasNext() {
                                return true;
                            }

                            @Override
                            public Entry<String, Tensor> next() {
                                if (n++ == 2) {
                                    throw new IllegalStateException("concurrent modification (simulated)");
                                }
                                return it.next();
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return 3;
                    }
                };
            }
        };
        assertThrows(IllegalStateException.class, () -> SafeTensors.save(hostile, file));
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void invalidTensorKeepsTheOldFile() throws Exception {
        var m = newWeights();
        m.put("labels", TensorInternals.wrap(new double[] {1, 2.5}, DType.INT64, 2)); // wrap rejects it; save checks too
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(m, file));
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void failedFirstSaveLeavesNothing() throws Exception {
        Path fresh = dir.resolve("fresh.safetensors");
        assertThrows(IOException.class, () -> SafeTensors.save(newWeights(), null, fresh, (i, name) -> {
            throw new IOException("simulated");
        }));
        assertFalse(Files.exists(fresh));
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void successfulSaveReplacesTheFile() throws Exception {
        SafeTensors.save(newWeights(), file);
        assertEquals(List.of("w", "b", "c"), List.copyOf(SafeTensors.load(file).keySet()));
        assertEquals(List.of(file), dirContents());
    }

    @Test
    void savingOverADirectoryIsRefused() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub.safetensors"));
        assertThrows(FileSystemException.class, () -> SafeTensors.save(newWeights(), sub));
        assertTrue(Files.isDirectory(sub));
        Files.delete(sub);
        assertOldFileIntactAndNoTempFiles();
    }

    @Test
    void savedFileGetsOrdinaryPermissionsNotATempFilesPrivateOnes() throws Exception {
        var view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return; // not a POSIX file system
        }
        Path plain = Files.createFile(dir.resolve("plain"));
        Path saved = dir.resolve("saved.safetensors");
        SafeTensors.save(newWeights(), saved);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved));
    }

    @Test
    void aCrashMidSaveLeavesTheOldFileIntact() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingSave.class.getName(), file.toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(77, p.exitValue(), "child JVM should have halted mid-save; output: " + out);

        assertArrayEquals(good, Files.readAllBytes(file), "the old file must be untouched");
        assertEquals(List.of("old"), List.copyOf(SafeTensors.load(file).keySet()));
        // The crash left its half-written temporary file: hidden, named after the target, and
        // holding the first tensor (1 MiB) but not the rest.
        List<Path> leftovers = dirContents().stream().filter(x -> !x.equals(file)).toList();
        assertEquals(1, leftovers.size(), leftovers.toString());
        String name = leftovers.get(0).getFileName().toString();
        assertTrue(name.startsWith(".model.safetensors.") && name.endsWith(".tmp"), name);
        long size = Files.size(leftovers.get(0));
        assertTrue(size > 1 << 20 && size < 3 << 20, "partial temp file size " + size);
        assertThrows(SafeTensorsException.class, () -> SafeTensors.load(leftovers.get(0)),
                "the partial file is detected as corrupt");

        // The next save works as usual and removes the stale temporary file.
        SafeTensors.save(newWeights(), file);
        assertEquals(List.of("w", "b", "c"), List.copyOf(SafeTensors.load(file).keySet()));
        assertEquals(List.of(file), dirContents(), "the stale temporary file is removed");
    }

    @Test
    void aSuccessfulSaveRemovesStaleTempFilesOfItsTargetAndNothingElse() throws Exception {
        FileTime old = FileTime.from(Instant.now().minusSeconds(600));
        List<String> stale = List.of(".model.safetensors.0.tmp", ".model.safetensors.00ff00ff00ff00ff.tmp",
                ".model.safetensors.7c1e.tmp");
        List<String> kept = List.of(".model.safetensors.notes.tmp", ".model.safetensors.00FF.tmp",
                ".model.safetensors.00ff00ff00ff00ff0.tmp", ".model.safetensors..tmp", "model.safetensors.00ff.tmp",
                ".model.safetensors.00ff.tmp.bak", ".other.safetensors.00ff.tmp", ".model.safetensorsx.00ff.tmp",
                ".model.00ff.tmp");
        for (String n : stale) {
            Files.setLastModifiedTime(Files.write(dir.resolve(n), new byte[] {1}), old);
        }
        for (String n : kept) {
            Files.setLastModifiedTime(Files.write(dir.resolve(n), new byte[] {1}), old);
        }
        // a save running elsewhere right now: its temporary file is newer than this save's start
        Path running = Files.write(dir.resolve(".model.safetensors.abcdef.tmp"), new byte[] {1});
        Files.setLastModifiedTime(running, FileTime.from(Instant.now().plusSeconds(60)));
        // a directory or link with a matching name is not ours
        Path subdir = Files.createDirectory(dir.resolve(".model.safetensors.0abc.tmp"));
        Files.setLastModifiedTime(subdir, old);

        SafeTensors.save(newWeights(), file);
        for (String n : stale) {
            assertFalse(Files.exists(dir.resolve(n)), n + " should be removed");
        }
        for (String n : kept) {
            assertTrue(Files.exists(dir.resolve(n)), n + " must be kept");
        }
        assertTrue(Files.exists(running) && Files.isDirectory(subdir));
        assertEquals(List.of("w", "b", "c"), List.copyOf(SafeTensors.load(file).keySet()));
    }

    @Test
    void longTargetNamesGetAShortStemThatDistinguishesThem() throws Exception {
        String a = "x".repeat(60) + "-a.safetensors";
        String b = "x".repeat(60) + "-b.safetensors";
        String stemA = SafeTensorsWriter.tempStem(a);
        assertEquals(57, stemA.length(), stemA);
        assertFalse(stemA.equals(SafeTensorsWriter.tempStem(b)));
        assertEquals("model.safetensors", SafeTensorsWriter.tempStem("model.safetensors"));
        FileTime old = FileTime.from(Instant.now().minusSeconds(600));
        Path staleA = Files.setLastModifiedTime(Files.write(dir.resolve("." + stemA + ".12ab.tmp"), new byte[1]), old);
        Path staleB = Files.setLastModifiedTime(Files.write(dir.resolve("." + SafeTensorsWriter.tempStem(b)
                + ".12ab.tmp"), new byte[1]), old);
        SafeTensors.save(newWeights(), dir.resolve(a));
        assertFalse(Files.exists(staleA));
        assertTrue(Files.exists(staleB));
    }
}
