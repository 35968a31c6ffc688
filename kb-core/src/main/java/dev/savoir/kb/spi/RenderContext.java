package dev.savoir.kb.spi;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Where a body is rendered: for which article, revision and viewer, and how internal links resolve.
 *
 * @param articleId the article rendered
 * @param revision its revision (cache key)
 * @param locale the locale rendered
 * @param viewer who reads it
 * @param linkTarget maps a linked article id (as written) to its URL, or empty when the article does not exist or
 *     the viewer may not see it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RenderContext(ArticleId articleId, int revision, Locale locale, ViewerContext viewer,
                            Function<String, Optional<String>> linkTarget) {
}
