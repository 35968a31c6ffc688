package dev.savoir.kb;

import java.util.Locale;

/**
 * What an {@link EditorialRule} checks: the article and the revision about to be published.
 *
 * @param article the article's current state
 * @param locale the translation's locale
 * @param revision the revision to publish
 * @since 0.1
 */
public record PublishCandidate(Article article, Locale locale, Revision revision) {
    /** The content to publish. */
    public ArticleContent content() {
        return revision.content();
    }
}
