package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The configuration processor's metadata ships in the jar, so that IDEs complete and document {@code savoir.*}; the
 * auto-configurations are registered for Spring Boot to find.
 */
class ConfigurationMetadataTest {
    @Test
    void metadata_namesAndDescribesEveryProperty() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode p : root.get("properties")) {
            byName.put(p.get("name").asString(), p);
        }
        assertThat(byName).containsKeys("savoir.folder", "savoir.in-memory", "savoir.default-locale",
                "savoir.scheduler-interval", "savoir.follow-interval", "savoir.search.enabled",
                "savoir.search.refresh-interval", "savoir.search.default-mode", "savoir.renderer.raw-html",
                "savoir.jdbc.enabled", "savoir.jdbc.schema", "savoir.jdbc.table-prefix",
                "savoir.analytics.retention-days", "savoir.privacy.popular-query-min-viewers",
                "savoir.privacy.analytics-raw-text", "savoir.feedback.view-dedup-window", "savoir.health.max-index-lag");
        for (JsonNode p : byName.values()) {
            assertThat(p.has("description") && !p.get("description").asString().isBlank())
                    .as("%s has a description", p.get("name").asString()).isTrue();
        }
        assertThat(byName.get("savoir.scheduler-interval").get("type").asString()).isEqualTo("java.time.Duration");
        assertThat(byName.get("savoir.health.max-index-lag").get("defaultValue").asLong()).isEqualTo(1000);
        assertThat(byName.get("savoir.metrics.enabled").get("defaultValue").asBoolean()).isTrue();
    }

    @Test
    void autoConfigurations_areRegistered() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList())
                    .containsExactly(SavoirAutoConfiguration.class.getName(),
                            SavoirActuatorAutoConfiguration.class.getName(),
                            SavoirMetricsAutoConfiguration.class.getName());
        }
    }
}
