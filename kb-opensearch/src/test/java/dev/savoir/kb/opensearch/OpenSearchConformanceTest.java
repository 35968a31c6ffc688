package dev.savoir.kb.opensearch;

import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.SearchEngineContract;

/**
 * kb-opensearch passes the search engine conformance kit on a real node, lexical only: the semantic tests check the
 * typed error (the k-NN plugin is not used).
 */
class OpenSearchConformanceTest extends SearchEngineContract {
    @Override
    protected SearchEngineFactory engineFactory() {
        return OpenSearchEngine.builder().hosts(TestNode.shared().url()).build();
    }
}
