package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One search-analytics event, as the knowledge base hands it to an {@link AnalyticsStore}: the query is already in
 * its {@link QueryNormalizer normalized} form.
 *
 * @param kind what happened
 * @param at when
 * @param session the host's session id linking searches, clicks and tickets, if any
 * @param query the normalized query (searches and clicks)
 * @param language the viewer's language (searches and clicks)
 * @param internal whether the viewer was internal (an agent)
 * @param results how many results the search found
 * @param shown the articles shown first (at most 20)
 * @param tookMicros how long the search took
 * @param article the clicked article
 * @param position the clicked result's position, from 1
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AnalyticsEvent(Kind kind, Instant at, @Nullable String session, @Nullable String query,
                             @Nullable String language, boolean internal, int results, List<ArticleId> shown,
                             long tookMicros, @Nullable ArticleId article, int position) {
    /** What an event records. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public enum Kind {
        /** A search. */
        SEARCH,
        /** A click on a search result. */
        CLICK,
        /** The session went on to open a support ticket. */
        TICKET
    }

    public AnalyticsEvent {
        if (kind == null || at == null || shown == null) {
            throw new InvalidArgumentException(kind == null ? "kind" : at == null ? "at" : "shown",
                    "is required, got null");
        }
        shown = List.copyOf(shown);
    }

    /** A search event. */
    public static AnalyticsEvent search(Instant at, @Nullable String session, String query, String language,
                                        boolean internal, int results, List<ArticleId> shown, long tookMicros) {
        return new AnalyticsEvent(Kind.SEARCH, at, session, query, language, internal, results, shown, tookMicros,
                null, 0);
    }

    /** A click event. */
    public static AnalyticsEvent click(Instant at, @Nullable String session, String query, String language,
                                       boolean internal, ArticleId article, int position) {
        return new AnalyticsEvent(Kind.CLICK, at, session, query, language, internal, 0, List.of(), 0, article,
                position);
    }

    /** A ticket event. */
    public static AnalyticsEvent ticket(Instant at, String session) {
        return new AnalyticsEvent(Kind.TICKET, at, session, null, null, false, 0, List.of(), 0, null, 0);
    }
}
