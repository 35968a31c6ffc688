package dev.savoir.kb.spi;

import dev.savoir.kb.Article;
import dev.savoir.kb.Revision;
import java.util.Locale;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a search engine indexes for one article: its metadata, the revision readers see per translation, and the
 * working draft per translation (for editors' draft search; never shown to readers).
 *
 * @param article the article's current state
 * @param published the published revision per locale (translations not live are absent)
 * @param drafts the latest revision per locale where it is newer than the published one
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record IndexableArticle(Article article, Map<Locale, Revision> published, Map<Locale, Revision> drafts) {
    public IndexableArticle {
        published = Map.copyOf(published);
        drafts = Map.copyOf(drafts);
    }
}
