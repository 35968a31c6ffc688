package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An article that needs attention: its review date passed, or nobody updated it for too long.
 *
 * @param articleId the article
 * @param owner who should look at it
 * @param reviewDueAt its review date, if it has one
 * @param updatedAt when it last changed
 * @param reviewOverdue whether the review date passed
 * @since 0.1
 */
public record StaleArticle(ArticleId articleId, String owner, @Nullable Instant reviewDueAt, Instant updatedAt,
                           boolean reviewOverdue) {
    public StaleArticle {
        Args.notNull("articleId", articleId);
        Args.notNull("owner", owner);
        Args.notNull("updatedAt", updatedAt);
    }
}
