package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
import java.time.Instant;

/**
 * An article whose review date has passed.
 *
 * @param articleId the article
 * @param owner who should verify it
 * @param reviewDueAt when it fell due
 * @since 0.1
 */
public record ReviewDue(ArticleId articleId, String owner, Instant reviewDueAt) {
    public ReviewDue {
        Check.notNull("articleId", articleId);
        Check.notNull("owner", owner);
        Check.notNull("reviewDueAt", reviewDueAt);
    }
}
