package dev.savoir.kb;

import java.io.Serial;
import org.apiguardian.api.API;

/**
 * A semantic or hybrid search, or a passage search, was asked of a knowledge base whose search engine has no
 * embedding model. Configure one on the engine (for example {@code LuceneSearchEngine.builder().embedder(...)} with
 * {@code kb-semantic}), or search lexically.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class SemanticSearchUnavailableException extends KbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public SemanticSearchUnavailableException(String message) {
        super(message);
    }
}
