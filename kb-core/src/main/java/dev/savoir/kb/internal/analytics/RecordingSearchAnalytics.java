package dev.savoir.kb.internal.analytics;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.gate.InputLimits;
import dev.savoir.kb.internal.privacy.PersonalData;
import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.QueryNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SearchAnalytics} of one knowledge base: checks arguments, normalizes queries with the one
 * {@link QueryNormalizer} after masking what looks like personal data ({@link PersonalData}, unless the host opted in
 * to raw text), hands events to the {@link AnalyticsStore} and orders its rollups into reports.
 */
public final class RecordingSearchAnalytics implements SearchAnalytics {
    private final AnalyticsStore store;
    private final Clock clock;
    private final boolean rawText;

    /**
     * @param rawText whether queries are stored as typed (normalized only) rather than with their personal data
     *     masked
     */
    public RecordingSearchAnalytics(AnalyticsStore store, Clock clock, boolean rawText) {
        this.store = store;
        this.clock = clock;
        this.rawText = rawText;
    }

    /** The form in which a query is stored. */
    private String stored(String query) {
        return rawText ? QueryNormalizer.normalize(query) : PersonalData.maskAndNormalize(query);
    }

    @Override
    public boolean recordSearch(@Nullable String sessionId, ViewerContext viewer, String query, long resultCount,
                                List<ArticleId> shown, Duration took) {
        Check.notNull("viewer", viewer);
        Check.notNull("query", query);
        Check.noNulls("shown", shown);
        Check.notNull("took", took);
        Check.atLeast("resultCount", resultCount, 0);
        return store.offer(AnalyticsEvent.search(clock.instant(), session(sessionId), stored(query),
                viewer.locale().getLanguage(), viewer.internal(), (int) Math.min(Integer.MAX_VALUE, resultCount),
                shown.stream().limit(20).toList(), took.toNanos() / 1_000));
    }

    @Override
    public boolean recordClick(@Nullable String sessionId, ViewerContext viewer, String query, ArticleId article,
                               int position) {
        Check.notNull("viewer", viewer);
        Check.notNull("query", query);
        Check.notNull("article", article);
        if (position < 1) {
            throw new InvalidArgumentException("position", "result positions start at 1, got " + position);
        }
        return store.offer(AnalyticsEvent.click(clock.instant(), session(sessionId), stored(query),
                viewer.locale().getLanguage(), viewer.internal(), article, position));
    }

    @Override
    public boolean recordTicket(String sessionId) {
        return store.offer(AnalyticsEvent.ticket(clock.instant(),
                InputLimits.checkKey("sessionId", Check.notNull("sessionId", sessionId))));
    }

    private static @Nullable String session(@Nullable String id) {
        return id == null ? null : InputLimits.checkKey("sessionId", id);
    }

    @Override
    public long droppedEvents() {
        return store.dropped();
    }

    @Override
    public long recordedEvents() {
        return store.recorded();
    }

    @Override
    public void flush() {
        store.flush();
    }

    @Override
    public List<QueryStats> topQueries(Instant from, Instant to, int limit) {
        return queries(from, to, q -> true, Comparator.comparingLong(QueryStats::searches).reversed()
                .thenComparing(QueryStats::query), limit);
    }

    @Override
    public List<QueryStats> knowledgeGaps(Instant from, Instant to, int limit) {
        return queries(from, to, QueryStats::isGap, Comparator.comparingLong(QueryStats::searches).reversed()
                .thenComparing(QueryStats::lastSeen, Comparator.reverseOrder()).thenComparing(QueryStats::query),
                limit);
    }

    @Override
    public List<QueryStats> lowClickThrough(Instant from, Instant to, int minSearches, int limit) {
        Check.atLeast("minSearches", minSearches, 0);
        return queries(from, to, q -> q.searches() >= minSearches && q.zeroResultSearches() < q.searches(),
                Comparator.comparingDouble(QueryStats::clickThroughRate)
                        .thenComparing(Comparator.comparingLong(QueryStats::searches).reversed())
                        .thenComparing(QueryStats::query), limit);
    }

    private List<QueryStats> queries(Instant from, Instant to, Predicate<QueryStats> filter,
                                     Comparator<QueryStats> order, int limit) {
        Check.period(from, to);
        InputLimits.checkLimit(limit, InputLimits.MAX_REPORT_ROWS);
        return store.queries(from, to).stream().filter(filter).sorted(order).limit(limit).toList();
    }

    @Override
    public Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to) {
        Check.period(from, to);
        return store.clicksPerArticle(from, to);
    }

    @Override
    public DeflectionEstimate deflection(Instant from, Instant to) {
        Check.period(from, to);
        return store.deflection(from, to);
    }
}
