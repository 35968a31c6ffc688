package dev.savoir.kb.policy;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.internal.Check;
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
    public PublishCandidate {
        Check.notNull("article", article);
        Check.notNull("locale", locale);
        Check.notNull("revision", revision);
    }
    /** The content to publish. */
    public ArticleContent content() {
        return revision.content();
    }
}
