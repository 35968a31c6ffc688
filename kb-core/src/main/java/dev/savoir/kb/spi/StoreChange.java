package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import org.apiguardian.api.API;

/**
 * An entry of the store's change feed.
 *
 * @param sequence the number of the article's latest commit
 * @param articleId the article that changed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record StoreChange(long sequence, ArticleId articleId) {
}
