package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.jdbc.PostgresStores;
import dev.savoir.kb.jdbc.TestPostgres;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spring.actuate.KnowledgeBaseHealthIndicator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code savoir.jdbc.enabled=true}: the stores in the application's DataSource (kb-jdbc's test PostgreSQL), the
 * folder holding only this node's index; what one context wrote, a second one on the same schema finds.
 */
class JdbcStoresTest {
    static HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() {
        pool = TestPostgres.get().dataSource(8);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    /** The pool as a plain DataSource, which the context cannot close: the host's pool outlives both contexts. */
    static DataSource unclosable(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(pool, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void jdbcEnabled_keepsTheKnowledgeBaseInTheDataSource() {
        String schema = TestPostgres.newSchema();
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SavoirAutoConfiguration.class,
                        SavoirActuatorAutoConfiguration.class))
                .withBean(DataSource.class, () -> unclosable(pool))
                .withPropertyValues("savoir.jdbc.enabled=true", "savoir.jdbc.schema=" + schema,
                        "savoir.jdbc.table-prefix=kb_", "savoir.follow-interval=50ms");
        runner.withPropertyValues("savoir.folder=" + dir.resolve("node-a")).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PostgresStores.class);
            assertThat(context.getBean(PostgresStores.class).schema()).isEqualTo(schema);
            SavoirAutoConfigurationTest.publish(context.getBean(KnowledgeBase.class), "reset-password",
                    "Reset your password", "Open Settings and choose Reset.");
            Health h = context.getBean(KnowledgeBaseHealthIndicator.class).health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            @SuppressWarnings("unchecked")
            Map<String, Object> store = (Map<String, Object>) h.getDetails().get("store");
            assertThat(store).containsEntry("type", "postgresql").containsEntry("schema", schema)
                    .containsEntry("tablePrefix", "kb_").containsKey("schemaVersion");
        });
        // another node: its own index folder, the same database
        runner.withPropertyValues("savoir.folder=" + dir.resolve("node-b")).run(context -> {
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            assertThat(kb.size()).isEqualTo(1);
            assertThat(kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.of("reset password")).hits())
                    .extracting(hit -> hit.articleId().value()).containsExactly("reset-password");
        });
        // the host's pool is never closed by Savoir
        assertThat(pool.isClosed()).isFalse();
    }
}
