package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;

/**
 * An entry of the store's change feed.
 *
 * @param sequence the number of the article's latest commit
 * @param articleId the article that changed
 * @since 0.1
 */
public record StoreChange(long sequence, ArticleId articleId) {
}
