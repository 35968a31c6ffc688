package dev.savoir.kb.analytics;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Search analytics of one knowledge base: recording (asynchronous, bounded: never slows or fails a search; under
 * overload events are dropped and {@link #droppedEvents()} counts them) and reports over any period within the
 * retention window. Searches made through {@code KnowledgeBase.search} are recorded automatically; clicks and
 * tickets are reported by the host. Thread-safe.
 *
 * <p>Queries are grouped by their normalized form (lower case, accents and punctuation removed) and the viewer's
 * language. A session id (the host's, e.g. a help-center session cookie) links searches, clicks and tickets for the
 * deflection estimate; it may be null.
 *
 * @since 0.1
 */
public interface SearchAnalytics {
    /** Records a search (done for you by {@code KnowledgeBase.search}). Never blocks; returns whether it was kept. */
    boolean recordSearch(@Nullable String sessionId, ViewerContext viewer, String query, long resultCount,
                         List<ArticleId> shown, Duration took);

    /**
     * Records that a viewer clicked a search result.
     *
     * @param query the query as typed (it is normalized like the search's)
     * @param position the result's position, from 1
     */
    boolean recordClick(@Nullable String sessionId, ViewerContext viewer, String query, ArticleId article,
                        int position);

    /** Records that the session went on to open a support ticket (for the deflection estimate). */
    boolean recordTicket(String sessionId);

    /** Events dropped because recording could not keep up; searches were never slowed. */
    long droppedEvents();

    /** Events recorded so far. */
    long recordedEvents();

    /** Writes every event recorded so far (normally done in the background every 200 ms); for tests and shutdown. */
    void flush();

    /** The most searched queries in [from, to), most searched first. */
    List<QueryStats> topQueries(Instant from, Instant to, int limit);

    /**
     * Knowledge gaps in [from, to): queries that found nothing or whose results nobody clicked, most searched
     * first. These are the articles to write next.
     */
    List<QueryStats> knowledgeGaps(Instant from, Instant to, int limit);

    /** Queries searched at least {@code minSearches} times in [from, to) with the lowest click-through first. */
    List<QueryStats> lowClickThrough(Instant from, Instant to, int minSearches, int limit);

    /** Result clicks per article in [from, to). */
    Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to);

    /** The self-service deflection estimate over [from, to). */
    DeflectionEstimate deflection(Instant from, Instant to);
}
