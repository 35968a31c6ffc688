package dev.savoir.kb.internal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.internal.FolderText;
import dev.savoir.kb.spi.FeedbackStore;
import dev.savoir.kb.spi.tck.FeedbackStoreContract;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in feedback log, in a folder, passes the whole {@link FeedbackStoreContract}, and an erasure leaves no
 * byte of the viewer in its file.
 */
class FileFeedbackStoreContractTest extends FeedbackStoreContract {
    @TempDir
    Path dir;

    @Override
    protected FeedbackStore newStore(Clock clock, Duration window) {
        return new FileFeedbackStore(dir, window, clock);
    }

    @Override
    protected FeedbackStore reopen(Clock clock, Duration window) {
        return new FileFeedbackStore(dir, window, clock);
    }

    @Test
    void eraseViewer_leavesNoTraceOfTheViewerInTheLog() {
        String viewer = "jane-doe-77";
        store.recordView(A, EN, viewer, clock.instant());
        store.recordVote(A, EN, viewer, false, null, "call me on zorblax", clock.instant());
        store.recordVote(B, EN, viewer, true, null, null, clock.instant());
        store.recordVote(A, EN, "other", true, null, "fine", clock.instant());
        store.flush();
        assertThat(FolderText.filesContaining(dir, viewer)).as("recorded").isNotEmpty();

        store.eraseViewer(viewer);

        assertThat(FolderText.filesContaining(dir, viewer)).as("rewritten, not filtered on read").isEmpty();
        assertThat(FolderText.filesContaining(dir, "zorblax")).isEmpty();
        assertThat(FolderText.filesContaining(dir, "other")).isNotEmpty();
        store.recordTicket(A, "T-1", clock.instant());
        store.close();
        store = reopen(clock, WINDOW);
        assertThat(FolderText.filesContaining(dir, viewer)).isEmpty();
        assertThat(store.summary(A).views()).as("anonymous view counts stay").isEqualTo(1);
        assertThat(store.summary(A).ticketLinks()).as("appends after the rewrite are kept").isEqualTo(1);
        assertThat(store.summary(A).helpful()).isEqualTo(1);
    }
}
