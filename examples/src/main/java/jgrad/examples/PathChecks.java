package jgrad.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks of the CLI's input and output paths before any work, and I/O errors in words: every
 * message names the command, the option, the path and what is wrong with it.
 */
final class PathChecks {
    private PathChecks() {}

    /** A file to read: it exists, is not a directory, and is readable. */
    static void readableFile(String command, String option, Path file) {
        if (!Files.exists(file)) {
            throw bad(command, option, file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw bad(command, option, file, "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw bad(command, option, file, "is not readable (permission denied)");
        }
    }

    /** A directory to read from: it exists and is a directory. */
    static void directory(String command, String option, Path dir) {
        if (!Files.exists(dir)) {
            throw bad(command, option, dir, "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw bad(command, option, dir, "is a file, not a directory");
        }
    }

    /**
     * A file to write: it is not a directory, is writable if it exists, and its parent directory
     * exists, is a directory and is writable.
     */
    static void writableFile(String command, String option, Path file) {
        if (Files.isDirectory(file)) {
            throw bad(command, option, file, "is a directory; give a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw bad(command, option, file, "exists and is not writable (permission denied)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.exists(parent)) {
            throw bad(command, option, file, "its directory " + parent + " does not exist");
        }
        if (!Files.isDirectory(parent)) {
            throw bad(command, option, file, "its parent " + parent + " is not a directory");
        }
        if (!Files.isWritable(parent)) {
            throw bad(command, option, file, "its directory " + parent + " is not writable (permission denied)");
        }
    }

    /**
     * An I/O error as one line naming the file and the problem (Java's own messages are often just
     * the path, or just the problem).
     */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : e.getClass().getSimpleName());
        }
        String m = e.getMessage();
        return m != null ? m : e.getClass().getSimpleName();
    }

    private static IllegalArgumentException bad(String command, String option, Path path, String problem) {
        return new IllegalArgumentException(command + ": " + option + " " + path + ": " + problem);
    }
}
