package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.privacy.ViewerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Where search analytics live: search, click and ticket events and their rollups per day, query and language.
 *
 * <p>Contract (checked by the conformance kit {@code AnalyticsStoreContract} in kb-core's test jar):
 * <ul>
 *   <li>{@link #offer} never blocks and never throws for a well-formed event: under overload it drops the event,
 *       counts it in {@link #dropped()} and returns false. A search is never slowed by its analytics.</li>
 *   <li>Offered events count in reports after {@link #flush()} (a knowledge base flushes every 200 ms).</li>
 *   <li>Reports cover the UTC days from {@code from}'s to the day of the last instant before {@code to}.</li>
 *   <li>Queries are grouped by (normalized query, language); sessions count for the deflection estimate as having
 *       searched, clicked (a result) and opened a ticket, per day.</li>
 *   <li>{@link #eraseViewer} removes every event recorded under a session id (pending ones included) from what the
 *       store keeps and reports: reports no longer count them, {@link #viewerRecords} no longer returns them, and a
 *       durable store has rewritten its files or rows when the call returns (filtering on read is not erasure);
 *       it survives a close and reopen.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface AnalyticsStore extends AutoCloseable {
    /** Queues an event; never blocks. Returns false (and counts a drop) when it cannot keep up. */
    boolean offer(AnalyticsEvent event);

    /** Events dropped because recording could not keep up. */
    long dropped();

    /** Events recorded (written and counted). */
    long recorded();

    /** Writes and counts every event offered so far; returns how many. */
    int flush();

    /** The counts of every (query, language) searched or clicked in [from, to), in no particular order. */
    List<QueryStats> queries(Instant from, Instant to);

    /** Result clicks per article in [from, to). */
    Map<ArticleId, Long> clicksPerArticle(Instant from, Instant to);

    /** The self-service deflection estimate over [from, to). */
    DeflectionEstimate deflection(Instant from, Instant to);

    /**
     * Every search and click recorded under a session id in [from, to), pending ones included (the store flushes
     * first), erased ones never, in no particular order: what the learning of search vocabulary reads (who reformulated what within a session). An
     * event passed to {@code sink} has its session, query, language, result count and (clicks) article; a store may
     * leave out the internal flag, the shown articles, the time taken and the position. Reads the period's events: a
     * rare, slow call.
     *
     * <p>The default, for stores that keep no per-session events, throws.
     *
     * @throws KbException if this store keeps no per-session events
     * @since 0.3
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    default void sessionEvents(Instant from, Instant to, Consumer<AnalyticsEvent> sink) {
        throw new KbException("this analytics store keeps no per-session events, so search vocabulary cannot be "
                + "learned from it: use the built-in analytics or kb-jdbc's, or implement sessionEvents");
    }

    /**
     * Everything recorded under the session id {@code viewerKey} (searches, clicks, tickets), oldest first, pending
     * events included: the analytics part of a right-of-access request. May read every event kept.
     */
    List<ViewerRecord> viewerRecords(String viewerKey);

    /**
     * Erases every event recorded under the session id {@code viewerKey}, pending ones included, durably when the
     * call returns; the reports of the days concerned no longer count them.
     *
     * @return how many events were erased
     */
    long eraseViewer(String viewerKey);

    /** Writes what is pending and releases files or connections; idempotent. */
    @Override
    void close();
}
