package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import java.time.Instant;

/**
 * What readers did with an article, fed to search ranking (typically by analytics): helpfulness votes and recent
 * views. Votes are smoothed so that 1 helpful vote of 1 does not beat 95 of 100; views decay with time since
 * {@code asOf}.
 *
 * @param helpfulVotes "this helped" votes
 * @param unhelpfulVotes "this did not help" votes
 * @param views views counted up to {@code asOf}
 * @param asOf when the counts were taken
 * @since 0.1
 */
public record ArticleSignals(long helpfulVotes, long unhelpfulVotes, long views, Instant asOf) {
    public ArticleSignals {
        Check.atLeast("helpfulVotes", helpfulVotes, 0);
        Check.atLeast("unhelpfulVotes", unhelpfulVotes, 0);
        Check.atLeast("views", views, 0);
        Check.notNull("asOf", asOf);
    }
}
