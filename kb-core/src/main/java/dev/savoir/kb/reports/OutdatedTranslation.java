package dev.savoir.kb.reports;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
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
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.atLeast("translatedFrom", translatedFrom, 1);
        Check.atLeast("sourceRevision", sourceRevision, 1);
    }
}
