package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleVersionConflictException;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.ChangeSubscription;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import dev.savoir.kb.spi.StoreCommitRules;
import dev.savoir.kb.spi.StoreRecordCodec;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ArticleStore} on PostgreSQL. Each article's current state is one row of {@code articles} (the store
 * codec's JSON document, with its version and the sequence number of its last commit); revisions and audit events
 * are rows of their own, appended, never updated.
 *
 * <h2>A commit</h2>
 * One READ COMMITTED transaction: lock the rows of the articles it touches ({@code SELECT ... FOR UPDATE}, in id
 * order, so that two batches never deadlock), check versions and revision numbers against them
 * ({@link StoreCommitRules}), take the sequence numbers from the feed head ({@code UPDATE feed_head SET seq = seq + n
 * RETURNING seq}), then write everything with batched statements. A concurrent create of the same id is caught by
 * the primary key ({@code ON CONFLICT DO NOTHING} inserting no row) and reported as the same typed conflict. Any
 * failure rolls the whole transaction back, sequence numbers included, so numbers never have gaps.
 *
 * <h2>The feed</h2>
 * The feed head's row lock is taken after the article locks and held until commit: committers that got past their
 * checks commit one at a time, in the order of their numbers. PostgreSQL makes a transaction visible before it
 * releases its locks, so when commit {@code n + 1} is visible, commit {@code n} is too: a reader of
 * {@link #changesSince} sees a prefix of the sequence, never a later number before an earlier one (see the
 * package documentation).
 *
 * <p>Thread-safe; holds no connection between calls.
 */
public final class PgArticleStore implements ArticleStore {
    /** Statements of a batch sent at once. */
    static final int BATCH = 1_000;
    private static final String ADVICE = "Restore the database from a backup, or open it with the Savoir version "
            + "that wrote it";

    private final Jdbc jdbc;
    private final StoreRecordCodec codec;
    private final String articles;
    private final String revisions;
    private final String events;
    private final String feedHead;

