package dev.savoir.kb.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.PermissionDeniedException;
import dev.savoir.kb.Role;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.ValidationException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Violation;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.RenderedArticle;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.BodyAnalysis;
import dev.savoir.kb.spi.ContentRenderer;
import dev.savoir.kb.spi.RenderContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bulk path to published articles, and searches that analytics do not record. */
class PublishAllTest {
    private static final Locale EN = Locale.ENGLISH;
    private static final Actor PUBLISHER = Actor.of("importer", Role.AUTHOR, Role.PUBLISHER);
    private static final ViewerContext CUSTOMER = ViewerContext.external(EN);

    private static KnowledgeBase open() {
        return KnowledgeBase.builder().inMemory().searchEngine(LuceneSearchEngine.factory()).requireReview(true).schedulerInterval(Duration.ZERO)
                .editorialRule(c -> c.revision().content().title().contains("TBD")
                        ? List.of(new Violation("title", "the title still says TBD")) : List.of())
                .build();
    }

    private static List<NewArticle> specs(int n, String word) {
        List<NewArticle> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(NewArticle.builder("a" + i).category("Help > Setup").visibility(Visibility.PUBLIC).locale(EN)
                    .title("Router " + word + " " + i).body("Plug in the router " + i + ".").build());
        }
        return out;
    }

    @Test
    void publishAll_publishesEveryArticleAtOnce_withoutAReviewStep_andAnAuditTrailOfBoth() {
        try (KnowledgeBase kb = open()) {
            List<Article> created = kb.publishAll(PUBLISHER, specs(25, "setup"));
            assertThat(created).hasSize(25).allSatisfy(a -> {
                Translation t = a.translations().get(EN);
                assertThat(t.state()).isEqualTo(TranslationState.PUBLISHED);
                assertThat(t.publishedRevision()).isEqualTo(1);
                assertThat(t.publishedAt()).isNotNull();
            });
            kb.refresh();
            assertThat(kb.search(CUSTOMER, SearchRequest.builder("router").limit(50).build()).totalHits())
                    .isEqualTo(25);
            assertThat(kb.read(CUSTOMER, ArticleId.of("a3"))).isPresent();
            assertThat(kb.auditTrail(PUBLISHER, ArticleId.of("a3"))).extracting(AuditEvent::action)
                    .containsExactly(AuditAction.IMPORTED, AuditAction.PUBLISHED);
        }
    }

    @Test
    void publishAll_needsThePublishPermission_andWritesNothingWhenARuleFails() {
        try (KnowledgeBase kb = open()) {
            Actor author = Actor.of("author", Role.AUTHOR);
            assertThatThrownBy(() -> kb.publishAll(author, specs(3, "setup")))
                    .isInstanceOf(PermissionDeniedException.class);
            List<NewArticle> batch = new ArrayList<>(specs(3, "setup"));
            batch.add(NewArticle.builder("draft-title").category("Help").visibility(Visibility.PUBLIC).locale(EN)
                    .title("Router TBD").body("Soon.").build());
            assertThatThrownBy(() -> kb.publishAll(PUBLISHER, batch))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("draft-title: the title still says TBD");
            assertThat(kb.size()).as("all or nothing").isZero();
            assertThat(kb.createAll(PUBLISHER, batch)).as("as drafts the rule does not apply yet").hasSize(4);
        }
    }

    @Test
    void searchesThatDoNotRecordAnalytics_leaveNoTraceInTheReports() {
        try (KnowledgeBase kb = open()) {
            kb.publishAll(PUBLISHER, specs(3, "reset"));
            kb.refresh();
            for (int i = 0; i < 4; i++) {
                kb.search(CUSTOMER, SearchRequest.builder("router reset").recordAnalytics(false).build(), "s" + i);
                kb.search(CUSTOMER, SearchRequest.builder("nothing matches this").recordAnalytics(false).build(),
                        "s" + i);
            }
            kb.search(CUSTOMER, SearchRequest.builder("router").build(), "s9");
            kb.analytics().flush();
            Instant from = Instant.now().minus(Duration.ofDays(1));
            Instant to = Instant.now().plus(Duration.ofDays(1));
            assertThat(kb.analytics().topQueries(from, to, 10)).extracting(q -> q.query()).containsExactly("router");
            assertThat(kb.analytics().knowledgeGaps(from, to, 10)).extracting(q -> q.query())
                    .as("no gap from the unrecorded zero-result searches").containsExactly("router");
            assertThat(kb.autocomplete(CUSTOMER, "router r", 5)).as("not a popular query either")
                    .noneMatch(s -> s.text().equals("router reset"));
        }
    }

    @Test
    void aBulkPublish_analysesEachBodyOnce_forTheGateAndTheIndex() {
        AtomicInteger analyses = new AtomicInteger();
        ContentRenderer counting = new ContentRenderer() {
            @Override
            public BodyAnalysis analyze(String markdown) {
                analyses.incrementAndGet();
                return new BodyAnalysis(markdown, List.of(), List.of());
            }

            @Override
            public RenderedArticle.Html render(String markdown, RenderContext context) {
                return new RenderedArticle.Html("<p>" + markdown.replace("<", "&lt;") + "</p>", List.of());
            }
        };
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().searchEngine(LuceneSearchEngine.factory())
                .renderer(counting).schedulerInterval(Duration.ZERO).build()) {
            kb.publishAll(PUBLISHER, specs(120, "setup"));
            assertThat(analyses).hasValue(120);
            kb.refresh();
            assertThat(kb.search(CUSTOMER, SearchRequest.of("router setup 7")).hits()).isNotEmpty();
        }
    }

    @Test
    void aBulkPublish_becomesSearchableWithoutAnExplicitRefresh() throws InterruptedException {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory()
                .searchEngine(LuceneSearchEngine.builder().refreshInterval(Duration.ofMillis(50)).build())
                .schedulerInterval(Duration.ZERO).build()) {
            for (int batch = 0; batch < 3; batch++) {
                List<NewArticle> specs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    specs.add(NewArticle.builder("b" + batch + "-" + i).category("Help > Setup")
                            .visibility(Visibility.PUBLIC).locale(EN).title("Router batch " + batch + " " + i)
                            .body("Plug in the router " + i + ".").build());
                }
                kb.publishAll(PUBLISHER, specs);
            }
            // a refresh comes at most four intervals into a bulk write and two after it: well within 3 s here
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            long total = 0;
            while (System.nanoTime() < deadline) {
                total = kb.search(CUSTOMER, SearchRequest.builder("router").exactTotal(true).build()).totalHits();
                if (total == 300) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(total).isEqualTo(300);
        }
    }
}
