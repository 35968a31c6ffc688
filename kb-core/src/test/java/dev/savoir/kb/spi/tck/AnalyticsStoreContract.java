package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.analytics.DeflectionEstimate;
import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link AnalyticsStore} SPI. An implementation runs the whole suite by subclassing and
 * implementing {@link #newStore}; a durable one also implements {@link #reopen}. A behaviour an implementation cannot
 * honour must be declared by overriding its test with a documented reason, never silently skipped.
 */
public abstract class AnalyticsStoreContract {
    protected static final Instant DAY1 = Instant.parse("2026-03-02T10:00:00Z");
    protected static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));
    protected static final ArticleId A = ArticleId.of("a");
    /** The midnight between DAY1 and DAY2, and the one after DAY2. */
    protected static final Instant END1 = Instant.parse("2026-03-03T00:00:00Z");
    protected static final Instant END2 = Instant.parse("2026-03-04T00:00:00Z");

    protected AnalyticsStore store;

    /** A new, empty store holding at least {@code queueCapacity} unflushed events and 365 days. */
    protected abstract AnalyticsStore newStore(int queueCapacity, Instant now);

    /**
     * The same store opened again after {@link AnalyticsStore#close()}, or null for one that keeps nothing beyond
     * its life (then {@link #reopen_keepsRecordedEvents()} must be overridden with the reason).
     */
    protected abstract @Nullable AnalyticsStore reopen(Instant now);

    @BeforeEach
    void open() {
        store = newStore(1_000, DAY2);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AnalyticsEvent search(Instant at, @Nullable String session, String query, int results) {
        return AnalyticsEvent.search(at, session, query, "en", false, results, results == 0 ? List.of() : List.of(A),
                120);
    }

    private List<QueryStats> sorted(Instant from, Instant to) {
        return store.queries(from, to).stream().sorted(Comparator.comparing(QueryStats::query)
                .thenComparing(QueryStats::language)).toList();
    }

    @Test
    void offeredEvents_countAfterFlush_groupedByQueryAndLanguage() {
        assertThat(store.offer(search(DAY1, "s1", "reset password", 3))).isTrue();
        assertThat(store.offer(search(DAY1.plusSeconds(5), "s2", "reset password", 0))).isTrue();
        assertThat(store.offer(AnalyticsEvent.search(DAY1, "s3", "reset password", "fr", false, 1, List.of(A), 50)))
                .isTrue();
        assertThat(store.offer(AnalyticsEvent.click(DAY1.plusSeconds(9), "s1", "reset password", "en", false, A, 1)))
                .isTrue();
        assertThat(store.flush()).isEqualTo(4);
        assertThat(store.recorded()).isEqualTo(4);
        List<QueryStats> q = sorted(DAY1.minusSeconds(3600), DAY2);
        assertThat(q).hasSize(2);
        QueryStats en = q.stream().filter(s -> s.language().equals("en")).findFirst().orElseThrow();
        assertThat(en.query()).isEqualTo("reset password");
        assertThat(en.searches()).isEqualTo(2);
        assertThat(en.zeroResultSearches()).isEqualTo(1);
        assertThat(en.clicks()).isEqualTo(1);
        assertThat(en.lastSeen()).isEqualTo(DAY1.plusSeconds(5));
    }

    @Test
    void reports_coverTheUtcDaysOfThePeriodOnly() {
        store.offer(search(DAY1, "s1", "invoice", 2));
        store.offer(search(DAY2, "s2", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY2, "s2", "invoice", "en", false, A, 2));
        store.flush();
        assertThat(sorted(DAY1, END1)).singleElement().extracting(QueryStats::searches).isEqualTo(1L);
        assertThat(sorted(END1, END2)).singleElement().extracting(QueryStats::clicks).isEqualTo(1L);
        assertThat(sorted(DAY1, END2)).singleElement().extracting(QueryStats::searches).isEqualTo(2L);
        assertThat(sorted(END2, END2.plus(Duration.ofDays(3)))).isEmpty();
        assertThat(store.clicksPerArticle(DAY1, END1)).isEmpty();
        assertThat(store.clicksPerArticle(DAY1, END2)).containsEntry(A, 1L);
    }

    @Test
    void sessionEvents_listTheSearchesAndClicksOfSessionsInThePeriod_pendingIncluded_erasedNever() {
        store.offer(search(DAY1, "s1", "bill", 0));
        store.offer(search(DAY1.plusSeconds(5), "s1", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1.plusSeconds(9), "s1", "invoice", "en", false, A, 1));
        store.offer(search(DAY1.plusSeconds(10), null, "anonymous", 1));
        store.offer(AnalyticsEvent.ticket(DAY1.plusSeconds(20), "s1"));
        store.offer(search(DAY2, "s2", "later", 1));
        List<AnalyticsEvent> day1 = new java.util.ArrayList<>();
        store.sessionEvents(DAY1.minusSeconds(60), END1, day1::add);
        day1.sort(Comparator.comparing(AnalyticsEvent::at));
        assertThat(day1).extracting(AnalyticsEvent::kind).containsExactly(AnalyticsEvent.Kind.SEARCH,
                AnalyticsEvent.Kind.SEARCH, AnalyticsEvent.Kind.CLICK);
        assertThat(day1).extracting(AnalyticsEvent::session).containsOnly("s1");
        assertThat(day1).extracting(AnalyticsEvent::query).containsExactly("bill", "invoice", "invoice");
        assertThat(day1).extracting(AnalyticsEvent::language).containsOnly("en");
        assertThat(day1.get(0).results()).isZero();
        assertThat(day1.get(1).results()).isEqualTo(2);
        assertThat(day1.get(2).article()).isEqualTo(A);
        assertThat(day1.get(0).at()).isEqualTo(DAY1);

        store.eraseViewer("s1");
        List<AnalyticsEvent> all = new java.util.ArrayList<>();
        store.sessionEvents(DAY1.minusSeconds(60), END2, all::add);
        assertThat(all).extracting(AnalyticsEvent::session).containsExactly("s2");
    }

    @Test
    void deflection_countsSessionsThatSearchedClickedAndOpenedNoTicket() {
        store.offer(search(DAY1, "s1", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1, "s1", "invoice", "en", false, A, 1));
        store.offer(search(DAY1, "s2", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1, "s2", "invoice", "en", false, A, 1));
        store.offer(AnalyticsEvent.ticket(DAY1, "s2"));
        store.offer(search(DAY1, "s3", "refund", 0));
        store.offer(search(DAY1, null, "refund", 0));
        store.flush();
        DeflectionEstimate d = store.deflection(DAY1, END1);
        assertThat(d.searchSessions()).isEqualTo(3);
        assertThat(d.sessionsWithClick()).isEqualTo(2);
        assertThat(d.deflected()).isEqualTo(1);
    }

    @Test
    void offer_neverBlocks_andCountsDropsWhenFull() {
        store.close();
        store = newStore(10, DAY2);
        int kept = 0;
        for (int i = 0; i < 100; i++) {
            kept += store.offer(search(DAY1, "s" + i, "q" + i, 1)) ? 1 : 0;
        }
        assertThat(kept).isGreaterThanOrEqualTo(10);
        assertThat(store.dropped()).isEqualTo(100 - kept);
        store.flush();
        assertThat(store.recorded()).isEqualTo(kept);
    }

    @Test
    protected void reopen_keepsRecordedEvents() {
        store.offer(search(DAY1, "s1", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1, "s1", "invoice", "en", false, A, 1));
        store.close();
        store = reopen(DAY2);
        assertThat(store).as("a durable store reopens; an in-memory one must override this test").isNotNull();
        assertThat(sorted(DAY1, DAY2)).singleElement().satisfies(q -> {
            assertThat(q.searches()).isEqualTo(1);
            assertThat(q.clicks()).isEqualTo(1);
        });
        assertThat(store.clicksPerArticle(DAY1, DAY2)).containsEntry(A, 1L);
    }

    // ------------------------------------------------------------------ right of access, erasure

    /** Two days of searches by the viewer "s1" and by "s2"; some stay queued. */
    private void twoViewers() {
        store.offer(search(DAY1, "s1", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1.plusSeconds(5), "s1", "invoice", "en", false, A, 1));
        store.offer(AnalyticsEvent.ticket(DAY1.plusSeconds(9), "s1"));
        store.offer(search(DAY1.plusSeconds(20), "s2", "invoice", 2));
        store.offer(AnalyticsEvent.click(DAY1.plusSeconds(25), "s2", "invoice", "en", false, A, 2));
        store.flush();
        store.offer(search(DAY2, "s1", "refund", 0));
        store.offer(search(DAY2.plusSeconds(1), "s2", "refund", 0));
    }

    @Test
    void viewerRecords_listTheSessionsEventsOldestFirst_queuedOnesIncluded() {
        twoViewers();
        List<ViewerRecord> records = store.viewerRecords("s1");
        assertThat(records).extracting(ViewerRecord::kind).containsExactly(ViewerRecord.Kind.SEARCH,
                ViewerRecord.Kind.CLICK, ViewerRecord.Kind.TICKET, ViewerRecord.Kind.SEARCH);
        assertThat(records).extracting(ViewerRecord::at).containsExactly(DAY1, DAY1.plusSeconds(5),
                DAY1.plusSeconds(9), DAY2);
        assertThat(records.get(0).query()).isEqualTo("invoice");
        assertThat(records.get(0).locale()).isEqualTo(Locale.ENGLISH);
        assertThat(records.get(1).article()).isEqualTo(A);
        assertThat(records.get(3).query()).isEqualTo("refund");
        assertThat(store.viewerRecords("nobody")).isEmpty();
    }

    @Test
    void eraseViewer_removesItsEventsFromRecordsAndEveryReport() {
        twoViewers();
        assertThat(store.eraseViewer("s1")).isEqualTo(4);
        assertThat(store.viewerRecords("s1")).isEmpty();
        assertThat(store.viewerRecords("s2")).hasSize(3);
        assertErased();
        assertThat(store.eraseViewer("s1")).as("nothing left to erase").isZero();
    }

    /** What the reports say once "s1" is erased from {@link #twoViewers()}. */
    protected void assertErased() {
        List<QueryStats> q = sorted(DAY1, END2);
        assertThat(q).extracting(QueryStats::query).containsExactly("invoice", "refund");
        assertThat(q.get(0).searches()).isEqualTo(1);
        assertThat(q.get(0).clicks()).isEqualTo(1);
        assertThat(q.get(1).searches()).isEqualTo(1);
        assertThat(q.get(1).zeroResultSearches()).isEqualTo(1);
        assertThat(store.clicksPerArticle(DAY1, END2)).containsExactly(java.util.Map.entry(A, 1L));
        DeflectionEstimate d = store.deflection(DAY1, END1);
        assertThat(d.searchSessions()).isEqualTo(1);
        assertThat(d.sessionsWithClick()).isEqualTo(1);
        assertThat(d.deflected()).as("the ticket was s1's").isEqualTo(1);
    }

    @Test
    void eraseViewer_ofTheOnlySearcher_dropsTheQuery() {
        store.offer(search(DAY1, "only", "jane doe 4471", 1));
        store.flush();
        store.eraseViewer("only");
        assertThat(store.queries(DAY1, END2)).isEmpty();
        assertThat(store.deflection(DAY1, END2).searchSessions()).isZero();
    }

    @Test
    protected void eraseViewer_isDurable_acrossCloseAndReopen() {
        twoViewers();
        store.eraseViewer("s1");
        store.close();
        store = reopen(DAY2);
        assertThat(store).as("a durable store reopens; an in-memory one must override this test").isNotNull();
        assertThat(store.viewerRecords("s1")).isEmpty();
        assertThat(store.viewerRecords("s2")).hasSize(3);
        assertErased();
    }
}
