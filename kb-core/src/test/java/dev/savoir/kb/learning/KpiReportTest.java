package dev.savoir.kb.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.SearchAnalytics;
import dev.savoir.kb.reports.KpiReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The KPI report of a period, through the facade, and its JSON shape. */
class KpiReportTest {
    static final Instant T0 = Instant.parse("2026-04-10T09:00:00Z");
    static final Instant DAY0 = Instant.parse("2026-04-10T00:00:00Z");
    static final Actor ADMIN = Actor.of("ada@example.com", Role.ADMIN);
    static final ViewerContext EN = ViewerContext.external(Locale.ENGLISH);

    final LearningSimulationTest.ReplayClock clock = new LearningSimulationTest.ReplayClock();
    final VocabularyEngine engine = new VocabularyEngine();

    Article publish(KnowledgeBase kb, String id, String owner, Duration reviewInterval) {
        Article a = kb.create(ADMIN, NewArticle.builder(id).category("Billing").owner(owner)
                .visibility(Visibility.PUBLIC).title("About " + id).body("Text.").reviewInterval(reviewInterval)
                .build());
        kb.submitForReview(ADMIN, a.id(), Locale.ENGLISH, 1);
        kb.approve(ADMIN, a.id(), Locale.ENGLISH, 1);
        kb.publish(ADMIN, a.id(), Locale.ENGLISH, 1);
        return a;
    }

    void search(SearchAnalytics a, String session, String q, int results) {
        a.recordSearch(session, EN, q, results, List.of(), Duration.ofMillis(1));
        clock.now = clock.now.plusSeconds(30);
    }

