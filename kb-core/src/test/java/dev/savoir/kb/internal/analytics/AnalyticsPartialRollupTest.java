package dev.savoir.kb.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.analytics.QueryStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing saves the open day's rollup so far; the next open replays only the events after it. */
class AnalyticsPartialRollupTest {
    private static final Instant NOW = Instant.parse("2026-05-06T10:00:00Z");

    @TempDir
    Path dir;

    private AnalyticsEngine open() {
        return new AnalyticsEngine(dir, 1_000, 365, NOW);
    }

    private static void search(AnalyticsEngine engine, String query, int results) {
        engine.offer(new AnalyticsEngine.Event("search", NOW, "s1", query, "en", false, results, List.of(), 100, null,
                0));
    }

    private static List<String> counts(AnalyticsEngine engine) {
        return engine.queries(NOW.minusSeconds(3600), NOW.plusSeconds(3600), q -> true,
                        Comparator.comparing(QueryStats::query), 100).stream()
                .map(q -> q.query() + "=" + q.searches() + "/" + q.zeroResultSearches()).toList();
    }

    private Path partial() {
        return dir.resolve("partial-2026-05-06.json");
    }

    @Test
    void reopen_afterClose_countsTheSame_andReplaysOnlyWhatFollows() throws IOException {
        AnalyticsEngine first = open();
        search(first, "invoice", 3);
        search(first, "invoice", 0);
        search(first, "refund", 1);
        first.close();
        assertThat(partial()).exists();

        AnalyticsEngine second = open();
        assertThat(counts(second)).containsExactly("invoice=2/1", "refund=1/0");
        // One more event, then the process dies without closing: the partial rollup is the one of the first close.
        search(second, "refund", 0);
        second.drain();

        AnalyticsEngine third = open();
        assertThat(counts(third)).containsExactly("invoice=2/1", "refund=2/1");
        third.close();
        second.close();
    }

    @Test
    void reopen_takesTheCountsOfTheLogItCoversFromThePartialRollup() throws IOException {
        AnalyticsEngine first = open();
        search(first, "invoice", 3);
        search(first, "invoice", 0);
        first.close();
        String json = Files.readString(partial());
        assertThat(json).contains("\"searches\":2");
        // Were the log replayed, this edit would not show.
        Files.writeString(partial(), json.replace("\"searches\":2", "\"searches\":7"));
        AnalyticsEngine second = open();
        assertThat(counts(second)).containsExactly("invoice=7/1");
        second.close();
    }

    @Test
    void damagedOrOversizedPartialRollup_isIgnored_andTheWholeLogReplayed() throws IOException {
        AnalyticsEngine first = open();
        search(first, "invoice", 3);
        search(first, "refund", 0);
        first.close();

        Files.writeString(partial(), "{\"eventsBytes\": 12, \"day\": {\"queries\": {garbage");
        AnalyticsEngine second = open();
        assertThat(counts(second)).containsExactly("invoice=1/0", "refund=1/1");
        second.close();

        Files.writeString(partial(), "{\"eventsBytes\": 999999999, \"day\": {}}");
        AnalyticsEngine third = open();
        assertThat(counts(third)).containsExactly("invoice=1/0", "refund=1/1");
        third.close();
    }
}
