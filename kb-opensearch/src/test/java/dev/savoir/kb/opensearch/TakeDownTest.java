package dev.savoir.kb.opensearch;

import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.TakeDownContract;
import java.time.Duration;

/**
 * kb-opensearch passes the kit's take-down probe on a real node with a refresh interval of a minute: a change that
 * narrows what a customer may see is in force on the writing node when the call returns.
 */
class TakeDownTest extends TakeDownContract {
    @Override
    protected SearchEngineFactory engineFactory() {
        return OpenSearchEngine.builder().hosts(TestNode.shared().url()).refreshInterval(Duration.ofMinutes(1))
                .build();
    }
}
