package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A passage as a search engine finds it; the knowledge base adds the URL (through its link resolver) and hands it to
 * the host as a {@link dev.savoir.kb.search.Passage}.
 *
 * @param articleId the article
 * @param locale the translation
 * @param revision the published revision
 * @param title the article's title in that translation
 * @param heading the section's heading, or the empty string
 * @param anchor the heading's anchor, or the empty string
 * @param text the passage's plain text
 * @param score the closeness to the question
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record PassageMatch(ArticleId articleId, Locale locale, int revision, String title, String heading,
                           String anchor, String text, float score) {
    public PassageMatch {
        if (articleId == null || locale == null || title == null || heading == null || anchor == null
                || text == null) {
            throw new InvalidArgumentException("passage", "articleId, locale, title, heading, anchor and text must "
                    + "not be null (use the empty string for no heading or anchor)");
        }
        if (revision < 1) {
            throw new InvalidArgumentException("revision", "must be at least 1, got " + revision);
        }
    }
}
