package dev.savoir.kb.search;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.internal.Check;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * A section of a published article that answers a question, with what a chatbot or an LLM answer needs to cite it.
 *
 * @param articleId the article
 * @param locale the translation the section comes from (the nearest of the viewer's fallback chain)
 * @param revision the published revision the section comes from
 * @param title the article's title in that translation
 * @param heading the heading the section sits under, or the empty string for the text before the first heading
 * @param anchor the heading's anchor in the rendered article, or the empty string
 * @param url where to link: the host's URL of the article (through the knowledge base's
 *     {@link dev.savoir.kb.policy.LinkResolver}) with {@code #anchor} when there is one
 * @param text the section's plain text (bounded: long sections come as several overlapping passages)
 * @param score how close it is to the question (comparable only within one answer)
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record Passage(ArticleId articleId, Locale locale, int revision, String title, String heading, String anchor,
                      String url, String text, float score) {
    public Passage {
        Check.notNull("articleId", articleId);
        Check.notNull("locale", locale);
        Check.atLeast("revision", revision, 1);
        Check.notNull("title", title);
        Check.notNull("heading", heading);
        Check.notNull("anchor", anchor);
        Check.notNull("url", url);
        Check.notNull("text", text);
    }
}
