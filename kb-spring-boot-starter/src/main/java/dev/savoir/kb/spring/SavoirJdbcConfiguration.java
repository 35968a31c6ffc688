package dev.savoir.kb.spring;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.jdbc.PostgresStores;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code savoir.jdbc.enabled=true} with kb-jdbc on the class path: {@link PostgresStores} in the application's
 * {@link DataSource} (never closed by Savoir), handed to the knowledge base's builder.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(PostgresStores.class)
@ConditionalOnProperty(prefix = "savoir.jdbc", name = "enabled", havingValue = "true")
class SavoirJdbcConfiguration {
    /** Checks the database and migrates Savoir's schema; closed (idempotently) after the knowledge base. */
    @Bean
    @ConditionalOnMissingBean
    PostgresStores savoirPostgresStores(SavoirProperties properties, ObjectProvider<DataSource> dataSources) {
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new InvalidArgumentException("savoir.jdbc.enabled", "is true but the application has "
                    + (dataSources.stream().findAny().isPresent() ? "several DataSource beans and none is @Primary"
                    : "no DataSource bean: add spring-boot-starter-jdbc with spring.datasource.url, or declare one"));
        }
        PostgresStores.Builder b = PostgresStores.builder().dataSource(dataSource);
        SavoirProperties.Jdbc jdbc = properties.getJdbc();
        PropertyOptions.set("savoir.jdbc.schema", jdbc.getSchema(), b::schema);
        PropertyOptions.set("savoir.jdbc.table-prefix", jdbc.getTablePrefix(), b::tablePrefix);
        PropertyOptions.set("savoir.feedback.view-dedup-window", properties.getFeedback().getViewDedupWindow(),
                b::viewDedupWindow);
        PropertyOptions.set("savoir.analytics.queue-capacity", properties.getAnalytics().getQueueCapacity(),
                b::analyticsQueueCapacity);
        PropertyOptions.set("savoir.analytics.retention-days", properties.getAnalytics().getRetentionDays(),
                b::analyticsRetentionDays);
        return b.open();
    }

    @Bean
    StoreWiring savoirJdbcStoreWiring(PostgresStores stores) {
        return new StoreWiring() {
            @Override
            public dev.savoir.kb.KnowledgeBaseBuilder configure(dev.savoir.kb.KnowledgeBaseBuilder builder) {
                return stores.configure(builder);
            }

            @Override
            public Map<String, Object> describe() {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("type", "postgresql");
                d.put("schema", stores.schema());
                d.put("tablePrefix", stores.tablePrefix());
                d.put("schemaVersion", stores.schemaVersion());
                return d;
            }
        };
    }
}