    KpiReport report() {
        clock.now = T0;
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).schedulerInterval(Duration.ZERO)
                .searchEngine(context -> engine).build()) {
            publish(kb, "old-billing", "olga", Duration.ofDays(1));
            SearchAnalytics a = kb.analytics();
            search(a, "s1", "invoice", 0);
            search(a, "s1", "refund", 3);
            a.recordClick("s1", EN, "refund", ArticleId.of("old-billing"), 1);
            search(a, "s2", "invoice", 0);
            search(a, "s2", "bill", 0);
            search(a, "s3", "printer jam", 0);
            search(a, "s3", "invoice for jane@example.com", 0);
            a.recordTicket("s2");
            clock.now = T0.plus(Duration.ofDays(1));
            search(a, "s4", "refund", 2);
            search(a, "s4", "bill", 0);
            a.flush();
            clock.now = T0.plus(Duration.ofDays(2));
            publish(kb, "invoice-guide", "paul", Duration.ofDays(90));
            engine.answers.put("invoice", ArticleId.of("invoice-guide"));
            engine.answers.put("bill", ArticleId.of("old-billing"));
            clock.now = T0.plus(Duration.ofDays(4));
            int searchesBefore = engine.searched.size();
            KpiReport r = kb.learning().kpis(ADMIN, DAY0, DAY0.plus(Duration.ofDays(3)));
            assertThat(engine.searched.size() - searchesBefore).as("one check per gap").isEqualTo(4);
            assertThat(kb.analytics().topQueries(DAY0, DAY0.plus(Duration.ofDays(5)), 10))
                    .as("the gap checks are not recorded as searches").allMatch(q -> q.searches() <= 2);
            return r;
        }
    }

    @Test
    void kpis_countDeflectionSearchesGapsAndOverdueReviews() {
        KpiReport r = report();
        assertThat(r.deflection()).isEqualTo(new DeflectionEstimate(4, 1, 1));
        assertThat(r.searches().searches()).isEqualTo(8);
        assertThat(r.searches().zeroResultSearches()).isEqualTo(6);
        assertThat(r.searches().searchesWithoutClick()).isEqualTo(7);
        assertThat(r.searches().days()).extracting(KpiReport.SearchActivity.Day::day).containsExactly(
                LocalDate.parse("2026-04-10"), LocalDate.parse("2026-04-11"), LocalDate.parse("2026-04-12"));
        assertThat(r.searches().days().get(1).searches()).isEqualTo(2);
        assertThat(r.searches().days().get(2).searches()).isZero();

        assertThat(r.gaps().opened()).isEqualTo(4);
        assertThat(r.gaps().closed()).isEqualTo(2);
        assertThat(r.gaps().gaps()).extracting(KpiReport.KnowledgeGaps.Gap::query)
                .as("most searched first; personal data counted, not listed")
                .containsExactly("bill", "invoice", "printer jam");
        KpiReport.KnowledgeGaps.Gap invoice = r.gaps().gaps().get(1);
        assertThat(invoice.openedAt()).as("its day's last search").isEqualTo(T0.plusSeconds(60));
        assertThat(invoice.closedAt()).as("when its answer was published").isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(invoice.answeredBy()).isEqualTo(ArticleId.of("invoice-guide"));
        KpiReport.KnowledgeGaps.Gap bill = r.gaps().gaps().getFirst();
        assertThat(bill.closedAt()).as("answered by an older article: its last failed search's day")
                .isAfter(T0.plus(Duration.ofDays(1)));
        assertThat(r.gaps().gaps().get(2).closedAt()).isNull();
        assertThat(r.gaps().medianTimeToClose()).isNotNull();

        assertThat(r.overdueReviews()).hasSize(1);
        assertThat(r.overdueReviews().getFirst().owner()).isEqualTo("olga");
        assertThat(r.overdueReviews().getFirst().articles()).containsExactly(ArticleId.of("old-billing"));
        assertThat(r.inboxBacklog()).as("the inbox's section, with nothing flagged").isNotNull();
        assertThat(r.inboxBacklog().open()).isZero();
        assertThat(r.learningPaths().paths()).as("no learning path defined").isEmpty();
    }

    @Test
    void json_hasTheDocumentedShape() {
        JsonNode j = JsonMapper.builder().build().readTree(report().toJson());
        assertThat(j.propertyNames()).containsExactly("from", "to", "generatedAt", "deflection", "searches", "gaps",
                "overdueReviews", "inboxBacklog", "learningPaths");
        assertThat(j.get("from").asString()).isEqualTo("2026-04-10T00:00:00Z");
        assertThat(j.get("deflection").get("rate").asDouble()).isEqualTo(0.25);
        assertThat(j.get("searches").get("days")).hasSize(3);
        assertThat(j.get("searches").get("days").get(0).get("day").asString()).isEqualTo("2026-04-10");
        assertThat(j.get("gaps").get("opened").asInt()).isEqualTo(4);
        JsonNode invoice = j.get("gaps").get("gaps").get(1);
        assertThat(invoice.get("query").asString()).isEqualTo("invoice");
        assertThat(invoice.get("language").asString()).isEqualTo("en");
        assertThat(invoice.get("answeredBy").asString()).isEqualTo("invoice-guide");
        assertThat(invoice.get("timeToCloseSeconds").asLong()).isEqualTo(Duration.ofDays(2).minusSeconds(60).toSeconds());
        assertThat(j.get("gaps").get("gaps").get(2).get("closedAt").isNull()).isTrue();
        assertThat(j.get("overdueReviews").get(0).get("owner").asString()).isEqualTo("olga");
        assertThat(j.get("inboxBacklog").get("open").asLong()).isZero();
        assertThat(j.get("learningPaths").get("paths")).isEmpty();
        assertThat(j.toString()).doesNotContain("jane");
    }

    @Test
    void json_ofContributedSections() {
        KpiReport r = report();
        KpiReport filled = new KpiReport(r.from(), r.to(), r.generatedAt(), r.deflection(), r.searches(), r.gaps(),
                r.overdueReviews(), new KpiReport.InboxBacklog(5, 2, Duration.ofDays(3), Map.of("olga", 3L, "paul", 2L)),
                new KpiReport.PathCompletion(List.of(new KpiReport.PathCompletion.Path("onboarding", "Onboarding", 4,
                        3))));
        JsonNode j = JsonMapper.builder().build().readTree(filled.toJson());
        assertThat(j.get("inboxBacklog").get("open").asLong()).isEqualTo(5);
        assertThat(j.get("inboxBacklog").get("oldestOpenAgeSeconds").asLong()).isEqualTo(259_200);
        assertThat(j.get("inboxBacklog").get("openPerOwner").get("olga").asLong()).isEqualTo(3);
        assertThat(j.get("learningPaths").get("paths").get(0).get("rate").asDouble()).isEqualTo(0.75);
    }

    @Test
    void period_isCheckedAndBounded() {
        clock.now = T0;
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).build()) {
            assertThatThrownBy(() -> kb.learning().kpis(ADMIN, T0, T0.plus(Duration.ofDays(400))))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("at most 366 days");
            assertThatThrownBy(() -> kb.learning().kpis(ADMIN, T0, T0.minusSeconds(1)))
                    .isInstanceOf(InvalidArgumentException.class);
            KpiReport empty = kb.learning().kpis(ADMIN, T0, T0);
            assertThat(empty.searches().days()).isEmpty();
            assertThat(empty.gaps().opened()).isZero();
            assertThatThrownBy(() -> new KpiReport.PathCompletion.Path("p", "P", 2, 3))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }
}
