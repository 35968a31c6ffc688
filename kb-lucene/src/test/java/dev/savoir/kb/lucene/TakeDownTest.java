package dev.savoir.kb.lucene;

import dev.savoir.kb.spi.SearchEngineFactory;
import dev.savoir.kb.spi.tck.TakeDownContract;
import java.time.Duration;

/** The Lucene engine passes the kit's take-down probe with a refresh interval of a minute. */
class TakeDownTest extends TakeDownContract {
    @Override
    protected SearchEngineFactory engineFactory() {
        return LuceneSearchEngine.builder().refreshInterval(Duration.ofMinutes(1)).build();
    }
}
