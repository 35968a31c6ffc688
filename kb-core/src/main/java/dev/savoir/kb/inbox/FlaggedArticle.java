package dev.savoir.kb.inbox;

import dev.savoir.kb.ArticleId;
import org.apiguardian.api.API;

/**
 * An article's inbox items, for the most-flagged report.
 *
 * @param articleId the article
 * @param pending its items open or accepted
 * @param total all its items, whatever their state
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public record FlaggedArticle(ArticleId articleId, long pending, long total) {
}
