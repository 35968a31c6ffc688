package dev.savoir.kb.spi;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.RenderedArticle;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Turns an article body (Markdown) into what the knowledge base needs: plain text for the search index, the
 * internal links for the publish gate, and safe HTML for readers. Must be thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ContentRenderer {
    /** Plain text, internal links and images of a body. */
    BodyAnalysis analyze(String markdown);

    /**
     * Safe HTML for a reader. Internal links must be resolved only through {@link RenderContext#linkTarget}, which
     * returns nothing for an article the viewer may not see, so that no title or URL of it leaks.
     */
    RenderedArticle.Html render(String markdown, RenderContext context);

    /**
     * The renderer's Caffeine caches by name, recording statistics, for metrics (none by default). The knowledge
     * base hands them to its observer ({@link ObservedKnowledgeBase#caches()}); nobody writes to them.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default Map<String, Cache<?, ?>> caches() {
        return Map.of();
    }
}
