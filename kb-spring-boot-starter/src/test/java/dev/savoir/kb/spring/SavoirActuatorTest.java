package dev.savoir.kb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import dev.savoir.kb.spring.actuate.KnowledgeBaseHealthIndicator;
import dev.savoir.kb.spring.actuate.KnowledgeBaseInfoContributor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code savoir} health indicator and info contributor. */
class SavoirActuatorTest {
    final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(SavoirAutoConfiguration.class, SavoirActuatorAutoConfiguration.class));

    @TempDir
    Path dir;

    /** Fails when the search index asks for the plain text of a body with "Flaky": the article awaits repair. */
    static final class FailingIndexRenderer implements ContentRenderer {
        @Override
        public BodyAnalysis analyze(String markdown) {
            if (markdown.contains("Flaky") && StackWalker.getInstance().walk(frames -> frames.anyMatch(
                    f -> f.getClassName().startsWith("dev.savoir.kb.lucene.internal.index.")))) {
                throw new IllegalStateException("indexing fails on purpose");
            }
            return new BodyAnalysis(markdown, List.of(), List.of());
        }

        @Override
        public RenderedArticle.Html render(String markdown, RenderContext context) {
            return new RenderedArticle.Html(markdown, List.of());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detail(Health h, String key) {
        return (Map<String, Object>) h.getDetails().get(key);
    }

    @Test
    void health_isUp_withTheStoreAndACaughtUpIndex() {
        runner.withPropertyValues("savoir.folder=" + dir).run(context -> {
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            SavoirAutoConfigurationTest.publish(kb, "a", "Reset your password", "Open Settings.");
            Health h = context.getBean("savoirHealthIndicator", HealthIndicator.class).health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(detail(h, "store")).containsEntry("type", "folder").containsEntry("lastChange", kb.lastChange());
            assertThat(detail(h, "index")).containsEntry("state", "caught-up").containsEntry("lag", 0L)
                    .containsEntry("indexedChange", kb.lastChange());
            // no embedding model configured: nothing said about embeddings
            assertThat(h.getDetails()).doesNotContainKey("embeddings");
        });
    }

    @Test
    void health_isOutOfService_whenTheIndexLagsMoreThanAllowed() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.require-review=false",
                        "savoir.health.max-index-lag=0")
                .withBean(ContentRenderer.class, FailingIndexRenderer::new).run(context -> {
                    KnowledgeBase kb = context.getBean(KnowledgeBase.class);
                    kb.create(SavoirAutoConfigurationTest.ADMIN, NewArticle.builder("broken").category("Account")
                            .visibility(Visibility.PUBLIC).title("Broken").body("Flaky body.").build());
                    // the draft's indexing fails (a publish would reuse the publish gate's analysis and index)
                    Health h = context.getBean(KnowledgeBaseHealthIndicator.class).health();
                    assertThat(h.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(detail(h, "index")).containsEntry("state", "lagging").containsEntry("awaitingRepair", 1);
                    assertThat((Long) detail(h, "index").get("lag")).isPositive();
                });
    }

    @Test
    void health_isDown_whenTheKnowledgeBaseIsClosed() {
        runner.withPropertyValues("savoir.in-memory=true").run(context -> {
            context.getBean(KnowledgeBase.class).close();
            Health h = context.getBean(KnowledgeBaseHealthIndicator.class).health();
            assertThat(h.getStatus()).isEqualTo(Status.DOWN);
            assertThat(h.getDetails()).containsKey("error");
        });
    }

    @Test
    void negativeMaxIndexLag_failsAtStartUp() {
        runner.withPropertyValues("savoir.in-memory=true", "savoir.health.max-index-lag=-1")
                .run(context -> SavoirAutoConfigurationTest.failsNaming(context, "savoir.health.max-index-lag",
                        "zero or positive"));
    }

    @Test
    void info_saysArticlesVersionAndStore() {
        runner.withPropertyValues("savoir.in-memory=true").run(context -> {
            KnowledgeBase kb = context.getBean(KnowledgeBase.class);
            SavoirAutoConfigurationTest.publish(kb, "a", "Reset your password", "Open Settings.");
            Info.Builder b = new Info.Builder();
            context.getBean(KnowledgeBaseInfoContributor.class).contribute(b);
            @SuppressWarnings("unchecked")
            Map<String, Object> savoir = (Map<String, Object>) b.build().getDetails().get("savoir");
            assertThat(savoir).containsEntry("articles", 1).containsEntry("search", true)
                    .containsEntry("semanticSearch", false);
            assertThat((String) savoir.get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(savoir.get("store")).isEqualTo(Map.of("type", "memory", "lastChange", kb.lastChange()));
        });
    }

    @Test
    void actuatorBeans_followManagementSwitches_andTheClassPath() {
        runner.withPropertyValues("savoir.in-memory=true", "management.health.savoir.enabled=false",
                "management.info.savoir.enabled=false").run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(KnowledgeBaseHealthIndicator.class).doesNotHaveBean(KnowledgeBaseInfoContributor.class));
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, InfoContributor.class))
                .withPropertyValues("savoir.in-memory=true").run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(KnowledgeBase.class).doesNotHaveBean(KnowledgeBaseHealthIndicator.class)
                        .doesNotHaveBean(KnowledgeBaseInfoContributor.class));
    }

    @Test
    void healthIndicator_refusesANullKnowledgeBase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KnowledgeBaseHealthIndicator(null, Map.of(), 0))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("kb");
    }
}
