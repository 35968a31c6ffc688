package dev.savoir.kb;

import dev.savoir.kb.analytics.SearchAnalytics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.analytics.QueryStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A year of search events through the real recording path (queue, daily logs, rollups), then the time to reopen and
 * to compute the reports over the whole year. Prints the figures; asserts only correctness. The default run records
 * {@value #DEFAULT_PER_DAY} searches a day; {@code -Dsavoir.full=true} records {@value #FULL_PER_DAY}.
 */
class AnalyticsYearIT {
    static final int DEFAULT_PER_DAY = 400;
    static final int FULL_PER_DAY = 5_000;

    @TempDir
    Path dir;

    @Test
    void yearOfEvents_reportsStayFast() {
        int perDay = Boolean.getBoolean("savoir.full") ? FULL_PER_DAY : DEFAULT_PER_DAY;
        Instant start = Instant.parse("2025-11-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        Random random = new Random(42);
        ViewerContext[] viewers = {ViewerContext.external(Locale.ENGLISH), ViewerContext.external(Locale.FRENCH)};
        long total = 0;
        long recordStart = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO)
                .analyticsQueueCapacity(perDay * 3).build()) {
            SearchAnalytics a = kb.analytics();
            for (int day = 0; day < 365; day++) {
                for (int i = 0; i < perDay; i++) {
                    // Zipf-like: a few queries are very common, most are rare.
                    int q = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 20_000);
                    String session = "d" + day + "-s" + (i / 3);
                    ViewerContext v = viewers[q % 2];
                    int results = q % 17 == 0 ? 0 : 1 + q % 9;
                    a.recordSearch(session, v, "query number " + q, results, List.of(), Duration.ofMillis(1));
                    if (results > 0 && random.nextInt(3) == 0) {
                        a.recordClick(session, v, "query number " + q, ArticleId.of("art-" + random.nextInt(100_000)),
                                1);
                    }
                    if (random.nextInt(20) == 0) {
                        a.recordTicket(session);
                    }
                    total++;
                }
                a.flush();
                clock.advance(Duration.ofDays(1));
            }
            assertThat(a.droppedEvents()).isZero();
        }
        double recordSeconds = (System.nanoTime() - recordStart) / 1e9;

        long openStart = System.nanoTime();
        try (KnowledgeBase kb = KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO)
                .build()) {
            double openMs = (System.nanoTime() - openStart) / 1e6;
            SearchAnalytics a = kb.analytics();
            Instant from = start;
            Instant to = clock.instant();
            long[] ms = new long[5];
            List<QueryStats> top = null;
            List<QueryStats> gaps = null;
            for (int round = 0; round < ms.length; round++) {
                long t = System.nanoTime();
                top = a.topQueries(from, to, 20);
                gaps = a.knowledgeGaps(from, to, 50);
                a.lowClickThrough(from, to, 10, 20);
                a.deflection(from, to);
                ms[round] = (System.nanoTime() - t) / 1_000_000;
            }
            java.util.Arrays.sort(ms);
            assertThat(top).hasSize(20);
            assertThat(top.getFirst().query()).isEqualTo("query number 0");
            assertThat(top.stream().mapToLong(QueryStats::searches).sum()).isPositive();
            assertThat(gaps).isNotEmpty().allMatch(QueryStats::isGap);
            System.out.printf("ANALYTICS-YEAR events=%d searches_per_day=%d record_s=%.1f reopen_ms=%.0f "
                    + "reports_median_ms=%d%n", total, perDay, recordSeconds, openMs, ms[ms.length / 2]);
        }
    }
}
