package dev.savoir.kb.search;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.Locales;
import java.time.Instant;
import java.util.Locale;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A curated ranking rule, as data: when a query matches, pin an article to the top, promote it (multiply its score)
 * or block it. A block beats any pin or promotion of the same article. Rules never make an article visible to a
 * viewer who may not see it. A null or out-of-range component throws an {@link InvalidArgumentException} naming it.
 *
 * @param query the query the rule answers
 * @param match how the query is compared
 * @param action what to do
 * @param articleId the article concerned
 * @param boost the score multiplier of {@link Action#PROMOTE} (greater than 1)
 * @param locale only for viewers whose locale has this language (and country, if given), or {@code null} for all
 * @param audience only for this audience, or {@code null} for all
 * @param from active from this instant, or {@code null}
 * @param until active before this instant, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public record PromotionRule(String query, Match match, Action action, ArticleId articleId, float boost,
                            @Nullable Locale locale, @Nullable Audience audience, @Nullable Instant from,
                            @Nullable Instant until) {
    public PromotionRule {
        required("query", query);
        required("match", match);
        required("action", action);
        required("articleId", articleId);
        if (query.isBlank()) {
            throw new InvalidArgumentException("query", "a promotion rule needs a query that is not blank");
        }
        if (action == Action.PROMOTE && !(boost > 1f && boost <= 1000f)) {
            throw new InvalidArgumentException("boost", "a promotion's boost must be above 1 and at most 1000, got "
                    + boost);
        }
        if (locale != null) {
            Locales.check(locale);
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new InvalidArgumentException("until", "a rule's window must end after it starts (from " + from
                    + ", until " + until + ")");
        }
    }

    private static void required(String parameter, @Nullable Object value) {
        if (value == null) {
            throw new InvalidArgumentException(parameter, "must not be null");
        }
    }

    /** Pins an article to the top when the normalized query matches. */
    public static PromotionRule pin(String query, ArticleId id) {
        required("id", id);
        return new PromotionRule(query, Match.NORMALIZED, Action.PIN, id, 1f, null, null, null, null);
    }

    /** Multiplies an article's score by {@code boost} when the normalized query matches. */
    public static PromotionRule promote(String query, ArticleId id, float boost) {
        required("id", id);
        return new PromotionRule(query, Match.NORMALIZED, Action.PROMOTE, id, boost, null, null, null, null);
    }

    /** Removes an article from the results when the normalized query matches. */
    public static PromotionRule block(String query, ArticleId id) {
        required("id", id);
        return new PromotionRule(query, Match.NORMALIZED, Action.BLOCK, id, 1f, null, null, null, null);
    }

    /** The same rule limited to a locale. */
    public PromotionRule forLocale(Locale l) {
        return new PromotionRule(query, match, action, articleId, boost, l, audience, from, until);
    }

    /** The same rule limited to an audience. */
    public PromotionRule forAudience(Audience a) {
        return new PromotionRule(query, match, action, articleId, boost, locale, a, from, until);
    }

    /** The same rule active only in {@code [start, end)}; either may be null. */
    public PromotionRule during(@Nullable Instant start, @Nullable Instant end) {
        return new PromotionRule(query, match, action, articleId, boost, locale, audience, start, end);
    }

    /** How a rule's query is compared with the user's. */
    public enum Match {
        /** Exactly the same text. */
        EXACT,
        /** The same words after folding case, accents, punctuation and spaces. */
        NORMALIZED
    }

    /** What a rule does. */
    public enum Action {
        /** Puts the article first (pins keep their rule order). */
        PIN,
        /** Multiplies the article's score. */
        PROMOTE,
        /** Removes the article. */
        BLOCK
    }

    /** Who a rule applies to. */
    public enum Audience {
        /** Internal viewers (agents, staff). */
        INTERNAL,
        /** External viewers (customers). */
        EXTERNAL
    }
}
