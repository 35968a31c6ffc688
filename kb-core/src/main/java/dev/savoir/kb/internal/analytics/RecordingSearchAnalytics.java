package dev.savoir.kb.internal.analytics;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Violation;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.spi.QueryNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The file-backed {@link SearchAnalytics} of one knowledge base, over its {@link AnalyticsEngine}. */
public final class RecordingSearchAnalytics implements SearchAnalytics {
    private final AnalyticsEngine engine;
    private final Clock clock;

    public RecordingSearchAnalytics(AnalyticsEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** Records a search (done for you by {@code KnowledgeBase.search}). Never blocks; returns whether it was kept. */
    @Override
    public boolean recordSearch(@Nullable String sessionId, ViewerContext viewer, String query, long resultCount,
                                List<ArticleId> shown, Duration took) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(query, "query");
        return engine.offer(new AnalyticsEngine.Event("search", clock.instant(), session(sessionId),
                QueryNormalizer.normalize(query), viewer.locale().getLanguage(), viewer.internal(),
                (int) Math.min(Integer.MAX_VALUE, resultCount),
                shown.stream().limit(20).map(ArticleId::value).toList(), took.toNanos() / 1_000, null, 0));
    }

    /**
     * Records that a viewer clicked a search result.
     *
     * @param query the query as typed (it is normalized like the search's)
     * @param position the result's position, from 1
     */
    @Override
    public boolean recordClick(@Nullable String sessionId, ViewerContext viewer, String query, ArticleId article,
                               int position) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(article, "article");
        if (position < 1) {
            throw new ValidationException(List.of(new Violation("position", "result positions start at 1")));
        }
        return engine.offer(new AnalyticsEngine.Event("click", clock.instant(), session(sessionId),
                QueryNormalizer.normalize(query), viewer.locale().getLanguage(), viewer.internal(), 0, null, 0,
                article.value(), position));
    }

    /** Records that the session went on to open a support ticket (for the deflection estimate). */
    @Override
    public boolean recordTicket(String sessionId) {
        String s = session(Objects.requireNonNull(sessionId, "sessionId"));
        return engine.offer(new AnalyticsEngine.Event("ticket", clock.instant(), s, null, null, false, 0, null, 0,
                null, 0));
    }

    private static @Nullable String session(@Nullable String id) {
        if (id == null) {
            return null;
        }
        if (id.isBlank() || id.length() > 200) {
            throw new ValidationException(List.of(new Violation("sessionId", "a session id is 1-200 characters")));
        }
        return id;
    }

    /** Events dropped because recording could not keep up; searches were never slowed. */
    @Override
    public long droppedEvents() {
        return engine.dropped();
    }

    /** Events recorded so far. */
    @Override
    public long recordedEvents() {
        return engine.recorded();
    }

    /** Writes every event recorded so far (normally done in the background every 200 ms); for tests and shutdown. */
    @Override
    public void flush() {
        engine.drain();
    }

    /** The most searched queries in [from, to), most searched first. */
    @Override
    public List<QueryStats> topQueries(Instant from, Instant to, int limit) {
        return engine.queries(from, to, q -> true, Comparator.comparingLong(QueryStats::searches).reversed()
                .thenComparing(QueryStats::query), checkLimit(limit));
    }

    /**
     * Knowledge gaps in [from, to): queries that found nothing or whose results nobody clicked, most searched
     * first. These are the articles to write next.
     */
    @Override
    public List<QueryStats> knowledgeGaps(Instant from, Instant to, int limit) {
        return engine.queries(from, to, QueryStats::isGap, Comparator.comparingLong(QueryStats::searches)
                .reversed().thenComparing(QueryStats::lastSeen, Comparator.reverseOrder()), checkLimit(limit));
    }

    /** Queries searched at least {@code minSearches} times in [from, to) with the lowest click-through first. */
    @Override
    public List<QueryStats> lowClickThrough(Instant from, Instant to, int minSearches, int limit) {
        return engine.queries(from, to, q -> q.searches() >= minSearches && q.zeroResultSearches() < q.searches(),
                Comparator.comparingDouble(QueryStats::clickThroughRate)
                        .thenComparing(Comparator.comparingLong(QueryStats::searches).reversed()), checkLimit(limit));
    }

    /** Result clicks per article in [from, to). */
    @Override
    public Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to) {
        Map<ArticleId, Long> out = new java.util.HashMap<>();
        engine.articleClicks(from, to).forEach((k, v) -> out.put(ArticleId.of(k), v));
        return out;
    }

    /** The self-service deflection estimate over [from, to). */
    @Override
    public DeflectionEstimate deflection(Instant from, Instant to) {
        return engine.deflection(from, to);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new ValidationException(List.of(new Violation("limit", "limit must be 1-10,000")));
        }
        return limit;
    }
}
