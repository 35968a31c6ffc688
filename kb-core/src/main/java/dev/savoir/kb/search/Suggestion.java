package dev.savoir.kb.search;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
import org.jspecify.annotations.Nullable;

/**
 * An autocomplete suggestion.
 *
 * @param text the completed text
 * @param articleId the article whose title this is, or {@code null} for a popular query
 * @since 0.1
 */
public record Suggestion(String text, @Nullable ArticleId articleId) {
    public Suggestion {
        Check.notNull("text", text);
    }
}
