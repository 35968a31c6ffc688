package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.tck.ArticleStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** kb-core's article store conformance kit, whole, on a real PostgreSQL: a fresh schema for every test. */
class PgArticleStoreContractTest extends ArticleStoreContract {
    static HikariDataSource dataSource;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(10);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected ArticleStore newStore() {
        return PostgresStores.builder().dataSource(dataSource).schema(TestPostgres.newSchema()).tablePrefix("kb_")
                .open().articleStore();
    }
}
