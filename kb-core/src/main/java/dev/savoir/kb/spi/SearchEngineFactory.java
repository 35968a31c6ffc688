package dev.savoir.kb.spi;

import org.apiguardian.api.API;

/**
 * Opens a {@link SearchEngine} for one knowledge base; passed to {@code KnowledgeBaseBuilder#searchEngine}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SearchEngineFactory {
    SearchEngine open(SearchEngineContext context);
}
