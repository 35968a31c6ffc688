package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.spi.LearningStore;
import dev.savoir.kb.spi.tck.LearningStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** kb-core's learned-vocabulary store kit, whole, on a real PostgreSQL; two nodes see each other's decisions. */
class PgLearningStoreContractTest extends LearningStoreContract {
    static HikariDataSource dataSource;
    private String schema;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(6);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected LearningStore newStore() {
        schema = TestPostgres.newSchema();
        return reopen();
    }

    @Override
    protected LearningStore reopen() {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).open().learningStore();
    }

    @Test
    void twoNodes_seeEachOthersDecisions() {
        LearningStore other = reopen();
        try {
            assertThat(store.shared()).isTrue();
            store.save(approved(BILL, BILL, T1));
            assertThat(other.decisions()).containsExactly(approved(BILL, BILL, T1));
            other.delete(BILL);
            assertThat(store.decisions()).isEmpty();
        } finally {
            other.close();
        }
    }
}
