package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.tck.FeedbackStoreContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** kb-core's feedback store conformance kit, whole, on a real PostgreSQL; reopening opens the same schema. */
class PgFeedbackStoreContractTest extends FeedbackStoreContract {
    static HikariDataSource dataSource;
    private String schema;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(10);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    @Override
    protected FeedbackStore newStore(Clock clock, Duration window) {
        schema = TestPostgres.newSchema();
        return reopen(clock, window);
    }

    @Override
    protected FeedbackStore reopen(Clock clock, Duration window) {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).clock(clock).viewDedupWindow(window)
                .open().feedbackStore();
    }

    @Override
    protected boolean shared() {
        return true;
    }
}
