package dev.savoir.kb.opensearch;

import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.SearchEngineContract;
import org.junit.jupiter.api.AfterAll;

/**
 * kb-opensearch passes the search engine conformance kit on a real node, lexical only: the semantic tests check the
 * typed error (the k-NN plugin is not used).
 */
class OpenSearchConformanceTest extends SearchEngineContract {
    private static final TestNode NODE = TestNode.startNew("tck");

    @AfterAll
    static void stopNode() {
        NODE.close();
    }

    @Override
    protected SearchEngineFactory engineFactory() {
        return OpenSearchEngine.builder().hosts(NODE.url()).build();
    }
}
