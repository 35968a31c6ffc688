package dev.savoir.kb.examples;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A temporary folder for one run of an example, deleted with everything in it when the JVM exits (normally or on
 * Ctrl-C), so that runs leave nothing behind in the system's temporary folder. Pass a folder on the command line to
 * keep the knowledge base instead.
 */
public final class TempFolder {
    private TempFolder() {
    }

    /** Creates a temporary folder whose name starts with {@code prefix}, deleted when the JVM exits. */
    public static Path create(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        deleteOnExit(folder);
        return folder;
    }

    /** Deletes {@code folder} and everything in it when the JVM exits. */
    public static void deleteOnExit(Path folder) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(folder);
            } catch (IOException e) {
                System.err.println("Could not delete the temporary folder " + folder + ": " + e);
            }
        }, "delete " + folder.getFileName()));
    }

    /** Deletes {@code folder} and everything in it (nothing if it does not exist); follows no symbolic link. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
