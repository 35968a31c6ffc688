package dev.savoir.kb.internal.store;

import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** The log file's header (magic and format version), its creation with fsyncs, and exact reads. */
final class LogFiles {
    private LogFiles() {
    }

    /**
     * Checks the log's header: the magic, then the format version.
     *
     * @throws StoreCorruptedException if it is not a Savoir log
     * @throws StoreFormatException if it is of another format version
     */
    static void checkHeader(Path logPath, ByteBuffer header) {
        byte[] magic = new byte[FileArticleStore.MAGIC.length];
        header.get(magic);
        if (!Arrays.equals(magic, FileArticleStore.MAGIC)) {
            throw new StoreCorruptedException(logPath + " is not a Savoir store log (bad magic): point the "
                    + "knowledge base at its own, empty or Savoir-written directory");
        }
        int version = header.getInt();
        int supported = FileArticleStore.FORMAT_VERSION;
        if (version > supported) {
            throw new StoreFormatException(logPath + " was written by a newer Savoir (store format " + version
                    + "); this version reads store format " + supported + " only: upgrade Savoir to the "
                    + "version that wrote it (or a newer one), or export it with that version (JsonFormat) and "
                    + "import the export here. The store was left unchanged", version, supported);
        }
        if (version < supported) {
            throw new StoreFormatException(logPath + " claims store format " + version + ", which no Savoir release "
                    + "wrote (this version reads store format " + supported + ", the first): its header is "
                    + "damaged or it was not written by Savoir. Restore the directory from a backup; the store was "
                    + "left unchanged", version, supported);
        }
    }

    static void createLogIfMissing(Path directory) throws IOException {
        Path logPath = directory.resolve(FileArticleStore.LOG_FILE);
        if (Files.exists(logPath) && Files.size(logPath) >= FileArticleStore.HEADER_SIZE) {
            return;
        }
        // New, or a crash happened while the header was being written (nothing can have been acknowledged).
        try (FileChannel ch = FileChannel.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(FileArticleStore.HEADER_SIZE);
            header.put(FileArticleStore.MAGIC).putInt(FileArticleStore.FORMAT_VERSION).putInt(0).flip();
            while (header.hasRemaining()) {
                ch.write(header);
            }
            ch.force(true);
        }
        syncDirectory(directory);
    }

    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }
}
