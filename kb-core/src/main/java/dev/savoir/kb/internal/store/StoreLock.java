package dev.savoir.kb.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.KbException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.StoreLockedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * A store directory locked for this process (an OS file lock on {@code store.lock}, holding this process's pid), not
 * read yet: {@link #open} it once, or {@link #close} it to release the lock. Taken by {@link FileArticleStore#lock}
 * so that a caller can read the store on another thread while it opens what sits beside it, knowing that no other
 * process uses the directory. Not thread-safe.
 */
public final class StoreLock implements AutoCloseable {
    private final Path directory;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private boolean handedOver;

    private StoreLock(Path directory, FileChannel lockChannel, FileLock lock) {
        this.directory = directory;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Takes the store's lock (creating the directory if needed) without reading anything yet, so that a caller can
     * read the store ({@link #open}) on another thread while it opens what sits beside it, knowing that no
     * other process uses the directory.
     *
     * @throws StoreLockedException if another process or store has it open
     */
    static StoreLock acquire(Path directory) {
        checkFormatBeforeLocking(directory);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + directory + ": " + e.getMessage(), e);
        }
        FileChannel lockChannel;
        FileLock lock;
        try {
            lockChannel = FileChannel.open(directory.resolve(FileArticleStore.LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("cannot open the lock file in " + directory + ": " + e.getMessage(), e);
        }
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new StoreLockedException("the store in " + directory
                    + " is already open in this JVM: close the other KnowledgeBase first, or use another directory");
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new StoreException("cannot lock the store in " + directory + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = readHolder(lockChannel);
            closeQuietly(lockChannel);
            throw new StoreLockedException("the store in " + directory + " is open in another process" + holder
                    + ": stop it first, or give each process its own directory");
        }
        try {
            writeHolder(lockChannel);
        } catch (IOException e) {
            releaseQuietly(lock, lockChannel);
            throw new StoreException("cannot write the lock file in " + directory + ": " + e.getMessage(), e);
        }
        return new StoreLock(directory, lockChannel, lock);
    }

    /**
     * Reads the store (its checkpoint, then the log after it); the store then owns the lock. On failure the lock is
     * released.
     *
     * @param cache a cache shared with other stores for revisions and audit events, or {@code null} for a private
     *     32 MiB one
     * @throws dev.savoir.kb.StoreCorruptedException if the log is damaged beyond a torn last write
     * @throws KbException if it was already opened or closed
     */
    public FileArticleStore open(@Nullable Cache<Object, Object> cache) {
        if (handedOver) {
            throw new KbException("the lock of " + directory + " was already opened or closed: lock the store again");
        }
        handedOver = true;
        return FileArticleStore.openLocked(directory, lockChannel, lock, cache);
    }

    /** Releases the lock, unless {@link #open} was called. */
    @Override
    public void close() {
        if (!handedOver) {
            handedOver = true;
            releaseQuietly(lock, lockChannel);
        }
    }

    /**
     * Refuses a log of another format before the lock file is created or written, so that a refused directory is left
     * exactly as it was (a newer Savoir may still want it). A header still being written, or missing, is left to
     * {@link #open}, which checks again under the lock.
     */
    private static void checkFormatBeforeLocking(Path directory) {
        Path logPath = directory.resolve(FileArticleStore.LOG_FILE);
        try {
            if (!Files.isRegularFile(logPath) || Files.size(logPath) < FileArticleStore.HEADER_SIZE) {
                return;
            }
            try (FileChannel ch = FileChannel.open(logPath, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(FileArticleStore.HEADER_SIZE);
                LogFiles.readFully(ch, header, 0);
                LogFiles.checkHeader(logPath, header.flip());
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the header of " + logPath + ": " + e.getMessage(), e);
        }
    }

    private static void writeHolder(FileChannel lockChannel) throws IOException {
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        lockChannel.truncate(0);
        lockChannel.write(ByteBuffer.wrap(pid), 0);
    }

    private static String readHolder(FileChannel lockChannel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = lockChannel.read(buf, 0);
            String pid = n > 0 ? new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip() : "";
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException | RuntimeException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    static void closeQuietly(@Nullable AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort on close
        }
    }
}
