package dev.savoir.kb.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the observer polls of an open knowledge base: the index status, the embedding progress and the caches.
 * After the knowledge base closed, it reports nothing (no status, no caches) instead of failing.
 */
final class ObservedView implements ObservedKnowledgeBase {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedView.class);
    private final KbContext context;
    private final IndexSync index;
    private final Map<String, Cache<?, ?>> caches;

    ObservedView(KbContext context, IndexSync index, Cache<?, ?> revisionCache, ContentRenderer renderer) {
        this.context = context;
        this.index = index;
        Map<String, Cache<?, ?>> all = new LinkedHashMap<>();
        all.put("savoir.revisions", revisionCache);
        try {
            all.putAll(renderer.caches());
        } catch (RuntimeException e) {
            LOG.warn("The renderer's caches could not be listed; they are not observed", e);
        }
        this.caches = Map.copyOf(all);
    }

    @Override
    public Optional<IndexStatus> indexStatus() {
        if (context.isClosed() || !index.hasEngine()) {
            return Optional.empty();
        }
        return Optional.of(index.status());
    }

    @Override
    public EmbeddingProgress embeddingProgress() {
        if (context.isClosed() || !index.hasEngine()) {
            return EmbeddingProgress.DISABLED;
        }
        return index.engine().embeddingProgress();
    }

    @Override
    public Map<String, Cache<?, ?>> caches() {
        return context.isClosed() ? Map.of() : caches;
    }
}
