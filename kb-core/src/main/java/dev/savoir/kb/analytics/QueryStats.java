package dev.savoir.kb.analytics;

import dev.savoir.kb.internal.Check;
import java.time.Instant;

/**
 * What happened to one query (in its normalized form: lower case, no accents, no punctuation) over a period.
 *
 * @param query the normalized query
 * @param language the language of the viewers who searched it ({@code en}, {@code fr}, ...)
 * @param searches how many times it was searched
 * @param zeroResultSearches how many of those found nothing
 * @param clicks how many results were clicked
 * @param lastSeen when it was last searched
 * @since 0.1
 */
public record QueryStats(String query, String language, long searches, long zeroResultSearches, long clicks,
                         Instant lastSeen) {
    public QueryStats {
        Check.notNull("query", query);
        Check.notNull("language", language);
        Check.atLeast("searches", searches, 0);
        Check.atLeast("zeroResultSearches", zeroResultSearches, 0);
        Check.atLeast("clicks", clicks, 0);
        Check.notNull("lastSeen", lastSeen);
    }
    /** Clicks per search, 0 when never searched. */
    public double clickThroughRate() {
        return searches == 0 ? 0 : (double) clicks / searches;
    }

    /** Whether this is a knowledge gap: it found nothing, or nobody clicked anything it found. */
    public boolean isGap() {
        return zeroResultSearches > 0 || clicks == 0;
    }
}