    public PgArticleStore(Jdbc jdbc, StoreRecordCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.articles = jdbc.table("articles");
        this.revisions = jdbc.table("revisions");
        this.events = jdbc.table("audit_events");
        this.feedHead = jdbc.table("feed_head");
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Article> article(ArticleId id) {
        return jdbc.read("read article " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM " + articles + " WHERE id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decodeArticle(rs.getString(1), id.value())) : Optional.empty();
                }
            }
        });
    }

    /** One query ({@code id = ANY (?)}) per {@value #BATCH} ids, instead of one per id. */
    @Override
    public Set<ArticleId> existing(Collection<ArticleId> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<ArticleId> all = List.copyOf(ids);
        return jdbc.read("check which of " + all.size() + " articles exist", c -> {
            Set<ArticleId> found = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + articles + " WHERE id = ANY (?)")) {
                for (int from = 0; from < all.size(); from += BATCH) {
                    String[] values = all.subList(from, Math.min(all.size(), from + BATCH)).stream()
                            .map(ArticleId::value).toArray(String[]::new);
                    Array array = c.createArrayOf("text", values);
                    try {
                        ps.setArray(1, array);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                found.add(ArticleId.of(rs.getString(1)));
                            }
                        }
                    } finally {
                        array.free();
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<ArticleId> articleIds() {
        List<ArticleId> ids = jdbc.read("list the articles", c -> {
            List<ArticleId> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + articles)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ArticleId.of(rs.getString(1)));
                    }
                }
            }
            return out;
        });
        // Sorted as ArticleId sorts, not by the database's collation.
        return ids.stream().sorted().toList();
    }

    @Override
    public int size() {
        return jdbc.read("count the articles", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + articles);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.toIntExact(rs.getLong(1));
            }
        });
    }

    @Override
    public Optional<Revision> revision(ArticleId id, Locale locale, int number) {
        if (number < 1) {
            return Optional.empty();
        }
        String tag = locale.toLanguageTag();
        return jdbc.read("read revision " + number + " of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM " + revisions
                    + " WHERE article_id = ? AND locale = ? AND number = ?")) {
                ps.setString(1, id.value());
                ps.setString(2, tag);
                ps.setInt(3, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decodeRevision(rs.getString(1), id, tag, number))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Revision> revisions(ArticleId id, Locale locale) {
        String tag = locale.toLanguageTag();
        return jdbc.read("read the revisions of " + id, c -> {
            List<Revision> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT number, doc FROM " + revisions
                    + " WHERE article_id = ? AND locale = ? ORDER BY number")) {
                ps.setString(1, id.value());
                ps.setString(2, tag);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(decodeRevision(rs.getString(2), id, tag, rs.getInt(1)));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<AuditEvent> auditEvents(ArticleId id) {
        return jdbc.read("read the audit events of " + id, c -> {
            List<AuditEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, ordinal, doc FROM " + events
                    + " WHERE article_id = ? ORDER BY seq, ordinal")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(codec.decodeEvent(bytes(rs.getString(3)), "the audit event " + id + " @"
                                + rs.getLong(1) + "/" + rs.getInt(2) + " in " + events, ADVICE));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public long lastSequence() {
        return jdbc.read("read the feed head", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + feedHead + " WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw missingHead();
                }
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<StoreChange> changesSince(long sequence, int limit) {
        if (limit < 0) {
            throw new InvalidArgumentException("limit", "must not be negative, got " + limit);
        }
        if (limit == 0) {
            jdbc.ensureOpen();
            return List.of();
        }
        return jdbc.read("read the change feed", c -> {
            List<StoreChange> out = new ArrayList<>(Math.min(limit, 1_024));
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, id FROM " + articles
                    + " WHERE last_seq > ? ORDER BY last_seq LIMIT ?")) {
                ps.setLong(1, sequence);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoreChange(rs.getLong(1), ArticleId.of(rs.getString(2))));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    // ---------------------------------------------------------------- writes

    @Override
    public long commit(StoreCommit commit) {
        return commitAll(List.of(commit));
    }

    @Override
    public long commitAll(List<StoreCommit> commits) {
        if (commits == null) {
            throw new InvalidArgumentException("commits", "is required, got null");
        }
        if (commits.isEmpty()) {
            return lastSequence();
        }
        for (StoreCommit c : commits) {
            if (c == null) {
                throw new InvalidArgumentException("commits", "holds a null commit");
            }
        }
        // Serialized before the transaction: the database locks are held as briefly as possible.
        Encoded encoded = encode(commits);
        String what = commits.size() == 1 ? "commit " + commits.getFirst().article().id()
                : "commit " + commits.size() + " changes";
        try {
            return jdbc.write(what, c -> {
                Map<ArticleId, Article> current = lockCurrent(c, encoded.ids());
                StoreCommitRules.checkAll(commits, current::get);
                long last = takeSequences(c, commits.size());
                write(c, commits, encoded, current, last - commits.size() + 1);
                notifyFollowers(c, last);
                return last;
            });
        } catch (CreateRace race) {
            // Rolled back; the winner's version is read on a connection of its own.
            throw new ArticleVersionConflictException(race.id, 0, currentVersion(race.id));
        }
    }

    /** Another writer created an article this batch creates, after this batch's check: rolled back as a conflict. */
    private static final class CreateRace extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ArticleId id;

        CreateRace(ArticleId id) {
            super("created concurrently: " + id, null, false, false);
            this.id = id;
        }
    }

    /** Each commit's documents, and the final state of each article the batch touches. */
    private record Encoded(List<byte[]> articleDocs, List<List<byte[]>> revisionDocs, List<List<byte[]>> eventDocs,
                           List<ArticleId> ids) {
    }

    private Encoded encode(List<StoreCommit> commits) {
        int n = commits.size();
        byte[][] art = new byte[n][];
        List<List<byte[]>> revs = new ArrayList<>(n);
        List<List<byte[]>> evs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            revs.add(null);
            evs.add(null);
        }
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
        (n >= 16 ? range.parallel() : range).forEach(i -> {
            StoreCommit commit = commits.get(i);
            art[i] = codec.encodeArticle(commit.article());
            List<byte[]> r = new ArrayList<>(commit.revisions().size());
            for (Revision rev : commit.revisions()) {
                r.add(codec.encodeRevision(rev));
            }
            List<byte[]> e = new ArrayList<>(commit.events().size());
            for (AuditEvent ev : commit.events()) {
                e.add(codec.encodeEvent(ev));
            }
            revs.set(i, r);
            evs.set(i, e);
        });
        TreeSet<ArticleId> ids = new TreeSet<>();
        for (StoreCommit commit : commits) {
            ids.add(commit.article().id());
        }
        return new Encoded(List.of(art), revs, evs, List.copyOf(ids));
    }

    /** Locks the existing rows of {@code ids} in id order and returns their states. */
    private Map<ArticleId, Article> lockCurrent(Connection c, List<ArticleId> ids) throws SQLException {
        Map<ArticleId, Article> out = new HashMap<>();
        String[] values = ids.stream().map(ArticleId::value).toArray(String[]::new);
        Array array = c.createArrayOf("text", values);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, doc FROM " + articles
                + " WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    out.put(ArticleId.of(id), decodeArticle(rs.getString(2), id));
                }
            }
        } finally {
            array.free();
        }
        return out;
    }

    /**
     * Tells the nodes that listen on the store's channel (delivered when this transaction commits, never if it rolls
     * back; PostgreSQL folds duplicates of one transaction).
     */
    private void notifyFollowers(Connection c, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, jdbc.tables().channel());
            ps.setString(2, Long.toString(last));
            ps.execute();
        }
    }

    /** Other nodes commit to the same tables: a knowledge base follows the feed. */
    @Override
    public boolean shared() {
        return true;
    }

    /**
     * A thread of its own that holds one connection from the host's DataSource and {@code LISTEN}s on the store's
     * channel, where every commit notifies (see {@link FeedListener}).
     */
    @Override
    public ChangeSubscription subscribe(Runnable onChange) {
        jdbc.ensureOpen();
        return new FeedListener(jdbc.dataSource(), jdbc.tables().channel(), onChange);
    }

    /** Advances the feed head by {@code n} and returns the last number taken; holds the head's lock to commit. */
    private long takeSequences(Connection c, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + feedHead
                + " SET seq = seq + ? WHERE id = 1 RETURNING seq")) {
            ps.setLong(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw missingHead();
                }
                return rs.getLong(1);
            }
        }
    }

    private StoreException missingHead() {
        return new StoreException("the feed head row of " + feedHead + " is missing: the schema was changed by "
                + "hand; restore it from a backup");
    }

    private void write(Connection c, List<StoreCommit> commits, Encoded encoded, Map<ArticleId, Article> current,
                       long firstSeq) throws SQLException {
        // The final state of each article, with the number of its last commit in the batch.
        Map<ArticleId, Integer> lastIndex = new LinkedHashMap<>();
        for (int i = 0; i < commits.size(); i++) {
            lastIndex.put(commits.get(i).article().id(), i);
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + articles
                + " (id, version, last_seq, doc, next_transition) VALUES (?, ?, ?, ?::json, ?) "
                + "ON CONFLICT (id) DO NOTHING");
             PreparedStatement update = c.prepareStatement("UPDATE " + articles
                     + " SET version = ?, last_seq = ?, doc = ?::json, next_transition = ? WHERE id = ? "
                     + "AND version = ?")) {
            List<ArticleId> inserted = new ArrayList<>();
            List<ArticleId> updated = new ArrayList<>();
            for (Map.Entry<ArticleId, Integer> e : lastIndex.entrySet()) {
                ArticleId id = e.getKey();
                int i = e.getValue();
                Article a = commits.get(i).article();
                String doc = text(encoded.articleDocs().get(i));
                Article before = current.get(id);
                if (before == null) {
                    insert.setString(1, id.value());
                    insert.setLong(2, a.version());
                    insert.setLong(3, firstSeq + i);
                    insert.setString(4, doc);
                    setNullableInstant(insert, 5, ArticleStore.nextTransition(a));
                    insert.addBatch();
                    inserted.add(id);
                    if (inserted.size() % BATCH == 0) {
                        checkInserted(insert.executeBatch(), inserted, inserted.size() - BATCH);
                    }
                } else {
                    update.setLong(1, a.version());
                    update.setLong(2, firstSeq + i);
                    update.setString(3, doc);
                    setNullableInstant(update, 4, ArticleStore.nextTransition(a));
                    update.setString(5, id.value());
                    update.setLong(6, before.version());
                    update.addBatch();
                    updated.add(id);
                    if (updated.size() % BATCH == 0) {
                        checkUpdated(update.executeBatch(), updated, updated.size() - BATCH, current);
                    }
                }
            }
            if (inserted.size() % BATCH != 0) {
                checkInserted(insert.executeBatch(), inserted, inserted.size() - inserted.size() % BATCH);
            }
            if (updated.size() % BATCH != 0) {
                checkUpdated(update.executeBatch(), updated, updated.size() - updated.size() % BATCH, current);
            }
        }
        writeRevisionsAndEvents(c, commits, encoded, firstSeq);
    }

    private void checkInserted(int[] counts, List<ArticleId> ids, int from) {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                // Created by another writer since our check: the same conflict as a stale create.
                throw new CreateRace(ids.get(from + k));
            }
        }
    }

    private void checkUpdated(int[] counts, List<ArticleId> ids, int from, Map<ArticleId, Article> current) {
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] != 1) {
                ArticleId id = ids.get(from + k);
                throw new StoreException("article " + id + " changed under its row lock (version "
                        + current.get(id).version() + " expected): the schema is being written by something other "
                        + "than Savoir");
            }
        }
    }

    /** The version another transaction committed (0 if it cannot be read now). */
    private long currentVersion(ArticleId id) {
        try {
            return article(id).map(Article::version).orElse(0L);
        } catch (StoreException e) {
            return 0;
        }
    }

    private void writeRevisionsAndEvents(Connection c, List<StoreCommit> commits, Encoded encoded, long firstSeq)
            throws SQLException {
        try (PreparedStatement rev = c.prepareStatement("INSERT INTO " + revisions
                + " (article_id, locale, number, seq, doc) VALUES (?, ?, ?, ?, ?::json)");
             PreparedStatement ev = c.prepareStatement("INSERT INTO " + events
                     + " (article_id, seq, ordinal, doc) VALUES (?, ?, ?, ?::json)")) {
            int pendingRev = 0;
            int pendingEv = 0;
            for (int i = 0; i < commits.size(); i++) {
                StoreCommit commit = commits.get(i);
                long seq = firstSeq + i;
                String id = commit.article().id().value();
                List<Revision> rs = commit.revisions();
                for (int k = 0; k < rs.size(); k++) {
                    Revision r = rs.get(k);
                    rev.setString(1, id);
                    rev.setString(2, r.locale().toLanguageTag());
                    rev.setInt(3, r.number());
                    rev.setLong(4, seq);
                    rev.setString(5, text(encoded.revisionDocs().get(i).get(k)));
                    rev.addBatch();
                    if (++pendingRev == BATCH) {
                        rev.executeBatch();
                        pendingRev = 0;
                    }
                }
                List<byte[]> es = encoded.eventDocs().get(i);
                for (int k = 0; k < es.size(); k++) {
                    ev.setString(1, id);
                    ev.setLong(2, seq);
                    ev.setInt(3, k);
                    ev.setString(4, text(es.get(k)));
                    ev.addBatch();
                    if (++pendingEv == BATCH) {
                        ev.executeBatch();
                        pendingEv = 0;
                    }
                }
            }
            if (pendingRev > 0) {
                rev.executeBatch();
            }
            if (pendingEv > 0) {
                ev.executeBatch();
            }
        }
    }

    // ---------------------------------------------------------------- documents

    private static void setNullableInstant(PreparedStatement ps, int index, @Nullable Instant at)
            throws SQLException {
        if (at == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            Jdbc.setInstant(ps, index, at);
        }
    }

    /**
     * One indexed query for the articles whose next transition is due; first, once after the upgrade to schema
     * version 8, it computes that time for the articles written before (marked {@code -infinity}).
     */
    @Override
    public List<ArticleId> transitionsDue(Instant now) {
        jdbc.write("index the next transitions of articles written before schema version 8", c -> {
            Map<String, Instant> known = new LinkedHashMap<>();
            Map<String, Long> versions = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, version, doc FROM " + articles
                    + " WHERE next_transition = '-infinity' FOR UPDATE")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        versions.put(id, rs.getLong(2));
                        known.put(id, ArticleStore.nextTransition(decodeArticle(rs.getString(3), id)));
                    }
                }
            }
            if (known.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + articles
                    + " SET next_transition = ? WHERE id = ? AND version = ?")) {
                for (Map.Entry<String, Instant> e : known.entrySet()) {
                    setNullableInstant(ps, 1, e.getValue());
                    ps.setString(2, e.getKey());
                    ps.setLong(3, versions.get(e.getKey()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        return jdbc.read("list the articles with a transition due", c -> {
            List<ArticleId> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + articles
                    + " WHERE next_transition <= ? ORDER BY id")) {
                Jdbc.setInstant(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ArticleId.of(rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    private Article decodeArticle(String json, String id) {
        return codec.decodeArticle(bytes(json), "the article " + id + " in " + articles, ADVICE);
    }

    private Revision decodeRevision(String json, ArticleId id, String tag, int number) {
        return codec.decodeRevision(bytes(json), "the revision " + number + " [" + tag + "] of " + id + " in "
                + revisions, ADVICE);
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        jdbc.close();
    }
}
