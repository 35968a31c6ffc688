package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AnalyticsStore} on PostgreSQL: {@link #offer} puts an event on a bounded in-memory queue (a full queue
 * drops it and counts the drop, never blocks); {@link #flush} folds what is queued into per-day rollups and adds
 * them to the shared rollup tables in one transaction (batched upserts in key order, so that nodes flushing at once
 * never deadlock). Every node's events add up in the same rows. If the database cannot be written, the folded
 * events go back on the queue (those that no longer fit count as dropped) and {@link StoreException} is thrown.
 *
 * <p>As the file store: queries are grouped by (normalized query, language); a query's {@code lastSeen} is its last
 * search; reports cover the UTC days from {@code from}'s to that of the last instant before {@code to}; days older
 * than the retention are deleted. Text is stored with U+0000 replaced by U+FFFD (PostgreSQL text cannot hold it).
 * Thread-safe.
 */
public final class PgAnalyticsStore implements AnalyticsStore {
    private final Jdbc jdbc;
    private final BlockingQueue<AnalyticsEvent> queue;
    private final int retentionDays;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong recorded = new AtomicLong();
    private final Object flushLock = new Object();
    private final String queries;
    private final String sessions;
    private final String clicks;
    private final String events;
    private @Nullable LocalDate retainedFrom;

    /**
     * @param queueCapacity how many events may wait for {@link #flush} before new ones are dropped
     * @param retentionDays how many days are kept
     * @param now the knowledge base's clock reading, from which the retention counts
     */
    public PgAnalyticsStore(Jdbc jdbc, int queueCapacity, int retentionDays, Instant now) {
        this.jdbc = jdbc;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.retentionDays = retentionDays;
        this.queries = jdbc.table("analytics_queries");
        this.sessions = jdbc.table("analytics_sessions");
        this.clicks = jdbc.table("analytics_article_clicks");
        this.events = jdbc.table("analytics_events");
        applyRetention(day(now));
    }

    @Override
    public boolean offer(AnalyticsEvent event) {
        if (queue.offer(event)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public long recorded() {
        return recorded.get();
    }

    /** One query's counts on one day. */
    private static final class Counts {
        long searches;
        long zero;
        long clicks;
        Instant lastSeen = Instant.EPOCH;
    }

    private record QueryKey(LocalDate day, String language, String query) implements Comparable<QueryKey> {
        @Override
        public int compareTo(QueryKey o) {
            int c = day.compareTo(o.day);
            c = c != 0 ? c : language.compareTo(o.language);
            return c != 0 ? c : query.compareTo(o.query);
        }
    }

    private record DayKey(LocalDate day, String value) implements Comparable<DayKey> {
        @Override
        public int compareTo(DayKey o) {
            int c = day.compareTo(o.day);
            return c != 0 ? c : value.compareTo(o.value);
        }
    }

    /** A batch folded as the file store folds it. */
    private static final class Rollup {
        final TreeMap<QueryKey, Counts> queries = new TreeMap<>();
        final TreeMap<DayKey, Integer> sessions = new TreeMap<>();
        final TreeMap<DayKey, Long> clicks = new TreeMap<>();
        @Nullable LocalDate newestDay;

        void fold(AnalyticsEvent e) {
            LocalDate d = day(e.at());
            if (newestDay == null || d.isAfter(newestDay)) {
                newestDay = d;
            }
            String session = e.session() == null ? null : text(e.session());
            switch (e.kind()) {
                case SEARCH -> {
                    Counts c = queries.computeIfAbsent(queryKey(d, e), k -> new Counts());
                    c.searches++;
                    if (e.results() == 0) {
                        c.zero++;
                    }
                    if (e.at().isAfter(c.lastSeen)) {
                        c.lastSeen = e.at();
                    }
                    if (session != null) {
                        sessions.merge(new DayKey(d, session), 1, (a, b) -> a | b);
                    }
                }
                case CLICK -> {
                    queries.computeIfAbsent(queryKey(d, e), k -> new Counts()).clicks++;
                    if (e.article() != null) {
                        clicks.merge(new DayKey(d, e.article().value()), 1L, Long::sum);
                    }
                    if (session != null) {
                        sessions.merge(new DayKey(d, session), 2, (a, b) -> a | b);
                    }
                }
                case TICKET -> {
                    if (session != null) {
                        sessions.merge(new DayKey(d, session), 4, (a, b) -> a | b);
                    }
                }
            }
        }

        private static QueryKey queryKey(LocalDate d, AnalyticsEvent e) {
            // As the file store keys them: a missing language or query reads "null".
            return new QueryKey(d, text(String.valueOf(e.language())), text(String.valueOf(e.query())));
        }
    }

    @Override
    public int flush() {
        synchronized (flushLock) {
            List<AnalyticsEvent> batch = new ArrayList<>(Math.min(queue.size() + 1, 65_536));
            queue.drainTo(batch);
            if (batch.isEmpty()) {
                return 0;
            }
            Rollup r = new Rollup();
            batch.forEach(r::fold);
            try {
                jdbc.write("record " + batch.size() + " analytics events", c -> {
                    writeQueries(c, r);
                    writeSessions(c, r);
                    writeClicks(c, r);
                    writeEvents(c, batch);
                    return null;
                });
            } catch (RuntimeException e) {
                for (AnalyticsEvent event : batch) {
                    if (!queue.offer(event)) {
                        dropped.incrementAndGet();
                    }
                }
                throw e;
            }
            recorded.addAndGet(batch.size());
            if (r.newestDay != null) {
                applyRetention(r.newestDay);
            }
            return batch.size();
        }
    }

    private void writeQueries(Connection c, Rollup r) throws SQLException {
        if (r.queries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + queries + " AS q (day, language, query, "
                + "searches, zero_results, clicks, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (day, language, query) DO UPDATE SET searches = q.searches + EXCLUDED.searches, "
                + "zero_results = q.zero_results + EXCLUDED.zero_results, clicks = q.clicks + EXCLUDED.clicks, "
                + "last_seen = greatest(q.last_seen, EXCLUDED.last_seen)")) {
            for (Map.Entry<QueryKey, Counts> e : r.queries.entrySet()) {
                QueryKey k = e.getKey();
                Counts n = e.getValue();
                ps.setObject(1, k.day());
                ps.setString(2, k.language());
                ps.setString(3, k.query());
                ps.setLong(4, n.searches);
                ps.setLong(5, n.zero);
                ps.setLong(6, n.clicks);
                Jdbc.setInstant(ps, 7, n.lastSeen);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeSessions(Connection c, Rollup r) throws SQLException {
        if (r.sessions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + sessions + " AS s (day, session, flags) "
                + "VALUES (?, ?, ?) ON CONFLICT (day, session) DO UPDATE SET flags = s.flags | EXCLUDED.flags")) {
            for (Map.Entry<DayKey, Integer> e : r.sessions.entrySet()) {
                ps.setObject(1, e.getKey().day());
                ps.setString(2, e.getKey().value());
                ps.setInt(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeClicks(Connection c, Rollup r) throws SQLException {
        if (r.clicks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + clicks + " AS a (day, article_id, clicks) "
                + "VALUES (?, ?, ?) ON CONFLICT (day, article_id) DO UPDATE SET clicks = a.clicks + EXCLUDED.clicks")) {
            for (Map.Entry<DayKey, Long> e : r.clicks.entrySet()) {
                ps.setObject(1, e.getKey().day());
                ps.setString(2, e.getKey().value());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keeps the events that name a session, so that they can be exported and erased per viewer. */
    private void writeEvents(Connection c, List<AnalyticsEvent> batch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + events
                + " (session, kind, at, language, query, article_id, results) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (AnalyticsEvent e : batch) {
                if (e.session() == null) {
                    continue;
                }
                ps.setString(1, text(e.session()));
                ps.setString(2, e.kind().name());
                Jdbc.setInstant(ps, 3, e.at());
                ps.setString(4, e.language() == null ? null : text(e.language()));
                ps.setString(5, e.query() == null ? null : text(e.query()));
                ps.setString(6, e.article() == null ? null : e.article().value());
                ps.setInt(7, e.results());
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    @Override
    public void sessionEvents(Instant from, Instant to, java.util.function.Consumer<AnalyticsEvent> sink) {
        flush();
        jdbc.read("read the analytics events of a period", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT kind, at, language, query, article_id, results, "
                    + "session FROM " + events + " WHERE at >= ? AND at < ? AND kind IN ('SEARCH', 'CLICK')")) {
                Jdbc.setInstant(ps, 1, from);
                Jdbc.setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        AnalyticsEvent e = event(rs, rs.getString(7));
                        if (e != null && (e.kind() == AnalyticsEvent.Kind.SEARCH || e.article() != null)) {
                            sink.accept(e.kind() == AnalyticsEvent.Kind.CLICK ? AnalyticsEvent.click(e.at(),
                                    e.session(), e.query() == null ? "" : e.query(),
                                    e.language() == null ? "" : e.language(), false, e.article(), 1) : e);
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<ViewerRecord> viewerRecords(String viewerKey) {
        String session = text(viewerKey);
        synchronized (flushLock) {
            List<AnalyticsEvent> found = jdbc.read("read the analytics events of a session", c -> {
                List<AnalyticsEvent> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT kind, at, language, query, article_id, "
                        + "results FROM " + events + " WHERE session = ? ORDER BY at, id")) {
                    ps.setString(1, session);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            AnalyticsEvent e = event(rs, session);
                            if (e != null) {
                                out.add(e);
                            }
                        }
                    }
                }
                return out;
            });
            for (AnalyticsEvent e : queue) {
                if (e.session() != null && text(e.session()).equals(session)) {
                    found.add(e);
                }
            }
            List<ViewerRecord> out = new ArrayList<>(found.size());
            for (AnalyticsEvent e : found) {
                Locale language = e.language() == null ? null : Locale.forLanguageTag(e.language());
                String query = e.query() == null ? "" : e.query();
                switch (e.kind()) {
                    case SEARCH -> out.add(ViewerRecord.search(e.at(), query, language));
                    case CLICK -> {
                        if (e.article() != null) {
                            out.add(ViewerRecord.click(e.at(), query, language, e.article()));
                        }
                    }
                    case TICKET -> out.add(ViewerRecord.ticket(e.at()));
                }
            }
            out.sort(Comparator.comparing(ViewerRecord::at));
            return out;
        }
    }

    /** An event row read back, or null for a kind this version does not know. */
    private static @Nullable AnalyticsEvent event(ResultSet rs, String session) throws SQLException {
        AnalyticsEvent.Kind kind;
        try {
            kind = AnalyticsEvent.Kind.valueOf(rs.getString(1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        String article = rs.getString(5);
        return new AnalyticsEvent(kind, Jdbc.instant(rs, 2), session, rs.getString(4), rs.getString(3), false,
                rs.getInt(6), List.of(), 0, article == null ? null : ArticleId.of(article), 0);
    }

    /**
     * Drops the session's queued events, flushes the others', then deletes the session's recorded events and takes
     * them out of the rollups in one transaction:
     * query counts go down (a query nobody else searched or clicked disappears), the session's deflection rows go,
     * and so do its clicks per article. Rollups are updated in the order flushes write them, so an erasure and a
     * flush never deadlock. A query's {@code lastSeen} is kept while others still count in its row. Events flushed
     * by a Savoir older than schema version 4 were kept in the rollups only: their session rows are deleted, their
     * query counts cannot be told apart and stay.
     */
    @Override
    public long eraseViewer(String viewerKey) {
        String session = text(viewerKey);
        synchronized (flushLock) {
            long pending = 0;
            for (AnalyticsEvent e : List.copyOf(queue)) {
                if (e.session() != null && text(e.session()).equals(session) && queue.remove(e)) {
                    pending++;
                }
            }
            // The others' queued events are written first, as the file store does, so that the reports read after
            // the erasure count them.
            flush();
            long erased = jdbc.write("erase the analytics events of a session", c -> {
                Rollup r = new Rollup();
                long n = 0;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + events + " WHERE session = ? "
                        + "RETURNING kind, at, language, query, article_id, results")) {
                    ps.setString(1, session);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            AnalyticsEvent e = event(rs, session);
                            if (e != null) {
                                r.fold(e);
                            }
                            n++;
                        }
                    }
                }
                subtractQueries(c, r);
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + sessions + " WHERE session = ?")) {
                    ps.setString(1, session);
                    ps.executeUpdate();
                }
                subtractClicks(c, r);
                return n;
            });
            return pending + erased;
        }
    }

    private void subtractQueries(Connection c, Rollup r) throws SQLException {
        if (r.queries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + queries + " SET searches = searches - ?, "
                + "zero_results = zero_results - ?, clicks = clicks - ? WHERE day = ? AND language = ? AND query = ?");
             PreparedStatement drop = c.prepareStatement("DELETE FROM " + queries + " WHERE day = ? AND language = ? "
                     + "AND query = ? AND searches <= 0 AND clicks <= 0")) {
            for (Map.Entry<QueryKey, Counts> e : r.queries.entrySet()) {
                QueryKey k = e.getKey();
                Counts n = e.getValue();
                ps.setLong(1, n.searches);
                ps.setLong(2, n.zero);
                ps.setLong(3, n.clicks);
                ps.setObject(4, k.day());
                ps.setString(5, k.language());
                ps.setString(6, k.query());
                ps.addBatch();
                drop.setObject(1, k.day());
                drop.setString(2, k.language());
                drop.setString(3, k.query());
                drop.addBatch();
            }
            ps.executeBatch();
            drop.executeBatch();
        }
    }

    private void subtractClicks(Connection c, Rollup r) throws SQLException {
        if (r.clicks.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + clicks + " SET clicks = clicks - ? WHERE day = ? "
                + "AND article_id = ?");
             PreparedStatement drop = c.prepareStatement("DELETE FROM " + clicks + " WHERE day = ? AND article_id = ? "
                     + "AND clicks <= 0")) {
            for (Map.Entry<DayKey, Long> e : r.clicks.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setObject(2, e.getKey().day());
                ps.setString(3, e.getKey().value());
                ps.addBatch();
                drop.setObject(1, e.getKey().day());
                drop.setString(2, e.getKey().value());
                drop.addBatch();
            }
            ps.executeBatch();
            drop.executeBatch();
        }
    }

    /** Deletes the days before {@code newest} minus the retention, once per newer day. */
    private void applyRetention(LocalDate newest) {
        LocalDate oldest = newest.minusDays(retentionDays);
        synchronized (flushLock) {
            if (retainedFrom != null && !oldest.isAfter(retainedFrom)) {
                return;
            }
            jdbc.write("apply the analytics retention", c -> {
                for (String table : List.of(queries, sessions, clicks)) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE day < ?")) {
                        ps.setObject(1, oldest);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + events + " WHERE at < ?")) {
                    Jdbc.setInstant(ps, 1, oldest.atStartOfDay(ZoneOffset.UTC).toInstant());
                    ps.executeUpdate();
                }
                return null;
            });
            retainedFrom = oldest;
        }
    }

    @Override
    public List<QueryStats> queries(Instant from, Instant to) {
        return jdbc.read("read the query statistics", c -> {
            List<QueryStats> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT query, language, sum(searches), "
                    + "sum(zero_results), sum(clicks), max(last_seen) FROM " + queries
                    + " WHERE day >= ? AND day <= ? GROUP BY language, query")) {
                setDays(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QueryStats(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), Jdbc.instant(rs, 6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to) {
        return jdbc.read("read the clicks per article", c -> {
            Map<ArticleId, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT article_id, sum(clicks) FROM " + clicks
                    + " WHERE day >= ? AND day <= ? GROUP BY article_id")) {
                setDays(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(ArticleId.of(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public DeflectionEstimate deflection(Instant from, Instant to) {
        return jdbc.read("estimate the deflection", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE flags & 1 <> 0), "
                    + "count(*) FILTER (WHERE flags & 3 = 3), count(*) FILTER (WHERE flags & 7 = 3) FROM " + sessions
                    + " WHERE day >= ? AND day <= ?")) {
                setDays(ps, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new DeflectionEstimate(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        });
    }

    /** The UTC days of [from, to): from's day to the day of the last instant before {@code to}. */
    private static void setDays(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setObject(1, day(from));
        ps.setObject(2, day(to.minusNanos(1)));
    }

    @Override
    public void close() {
        if (!jdbc.isClosed()) {
            try {
                flush();
            } finally {
                jdbc.close();
            }
        }
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String text(String s) {
        return s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }
}
