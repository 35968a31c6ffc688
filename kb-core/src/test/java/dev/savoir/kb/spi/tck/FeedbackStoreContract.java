package dev.savoir.kb.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.feedback.FeedbackSummary;
import dev.savoir.kb.feedback.ReaderComment;
import dev.savoir.kb.feedback.VoteReason;
import dev.savoir.kb.privacy.ViewerRecord;
import dev.savoir.kb.spi.FeedbackStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link FeedbackStore} SPI. An implementation runs the whole suite by subclassing and
 * implementing {@link #newStore}; a durable one also implements {@link #reopen}. A behaviour an implementation cannot
 * honour must be declared by overriding its test with a documented reason, never silently skipped.
 */
public abstract class FeedbackStoreContract {
    protected static final Locale EN = Locale.ENGLISH;
    protected static final Duration WINDOW = Duration.ofMinutes(30);
    protected static final ArticleId A = ArticleId.of("a");
    protected static final ArticleId B = ArticleId.of("b");

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    protected FeedbackStore store;

    /** A new, empty store whose view dedup window is {@code window} on {@code clock}. */
    protected abstract FeedbackStore newStore(Clock clock, Duration window);

    /**
     * The same store opened again after {@link FeedbackStore#close()}, or null for a store that keeps nothing
     * beyond its life (then {@link #reopen_keepsVotesTicketsAndFlushedViews()} must be overridden with the reason).
     */
    protected abstract @Nullable FeedbackStore reopen(Clock clock, Duration window);

    @BeforeEach
    void open() {
        store = newStore(clock, WINDOW);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void emptyStore_summarizesNothing() {
        assertThat(store.summary(A)).isEqualTo(FeedbackSummary.EMPTY);
        assertThat(store.summaries()).isEmpty();
        assertThat(store.views(A, now().minus(Duration.ofDays(1)), now().plus(Duration.ofDays(1)))).isZero();
        assertThat(store.comments(A)).isEmpty();
    }

    @Test
    void views_bySameViewerWithinWindow_countOnce_thenAgainAfterIt() {
        assertThat(store.recordView(A, EN, "v1", now())).isTrue();
        assertThat(store.recordView(A, EN, "v1", now())).isFalse();
        assertThat(store.recordView(A, EN, "v2", now())).isTrue();
        assertThat(store.recordView(B, EN, "v1", now())).isTrue();
        clock.advance(WINDOW.plusMinutes(1));
        assertThat(store.recordView(A, EN, "v1", now())).isTrue();
        assertThat(store.summary(A).views()).isEqualTo(3);
        assertThat(store.summary(B).views()).isEqualTo(1);
    }

    @Test
    void views_ofSeveralArticles_equalTheOneByOneCounts() {
        ArticleId c = ArticleId.of("never-viewed");
        Instant day1 = now();
        store.recordView(A, EN, "v1", day1);
        store.recordView(B, EN, "v1", day1);
        clock.advance(Duration.ofDays(1));
        store.recordView(A, EN, "v1", now());
        store.recordView(A, EN, "v2", now());
        Instant day2 = now();
        Instant end = day2.plus(Duration.ofDays(1));
        for (Instant[] window : new Instant[][] {{day1, day2}, {day1, end}, {day2, end}}) {
            Map<ArticleId, Long> batch = store.views(List.of(A, B, c), window[0], window[1]);
            assertThat(batch).containsOnlyKeys(A, B, c);
            assertThat(batch).containsEntry(A, store.views(A, window[0], window[1]))
                    .containsEntry(B, store.views(B, window[0], window[1])).containsEntry(c, 0L);
        }
        assertThat(store.views(List.of(A, B, c), day1, end)).containsExactlyInAnyOrderEntriesOf(
                Map.of(A, 3L, B, 1L, c, 0L));
        assertThat(store.views(List.of(), day1, end)).isEmpty();
    }

    @Test
    void views_areCountedPerUtcDay_fromInclusiveToExclusive() {
        Instant day1 = now();
        store.recordView(A, EN, "v1", day1);
        clock.advance(Duration.ofDays(1));
        store.recordView(A, EN, "v1", now());
        store.recordView(A, EN, "v2", now());
        Instant day2 = now();
        assertThat(store.views(A, day1, day2)).isEqualTo(1);
        assertThat(store.views(A, day1, day2.plus(Duration.ofDays(1)))).isEqualTo(3);
        assertThat(store.views(A, day2, day2.plus(Duration.ofDays(1)))).isEqualTo(2);
        assertThat(store.views(B, day1, day2.plus(Duration.ofDays(1)))).isZero();
    }

    @Test
    void secondVote_bySameViewer_replacesTheFirst_withItsReason() {
        store.recordVote(A, EN, "v1", false, VoteReason.OUTDATED, "old screenshots", now());
        store.recordVote(A, EN, "v2", true, null, null, now());
        FeedbackSummary first = store.summary(A);
        assertThat(first.helpful()).isEqualTo(1);
        assertThat(first.notHelpful()).isEqualTo(1);
        assertThat(first.reasons()).containsExactlyEntriesOf(Map.of(VoteReason.OUTDATED, 1L));
        store.recordVote(A, EN, "v1", true, null, null, now());
        FeedbackSummary second = store.summary(A);
        assertThat(second.helpful()).isEqualTo(2);
        assertThat(second.notHelpful()).isZero();
        assertThat(second.reasons()).isEmpty();
    }

    @Test
    void comments_areKeptNewestFirst_withVoteAndReason() {
        store.recordVote(A, EN, "v1", false, VoteReason.INCORRECT, "wrong menu", now());
        clock.advance(Duration.ofMinutes(1));
        store.recordVote(A, EN, "v2", true, null, "thanks", now());
        List<ReaderComment> comments = store.comments(A);
        assertThat(comments).extracting(ReaderComment::text).containsExactly("thanks", "wrong menu");
        assertThat(comments.get(1).reason()).isEqualTo(VoteReason.INCORRECT);
        assertThat(comments.get(1).helpful()).isFalse();
        assertThat(comments.get(1).locale()).isEqualTo(EN);
        assertThat(store.comments(B)).isEmpty();
    }

    @Test
    void comments_keepAtMostTwenty() {
        for (int i = 0; i < 25; i++) {
            store.recordVote(A, EN, "v" + i, true, null, "comment " + i, now());
        }
        assertThat(store.comments(A)).hasSize(20).first().extracting(ReaderComment::text).isEqualTo("comment 24");
    }

    @Test
    void ticket_countsOncePerArticle() {
        store.recordTicket(A, "T-1", now());
        store.recordTicket(A, "T-1", now());
        store.recordTicket(A, "T-2", now());
        store.recordTicket(B, "T-1", now());
        assertThat(store.summary(A).ticketLinks()).isEqualTo(2);
        assertThat(store.summary(B).ticketLinks()).isEqualTo(1);
    }

    @Test
    void restore_addsImportedAggregatesToOwnCounts() {
        store.restore(A, new FeedbackSummary(10, 4, 2, Map.of(VoteReason.UNCLEAR, 2L), 3), now());
        store.recordView(A, EN, "v1", now());
        store.recordVote(A, EN, "v1", false, VoteReason.UNCLEAR, null, now());
        store.recordTicket(A, "T-9", now());
        FeedbackSummary s = store.summary(A);
        assertThat(s.views()).isEqualTo(11);
        assertThat(s.helpful()).isEqualTo(4);
        assertThat(s.notHelpful()).isEqualTo(3);
        assertThat(s.reasons()).containsExactlyEntriesOf(Map.of(VoteReason.UNCLEAR, 3L));
        assertThat(s.ticketLinks()).isEqualTo(4);
    }

    @Test
    void summaries_listEveryArticleWithFeedback() {
        store.recordView(A, EN, "v1", now());
        store.recordTicket(B, "T-1", now());
        assertThat(store.summaries()).containsOnlyKeys(A, B);
        assertThat(store.summaries().get(A)).isEqualTo(store.summary(A));
    }

    @Test
    protected void reopen_keepsVotesTicketsAndFlushedViews() {
        store.recordView(A, EN, "v1", now());
        store.recordVote(A, EN, "v1", false, VoteReason.OUTDATED, "old", now());
        store.recordTicket(A, "T-1", now());
        store.flush();
        FeedbackSummary before = store.summary(A);
        store.close();
        store = reopen(clock, WINDOW);
        assertThat(store).as("a durable store reopens; an in-memory one must override this test").isNotNull();
        assertThat(store.summary(A)).isEqualTo(before);
        assertThat(store.comments(A)).extracting(ReaderComment::text).containsExactly("old");
        store.recordVote(A, EN, "v1", true, null, null, now());
        assertThat(store.summary(A).notHelpful()).as("the reopened store remembers who voted").isZero();
    }

    @Test
    void concurrentVotesAndViews_areAllCounted() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        String viewer = "t" + thread + "-" + i;
                        store.recordView(A, EN, viewer, clock.instant());
                        store.recordVote(A, EN, viewer, i % 2 == 0, null, null, clock.instant());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        FeedbackSummary s = store.summary(A);
        assertThat(s.views()).isEqualTo(1000);
        assertThat(s.helpful()).isEqualTo(500);
        assertThat(s.notHelpful()).isEqualTo(500);
    }

    // ------------------------------------------------------------------ right of access, erasure

    @Test
    void viewerRecords_listItsVotesWithReasonsAndComments_andItsRecentViews() {
        store.recordView(A, EN, "v1", now());
        clock.advance(Duration.ofMinutes(1));
        store.recordVote(A, EN, "v1", false, VoteReason.OUTDATED, "old screenshots", now());
        clock.advance(Duration.ofMinutes(1));
        store.recordVote(B, Locale.FRENCH, "v1", true, null, null, now());
        store.recordVote(A, EN, "v2", true, null, "thanks", now());
        List<ViewerRecord> records = store.viewerRecords("v1");
        assertThat(records).extracting(ViewerRecord::kind).containsExactly(ViewerRecord.Kind.VIEW,
                ViewerRecord.Kind.VOTE, ViewerRecord.Kind.VOTE);
        ViewerRecord vote = records.get(1);
        assertThat(vote.article()).isEqualTo(A);
        assertThat(vote.locale()).isEqualTo(EN);
        assertThat(vote.helpful()).isFalse();
        assertThat(vote.reason()).isEqualTo(VoteReason.OUTDATED);
        assertThat(vote.comment()).isEqualTo("old screenshots");
        assertThat(records.get(2).locale()).isEqualTo(Locale.FRENCH);
        assertThat(records.get(0).article()).isEqualTo(A);
        assertThat(store.viewerRecords("nobody")).isEmpty();
    }

    @Test
    void eraseViewer_removesItsVotesCommentsAndViewLinks_keepsOthers() {
        store.recordView(A, EN, "v1", now());
        store.recordVote(A, EN, "v1", false, VoteReason.OUTDATED, "my name is Jane", now());
        store.recordVote(A, EN, "v2", true, null, "thanks", now());
        store.recordVote(B, EN, "v1", true, null, null, now());
        assertThat(store.eraseViewer("v1")).isGreaterThanOrEqualTo(3);
        assertThat(store.viewerRecords("v1")).isEmpty();
        FeedbackSummary a = store.summary(A);
        assertThat(a.helpful()).isEqualTo(1);
        assertThat(a.notHelpful()).isZero();
        assertThat(a.reasons()).isEmpty();
        assertThat(store.summary(B).helpful()).isZero();
        assertThat(store.comments(A)).extracting(ReaderComment::text).containsExactly("thanks");
        assertThat(store.recordView(A, EN, "v1", now())).as("nothing links v1 to its view any more").isTrue();
        assertThat(store.viewerRecords("v2")).hasSize(1);
        assertThat(store.eraseViewer("nobody")).isZero();
    }

    @Test
    protected void eraseViewer_isDurable_acrossCloseAndReopen() {
        store.recordVote(A, EN, "v1", false, VoteReason.OUTDATED, "my name is Jane", now());
        store.recordVote(A, EN, "v2", true, null, "thanks", now());
        store.eraseViewer("v1");
        store.close();
        store = reopen(clock, WINDOW);
        assertThat(store).as("a durable store reopens; an in-memory one must override this test").isNotNull();
        assertThat(store.viewerRecords("v1")).isEmpty();
        assertThat(store.summary(A).notHelpful()).isZero();
        assertThat(store.summary(A).helpful()).isEqualTo(1);
        assertThat(store.comments(A)).extracting(ReaderComment::text).containsExactly("thanks");
        store.recordVote(A, EN, "v2", false, null, null, now());
        assertThat(store.summary(A).helpful()).as("the other viewer's vote is still known").isZero();
    }

    /**
     * Whether the store under test is shared by several knowledge bases (nodes on one database), so that it must
     * list feedback changes ({@link FeedbackStore#changesSince}); a store only one knowledge base writes answers
     * {@code null} there.
     */
    protected boolean shared() {
        return false;
    }

    @Test
    void changesSince_listsEachArticleWhoseSignalsChanged_onASharedStore_andNothingOtherwise() {
        if (!shared()) {
            assertThat(store.changesSince(null, 10)).as("a store one knowledge base writes").isNull();
            return;
        }
        assertThat(store.changesSince(null, 10)).isEmpty();
        store.recordVote(A, EN, "v1", true, null, null, now());
        assertThat(store.recordView(B, EN, "v2", now())).isTrue();
        List<FeedbackStore.FeedbackChange> all = store.changesSince(null, 10);
        assertThat(all).extracting(FeedbackStore.FeedbackChange::article).containsExactly(A, B);
        assertThat(all.get(0).at()).isBeforeOrEqualTo(all.get(1).at());
        assertThat(store.changesSince(null, 1)).as("at most the limit, the oldest first")
                .extracting(FeedbackStore.FeedbackChange::article).containsExactly(A);
        Instant afterB = all.get(1).at();
        assertThat(store.changesSince(afterB, 10)).extracting(FeedbackStore.FeedbackChange::article)
                .as("changes at or after the time given").containsExactly(B);

        ArticleId c = ArticleId.of("c");
        store.restore(c, new FeedbackSummary(3, 1, 0, Map.of(), 0), now());
        store.eraseViewer("v1");
        List<FeedbackStore.FeedbackChange> later = store.changesSince(afterB, 10);
        assertThat(later).extracting(FeedbackStore.FeedbackChange::article)
                .as("a restore and the erasure of a vote change signals too").contains(c, A);
        assertThat(later.stream().filter(x -> x.article().equals(A)).findFirst().orElseThrow().at())
                .isAfterOrEqualTo(afterB);
        assertThat(store.changesSince(null, 10)).as("one entry per article, its latest change")
                .extracting(FeedbackStore.FeedbackChange::article).containsExactlyInAnyOrder(A, B, c);
    }
}
