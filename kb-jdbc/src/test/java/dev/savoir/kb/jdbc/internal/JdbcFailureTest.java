package dev.savoir.kb.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.jdbc.TestPostgres;
import dev.savoir.kb.spi.StoreRecordCodec;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a store's typed error says when the database goes away: that nothing was written when the transaction
 * rolled back, that the write may have been applied when the connection was lost during the commit itself, and to
 * retry when it is back for every way an unreachable or restarting database shows (a pool's connection timeout
 * without SQLState, a connection error, a server shutting down).
 */
class JdbcFailureTest {
    private static HikariDataSource dataSource;
    private static String schema;

    @BeforeAll
    static void pool() {
        dataSource = TestPostgres.get().dataSource(4);
        schema = TestPostgres.newSchema();
        PostgresStores.builder().dataSource(dataSource).schema(schema).open().close();
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    private static PgArticleStore store(DataSource ds) {
        return new PgArticleStore(new Jdbc(ds, new Tables(schema, ""), "the article store"),
                StoreRecordCodec.standard());
    }

    /** The pool's connections, with {@code method} replaced by {@code behaviour}. */
    private static DataSource failing(String method, ConnectionCall behaviour) {
        return (DataSource) Proxy.newProxyInstance(JdbcFailureTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object r = invoke(m, dataSource, args);
                    if (!m.getName().equals("getConnection")) {
                        return r;
                    }
                    Connection c = (Connection) r;
                    return Proxy.newProxyInstance(JdbcFailureTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p2, m2, args2) -> m2.getName().equals(method)
                                    ? behaviour.call(c) : invoke(m2, c, args2));
                });
    }

    @FunctionalInterface
    private interface ConnectionCall {
        Object call(Connection real) throws SQLException;
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void connectionLostDuringTheCommit_saysTheWriteMayHaveBeenApplied() {
        // The database commits, then the answer never arrives (the connection breaks).
        PgArticleStore store = store(failing("commit", real -> {
            real.commit();
            throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
        }));
        assertThatThrownBy(() -> store.commit(StoreFixtures.create("lost-ack", Locale.ENGLISH, "Lost ack")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("may or may not have been applied")
                .hasMessageContaining("retry when it is back")
                .hasMessageNotContaining("nothing was written");
        assertThat(store(dataSource).article(ArticleId.of("lost-ack"))).as("it was applied").isPresent();
    }

    @Test
    void aCommitTheDatabaseRefused_saysNothingWasWritten() {
        PgArticleStore store = store(failing("commit", real -> {
            real.rollback();
            throw new SQLException("could not serialize access", "40001");
        }));
        assertThatThrownBy(() -> store.commit(StoreFixtures.create("refused", Locale.ENGLISH, "Refused")))
                .isInstanceOf(StoreException.class).hasMessageContaining("nothing was written")
                .hasMessageNotContaining("may or may not");
        assertThat(store(dataSource).article(ArticleId.of("refused"))).isEmpty();
    }

    @Test
    void aPoolThatTimesOut_withoutSqlState_saysToRetryWhenTheDatabaseIsBack() {
        DataSource timingOut = (DataSource) Proxy.newProxyInstance(JdbcFailureTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    throw new SQLTransientConnectionException("savoir - Connection is not available, request timed "
                            + "out after 1000ms.");
                });
        PgArticleStore store = store(timingOut);
        assertThatThrownBy(() -> store.commit(StoreFixtures.create("t", Locale.ENGLISH, "T")))
                .isInstanceOf(StoreException.class).hasMessageContaining("nothing was written")
                .hasMessageContaining("retry when it is back");
        assertThatThrownBy(store::lastSequence).isInstanceOf(StoreException.class)
                .hasMessageContaining("retry when it is back").hasMessageNotContaining("written");
    }

    @Test
    void aServerShuttingDown_saysToRetryWhenItIsBack() {
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            PgArticleStore store = store(failing("prepareStatement", real -> {
                throw new SQLException("FATAL: terminating connection due to administrator command", state);
            }));
            assertThatThrownBy(() -> store.commit(StoreFixtures.create("s", Locale.ENGLISH, "S")))
                    .as(state).isInstanceOf(StoreException.class).hasMessageContaining("nothing was written")
                    .hasMessageContaining("retry when it is back");
        }
    }

    @Test
    void unreachable_readsTheCauses_andIgnoresOtherFailures() {
        assertThat(Jdbc.unreachable(new SQLException("wrapped", "XX000", new SQLException("refused", "08001"))))
                .isTrue();
        assertThat(Jdbc.unreachable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Jdbc.unreachable(new SQLException("database dropped", "57P04"))).isFalse();
        assertThat(Jdbc.unreachable(new SQLException("no state"))).isFalse();
    }
}
