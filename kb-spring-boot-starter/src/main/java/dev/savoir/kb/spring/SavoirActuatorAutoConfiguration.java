package dev.savoir.kb.spring;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.spring.actuate.KnowledgeBaseHealthIndicator;
import dev.savoir.kb.spring.actuate.KnowledgeBaseInfoContributor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator for the knowledge base, when Actuator is on the class path: the {@code savoir} health indicator
 * ({@code management.health.savoir.enabled}) and info contributor ({@code management.info.savoir.enabled}). Each
 * backs off when the application declares its own bean of the same type.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@AutoConfiguration(after = SavoirAutoConfiguration.class)
@ConditionalOnBean(KnowledgeBase.class)
public class SavoirActuatorAutoConfiguration {
    /** The health indicator, with {@code spring-boot-health} on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("savoir")
    static class HealthConfiguration {
        @Bean(name = "savoirHealthIndicator")
        @ConditionalOnMissingBean(KnowledgeBaseHealthIndicator.class)
        KnowledgeBaseHealthIndicator savoirHealthIndicator(KnowledgeBase kb, SavoirProperties properties,
                                                           ObjectProvider<StoreWiring> stores) {
            return new KnowledgeBaseHealthIndicator(kb, describe(properties, stores),
                    properties.getHealth().getMaxIndexLag());
        }
    }

    /** The info contributor, with {@code spring-boot-actuator} on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({InfoContributor.class, ConditionalOnEnabledInfoContributor.class})
    @ConditionalOnEnabledInfoContributor("savoir")
    static class InfoConfiguration {
        @Bean(name = "savoirInfoContributor")
        @ConditionalOnMissingBean(KnowledgeBaseInfoContributor.class)
        KnowledgeBaseInfoContributor savoirInfoContributor(KnowledgeBase kb, SavoirProperties properties,
                                                           ObjectProvider<StoreWiring> stores) {
            return new KnowledgeBaseInfoContributor(kb, version(), describe(properties, stores));
        }
    }

    /** What the store is, from the properties that chose it (a host's own store is "custom"). */
    static Map<String, Object> describe(SavoirProperties properties, ObjectProvider<StoreWiring> stores) {
        StoreWiring wiring = stores.getIfAvailable();
        if (properties.getJdbc().isEnabled() && wiring != null) {
            return wiring.describe();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        Path folder = properties.getFolder();
        d.put("type", properties.isInMemory() ? "memory" : folder != null ? "folder" : "custom");
        return d;
    }

    /** The version of this starter, which is Savoir's (every module is released at one version). */
    static String version() {
        try (InputStream in = SavoirActuatorAutoConfiguration.class.getResourceAsStream("savoir-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
