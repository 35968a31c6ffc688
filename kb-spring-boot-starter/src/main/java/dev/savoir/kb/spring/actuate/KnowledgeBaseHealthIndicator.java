package dev.savoir.kb.spring.actuate;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.IndexStatus;
import java.util.Map;
import org.apiguardian.api.API;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of a knowledge base, as {@code savoir} in {@code /actuator/health}:
 *
 * <ul>
 *   <li>{@code DOWN} when the store cannot be read (a database that is down, a closed knowledge base), with the
 *       error;</li>
 *   <li>{@code OUT_OF_SERVICE} when the search index lags more than {@code maxIndexLag} store changes behind (a node
 *       still rebuilding or catching up answers searches incompletely);</li>
 *   <li>{@code UP} otherwise.</li>
 * </ul>
 *
 * <p>Details: {@code store} (what the store is, and its last change), {@code index} ({@code caught-up} or
 * {@code lagging}, by how many changes, articles awaiting repair) and, when the engine has an embedding model,
 * {@code embeddings} (embedded, pending, ready). Embeddings still pending leave the status {@code UP}: until then,
 * semantic and hybrid searches rank what is not embedded lexically. Each check reads the store once (one query on
 * PostgreSQL).
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class KnowledgeBaseHealthIndicator implements HealthIndicator {
    private final KnowledgeBase kb;
    private final Map<String, Object> store;
    private final long maxIndexLag;

    /**
     * @param store what to say of the store (e.g. {@code type=folder}), shown as given
     * @param maxIndexLag how many store changes the index may lag behind while {@code UP}
     * @throws InvalidArgumentException if {@code maxIndexLag} is negative
     */
    public KnowledgeBaseHealthIndicator(KnowledgeBase kb, Map<String, Object> store, long maxIndexLag) {
        if (kb == null) {
            throw new InvalidArgumentException("kb", "is required, got null");
        }
        if (maxIndexLag < 0) {
            throw new InvalidArgumentException("savoir.health.max-index-lag", "must be zero or positive, got "
                    + maxIndexLag);
        }
        this.kb = kb;
        this.store = Map.copyOf(store);
        this.maxIndexLag = maxIndexLag;
    }

    @Override
    public Health health() {
        IndexStatus index;
        try {
            index = kb.indexStatus();
        } catch (RuntimeException e) {
            return Health.down(e).withDetail("store", store).build();
        }
        Health.Builder h = new Health.Builder();
        h.withDetail("store", withLastChange(index.lastChange()));
        if (index.enabled()) {
            h.withDetail("index", Map.of("state", index.caughtUp() ? "caught-up" : "lagging",
                    "indexedChange", index.indexedChange(), "lag", index.lag(),
                    "awaitingRepair", index.awaitingRepair()));
            EmbeddingProgress embeddings = kb.embeddingProgress();
            if (embeddings.enabled()) {
                h.withDetail("embeddings", Map.of("ready", embeddings.ready(), "embedded", embeddings.embedded(),
                        "pending", embeddings.pending()));
            }
        } else {
            h.withDetail("index", Map.of("state", "no search engine"));
        }
        return h.status(index.lag() > maxIndexLag ? Status.OUT_OF_SERVICE : Status.UP).build();
    }

    private Map<String, Object> withLastChange(long last) {
        java.util.LinkedHashMap<String, Object> d = new java.util.LinkedHashMap<>(store);
        d.put("lastChange", last);
        return d;
    }
}
