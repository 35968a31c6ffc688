package dev.savoir.kb.spring;

import dev.savoir.kb.micrometer.SavoirMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apiguardian.api.API;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The knowledge base's meters and observations, when kb-micrometer is on the class path
 * ({@code savoir.metrics.enabled}, default true): a {@link KnowledgeBaseBuilderCustomizer} that registers
 * {@link SavoirMetrics} on the application's {@link MeterRegistry} (and its {@link ObservationRegistry}, for
 * tracing) when the knowledge base is built. Without a {@code MeterRegistry} bean it does nothing.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@AutoConfiguration(before = SavoirAutoConfiguration.class)
@ConditionalOnClass({SavoirMetrics.class, MeterRegistry.class})
@ConditionalOnProperty(prefix = "savoir.metrics", name = "enabled", matchIfMissing = true)
public class SavoirMetricsAutoConfiguration {
    /** Registers the knowledge base's metrics; the registries are looked up when the knowledge base is built. */
    @Bean(name = "savoirMetricsCustomizer")
    KnowledgeBaseBuilderCustomizer savoirMetricsCustomizer(ObjectProvider<MeterRegistry> meters,
                                                           ObjectProvider<ObservationRegistry> observations) {
        return builder -> {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry != null) {
                builder.observer(SavoirMetrics.create(registry,
                        observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
            }
        };
    }
}
