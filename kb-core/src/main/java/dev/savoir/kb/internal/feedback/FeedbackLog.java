package dev.savoir.kb.internal.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.internal.JsonLinesLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Views, votes and ticket links, with their per-article aggregates in memory and, for a knowledge base in a
 * directory, an append-only log: votes, ticket links and restores are synced at once; views are synced in batches
 * (at most one second of views can be lost in a crash). Views are written without the viewer key (only the dedup
 * window remembers it, in memory); votes name it, and {@link #erase} rewrites the log without them. Thread-safe
 * (synchronized).
 */
public final class FeedbackLog implements AutoCloseable {
    /**
     * One line of the log: {@code {"kind", "article", "locale", "viewer", "helpful", "reason", "comment", "ticket",
     * "at", "base"}}, written by Jackson from this internal record only; the API values it carries (a vote reason,
     * imported aggregates) are mapped explicitly ({@link #reasonName}, {@link Base}), so that renaming an API record
     * component or enum constant does not change the file.
     */
    public record Event(String kind, String article, @Nullable String locale, @Nullable String viewer,
                        @Nullable Boolean helpful, @Nullable String reason, @Nullable String comment,
                        @Nullable String ticket, Instant at, @Nullable Base base) {
    }

    /**
     * Imported aggregates in the log: {@code {"views", "helpful", "notHelpful", "reasons": {"OUTDATED": n, ...},
     * "ticketLinks"}}.
     */
    public record Base(long views, long helpful, long notHelpful, @Nullable Map<String, Long> reasons,
                       long ticketLinks) {
        static Base of(FeedbackSummary s) {
            Map<String, Long> reasons = new java.util.LinkedHashMap<>();
            s.reasons().forEach((k, v) -> reasons.put(reasonName(k), v));
            return new Base(s.views(), s.helpful(), s.notHelpful(), reasons, s.ticketLinks());
        }

        FeedbackSummary toApi() {
            Map<VoteReason, Long> r = new EnumMap<>(VoteReason.class);
            if (reasons != null) {
                reasons.forEach((k, v) -> r.put(reason(k), v));
            }
            return new FeedbackSummary(views, helpful, notHelpful, r, ticketLinks);
        }
    }

    /** The on-disk name of a vote reason. */
    static String reasonName(VoteReason r) {
        return switch (r) {
            case OUTDATED -> "OUTDATED";
            case INCORRECT -> "INCORRECT";
            case UNCLEAR -> "UNCLEAR";
            case DID_NOT_ANSWER -> "DID_NOT_ANSWER";
            case OTHER -> "OTHER";
        };
    }

    /** The vote reason of an on-disk name (an unknown one makes the line unreadable, so it is skipped). */
    static VoteReason reason(String name) {
        return switch (name) {
            case "OUTDATED" -> VoteReason.OUTDATED;
            case "INCORRECT" -> VoteReason.INCORRECT;
            case "UNCLEAR" -> VoteReason.UNCLEAR;
            case "DID_NOT_ANSWER" -> VoteReason.DID_NOT_ANSWER;
            case "OTHER" -> VoteReason.OTHER;
            default -> throw new IllegalArgumentException("unknown vote reason \"" + name + "\"");
        };
    }

    /** A reader's comment on an article, and the viewer key that wrote it. */
    public record Comment(ArticleId articleId, Locale locale, boolean helpful, @Nullable VoteReason reason,
                          String text, Instant at, @Nullable String viewer) {
    }

    /** A view the dedup window remembers: the only place a view is linked to its viewer key. */
    public record RecentView(ArticleId articleId, Locale locale, Instant at) {
    }

    private record Vote(boolean helpful, @Nullable VoteReason reason) {
    }

    private static final class Aggregate {
        FeedbackSummary base = FeedbackSummary.EMPTY;
        long views;
        long helpful;
        long notHelpful;
        final Map<VoteReason, Long> reasons = new EnumMap<>(VoteReason.class);
        final Set<String> tickets = new HashSet<>();
        final Map<String, Vote> votes = new HashMap<>();
        final TreeMap<Long, Long> viewsPerDay = new TreeMap<>();
        final Deque<Comment> comments = new ArrayDeque<>();

        FeedbackSummary summary() {
            Map<VoteReason, Long> r = new EnumMap<>(VoteReason.class);
            r.putAll(base.reasons());
            reasons.forEach((k, v) -> r.merge(k, v, Long::sum));
            r.values().removeIf(v -> v == 0);
            return new FeedbackSummary(base.views() + views, base.helpful() + helpful,
                    base.notHelpful() + notHelpful, r, base.ticketLinks() + tickets.size());
        }
    }

    private final Map<ArticleId, Aggregate> aggregates = new HashMap<>();
    /** Every vote event (as logged) of each viewer key, for {@link #viewerEvents} and {@link #erase}. */
    private final Map<String, List<Event>> votesByViewer = new HashMap<>();
    private final Cache<String, RecentView> recentViews;
    private @Nullable JsonLinesLog log;
    private long unsyncedViews;
    private long lastSync = System.nanoTime();

    /**
     * @param directory where the log lives, or {@code null} to keep feedback in memory only
     * @param viewDedupWindow repeated views by one viewer within this window count once
     * @param clock the knowledge base's clock
     */
    public FeedbackLog(@Nullable Path directory, Duration viewDedupWindow, java.time.Clock clock) {
        // The dedup window follows the knowledge base's clock, not the machine's.
        this.recentViews = Caffeine.newBuilder().expireAfterWrite(viewDedupWindow).maximumSize(1_000_000)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                }).build();
        if (directory == null) {
            this.log = null;
        } else {
            this.log = new JsonLinesLog(directory.resolve("feedback.log"));
            log.replay(Event.class, this::apply);
        }
    }

    private Aggregate agg(ArticleId id) {
        return aggregates.computeIfAbsent(id, k -> new Aggregate());
    }

    private void apply(Event e) {
        ArticleId id = ArticleId.of(e.article());
        Aggregate a = agg(id);
        switch (e.kind()) {
            case "view" -> {
                a.views++;
                a.viewsPerDay.merge(e.at().atZone(ZoneOffset.UTC).toLocalDate().toEpochDay(), 1L, Long::sum);
            }
            case "vote" -> {
                votesByViewer.computeIfAbsent(String.valueOf(e.viewer()), k -> new ArrayList<>()).add(e);
                String key = e.locale() + "|" + e.viewer();
                VoteReason reason = e.reason() == null ? null : reason(e.reason());
                Vote previous = a.votes.put(key, new Vote(Boolean.TRUE.equals(e.helpful()), reason));
                if (previous != null) {
                    count(a, previous, -1);
                }
                count(a, a.votes.get(key), 1);
                if (e.comment() != null && !e.comment().isBlank()) {
                    a.comments.addFirst(new Comment(id, Locale.forLanguageTag(String.valueOf(e.locale())),
                            Boolean.TRUE.equals(e.helpful()), reason, e.comment(), e.at(), e.viewer()));
                    while (a.comments.size() > 20) {
                        a.comments.removeLast();
                    }
                }
            }
            case "ticket" -> a.tickets.add(String.valueOf(e.ticket()));
            case "restore" -> a.base = e.base() == null ? FeedbackSummary.EMPTY : e.base().toApi();
            default -> throw new IllegalArgumentException("unknown feedback event " + e.kind());
        }
    }

    private static void count(Aggregate a, Vote v, int delta) {
        if (v.helpful()) {
            a.helpful += delta;
        } else {
            a.notHelpful += delta;
            a.reasons.merge(v.reason() == null ? VoteReason.OTHER : v.reason(), (long) delta, Long::sum);
        }
    }

    /** Records a view unless the same viewer viewed the same article within the dedup window. */
    public synchronized boolean view(ArticleId id, Locale locale, String viewerKey, Instant at) {
        String key = id.value() + '\u0000' + viewerKey;
        if (recentViews.getIfPresent(key) != null) {
            return false;
        }
        recentViews.put(key, new RecentView(id, locale, at));
        record(new Event("view", id.value(), locale.toLanguageTag(), null, null, null, null, null, at, null), false);
        return true;
    }

    /** Records (or changes) a viewer's vote on a translation. */
    public synchronized void vote(ArticleId id, Locale locale, String viewerKey, boolean helpful,
                                  @Nullable VoteReason reason, @Nullable String comment, Instant at) {
        record(new Event("vote", id.value(), locale.toLanguageTag(), viewerKey, helpful,
                helpful || reason == null ? null : reasonName(reason), comment, null, at, null), true);
    }

    /** Records that an agent resolved a ticket with the article; the same ticket counts once. */
    public synchronized void ticket(ArticleId id, String ticketId, Instant at) {
        record(new Event("ticket", id.value(), null, null, null, null, null, ticketId, at, null), true);
    }

    /** Sets imported aggregates as the article's base counts (an import of an export). */
    public synchronized void restore(ArticleId id, FeedbackSummary base, Instant at) {
        record(new Event("restore", id.value(), null, null, null, null, null, null, at, Base.of(base)), true);
    }

    private void record(Event e, boolean syncNow) {
        if (log != null) {
            log.append(e);
            if (syncNow) {
                log.sync();
                unsyncedViews = 0;
                lastSync = System.nanoTime();
            } else if (++unsyncedViews >= 1000 || System.nanoTime() - lastSync > 1_000_000_000L) {
                log.sync();
                unsyncedViews = 0;
                lastSync = System.nanoTime();
            }
        }
        apply(e);
    }

    /** Syncs buffered views; called periodically and on close. */
    public synchronized void flush() {
        if (log != null && unsyncedViews > 0) {
            log.sync();
            unsyncedViews = 0;
            lastSync = System.nanoTime();
        }
    }

    /** The article's aggregates. */
    public synchronized FeedbackSummary summary(ArticleId id) {
        Aggregate a = aggregates.get(id);
        return a == null ? FeedbackSummary.EMPTY : a.summary();
    }

    /** Every article with feedback and its aggregates. */
    public synchronized Map<ArticleId, FeedbackSummary> all() {
        Map<ArticleId, FeedbackSummary> out = new HashMap<>();
        aggregates.forEach((k, v) -> out.put(k, v.summary()));
        return out;
    }

    /** Views counted from {@code from} (inclusive day) to {@code to} (exclusive day), UTC days. */
    public synchronized long views(ArticleId id, Instant from, Instant to) {
        Aggregate a = aggregates.get(id);
        if (a == null) {
            return 0;
        }
        long f = from.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        long t = to.atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        return a.viewsPerDay.subMap(f, true, t, false).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The latest comments on an article, newest first (at most 20). */
    public synchronized List<Comment> comments(ArticleId id) {
        Aggregate a = aggregates.get(id);
        return a == null ? List.of() : new ArrayList<>(a.comments);
    }

    /** The vote events naming {@code viewerKey} (oldest first), and the views the dedup window links to it. */
    public synchronized List<Event> viewerEvents(String viewerKey, List<RecentView> views) {
        String suffix = '\u0000' + viewerKey;
        recentViews.asMap().forEach((k, v) -> {
            if (k.endsWith(suffix)) {
                views.add(v);
            }
        });
        return List.copyOf(votesByViewer.getOrDefault(viewerKey, List.of()));
    }

    /**
     * Erases everything naming {@code viewerKey}: its votes leave the aggregates, its comments the lists, its views
     * the dedup window, and the log is rewritten without its vote events (synced and renamed before this returns).
     *
     * @return how many vote events and view links were erased
     */
    public synchronized long erase(String viewerKey) {
        String suffix = '\u0000' + viewerKey;
        long erased = 0;
        for (String k : List.copyOf(recentViews.asMap().keySet())) {
            if (k.endsWith(suffix)) {
                recentViews.invalidate(k);
                erased++;
            }
        }
        List<Event> votes = votesByViewer.remove(viewerKey);
        if (votes == null) {
            return erased;
        }
        erased += votes.size();
        for (Aggregate a : aggregates.values()) {
            a.votes.entrySet().removeIf(v -> {
                String key = v.getKey();
                if (key.substring(key.indexOf('|') + 1).equals(viewerKey)) {
                    count(a, v.getValue(), -1);
                    return true;
                }
                return false;
            });
            a.comments.removeIf(c -> viewerKey.equals(c.viewer()));
        }
        if (log != null) {
            log.close();
            java.nio.file.Path file = log.file();
            log = null;
            try {
                JsonLinesLog.rewrite(file, Event.class, e -> !viewerKey.equals(e.viewer()));
            } finally {
                log = new JsonLinesLog(file);
                log.replay(Event.class, e -> { });
                unsyncedViews = 0;
                lastSync = System.nanoTime();
            }
        }
        return erased;
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            log.close();
        }
    }
}
