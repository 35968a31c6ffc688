package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import java.util.Locale;

/**
 * A translation whose source has moved on since it was translated.
 *
 * @param articleId the article
 * @param locale the outdated translation
 * @param translatedFrom the source revision it was translated from
 * @param sourceRevision the source's current reference revision
 * @since 0.1
 */
public record OutdatedTranslation(ArticleId articleId, Locale locale, int translatedFrom, int sourceRevision) {
    public OutdatedTranslation {
        Args.notNull("articleId", articleId);
        Args.notNull("locale", locale);
        Args.atLeast("translatedFrom", translatedFrom, 1);
        Args.atLeast("sourceRevision", sourceRevision, 1);
    }
}
