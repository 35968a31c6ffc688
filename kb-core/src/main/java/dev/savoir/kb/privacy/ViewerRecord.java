package dev.savoir.kb.privacy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One thing recorded about a viewer key: a search, a click on a result or a ticket (from search analytics, where
 * the viewer key is the session id the host passed), a view or a vote (from feedback).
 *
 * @param kind what was recorded
 * @param at when
 * @param query the query as analytics stored it (normalized, personal data masked unless the host opted in to raw
 *     text), for searches and clicks
 * @param locale the viewer's language (searches, clicks) or the translation read (views, votes)
 * @param article the clicked, viewed or voted article
 * @param helpful the vote, for votes
 * @param reason why it did not help, for unhelpful votes that gave one
 * @param comment the comment left with a vote
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ViewerRecord(Kind kind, Instant at, @Nullable String query, @Nullable Locale locale,
                           @Nullable ArticleId article, @Nullable Boolean helpful, @Nullable VoteReason reason,
                           @Nullable String comment) {
    /** What a record is. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public enum Kind {
        /** A search. */
        SEARCH,
        /** A click on a search result. */
        CLICK,
        /** A support ticket opened after searching. */
        TICKET,
        /** A view of an article. */
        VIEW,
        /** A helpfulness vote, with its reason and comment. */
        VOTE
    }

    public ViewerRecord {
        Check.notNull("kind", kind);
        Check.notNull("at", at);
    }

    /** A search of {@code query} by a viewer in {@code locale}. */
    public static ViewerRecord search(Instant at, String query, @Nullable Locale locale) {
        return new ViewerRecord(Kind.SEARCH, at, Check.notNull("query", query), locale, null, null, null, null);
    }

    /** A click on {@code article} among the results of {@code query}. */
    public static ViewerRecord click(Instant at, String query, @Nullable Locale locale, ArticleId article) {
        return new ViewerRecord(Kind.CLICK, at, Check.notNull("query", query), locale,
                Check.notNull("article", article), null, null, null);
    }

    /** A ticket opened by the session. */
    public static ViewerRecord ticket(Instant at) {
        return new ViewerRecord(Kind.TICKET, at, null, null, null, null, null, null);
    }

    /** A view of {@code article}. */
    public static ViewerRecord view(Instant at, ArticleId article, @Nullable Locale locale) {
        return new ViewerRecord(Kind.VIEW, at, null, locale, Check.notNull("article", article), null, null, null);
    }

    /** A vote on the {@code locale} translation of {@code article}. */
    public static ViewerRecord vote(Instant at, ArticleId article, Locale locale, boolean helpful,
                                    @Nullable VoteReason reason, @Nullable String comment) {
        return new ViewerRecord(Kind.VOTE, at, null, Check.notNull("locale", locale),
                Check.notNull("article", article), helpful, reason, comment);
    }
}
