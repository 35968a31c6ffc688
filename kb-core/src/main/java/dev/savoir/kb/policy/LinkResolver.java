package dev.savoir.kb.policy;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
import java.util.Locale;

/**
 * Maps an article to the host's URL for it, e.g. {@code /help/fr/articles/reset-password}. Called only for articles
 * the viewer may see; must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface LinkResolver {
    /** The URL of the article in the given locale. */
    String urlFor(ArticleId id, Locale locale);

    /** The default: {@code kb:ID} links become relative {@code ID} links. */
    static LinkResolver relative() {
        return (id, locale) -> {
            Check.notNull("locale", locale);
            return Check.notNull("id", id).value();
        };
    }
}
