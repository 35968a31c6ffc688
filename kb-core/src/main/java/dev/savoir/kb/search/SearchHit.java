package dev.savoir.kb.search;

import dev.savoir.kb.ArticleId;
import java.util.Locale;

/**
 * One search result.
 *
 * @param articleId the article
 * @param locale the translation that matched
 * @param revision the revision that matched
 * @param title its title
 * @param snippet a plain-text excerpt around the match
 * @param score the ranking score (comparable only within one response)
 * @since 0.1
 */
public record SearchHit(ArticleId articleId, Locale locale, int revision, String title, String snippet,
                        float score) {
}
