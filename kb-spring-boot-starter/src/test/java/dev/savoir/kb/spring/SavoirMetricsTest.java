package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.search.SearchRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** kb-micrometer wired by the starter: the application's MeterRegistry gets the knowledge base's meters. */
class SavoirMetricsTest {
    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SavoirMetricsAutoConfiguration.class, SavoirAutoConfiguration.class));

    @Test
    void aMeterRegistryInTheContext_getsTheSearchTimer() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.require-review=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    SavoirAutoConfigurationTest.publish(kb, "a", "Reset your password", "Open Settings.");
                    kb.search(ViewerContext.external(Locale.ENGLISH), SearchRequest.of("password"));
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.find("savoir.search").timer()).isNotNull();
                    assertThat(meters.find("savoir.search").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void metricsDisabled_orNoRegistry_registerNothing() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.metrics.enabled=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context).doesNotHaveBean("savoirMetricsCustomizer");
                    context.getBean(KnowledgeBase.class).search(ViewerContext.external(Locale.ENGLISH),
                            SearchRequest.of("password"));
                    assertThat(context.getBean(MeterRegistry.class).find("savoir.search").timer()).isNull();
                });
        runner.withPropertyValues("savoir.in-memory=true").run(context -> {
            assertThat(context).hasNotFailed().hasBean("savoirMetricsCustomizer");
            context.getBean(KnowledgeBase.class).search(ViewerContext.external(Locale.ENGLISH),
                    SearchRequest.of("password"));
        });
    }
}
