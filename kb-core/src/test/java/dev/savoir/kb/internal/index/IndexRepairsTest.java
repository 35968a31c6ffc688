package dev.savoir.kb.internal.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.ArticleId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The applied sequence given to the engine never passes a write in flight or an article awaiting repair. */
class IndexRepairsTest {
    private static final ArticleId A = ArticleId.of("a");
    private static final ArticleId B = ArticleId.of("b");

    @Test
    void mark_ofALoneWrite_isItsSequence() {
        IndexRepairs r = new IndexRepairs();
        IndexTicket t = r.begin(4);
        assertThat(r.mark(5, t, List.of(A))).isEqualTo(5);
    }

    @Test
    void mark_staysBelowAnEarlierWriteStillInFlight() {
        IndexRepairs r = new IndexRepairs();
        IndexTicket slow = r.begin(4);   // will be change 5
        IndexTicket fast = r.begin(5);   // change 6, indexed first
        assertThat(r.mark(6, fast, List.of(B))).isEqualTo(4);
        r.succeeded(fast, List.of(B), 6);
        assertThat(r.mark(5, slow, List.of(A))).isEqualTo(5);
        r.succeeded(slow, List.of(A), 5);
        assertThat(r.repairMark(A)).isEqualTo(6);
    }

    @Test
    void failedWrite_capsLaterWrites_untilRepaired() {
        IndexRepairs r = new IndexRepairs();
        IndexTicket broken = r.begin(4);
        r.failed(broken, List.of(A), 0);
        IndexTicket later = r.begin(5);
        assertThat(r.mark(6, later, List.of(B))).isEqualTo(4);
        r.succeeded(later, List.of(B), 6);
        assertThat(r.pendingCount()).isEqualTo(1);
        assertThat(r.repairMark(A)).isEqualTo(6);
        r.repaired(A);
        IndexTicket next = r.begin(6);
        assertThat(r.mark(7, next, List.of(B))).isEqualTo(7);
    }

    @Test
    void laterWriteOfTheSameArticle_repairsIt() {
        IndexRepairs r = new IndexRepairs();
        r.failed(r.begin(4), List.of(A), 0);
        IndexTicket again = r.begin(5);
        assertThat(r.mark(6, again, List.of(A))).isEqualTo(6);
        r.succeeded(again, List.of(A), 6);
        assertThat(r.pendingCount()).isZero();
    }

    @Test
    void abandonedWrite_releasesItsFloor() {
        IndexRepairs r = new IndexRepairs();
        IndexTicket refused = r.begin(4);
        IndexTicket other = r.begin(4);
        r.abandon(refused);
        r.abandon(refused);
        assertThat(r.mark(5, other, List.of(B))).isEqualTo(5);
    }

    @Test
    void retries_backOff_thenAllOnRequest() {
        IndexRepairs r = new IndexRepairs();
        r.failed(r.begin(4), List.of(A), 1_000);
        assertThat(r.due(1_000, false)).isEmpty();
        assertThat(r.due(1_000 + IndexRepairs.FIRST_RETRY_NANOS, false)).containsExactly(A);
        r.repairFailed(A, 2_000);
        assertThat(r.due(2_000 + IndexRepairs.FIRST_RETRY_NANOS, false)).isEmpty();
        assertThat(r.due(2_000 + 2 * IndexRepairs.FIRST_RETRY_NANOS, false)).containsExactly(A);
        assertThat(r.due(2_000, true)).containsExactly(A);
        assertThat(IndexRepairs.backoff(1_000)).isEqualTo(IndexRepairs.MAX_RETRY_NANOS);
    }
}
