package dev.savoir.kb.spi;

/**
 * Opens a {@link SearchEngine} for one knowledge base; passed to {@code KnowledgeBaseBuilder#searchEngine}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SearchEngineFactory {
    SearchEngine open(SearchEngineContext context);
}
