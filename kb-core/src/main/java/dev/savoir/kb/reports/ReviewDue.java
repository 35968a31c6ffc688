package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
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
        Args.notNull("articleId", articleId);
        Args.notNull("owner", owner);
        Args.notNull("reviewDueAt", reviewDueAt);
    }
}
