package dev.savoir.kb.internal.store;

import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.tck.ArticleStoreContract;

class InMemoryArticleStoreTest extends ArticleStoreContract {
    @Override
    protected ArticleStore newStore() {
        return new InMemoryArticleStore();
    }
}
