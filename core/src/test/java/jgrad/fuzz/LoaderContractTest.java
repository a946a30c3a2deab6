package jgrad.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import jgrad.data.DataFileException;
import org.junit.jupiter.api.Test;

/** The fuzz targets' contract catches each kind of violation it promises to. */
class LoaderContractTest {
    private static final Path FILE = LoaderContract.tempDir("jgrad-contract").resolve("data.bin");
    private static final byte[] INPUT = {1, 2, 3};

    @Test
    void acceptsReturnAndDocumentedRejection() {
        assertTrue(LoaderContract.check(FILE, INPUT, DataFileException.class, f -> {}));
        assertFalse(LoaderContract.check(FILE, INPUT, DataFileException.class, f -> {
            throw new DataFileException(f.toString(), "bad");
        }));
    }

    @Test
    void undocumentedExceptionsEscape() {
        assertThrows(AssertionError.class, () -> LoaderContract.check(FILE, INPUT, DataFileException.class, f -> {
            throw new IOException(f + ": plain");
        }));
        assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> LoaderContract.check(FILE, INPUT, DataFileException.class, f -> {
                    throw new ArrayIndexOutOfBoundsException(7);
                }));
    }

    @Test
    void messageMustNameTheFile() {
        var e = assertThrows(AssertionError.class, () -> LoaderContract.check(FILE, INPUT, DataFileException.class,
                f -> {
                    throw new DataFileException("elsewhere", "bad");
                }));
        assertTrue(e.getMessage().contains("does not name the input data.bin"), e.getMessage());
    }

    @Test
    void allocationBeyondTheBoundBeforeRejectingFails() {
        long bound = LoaderContract.ALLOCATION_FACTOR * INPUT.length + LoaderContract.ALLOCATION_SLACK;
        var e = assertThrows(AssertionError.class, () -> LoaderContract.check(FILE, INPUT, DataFileException.class,
                f -> {
                    long[] big = new long[(int) (bound / 8) + 1024];
                    throw new DataFileException(f.toString(), "rejected after " + big.length);
                }));
        assertTrue(e.getMessage().contains("over the bound " + bound), e.getMessage());
    }

    @Test
    void gzipInputIsMeasuredByItsDecompressedSize() {
        byte[] raw = new byte[100_000];
        assertEquals(raw.length, LoaderContract.basis(FuzzSeeds.gzip(raw)));
        assertEquals(INPUT.length, LoaderContract.basis(INPUT));
    }
}
