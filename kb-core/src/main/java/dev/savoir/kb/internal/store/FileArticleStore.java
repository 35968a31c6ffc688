package dev.savoir.kb.internal.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreCorruptedException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.StoreFormatException;
import dev.savoir.kb.StoreLockedException;
import dev.savoir.kb.internal.store.codec.CommitRecord;
import dev.savoir.kb.internal.store.codec.LogCodec;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import dev.savoir.kb.spi.StoreCommitRules;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable embedded store: one append-only log file of framed, checksummed commits.
 *
 * <h2>On disk</h2>
 * A directory holding {@code changes.log} and {@code store.lock}. The log starts with a 16-byte header (magic
 * {@code SAVOIRKB}, format version, reserved) followed by frames {@code [magic][length][crc32c][JSON payload]}, one
 * per commit, each carrying its sequence number; the payloads are the store's own records ({@link LogCodec}), never
 * the API records serialized by reflection. A log of another format version is refused with
 * {@link StoreFormatException} before anything in the directory is touched (not even the lock file). On close (and
 * after a long replay) {@code checkpoint.bin} records the in-memory entries as of a log prefix, so that opening
 * replays only what follows (see {@code Checkpoint}, {@code CheckpointFiles}); it is only an optimization, and a
 * missing, stale or damaged one is ignored.
 *
 * <h2>Durability</h2>
 * A commit is acknowledged only after its frame is written and {@code fdatasync}ed; the log file and directory are
 * synced on creation. {@link #commitAll} writes many commits per sync (bulk imports), in groups of at most 16 MiB.
 * On open the log is replayed; a torn last write (a crash in the middle of an unacknowledged write) is cut off, while
 * damage followed by valid frames is refused with {@link StoreCorruptedException}, so acknowledged data is never
 * dropped silently. A failed write is rolled back (the log truncated to its last durable end); if even that fails
 * the store refuses further writes until reopened.
 *
 * <h2>Memory</h2>
 * Article states (metadata) are held in memory in a compact serialized form ({@code StoreEntry},
 * {@code ArticleCodec}: varints, repeated values as indexes into shared dictionaries), decoded on read through the
 * bounded Caffeine cache that also holds revisions and audit events (which stay on disk, found by offset). Scans
 * read plain fields only: the change feed each entry's last sequence, {@link #transitionsDue} an index of scheduled
 * transitions ({@code TransitionIndex}) kept on commit and on open.
 *
 * <h2>Exclusivity</h2>
 * An OS file lock on {@code store.lock}: a second process, or a second open in this JVM, gets
 * {@link StoreLockedException}.
 */
public final class FileArticleStore implements ArticleStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileArticleStore.class);

    static final String LOG_FILE = "changes.log";
    static final String LOCK_FILE = "store.lock";
    static final String CHECKPOINT_FILE = "checkpoint.bin";
    /** The JSON-lines checkpoint of earlier versions: read for its safety check only, deleted by the next one. */
    static final String LEGACY_CHECKPOINT_FILE = "checkpoint.jsonl";
    /** Replaying more frames than this on open writes a new checkpoint at once. */
    static final int CHECKPOINT_AFTER_FRAMES = 1_000;
    static final byte[] MAGIC = "SAVOIRKB".getBytes(StandardCharsets.US_ASCII);
    /** The on-disk format version written (and the only one read) by this code. */
    public static final int FORMAT_VERSION = LogCodec.FORMAT;
    static final int HEADER_SIZE = 16;
    static final int FRAME_MAGIC = 0x4B424652;
    static final int FRAME_HEADER = 12;
    static final int MAX_FRAME = 64 << 20;
    static final long GROUP_BYTES = 16L << 20;
    /** Commits of a batch serialized at once, ahead of writing them. */
    static final int SERIALIZE_AHEAD = 256;
    /** Batches of fewer commits are serialized on the calling thread alone. */
    static final int PARALLEL_SERIALIZE_MIN = 16;

    /** A persisted commit with its sequence number, as read back from the log. */
    record LogRecord(long sequence, StoreCommit commit) {
    }

    record RevisionKey(Object store, ArticleId id, Locale locale, int number) {
    }

    /** A decoded article in the cache: its entry's last sequence tells the states of one article apart. */
    record ArticleKey(Object store, ArticleId id, long sequence) {
    }

    private final Path directory;
    private final Path logPath;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Object writeLock = new Object();
    private final ConcurrentHashMap<ArticleId, StoreEntry> entries = new ConcurrentHashMap<>();
    private final Interner interner = new Interner();
    private final ArticleCodec codec = new ArticleCodec();
    private final TransitionIndex transitions = new TransitionIndex();
    private final Cache<Object, Object> cache;
    private final Object cacheToken = new Object();
    private volatile FileChannel log;
    private volatile long sequence;
    private long end;
    private volatile @Nullable String failure;
    private final java.util.concurrent.atomic.AtomicLong syncs = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean closed;
    private final CheckpointFiles checkpoints;

    private FileArticleStore(Path directory, FileChannel lockChannel, FileLock lock, Cache<Object, Object> cache)
            throws IOException {
        this.directory = directory;
        this.logPath = directory.resolve(LOG_FILE);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.cache = cache;
        this.log = FileChannel.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.checkpoints = new CheckpointFiles(directory, logPath);
    }

    /**
     * Opens (creating if needed) the store in {@code directory}: {@link #lock} then {@link StoreLock#open}.
     *
     * @param cache a cache shared with other stores for revisions and audit events (bounded by the host's budget),
     *     or {@code null} for a private 32 MiB one
     * @throws StoreLockedException if another process or store has it open
     * @throws StoreCorruptedException if the log is damaged beyond a torn last write
     */
    public static FileArticleStore open(Path directory, @Nullable Cache<Object, Object> cache) {
        return lock(directory).open(cache);
    }

    /**
     * Takes the store's lock (creating the directory if needed) without reading anything yet, so that a caller can
     * read the store ({@link StoreLock#open}) on another thread while it opens what sits beside it, knowing that no
     * other process uses the directory.
     *
     * @throws StoreLockedException if another process or store has it open
     * @throws StoreFormatException if the log is of another format (the directory is left untouched)
     */
    public static StoreLock lock(Path directory) {
        return StoreLock.acquire(directory);
    }

    /** Reads a locked store: the checkpoint, then the log after it. On failure the lock is released. */
    static FileArticleStore openLocked(Path directory, FileChannel lockChannel, FileLock lock,
                                       @Nullable Cache<Object, Object> cache) {
        long start = System.nanoTime();
        FileArticleStore store = null;
        try {
            LogFiles.createLogIfMissing(directory);
            store = new FileArticleStore(directory, lockChannel, lock, cache != null ? cache : defaultCache());
            store.replay();
            LOG.info("Opened store {} ({} articles, sequence {}) in {} ms", directory, store.entries.size(),
                    store.sequence, (System.nanoTime() - start) / 1_000_000);
            return store;
        } catch (IOException e) {
            closeOrRelease(store, lock, lockChannel);
            throw new StoreException("cannot open the store in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeOrRelease(store, lock, lockChannel);
            throw e;
        }
    }

    private static void closeOrRelease(@Nullable FileArticleStore store, FileLock lock, FileChannel lockChannel) {
        if (store != null) {
            // Half-read: its entries may run past its log end, so it must not write a checkpoint.
            store.failure = "it failed to open";
            store.close();
        } else {
            StoreLock.releaseQuietly(lock, lockChannel);
        }
    }

    /** A private revision cache for a store opened without a shared one. */
    public static Cache<Object, Object> defaultCache() {
        return Caffeine.newBuilder().maximumWeight(32L << 20).weigher(FileArticleStore::weigh).build();
    }

    /** Approximate heap bytes of a cached value, for byte-bounded caches. */
    public static int weigh(Object key, Object value) {
        if (value instanceof Revision r) {
            var c = r.content();
            return 200 + 2 * (c.title().length() + c.summary().length() + c.body().length());
        }
        if (value instanceof Article a) {
            return 400 + 150 * a.translations().size() + 60 * (a.tags().size() + a.attributes().size());
        }
        if (value instanceof List<?> list) {
            return 64 + 200 * list.size();
        }
        return 64;
    }

    // ---------------------------------------------------------------- replay

    private void replay() throws IOException {
        long size = log.size();
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        LogFiles.readFully(log, header, 0);
        LogFiles.checkHeader(logPath, header.flip());
        long pos = HEADER_SIZE;
        long frames = 0;
        CheckpointFiles.Loaded loaded = checkpoints.load(size, interner, codec, entries);
        if (loaded != null) {
            for (StoreEntry e : entries.values()) {
                transitions.update(e.id(), TransitionIndex.NONE, e.nextTransition());
            }
            sequence = loaded.sequence();
            end = loaded.logEnd();
            pos = end;
        }
        InputStream raw = Channels.newInputStream(log.position(pos));
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        CRC32C crc = new CRC32C();
        while (pos < size) {
            long frameStart = pos;
            if (size - pos < FRAME_HEADER) {
                repairTail(frameStart, size, "a partial frame header");
                break;
            }
            int magicWord = in.readInt();
            int length = in.readInt();
            int checksum = in.readInt();
            if (magicWord != FRAME_MAGIC || length <= 0 || length > MAX_FRAME
                    || frameStart + FRAME_HEADER + length > size) {
                repairTail(frameStart, size, "a malformed or partial frame");
                break;
            }
            byte[] payload = new byte[length];
            try {
                in.readFully(payload);
            } catch (EOFException e) {
                repairTail(frameStart, size, "a partial frame");
                break;
            }
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != checksum) {
                repairTail(frameStart, size, "a frame with a bad checksum");
                break;
            }
            LogRecord record = decode(payload, frameStart);
            if (record.sequence() != sequence + 1) {
                if (frameStart > HEADER_SIZE && frames == 0 && !entries.isEmpty()) {
                    LOG.warn("Store {}: the checkpoint does not match the log; replaying the whole log", directory);
                    entries.clear();
                    transitions.clear();
                    sequence = 0;
                    end = HEADER_SIZE;
                    checkpoints.delete();
                    replay();
                    return;
                }
                throw new StoreCorruptedException("the record at byte " + frameStart + " of " + logPath
                        + " has sequence " + record.sequence() + " after " + sequence);
            }
            apply(record, frameStart);
            frames++;
            pos = frameStart + FRAME_HEADER + length;
        }
        end = Math.min(pos, log.size());
        if (frames > CHECKPOINT_AFTER_FRAMES) {
            checkpoints.write(end, sequence, entries.values());
        }
    }

    /**
     * Damage at {@code from}: if no valid frame follows it is a torn, unacknowledged last write and is cut off;
     * otherwise acknowledged data lies beyond it and the store refuses to open.
     */
    private void repairTail(long from, long size, String what) throws IOException {
        long tail = size - from;
        if (tail > 2 * GROUP_BYTES + MAX_FRAME || validFrameAfter(log, from, size)) {
            throw new StoreCorruptedException(logPath + " is damaged at byte " + from + " (" + what
                    + ") and valid records follow it: restore the directory from a backup");
        }
        LOG.warn("Store {}: discarding {} bytes at the end of the log ({}): the remains of a write interrupted by "
                + "a crash, never acknowledged", directory, tail, what);
        log.truncate(from);
        log.force(true);
    }

    /** Whether a valid frame starts anywhere after {@code from}: then the damage there is not a torn last write. */
    private static boolean validFrameAfter(FileChannel log, long from, long size) throws IOException {
        int n = (int) (size - from);
        ByteBuffer buf = ByteBuffer.allocate(n);
        LogFiles.readFully(log, buf, from);
        byte[] b = buf.array();
        CRC32C crc = new CRC32C();
        for (int i = 1; i + FRAME_HEADER <= n; i++) {
            ByteBuffer w = ByteBuffer.wrap(b, i, FRAME_HEADER);
            if (w.getInt() != FRAME_MAGIC) {
                continue;
            }
            int length = w.getInt();
            int checksum = w.getInt();
            if (length > 0 && i + FRAME_HEADER + (long) length <= n) {
                crc.reset();
                crc.update(b, i + FRAME_HEADER, length);
                if ((int) crc.getValue() == checksum) {
                    return true;
                }
            }
        }
        return false;
    }

    private void apply(LogRecord record, long offset) {
        StoreCommit c = record.commit();
        ArticleId id = c.article().id();
        StoreEntry old = entries.get(id);
        // Compact: a million entries must fit a small heap.
        StoreEntry next = StoreEntry.after(old, c.article(), record.sequence(), c.revisions(), !c.events().isEmpty(),
                offset, interner, codec);
        entries.put(id, next);
        transitions.update(id, old == null ? TransitionIndex.NONE : old.nextTransition(), next.nextTransition());
        sequence = record.sequence();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Article> article(ArticleId id) {
        ensureOpen();
        StoreEntry e = entries.get(id);
        return e == null ? Optional.empty() : Optional.of(decoded(e));
    }

    /** The article of an entry, from the cache or decoded into it. */
    private Article decoded(StoreEntry e) {
        return (Article) cache.get(new ArticleKey(cacheToken, e.id(), e.lastSequence()), k -> e.article());
    }

    @Override
    public Set<ArticleId> existing(Collection<ArticleId> ids) {
        ensureOpen();
        Set<ArticleId> found = new HashSet<>();
        for (ArticleId id : ids) {
            if (entries.containsKey(id)) {
                found.add(id);
            }
        }
        return found;
    }

    /** Only the articles whose next transition is due, from the index kept on commit (sorted by id). */
    @Override
    public List<ArticleId> transitionsDue(Instant now) {
        ensureOpen();
        return transitions.due(now);
    }

    @Override
    public List<ArticleId> articleIds() {
        ensureOpen();
        return entries.keySet().stream().sorted().toList();
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Optional<Revision> revision(ArticleId id, Locale locale, int number) {
        ensureOpen();
        StoreEntry e = entries.get(id);
        long offset = e == null ? -1 : e.revisionOffset(locale, number);
        if (offset < 0) {
            return Optional.empty();
        }
        Object r = cache.get(new RevisionKey(cacheToken, id, locale, number),
                k -> findRevision(readFrame(offset), locale, number));
        return Optional.of((Revision) r);
    }

    private static Revision findRevision(LogRecord record, Locale locale, int number) {
        for (Revision r : record.commit().revisions()) {
            if (r.locale().equals(locale) && r.number() == number) {
                return r;
            }
        }
        throw new StoreCorruptedException("revision " + number + " [" + locale + "] of "
                + record.commit().article().id() + " is missing from the record that should hold it");
    }

    @Override
    public List<Revision> revisions(ArticleId id, Locale locale) {
        ensureOpen();
        StoreEntry e = entries.get(id);
        int count = e == null ? 0 : e.revisionCount(locale);
        if (count == 0) {
            return List.of();
        }
        List<Revision> out = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            out.add(revision(id, locale, n).orElseThrow());
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<AuditEvent> auditEvents(ArticleId id) {
        ensureOpen();
        StoreEntry e = entries.get(id);
        if (e == null) {
            return List.of();
        }
        long[] offsets = e.eventOffsets();
        // Keyed by the number of event records, so a new event never meets a stale cached list.
        return (List<AuditEvent>) cache.get(new RevisionKey(cacheToken, id, Locale.ROOT, -offsets.length), k -> {
            List<AuditEvent> out = new ArrayList<>();
            for (long offset : offsets) {
                out.addAll(readFrame(offset).commit().events());
            }
            return List.copyOf(out);
        });
    }

    private LogRecord readFrame(long offset) {
        for (int attempt = 0; ; attempt++) {
            FileChannel ch = log;
            try {
                ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
                LogFiles.readFully(ch, header, offset);
                header.flip();
                if (header.getInt() != FRAME_MAGIC) {
                    throw new StoreCorruptedException("no record at byte " + offset + " of " + logPath);
                }
                int length = header.getInt();
                int checksum = header.getInt();
                ByteBuffer payload = ByteBuffer.allocate(length);
                LogFiles.readFully(ch, payload, offset + FRAME_HEADER);
                CRC32C crc = new CRC32C();
                crc.update(payload.array());
                if ((int) crc.getValue() != checksum) {
                    throw new StoreCorruptedException("the record at byte " + offset + " of " + logPath
                            + " fails its checksum: the file was damaged after it was written");
                }
                return decode(payload.array(), offset);
            } catch (ClosedByInterruptException e) {
                // An interrupt closed the shared channel: reopen it for everyone, keep the interrupt for the caller.
                reopenAfterInterrupt(ch);
                if (attempt > 0) {
                    throw new StoreException("reading " + logPath + " was interrupted", e);
                }
            } catch (ClosedChannelException e) {
                if (closed) {
                    throw new StoreException("the store " + directory + " is closed", e);
                }
                reopenAfterInterrupt(ch);
                if (attempt > 2) {
                    throw new StoreException("cannot read " + logPath + ": " + e, e);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read " + logPath + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The commit in a frame's payload, whose checksum was verified.
     *
     * @throws StoreCorruptedException naming the file and offset if it is not a well-formed record of this format
     */
    private LogRecord decode(byte[] payload, long offset) {
        CommitRecord record = LogCodec.decode(payload, logPath, offset);
        return new LogRecord(record.sequence(), LogCodec.toCommit(record, logPath, offset));
    }

    private void reopenAfterInterrupt(FileChannel broken) {
        synchronized (writeLock) {
            if (log == broken && !closed) {
                boolean interrupted = Thread.interrupted();
                try {
                    log = FileChannel.open(logPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    failure = "the log could not be reopened after an interrupt: " + e.getMessage();
                    throw new StoreException("cannot reopen " + logPath + ": " + e.getMessage(), e);
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- writes

    @Override
    public long commit(StoreCommit commit) {
        return commitAll(List.of(commit));
    }

    @Override
    public long commitAll(List<StoreCommit> commits) {
        synchronized (writeLock) {
            ensureWritable();
            StoreCommitRules.checkAll(commits, id -> {
                StoreEntry e = entries.get(id);
                return e == null ? null : decoded(e);
            });
            int done = 0;
            while (done < commits.size()) {
                done = writeGroup(commits, done);
            }
            return sequence;
        }
    }

    /** Writes commits from {@code from} until the group is full, syncs once, applies; returns the next index. */
    private int writeGroup(List<StoreCommit> commits, int from) {
        List<byte[]> frames = new ArrayList<>();
        long bytes = 0;
        int i = from;
        long seq = sequence;
        byte[][] ahead = new byte[0][];
        int aheadFrom = from;
        while (i < commits.size() && (frames.isEmpty() || bytes < GROUP_BYTES)) {
            if (i - aheadFrom >= ahead.length) {
                aheadFrom = i;
                ahead = serialize(commits, i, Math.min(commits.size(), i + SERIALIZE_AHEAD), seq + 1);
            }
            byte[] payload = ahead[i - aheadFrom];
            if (payload.length > MAX_FRAME) {
                throw new StoreException("a commit of " + commits.get(i).article().id() + " is " + payload.length
                        + " bytes, over the store's limit of " + MAX_FRAME + " bytes per commit"
                        + (from > 0 || i > from ? " (" + i + " earlier commits of this batch were stored)" : ""));
            }
            frames.add(payload);
            bytes += FRAME_HEADER + payload.length;
            seq++;
            i++;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes);
        CRC32C crc = new CRC32C();
        long[] offsets = new long[frames.size()];
        long pos = end;
        for (int k = 0; k < frames.size(); k++) {
            byte[] p = frames.get(k);
            crc.reset();
            crc.update(p);
            buf.putInt(FRAME_MAGIC).putInt(p.length).putInt((int) crc.getValue()).put(p);
            offsets[k] = pos;
            pos += FRAME_HEADER + p.length;
        }
        buf.flip();
        FileChannel ch = log;
        try {
            long at = end;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(false);
            syncs.incrementAndGet();
        } catch (IOException e) {
            rollBack(ch, e);
            throw new StoreException("cannot write to " + logPath + " (" + e.getMessage() + "); "
                    + (from > 0 ? from + " earlier commits of this batch were stored, the rest were not"
                    : "nothing was written"), e);
        }
        long firstSeq = sequence + 1;
        for (int k = 0; k < frames.size(); k++) {
            StoreCommit c = commits.get(from + k);
            apply(new LogRecord(firstSeq + k, c), offsets[k]);
            cache.put(new ArticleKey(cacheToken, c.article().id(), firstSeq + k), c.article());
            for (Revision r : c.revisions()) {
                cache.put(new RevisionKey(cacheToken, r.articleId(), r.locale(), r.number()), r);
            }
        }
        end = pos;
        return i;
    }

    /**
     * The frames' payloads of {@code commits[from, to)}, numbered from {@code firstSequence}; serialized in parallel
     * (common fork-join pool, the calling thread included) when there are several, as in a bulk import.
     */
    private static byte[][] serialize(List<StoreCommit> commits, int from, int to, long firstSequence) {
        byte[][] out = new byte[to - from][];
        IntStream range = IntStream.range(0, to - from);
        (out.length >= PARALLEL_SERIALIZE_MIN ? range.parallel() : range)
                .forEach(k -> out[k] = LogCodec.encode(firstSequence + k, commits.get(from + k)));
        return out;
    }

    private void rollBack(FileChannel ch, IOException cause) {
        boolean interrupted = cause instanceof ClosedByInterruptException && Thread.interrupted();
        try {
            FileChannel target = ch.isOpen() ? ch : FileChannel.open(logPath, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            target.truncate(end);
            target.force(true);
            log = target;
        } catch (IOException e) {
            failure = "a failed write could not be rolled back (" + e.getMessage() + ")";
            LOG.error("Store {}: {}; refusing further writes until it is reopened", directory, failure);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public long lastSequence() {
        return sequence;
    }

    @Override
    public List<StoreChange> changesSince(long since, int limit) {
        ensureOpen();
        return entries.values().stream()
                .filter(e -> e.lastSequence() > since)
                .sorted(Comparator.comparingLong(StoreEntry::lastSequence))
                .limit(limit)
                .map(e -> new StoreChange(e.lastSequence(), e.id()))
                .toList();
    }

    /** A copy of the in-memory entries (for tests). */
    java.util.Map<ArticleId, StoreEntry> entrySnapshot() {
        return java.util.Map.copyOf(entries);
    }

    /** How many times commits were flushed to disk since the store was opened (one per group). */
    public long syncCount() {
        return syncs.get();
    }

    /** The store's directory. */
    public Path directory() {
        return directory;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the store " + directory + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        String f = failure;
        if (f != null) {
            throw new StoreException("the store " + directory + " refuses writes: " + f
                    + "; close and reopen the knowledge base to recover");
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            if (failure == null) {
                checkpoints.write(end, sequence, entries.values());
            }
            closed = true;
            StoreLock.closeQuietly(log);
            StoreLock.releaseQuietly(lock, lockChannel);
            LOG.info("Closed store {}", directory);
        }
    }
}
