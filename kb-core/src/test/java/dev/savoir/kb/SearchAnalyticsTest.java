package dev.savoir.kb;

import dev.savoir.kb.analytics.SearchAnalytics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchAnalyticsTest {
    static final ViewerContext EN = ViewerContext.external(Locale.ENGLISH);
    static final ViewerContext FR = ViewerContext.external(Locale.FRENCH);
    static final Instant DAY1 = Instant.parse("2026-06-01T08:00:00Z");

    @TempDir
    Path dir;
    MutableClock clock = new MutableClock(DAY1);

    KnowledgeBase open() {
        return KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO).build();
    }

    static void search(SearchAnalytics a, String session, ViewerContext v, String q, int results) {
        a.recordSearch(session, v, q, results, results == 0 ? List.of() : List.of(ArticleId.of("a1")),
                Duration.ofMillis(1));
    }

    @Test
    void reports_topQueriesGapsLowClickThroughAndDeflection() {
        try (KnowledgeBase kb = open()) {
            SearchAnalytics a = kb.analytics();
            for (int i = 0; i < 5; i++) {
                search(a, "s" + i, FR, "Réinitialiser  MOT-de-passe!", 3);
            }
            a.recordClick("s0", FR, "reinitialiser mot de passe", ArticleId.of("a1"), 1);
            a.recordClick("s1", FR, "réinitialiser mot de passe", ArticleId.of("a1"), 2);
            search(a, "s9", EN, "cancel subscription", 0);
            search(a, "s9", EN, "Cancel subscription", 0);
            search(a, "s8", EN, "invoice pdf", 4);
            search(a, "s8", EN, "invoice pdf", 4);
            a.recordTicket("s1");
            a.flush();

            Instant from = DAY1.minus(Duration.ofDays(1));
            Instant to = DAY1.plus(Duration.ofDays(1));
            List<QueryStats> top = a.topQueries(from, to, 10);
            assertThat(top.getFirst().query()).isEqualTo("reinitialiser mot de passe");
            assertThat(top.getFirst().language()).isEqualTo("fr");
            assertThat(top.getFirst().searches()).isEqualTo(5);
            assertThat(top.getFirst().clicks()).isEqualTo(2);

            List<QueryStats> gaps = a.knowledgeGaps(from, to, 10);
            assertThat(gaps).extracting(QueryStats::query).containsExactly("cancel subscription", "invoice pdf");
            assertThat(gaps.getFirst().zeroResultSearches()).isEqualTo(2);

            assertThat(a.lowClickThrough(from, to, 2, 10)).extracting(QueryStats::query)
                    .containsExactly("invoice pdf", "reinitialiser mot de passe");

            DeflectionEstimate d = a.deflection(from, to);
            assertThat(d.searchSessions()).isEqualTo(7);
            assertThat(d.sessionsWithClick()).isEqualTo(2);
            assertThat(d.deflected()).isEqualTo(1);
            assertThat(a.clicksPerArticle(from, to)).containsEntry(ArticleId.of("a1"), 2L);
            assertThat(a.droppedEvents()).isZero();
        }
    }

    @Test
    void events_surviveReopen_andClosedDaysBecomeRollups() throws Exception {
        try (KnowledgeBase kb = open()) {
            search(kb.analytics(), "s", EN, "hub offline", 0);
            kb.analytics().flush();
            clock.advance(Duration.ofDays(1));
            search(kb.analytics(), "s", EN, "hub offline", 2);
            kb.analytics().flush();
        }
        try (Stream<Path> files = Files.list(dir.resolve("analytics"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("rollup-2026-06-01.json",
                    "events-2026-06-01.jsonl", "events-2026-06-02.jsonl");
        }
        try (KnowledgeBase kb = open()) {
            QueryStats q = kb.analytics().topQueries(DAY1.minus(Duration.ofDays(5)), clock.instant().plusSeconds(1),
                    5).getFirst();
            assertThat(q.searches()).isEqualTo(2);
            assertThat(q.zeroResultSearches()).isEqualTo(1);
            List<QueryStats> dayTwoOnly = kb.analytics().topQueries(DAY1.plus(Duration.ofDays(1))
                    .truncatedTo(java.time.temporal.ChronoUnit.DAYS), clock.instant().plusSeconds(1), 5);
            assertThat(dayTwoOnly.getFirst().searches()).isEqualTo(1);
        }
    }

    @Test
    void retention_deletesOldDays() throws Exception {
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).analyticsRetentionDays(7)
                .schedulerInterval(Duration.ZERO).build()) {
            search(kb.analytics(), "s", EN, "old query", 1);
            kb.analytics().flush();
        }
        clock.advance(Duration.ofDays(30));
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).analyticsRetentionDays(7)
                .schedulerInterval(Duration.ZERO).build()) {
            assertThat(kb.analytics().topQueries(DAY1.minus(Duration.ofDays(60)), clock.instant(), 5)).isEmpty();
            try (Stream<Path> files = Files.list(dir.resolve("analytics"))) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void overload_dropsAndCountsEvents_neverBlocks() {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().clock(clock).analyticsQueueCapacity(10)
                .schedulerInterval(Duration.ZERO).build()) {
            int kept = 0;
            for (int i = 0; i < 100; i++) {
                if (kb.analytics().recordSearch(null, EN, "q" + i, 1, List.of(), Duration.ZERO)) {
                    kept++;
                }
            }
            assertThat(kept).isLessThanOrEqualTo(10 + 5);
            assertThat(kb.analytics().droppedEvents()).isEqualTo(100 - kept);
        }
    }

    @Test
    void badInput_isTyped() {
        try (KnowledgeBase kb = KnowledgeBase.builder().inMemory().schedulerInterval(Duration.ZERO).build()) {
            assertThatThrownBy(() -> kb.analytics().recordClick("s", EN, "q", ArticleId.of("a"), 0))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> kb.analytics().recordTicket(" ")).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> kb.analytics().topQueries(DAY1, DAY1, 0)).isInstanceOf(ValidationException.class);
        }
    }
}
