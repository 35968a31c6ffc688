package dev.savoir.kb.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.tck.AnalyticsStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** kb-core's analytics store conformance kit, whole, on a real PostgreSQL; reopening opens the same schema. */
class PgAnalyticsStoreContractTest extends AnalyticsStoreContract {
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
    protected AnalyticsStore newStore(int queueCapacity, Instant now) {
        schema = TestPostgres.newSchema();
        return PostgresStores.builder().dataSource(dataSource).schema(schema).clock(Clock.fixed(now, ZoneOffset.UTC))
                .analyticsQueueCapacity(queueCapacity).open().analyticsStore();
    }

    @Override
    protected AnalyticsStore reopen(Instant now) {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).clock(Clock.fixed(now, ZoneOffset.UTC))
                .open().analyticsStore();
    }
}
