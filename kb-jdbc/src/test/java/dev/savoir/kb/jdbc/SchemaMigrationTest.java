package dev.savoir.kb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.StoreException;
import dev.savoir.kb.jdbc.DatabaseSchemaException.Reason;
import dev.savoir.kb.spi.tck.StoreFixtures;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The schema's versioned migrations, and the typed refusals of what they cannot work on. */
class SchemaMigrationTest {
    static HikariDataSource dataSource;
    static TestPostgres pg;

    @BeforeAll
    static void pool() {
        pg = TestPostgres.get();
        dataSource = pg.dataSource(4);
    }

    @AfterAll
    static void closePool() {
        dataSource.close();
    }

    private static PostgresStores open(String schema) {
        return PostgresStores.builder().dataSource(dataSource).schema(schema).tablePrefix("kb_").open();
    }

    private static List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = pg.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void open_createsTheSchemaAndItsTables_andRecordsEachVersionInTheStoresHistory() throws SQLException {
        String schema = TestPostgres.newSchema();
        try (PostgresStores stores = open(schema)) {
            assertThat(stores.schemaVersion()).isEqualTo("5");
            assertThat(stores.schema()).isEqualTo(schema);
            assertThat(stores.tablePrefix()).isEqualTo("kb_");
        }
        assertThat(rows("SELECT version FROM \"" + schema + "\".kb_schema_history WHERE success ORDER BY "
                + "installed_rank")).containsExactly(null, "1", "2", "3", "4", "5");
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' ORDER BY table_name")).allMatch(t -> t.startsWith("kb_")).contains("kb_articles",
                "kb_revisions", "kb_audit_events", "kb_feed_head", "kb_feedback_votes", "kb_analytics_queries", "kb_learned_vocabulary");
    }

    @Test
    void reopen_migratesNothing_andKeepsTheData() {
        String schema = TestPostgres.newSchema();
        try (PostgresStores stores = open(schema)) {
            stores.articleStore().commit(StoreFixtures.create("a1", Locale.ENGLISH, "kept"));
        }
        try (PostgresStores stores = open(schema)) {
            assertThat(stores.schemaVersion()).isEqualTo("5");
            assertThat(stores.articleStore().lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void twoPrefixes_inOneSchema_areTwoIndependentStores() {
        String schema = TestPostgres.newSchema();
        try (PostgresStores a = PostgresStores.builder().dataSource(dataSource).schema(schema).tablePrefix("a_").open();
             PostgresStores b = PostgresStores.builder().dataSource(dataSource).schema(schema).tablePrefix("b_")
                     .open()) {
            a.articleStore().commit(StoreFixtures.create("x", Locale.ENGLISH, "in a"));
            assertThat(b.articleStore().size()).isZero();
            assertThat(a.articleStore().size()).isEqualTo(1);
        }
    }

    @Test
    void schemaFromANewerSavoir_isRefused_andLeftAlone() throws SQLException {
        String schema = TestPostgres.newSchema();
        open(schema).close();
        pg.sql("INSERT INTO \"" + schema + "\".kb_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) VALUES (7, '99', 'from the future', 'SQL', "
                + "'V99__from_the_future.sql', 1, 'savoir-next', 1, true)");
        assertThatThrownBy(() -> open(schema))
                .isInstanceOf(DatabaseSchemaException.class)
                .satisfies(e -> assertThat(((DatabaseSchemaException) e).reason()).isEqualTo(Reason.NEWER_SCHEMA))
                .hasMessageContaining("was migrated by a newer Savoir")
                .hasMessageContaining("V99 (from the future)")
                .hasMessageContaining("Open it with that Savoir version or a newer one");
        assertThat(rows("SELECT count(*) FROM \"" + schema + "\".kb_schema_history")).containsExactly("7");
    }

    @Test
    void failingMigration_isRolledBack_andRefusedWithWhatToDo_thenTheSchemaStillOpens() throws SQLException {
        String schema = TestPostgres.newSchema();
        open(schema).close();
        assertThatThrownBy(() -> PostgresStores.builder().dataSource(dataSource).schema(schema).tablePrefix("kb_")
                .extraMigrations("classpath:savoir-kb-jdbc-test/failing").open())
                .isInstanceOf(DatabaseSchemaException.class)
                .satisfies(e -> assertThat(((DatabaseSchemaException) e).reason()).isEqualTo(Reason.FAILED_MIGRATION))
                .hasMessageContaining("migrating the Savoir schema " + schema + " failed")
                .hasMessageContaining("division by zero")
                .hasMessageContaining("rolled back");
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = 'kb_half_done'")).as("the failed migration's first statement").isEmpty();
        assertThat(rows("SELECT max(version::int) FROM \"" + schema + "\".kb_schema_history WHERE version IS NOT "
                + "NULL")).containsExactly("5");
        try (PostgresStores stores = open(schema)) {
            assertThat(stores.schemaVersion()).isEqualTo("5");
        }
    }

    @Test
    void halfAppliedMigration_inTheHistory_isRefusedWithWhatToDo() {
        String schema = TestPostgres.newSchema();
        open(schema).close();
        // What a migration that could not run in a transaction leaves when it dies half-way.
        pg.sql("UPDATE \"" + schema + "\".kb_schema_history SET success = false WHERE version = '4'");
        assertThatThrownBy(() -> open(schema))
                .isInstanceOf(DatabaseSchemaException.class)
                .satisfies(e -> assertThat(((DatabaseSchemaException) e).reason()).isEqualTo(Reason.FAILED_MIGRATION))
                .hasMessageContaining("has a failed or half-applied migration")
                .hasMessageContaining("V4 (viewer records)")
                .hasMessageContaining("Restore the schema from a backup");
    }

    @Test
    void databaseThatIsNotPostgres_orTooOld_isRefused() {
        assertThatThrownBy(() -> PostgresStores.builder().dataSource(reporting("MySQL", 8, "8.4.0")).open())
                .isInstanceOf(DatabaseSchemaException.class)
                .satisfies(e -> assertThat(((DatabaseSchemaException) e).reason())
                        .isEqualTo(Reason.UNSUPPORTED_DATABASE))
                .hasMessageContaining("need PostgreSQL 15 or newer; this DataSource leads to MySQL 8.4.0");
        assertThatThrownBy(() -> PostgresStores.builder().dataSource(reporting("PostgreSQL", 14, "14.12")).open())
                .isInstanceOf(DatabaseSchemaException.class)
                .hasMessageContaining("this database is PostgreSQL 14.12: upgrade it");
    }

    @Test
    void unreachableDatabase_isAStoreException_sayingWhatToCheck() {
        HikariDataSource nowhere = new TestPostgres.Unreachable().dataSource();
        try (nowhere) {
            assertThatThrownBy(() -> PostgresStores.builder().dataSource(nowhere).open())
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(DatabaseSchemaException.class)
                    .hasMessageContaining("cannot connect to the database")
                    .hasMessageContaining("check the DataSource's URL");
        }
    }

    @Test
    void builder_refusesBadNamesAndMissingDataSource() {
        assertThatThrownBy(() -> PostgresStores.builder().schema("Robert'); DROP TABLE x;--"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("schema");
        assertThatThrownBy(() -> PostgresStores.builder().tablePrefix("kb-"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tablePrefix");
        assertThatThrownBy(() -> PostgresStores.builder().schema("pg_catalog"))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> PostgresStores.builder().open())
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> PostgresStores.builder().schema("a").schema("b"))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("set each option once");
    }

    /** The test database, with its metadata claiming another product and version. */
    private static DataSource reporting(String product, int major, String version) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = dataSource.getConnection();
                DatabaseMetaData md = real.getMetaData();
                DatabaseMetaData fake = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {DatabaseMetaData.class}, (p, m, args) -> switch (m.getName()) {
                            case "getDatabaseProductName" -> product;
                            case "getDatabaseMajorVersion" -> major;
                            case "getDatabaseProductVersion" -> version;
                            default -> invoke(m, md, args);
                        });
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (p, m, args) -> m.getName().equals("getMetaData") ? fake
                                : invoke(m, real, args));
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
