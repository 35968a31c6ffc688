package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
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
        Check.notNull("articleId", articleId);
        Check.notNull("owner", owner);
        Check.notNull("updatedAt", updatedAt);
    }
}
