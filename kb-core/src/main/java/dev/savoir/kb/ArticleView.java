package dev.savoir.kb;

import dev.savoir.kb.internal.Check;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reader sees of an article: its published content in the best locale for the viewer.
 *
 * @param id the article id
 * @param locale the locale served (may differ from the viewer's, after fallback)
 * @param revision the published revision served
 * @param content the published content
 * @param category the category
 * @param type the article type
 * @param tags the language-neutral tags
 * @param attributes the host's fields
 * @param visibility who may read it
 * @param publishedAt when this revision went live
 * @param needsReview whether its review date has passed
 * @param outdated whether this translation lags behind its source
 * @since 0.1
 */
public record ArticleView(ArticleId id, Locale locale, int revision, ArticleContent content, CategoryPath category,
                          ArticleType type, Set<String> tags, Map<String, String> attributes, Visibility visibility,
                          Instant publishedAt, boolean needsReview, boolean outdated) {
    public ArticleView {
        Check.notNull("id", id);
        Check.notNull("locale", locale);
        Check.atLeast("revision", revision, 1);
        Check.notNull("content", content);
        Check.notNull("category", category);
        Check.notNull("type", type);
        tags = Set.copyOf(Check.noNulls("tags", tags));
        attributes = Map.copyOf(Check.noNulls("attributes", attributes));
        Check.notNull("visibility", visibility);
        Check.notNull("publishedAt", publishedAt);
    }
}
