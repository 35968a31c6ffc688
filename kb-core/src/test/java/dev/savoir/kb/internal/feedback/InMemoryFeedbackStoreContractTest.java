package dev.savoir.kb.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.tck.FeedbackStoreContract;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The built-in feedback store without a folder ({@code inMemory()} knowledge bases) passes the kit, with one declared
 * difference: nothing survives closing it (so neither does an erasure, which has nothing left to undo).
 */
class InMemoryFeedbackStoreContractTest extends FeedbackStoreContract {
    @Override
    protected FeedbackStore newStore(Clock clock, Duration window) {
        return new FileFeedbackStore(null, window, clock);
    }

    @Override
    protected @Nullable FeedbackStore reopen(Clock clock, Duration window) {
        return null;
    }

    /** Declared difference: an in-memory store starts empty again. */
    @Test
    @Override
    protected void reopen_keepsVotesTicketsAndFlushedViews() {
        store.recordTicket(A, "T-1", clock.instant());
        store.close();
        store = newStore(clock, WINDOW);
        assertThat(store.summary(A).ticketLinks()).isZero();
    }

    /** Declared difference: an in-memory store keeps nothing to erase after closing. */
    @Test
    @Override
    protected void eraseViewer_isDurable_acrossCloseAndReopen() {
        store.recordVote(A, EN, "v1", false, null, "mine", clock.instant());
        store.eraseViewer("v1");
        store.close();
        store = newStore(clock, WINDOW);
        assertThat(store.viewerRecords("v1")).isEmpty();
    }
}
