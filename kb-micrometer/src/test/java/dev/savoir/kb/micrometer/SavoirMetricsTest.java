package dev.savoir.kb.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.io.ImportOptions;
import dev.savoir.kb.io.JsonFormat;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.SearchRequest;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters and observations SavoirMetrics records for a knowledge base on Lucene and Markdown. */
class SavoirMetricsTest {
    private static final Actor EDITOR = Actor.of("editor", Role.ADMIN);
    private static final ViewerContext CUSTOMER = ViewerContext.external(Locale.ENGLISH);

    @TempDir
    Path dir;

    private static void publish(KnowledgeBase kb, String id, String title) {
        kb.create(EDITOR, NewArticle.builder(id).category("Account").visibility(Visibility.PUBLIC).title(title)
                .body("## Steps\n\nOpen the settings of " + title + ".").build());
        kb.publish(EDITOR, ArticleId.of(id), Locale.ENGLISH, 1);
    }

    @Test
    void searches_areTimedByKindViewerAndOutcome_withHitsAndZeroResults() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false)
                .searchEngine(LuceneSearchEngine.factory()).observer(SavoirMetrics.create(meters)).build()) {
            publish(kb, "reset", "Reset your password");
            kb.refresh();
            kb.search(CUSTOMER, SearchRequest.of("password"));
            kb.search(CUSTOMER, SearchRequest.of("password"));
            kb.search(ViewerContext.external(Locale.ENGLISH, "gold"), SearchRequest.of("zebra"));
            kb.search(ViewerContext.internal(Locale.ENGLISH), SearchRequest.of("reset"));
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "reset", 3)).isNotNull();
        }
        assertThat(meters.get("savoir.search").tags("kind", "search", "viewer", "external", "outcome", "ok",
                "exception", "none").timer().count()).isEqualTo(2);
        assertThat(meters.get("savoir.search").tags("viewer", "segmented", "outcome", "zero-results").timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("savoir.search").tags("viewer", "internal", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("savoir.search").tags("kind", "passages", "outcome", "error", "exception",
                "SemanticSearchUnavailableException").timer().count()).isEqualTo(1);
        assertThat(meters.get("savoir.search.hits").tags("kind", "search", "viewer", "external").summary()
                .totalAmount()).isEqualTo(2);
        assertThat(meters.get("savoir.search.zero.results").tags("viewer", "segmented").counter().count())
                .isEqualTo(1);
        assertThat(meters.find("savoir.search.zero.results").tags("viewer", "external").counter()).isNull();
        assertThat(meters.get("savoir.store.write").tags("kind", "create", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("savoir.store.write").tags("kind", "update", "outcome", "ok").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("savoir.store.write.articles").tags("kind", "create").counter().count())
                .isEqualTo(1);
    }

    @Test
    void indexGauges_moveWithTheLag_andGoWhenTheKnowledgeBaseCloses() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AtomicReference<FlakyEngine> engine = new AtomicReference<>();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false)
                .searchEngine(c -> {
                    engine.set(new FlakyEngine(LuceneSearchEngine.factory().open(c)));
                    return engine.get();
                })
                .observer(SavoirMetrics.builder(meters).tags(Tags.of("kb", "tenant-1")).build()).build()) {
            publish(kb, "reset", "Reset your password");
            assertThat(gauge(meters, "savoir.index.lag")).isZero();
            assertThat(gauge(meters, "savoir.index.pending")).isZero();

            engine.get().failing.set(true);
            publish(kb, "sign-in", "Signing in");
            Thread.sleep(300);   // past the gauges' 250 ms memo
            assertThat(gauge(meters, "savoir.index.lag")).isEqualTo(2);   // the create and the publish
            assertThat(gauge(meters, "savoir.index.pending")).isEqualTo(1);

            engine.get().failing.set(false);
            kb.refresh();
            Thread.sleep(300);
            assertThat(gauge(meters, "savoir.index.lag")).isZero();
            assertThat(gauge(meters, "savoir.index.pending")).isZero();
            assertThat(meters.get("savoir.embedding.pending").gauge().value()).as("no model").isNaN();
        }
        assertThat(meters.find("savoir.index.lag").gauge()).isNull();
        assertThat(meters.find("savoir.search").timers()).isEmpty();
        assertThat(meters.get("savoir.store.write").tags("kb", "tenant-1").timers()).isNotEmpty();
    }

    private static double gauge(SimpleMeterRegistry meters, String name) {
        return meters.get(name).tags("kb", "tenant-1").gauge().value();
    }

    @Test
    void caches_reportHitsThroughCaffeineCacheMetrics() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).requireReview(false)
                .renderer(MarkdownRenderer.create()).observer(SavoirMetrics.create(meters)).build()) {
            publish(kb, "reset", "Reset your password");
            for (int i = 0; i < 3; i++) {
                assertThat(kb.render(CUSTOMER, ArticleId.of("reset"))).isPresent();
            }
            kb.history(EDITOR, ArticleId.of("reset"), Locale.ENGLISH);
            kb.history(EDITOR, ArticleId.of("reset"), Locale.ENGLISH);
            assertThat(meters.get("cache.gets").tags("cache", "savoir.render.html", "result", "hit")
                    .functionCounter().count()).isEqualTo(2);
            assertThat(meters.get("cache.gets").tags("cache", "savoir.revisions", "result", "hit")
                    .functionCounter().count()).isPositive();
            assertThat(meters.get("cache.size").tags("cache", "savoir.revisions").gauge().value()).isPositive();
        }
        assertThat(meters.find("cache.gets").functionCounters()).isEmpty();
    }

    @Test
    void rebuildAndImportGauges_showTheirProgress() throws Exception {
        Path source = dir.resolve("source");
        Path file = dir.resolve("kb.json");
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(source).requireReview(false).build()) {
            for (int i = 0; i < 5; i++) {
                publish(kb, "a-" + i, "Article " + i);
            }
            try (var out = Files.newOutputStream(file)) {
                JsonFormat.create().export(kb, EDITOR, out);
            }
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SavoirMetrics metrics = SavoirMetrics.create(meters);
        assertThat(meters.get("savoir.rebuild.progress").gauge().value()).as("none ran").isEqualTo(1.0);
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(source).searchEngine(LuceneSearchEngine.factory())
                .observer(metrics).build()) {   // no index yet: rebuilt from the store
            assertThat(meters.get("savoir.rebuild.articles").gauge().value()).isEqualTo(5);
            assertThat(meters.get("savoir.rebuild.progress").gauge().value()).isEqualTo(1.0);
        }
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().observer(SavoirMetrics.create(other)).build()) {
            JsonFormat.create().importFrom(kb, EDITOR, file, ImportOptions.builder().batchSize(2).build());
            assertThat(other.get("savoir.import.articles").gauge().value()).isEqualTo(5);
            assertThat(other.get("savoir.import.progress").gauge().value()).isEqualTo(1.0);
            assertThat(other.get("savoir.store.write").tags("kind", "batch").timer().count()).isEqualTo(3);
            assertThat(other.get("savoir.store.write.articles").tags("kind", "batch").counter().count())
                    .isEqualTo(5);
        }
    }

    @Test
    void observations_onePerSearchAndWrite_withLowCardinalityKeysOnly() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().requireReview(false)
                .searchEngine(LuceneSearchEngine.factory())
                .observer(SavoirMetrics.create(meters, observations)).build()) {
            publish(kb, "reset", "Reset your password");
            kb.refresh();
            kb.search(ViewerContext.external(Locale.ENGLISH, "gold"), SearchRequest.of("password"));
            assertThatThrownBy(() -> kb.passages(CUSTOMER, "secret question", 3)).isNotNull();
        }
        TestObservationRegistryAssert.assertThat(observations)
                .hasNumberOfObservationsWithNameEqualTo("savoir.kb.search", 2)
                .hasNumberOfObservationsWithNameEqualTo("savoir.kb.write", 2)
                .hasAnObservation(o -> o.hasNameEqualTo("savoir.kb.search").hasContextualNameEqualTo("savoir search")
                        .hasLowCardinalityKeyValue("kind", "search").hasLowCardinalityKeyValue("viewer", "segmented")
                        .hasLowCardinalityKeyValue("outcome", "ok").doesNotHaveError())
                .hasAnObservation(o -> o.hasNameEqualTo("savoir.kb.search")
                        .hasLowCardinalityKeyValue("kind", "passages").hasLowCardinalityKeyValue("outcome", "error")
                        .assertThatError().hasMessage("SemanticSearchUnavailableException").hasNoCause())
                .hasAnObservation(o -> o.hasNameEqualTo("savoir.kb.write").hasLowCardinalityKeyValue("kind", "create")
                        .hasLowCardinalityKeyValue("outcome", "ok"))
                .hasHandledContextsThatSatisfy(contexts -> assertThat(contexts).allSatisfy(c -> assertThat(
                        c.getHighCardinalityKeyValues()).isEmpty()))
                .hasObservationWithNameEqualTo("savoir.kb.write").that().hasBeenStarted().hasBeenStopped();
    }

    @Test
    void oneInstance_observesOneKnowledgeBase_andBadArgumentsFailClearly() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SavoirMetrics metrics = SavoirMetrics.create(meters);
        try (KnowledgeBase first = KnowledgeBase.builder().inMemory().observer(metrics).build();
             KnowledgeBase second = KnowledgeBase.builder().inMemory().observer(metrics).build()) {
            // the second is refused by the observer (logged), and still works
            assertThat(second.size()).isZero();
            assertThat(first.size()).isZero();
        }
        assertThatThrownBy(() -> SavoirMetrics.builder(null)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("registry");
        assertThatThrownBy(() -> SavoirMetrics.builder(meters).tags(Tags.empty()).tags(Tags.empty()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("tags");
        assertThatThrownBy(() -> SavoirMetrics.builder(meters).observations(null))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("observations");
    }
}
