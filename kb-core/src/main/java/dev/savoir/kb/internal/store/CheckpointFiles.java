package dev.savoir.kb.internal.store;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.internal.Json;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint files of one store directory: {@code checkpoint.bin} (the in-memory entries as of a log prefix, in
 * the {@link Checkpoint} format) read on open and written atomically on close, and the safety check that a log is
 * not shorter than what a checkpoint (or an earlier version's {@code checkpoint.jsonl}) says it held.
 */
final class CheckpointFiles {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFiles.class);

    /** What a loaded checkpoint covers: the last sequence number and the log offset after it. */
    record Loaded(long sequence, long logEnd) {
    }

    /** The first line of a legacy checkpoint: which prefix of the log it summarized (only what is checked). */
    record LegacyHeader(int format, long logEnd) {
    }

    private final Path directory;
    private final Path logPath;

    CheckpointFiles(Path directory, Path logPath) {
        this.directory = directory;
        this.logPath = logPath;
    }

    /** Deletes the checkpoint, when it proved not to match the log. */
    void delete() throws IOException {
        Files.deleteIfExists(directory.resolve(FileArticleStore.CHECKPOINT_FILE));
    }

    /**
     * Loads the checkpoint (the in-memory entries as of a log prefix, written on close), so that only the frames
     * after it are replayed. A missing, stale or damaged checkpoint is ignored: the log alone is the truth. A legacy
     * checkpoint (an earlier version's) is ignored too, after the same check that the log is not shorter than it.
     */
    @Nullable Loaded load(long logSize, Interner interner, ArticleCodec codec, Map<ArticleId, StoreEntry> entries) {
        Path file = directory.resolve(FileArticleStore.CHECKPOINT_FILE);
        if (!Files.exists(file)) {
            checkLegacy(logSize);
            return null;
        }
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Checkpoint.Header header = Checkpoint.readHeader(ch, FileArticleStore.FORMAT_VERSION);
            if (header == null) {
                LOG.info("Store {}: ignoring a checkpoint of another format", directory);
                return null;
            }
            if (header.logEnd() > logSize) {
                throw truncated(logSize, header.logEnd(), file);
            }
            if (header.logEnd() < FileArticleStore.HEADER_SIZE) {
                LOG.info("Store {}: ignoring a checkpoint that does not fit the log", directory);
                return null;
            }
            Checkpoint.readEntries(ch, header, interner, codec, e -> entries.put(e.id(), e));
            if (entries.size() != header.entries()) {
                throw new IOException("the checkpoint holds " + entries.size() + " distinct articles, its header says "
                        + header.entries());
            }
            LOG.debug("Store {}: loaded {} checkpoint entries in {} ms", directory, entries.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            return new Loaded(header.sequence(), header.logEnd());
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreCorruptedException corrupted) {
                throw corrupted;
            }
            LOG.warn("Store {}: ignoring a damaged checkpoint ({}); replaying the whole log", directory,
                    e.getMessage());
            entries.clear();
            return null;
        }
    }

    /** An earlier version's checkpoint is not read, but still proves how long the log was when it was written. */
    private void checkLegacy(long logSize) {
        Path legacy = directory.resolve(FileArticleStore.LEGACY_CHECKPOINT_FILE);
        if (!Files.exists(legacy)) {
            return;
        }
        LegacyHeader header;
        try (java.io.BufferedReader in = Files.newBufferedReader(legacy, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                return;
            }
            tools.jackson.databind.JsonNode node = Json.mapper().readTree(first);
            header = new LegacyHeader(node.path("format").asInt(-1), node.path("logEnd").asLong(-1));
        } catch (IOException | RuntimeException e) {
            LOG.info("Store {}: ignoring an unreadable legacy checkpoint ({})", directory, e.getMessage());
            return;
        }
        if (header.format() == FileArticleStore.FORMAT_VERSION && header.logEnd() > logSize) {
            throw truncated(logSize, header.logEnd(), legacy);
        }
        LOG.info("Store {}: replaying the log instead of reading the checkpoint of an earlier version", directory);
    }

    /**
     * The checkpoint is written on close, after every change up to {@code logEnd} was flushed: a shorter log lost
     * acknowledged changes after the fact (truncated, or a partial copy). Replaying what remains would drop them
     * silently.
     */
    private StoreCorruptedException truncated(long logSize, long logEnd, Path checkpoint) {
        return new StoreCorruptedException(logPath + " is " + logSize + " bytes long, but held " + logEnd
                + " bytes of acknowledged changes when the store was last closed: it was truncated or "
                + "partially copied. Restore the directory from a backup; or, to open it with what remains "
                + "and lose the changes after byte " + logSize + ", delete " + checkpoint);
    }

    /**
     * Writes the in-memory entries as of the current log end, atomically (temporary file, fsync, rename, directory
     * fsync), then deletes a legacy checkpoint.
     */
    void write(long end, long sequence, Collection<StoreEntry> entries) {
        Path tmp = directory.resolve(FileArticleStore.CHECKPOINT_FILE + ".tmp");
        Path file = directory.resolve(FileArticleStore.CHECKPOINT_FILE);
        long t0 = System.nanoTime();
        try {
            List<StoreEntry> all = List.copyOf(entries);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                try (java.io.OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch),
                        1 << 16)) {
                    Checkpoint.write(out, end, sequence, all, FileArticleStore.FORMAT_VERSION);
                    out.flush();
                    ch.force(true);
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            LogFiles.syncDirectory(directory);
            Files.deleteIfExists(directory.resolve(FileArticleStore.LEGACY_CHECKPOINT_FILE));
            LOG.debug("Store {}: wrote a checkpoint of {} entries in {} ms", directory, all.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Store {}: could not write a checkpoint ({}); the next open replays the log", directory,
                    e.getMessage());
        }
    }
}
