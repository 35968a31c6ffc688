package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.FeedbackStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FeedbackStore} on PostgreSQL, shared by every node: the dedup window, votes and ticket links are rows
 * that every node sees, each recorded by one statement (so durable when the call returns, views included;
 * {@link #flush()} only prunes the dedup rows older than the window). Aggregates are computed by the database when
 * read. Vote reasons are stored by name ({@code OUTDATED}...), as the file store writes them; a not-helpful vote
 * without a reason counts as {@link VoteReason#OTHER}, as there.
 *
 * <p>PostgreSQL text cannot hold U+0000: a viewer key, ticket id or comment holding one is refused with
 * {@link InvalidArgumentException}. Instants are kept to the microsecond. Thread-safe.
 */
public final class PgFeedbackStore implements FeedbackStore {
    private static final int COMMENTS = 20;

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration window;
    private final String views;
    private final String recent;
    private final String votes;
    private final String comments;
    private final String tickets;
    private final String restored;
    private final String restoredReasons;
    private final String changes;

    /**
     * @param window repeated views by one viewer within this window count once
     * @param clock the knowledge base's clock: the dedup window follows it
     */
    public PgFeedbackStore(Jdbc jdbc, Clock clock, Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
        this.views = jdbc.table("feedback_views");
        this.recent = jdbc.table("feedback_recent_views");
        this.votes = jdbc.table("feedback_votes");
        this.comments = jdbc.table("feedback_comments");
        this.tickets = jdbc.table("feedback_tickets");
        this.restored = jdbc.table("feedback_restored");
        this.restoredReasons = jdbc.table("feedback_restored_reasons");
        this.changes = jdbc.table("feedback_changes");
    }

    @Override
    public boolean recordView(ArticleId id, Locale locale, String viewerKey, Instant at) {
        noNul("viewerKey", viewerKey);
        Instant now = clock.instant();
        // One statement: the dedup row is (re)claimed only when the last counted view is outside the window, and
        // only then is the day's count incremented. Concurrent views of one viewer on two nodes count once.
        String sql = "WITH counted AS (INSERT INTO " + recent + " AS r (article_id, viewer_key, counted_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (article_id, viewer_key) DO UPDATE SET counted_at = EXCLUDED.counted_at "
                + "WHERE r.counted_at <= ? RETURNING 1) "
                + "INSERT INTO " + views + " AS v (article_id, day, views) SELECT ?, ?, 1 FROM counted "
                + "ON CONFLICT (article_id, day) DO UPDATE SET views = v.views + 1 RETURNING 1";
        return jdbc.write("record a view of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, id.value());
                ps.setString(2, viewerKey);
                Jdbc.setInstant(ps, 3, now);
                Jdbc.setInstant(ps, 4, now.minus(window));
                ps.setString(5, id.value());
                ps.setObject(6, day(at));
                boolean counted;
                try (ResultSet rs = ps.executeQuery()) {
                    counted = rs.next();
                }
                if (counted) {
                    noteChange(c, id);
                }
                return counted;
            }
        });
    }

    @Override
    public void recordVote(ArticleId id, Locale locale, String viewerKey, boolean helpful,
                           @Nullable VoteReason reason, @Nullable String comment, Instant at) {
        noNul("viewerKey", viewerKey);
        if (comment != null) {
            noNul("comment", comment);
        }
        String reasonName = helpful || reason == null ? null : reason.name();
        jdbc.write("record a vote on " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + votes
                    + " (article_id, viewer_key, locale, helpful, reason, at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (article_id, viewer_key) DO UPDATE SET locale = EXCLUDED.locale, "
                    + "helpful = EXCLUDED.helpful, reason = EXCLUDED.reason, at = EXCLUDED.at")) {
                ps.setString(1, id.value());
                ps.setString(2, viewerKey);
                ps.setString(3, locale.toLanguageTag());
                ps.setBoolean(4, helpful);
                ps.setString(5, reasonName);
                Jdbc.setInstant(ps, 6, at);
                ps.executeUpdate();
            }
            noteChange(c, id);
            if (comment != null && !comment.isBlank()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + comments
                        + " (article_id, viewer_key, locale, helpful, reason, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id.value());
                    ps.setString(2, viewerKey);
                    ps.setString(3, locale.toLanguageTag());
                    ps.setBoolean(4, helpful);
                    ps.setString(5, reasonName);
                    ps.setString(6, comment);
                    Jdbc.setInstant(ps, 7, at);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void recordTicket(ArticleId id, String ticketId, Instant at) {
        noNul("ticketId", ticketId);
        jdbc.write("link a ticket to " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + tickets
                    + " (article_id, ticket_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, id.value());
                ps.setString(2, ticketId);
                Jdbc.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void restore(ArticleId id, FeedbackSummary imported, Instant at) {
        // As the file store: the imported aggregates become the article's base counts (a second restore replaces
        // the first), to which its own counts are added.
        jdbc.write("restore the feedback of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + restored
                    + " (article_id, views, helpful, not_helpful, ticket_links, at) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (article_id) DO UPDATE SET views = EXCLUDED.views, helpful = EXCLUDED.helpful, "
                    + "not_helpful = EXCLUDED.not_helpful, ticket_links = EXCLUDED.ticket_links, at = EXCLUDED.at")) {
                ps.setString(1, id.value());
                ps.setLong(2, imported.views());
                ps.setLong(3, imported.helpful());
                ps.setLong(4, imported.notHelpful());
                ps.setLong(5, imported.ticketLinks());
                Jdbc.setInstant(ps, 6, at);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + restoredReasons
                    + " WHERE article_id = ?")) {
                ps.setString(1, id.value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + restoredReasons
                    + " (article_id, reason, votes) VALUES (?, ?, ?)")) {
                List<Map.Entry<VoteReason, Long>> reasons = new ArrayList<>(imported.reasons().entrySet());
                reasons.sort(Map.Entry.comparingByKey());
                for (Map.Entry<VoteReason, Long> e : reasons) {
                    ps.setString(1, id.value());
                    ps.setString(2, e.getKey().name());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            noteChange(c, id);
            return null;
        });
    }

    @Override
    public FeedbackSummary summary(ArticleId id) {
        return summaries(id).getOrDefault(id, FeedbackSummary.EMPTY);
    }

    @Override
    public Map<ArticleId, FeedbackSummary> summaries() {
        return summaries(null);
    }

    /** The aggregates of one article, or of every article when {@code only} is null. */
    private Map<ArticleId, FeedbackSummary> summaries(@Nullable ArticleId only) {
        return jdbc.read(only == null ? "read the feedback summaries" : "read the feedback of " + only, c -> {
            Map<String, long[]> counts = new HashMap<>();
            Map<String, Map<VoteReason, Long>> reasons = new HashMap<>();
            String where = only == null ? "" : " WHERE article_id = ?";
            // {views, helpful, notHelpful, ticketLinks}
            sum(c, "SELECT article_id, sum(views) FROM " + views + where + " GROUP BY article_id", only, counts, 0);
            sum(c, "SELECT article_id, count(*) FILTER (WHERE helpful), count(*) FILTER (WHERE NOT helpful) FROM "
                    + votes + where + " GROUP BY article_id", only, counts, 1);
            sum(c, "SELECT article_id, count(*) FROM " + tickets + where + " GROUP BY article_id", only, counts, 3);
            sum(c, "SELECT article_id, views, helpful, not_helpful, ticket_links FROM " + restored + where, only,
                    counts, -1);
            reasons(c, "SELECT article_id, coalesce(reason, 'OTHER'), count(*) FROM " + votes
                    + (only == null ? " WHERE NOT helpful" : where + " AND NOT helpful")
                    + " GROUP BY article_id, coalesce(reason, 'OTHER')", only, reasons);
            reasons(c, "SELECT article_id, reason, votes FROM " + restoredReasons + where, only, reasons);
            Map<ArticleId, FeedbackSummary> out = new HashMap<>();
            counts.forEach((id, n) -> {
                Map<VoteReason, Long> r = new EnumMap<>(VoteReason.class);
                r.putAll(reasons.getOrDefault(id, Map.of()));
                r.values().removeIf(v -> v == 0);
                out.put(ArticleId.of(id), new FeedbackSummary(n[0], n[1], n[2], r, n[3]));
            });
            return out;
        });
    }

    /** Adds the counts of a query to {@code counts}: its columns go from slot {@code at} ({@code -1}: all four). */
    private static void sum(Connection c, String sql, @Nullable ArticleId only, Map<String, long[]> counts, int at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (only != null) {
                ps.setString(1, only.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount() - 1;
                while (rs.next()) {
                    long[] n = counts.computeIfAbsent(rs.getString(1), k -> new long[4]);
                    for (int k = 0; k < columns; k++) {
                        n[(at < 0 ? 0 : at) + k] += rs.getLong(k + 2);
                    }
                }
            }
        }
    }

    private static void reasons(Connection c, String sql, @Nullable ArticleId only,
                                Map<String, Map<VoteReason, Long>> reasons) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (only != null) {
                ps.setString(1, only.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reasons.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(VoteReason.class))
                            .merge(reason(rs.getString(2)), rs.getLong(3), Long::sum);
                }
            }
        }
    }

    private static VoteReason reason(String name) {
        try {
            return VoteReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            // Written by a newer Savoir with a reason this one does not know.
            return VoteReason.OTHER;
        }
    }

    @Override
    public long views(ArticleId id, Instant from, Instant to) {
        return jdbc.read("count the views of " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(views), 0) FROM " + views
                    + " WHERE article_id = ? AND day >= ? AND day < ?")) {
                ps.setString(1, id.value());
                ps.setObject(2, day(from));
                ps.setObject(3, day(to));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public Map<ArticleId, Long> views(Collection<ArticleId> ids, Instant from, Instant to) {
        Map<ArticleId, Long> out = new LinkedHashMap<>();
        for (ArticleId id : ids) {
            out.put(id, 0L);
        }
        if (out.isEmpty()) {
            return out;
        }
        return jdbc.read("count the views of " + out.size() + " articles", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT article_id, sum(views) FROM " + views
                    + " WHERE article_id = ANY(?) AND day >= ? AND day < ? GROUP BY article_id")) {
                ps.setArray(1, c.createArrayOf("text", out.keySet().stream().map(ArticleId::value).toArray()));
                ps.setObject(2, day(from));
                ps.setObject(3, day(to));
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
    public List<ReaderComment> comments(ArticleId id) {
        return jdbc.read("read the comments on " + id, c -> {
            List<ReaderComment> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT locale, helpful, reason, text, at FROM " + comments
                    + " WHERE article_id = ? ORDER BY id DESC LIMIT " + COMMENTS)) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String reason = rs.getString(3);
                        out.add(new ReaderComment(id, Locale.forLanguageTag(rs.getString(1)), rs.getBoolean(2),
                                reason == null ? null : reason(reason), rs.getString(4),
                                Jdbc.instant(rs, 5)));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * The viewer's votes (one per article, with the comment left with it), the comments of its earlier votes (as
     * the votes they were left with), and its rows in the view dedup window (a view's instant is when it was
     * counted; the window does not keep the translation read).
     */
    @Override
    public List<ViewerRecord> viewerRecords(String viewerKey) {
        noNul("viewerKey", viewerKey);
        return jdbc.read("read the feedback of a viewer", c -> {
            List<ViewerRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT v.article_id, v.locale, v.helpful, v.reason, "
                    + "v.at, (SELECT m.text FROM " + comments + " m WHERE m.article_id = v.article_id AND "
                    + "m.viewer_key = v.viewer_key AND m.at = v.at ORDER BY m.id DESC LIMIT 1) FROM " + votes
                    + " v WHERE v.viewer_key = ?")) {
                ps.setString(1, viewerKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(vote(rs));
                    }
                }
            }
            // Comments of votes since replaced: still kept, so still the viewer's.
            try (PreparedStatement ps = c.prepareStatement("SELECT m.article_id, m.locale, m.helpful, m.reason, "
                    + "m.at, m.text FROM " + comments + " m WHERE m.viewer_key = ? AND NOT EXISTS (SELECT 1 FROM "
                    + votes + " v WHERE v.article_id = m.article_id AND v.viewer_key = m.viewer_key "
                    + "AND v.at = m.at)")) {
                ps.setString(1, viewerKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(vote(rs));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT article_id, counted_at FROM " + recent
                    + " WHERE viewer_key = ?")) {
                ps.setString(1, viewerKey);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ViewerRecord.view(Jdbc.instant(rs, 2), ArticleId.of(rs.getString(1)), null));
                    }
                }
            }
            out.sort(Comparator.comparing(ViewerRecord::at));
            return List.copyOf(out);
        });
    }

    /** A vote row: article, locale, helpful, reason, at, comment. */
    private static ViewerRecord vote(ResultSet rs) throws SQLException {
        String reason = rs.getString(4);
        return ViewerRecord.vote(Jdbc.instant(rs, 5), ArticleId.of(rs.getString(1)),
                Locale.forLanguageTag(rs.getString(2)), rs.getBoolean(3), reason == null ? null : reason(reason),
                rs.getString(6));
    }

    /**
     * Deletes, in one transaction, the viewer's votes (so they leave the aggregates, which are computed on read),
     * its comments and its rows in the view dedup window; the anonymous per-day view counts stay.
     */
    @Override
    public long eraseViewer(String viewerKey) {
        noNul("viewerKey", viewerKey);
        return jdbc.write("erase the feedback of a viewer", c -> {
            // the articles it voted on lose a vote: every node sends their signals again
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + changes + " (article_id, changed_at) "
                    + "SELECT DISTINCT article_id, clock_timestamp() FROM " + votes + " WHERE viewer_key = ? "
                    + "ON CONFLICT (article_id) DO UPDATE SET changed_at = EXCLUDED.changed_at")) {
                ps.setString(1, viewerKey);
                ps.executeUpdate();
            }
            long erased = 0;
            for (String table : List.of(votes, comments, recent)) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE viewer_key = ?")) {
                    ps.setString(1, viewerKey);
                    int n = ps.executeUpdate();
                    if (!table.equals(comments)) {
                        erased += n;
                    }
                }
            }
            return erased;
        });
    }

    /**
     * The articles whose feedback changed at or after {@code since}, from the change times every write notes in
     * the same transaction (the database's {@code clock_timestamp()}, a little before its commit).
     */
    @Override
    public List<FeedbackChange> changesSince(@Nullable Instant since, int limit) {
        String sql = "SELECT article_id, changed_at FROM " + changes
                + (since == null ? "" : " WHERE changed_at >= ?") + " ORDER BY changed_at, article_id LIMIT ?";
        return jdbc.read("read the feedback changes", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (since != null) {
                    Jdbc.setInstant(ps, i++, since);
                }
                ps.setInt(i, Math.max(1, limit));
                List<FeedbackChange> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FeedbackChange(ArticleId.of(rs.getString(1)), Jdbc.instant(rs, 2)));
                    }
                }
                return out;
            }
        });
    }

    /** Notes, in the caller's transaction, that the article's feedback changed now. */
    private void noteChange(Connection c, ArticleId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + changes + " (article_id, changed_at) "
                + "VALUES (?, clock_timestamp()) ON CONFLICT (article_id) DO UPDATE SET changed_at = "
                + "EXCLUDED.changed_at")) {
            ps.setString(1, id.value());
            ps.executeUpdate();
        }
    }

    /** Views are durable when recorded; this prunes the dedup rows that no longer dedup anything. */
    @Override
    public void flush() {
        Instant expired = clock.instant().minus(window);
        jdbc.write("prune the view dedup window", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + recent + " WHERE counted_at <= ?")) {
                Jdbc.setInstant(ps, 1, expired);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        jdbc.close();
    }

    private static LocalDate day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static void noNul(String parameter, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidArgumentException(parameter, "must not contain U+0000, which PostgreSQL text cannot "
                    + "hold");
        }
    }
}
