package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import org.apiguardian.api.API;

/**
 * How far the search engine's embedding of passages has come. Embedding runs in the background, off the write path;
 * until a passage is embedded, semantic and hybrid searches rank its article lexically.
 *
 * @param enabled whether the engine has an embedding model at all
 * @param embedded passages the index holds with their vectors (those of current, published translations only:
 *     superseded revisions and taken-down translations do not count)
 * @param pending passages written to the index whose vectors are still to be computed
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record EmbeddingProgress(boolean enabled, long embedded, long pending) {
    /** What an engine without an embedding model reports. */
    public static final EmbeddingProgress DISABLED = new EmbeddingProgress(false, 0, 0);

    public EmbeddingProgress {
        Check.atLeast("embedded", embedded, 0);
        Check.atLeast("pending", pending, 0);
    }

    /** Whether every passage written so far has its vector (always true without a model). */
    public boolean ready() {
        return pending == 0;
    }
}
