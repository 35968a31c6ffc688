package dev.savoir.kb.spi;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.IndexStatus;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a {@link KnowledgeBaseObserver} may poll of an open knowledge base, from any thread: the gauges of a metrics
 * registry read it when they are scraped. Each call reads the current state; none changes anything.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface ObservedKnowledgeBase {
    /**
     * How far the search index has caught up with the store, empty without a search engine. Reads the store's last
     * change number, so on a database it is one small query; it fails as a store read fails while the database is
     * down.
     */
    Optional<IndexStatus> indexStatus();

    /** The search engine's embedding progress ({@link EmbeddingProgress#DISABLED} without a model or engine). */
    EmbeddingProgress embeddingProgress();

    /**
     * The knowledge base's Caffeine caches by name, each recording statistics ({@code Cache.stats()}), e.g. for
     * Micrometer's {@code CaffeineCacheMetrics}: {@code savoir.revisions} (revisions and audit trails read from the
     * file store; shared by every knowledge base on the same {@code SharedResources}) and the renderer's own
     * ({@link ContentRenderer#caches()}). Read them; do not write to them.
     */
    Map<String, Cache<?, ?>> caches();
}
