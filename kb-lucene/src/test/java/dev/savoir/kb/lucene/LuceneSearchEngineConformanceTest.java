package dev.savoir.kb.lucene;

import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.SearchEngineContract;

/** kb-lucene passes the whole search engine conformance kit, including the leak properties, lexical and semantic. */
class LuceneSearchEngineConformanceTest extends SearchEngineContract {
    @Override
    protected SearchEngineFactory engineFactory() {
        return LuceneSearchEngine.factory();
    }

    @Override
    protected SearchEngineFactory engineFactory(Embedder embedder) {
        return LuceneSearchEngine.builder().embedder(embedder).build();
    }
}
