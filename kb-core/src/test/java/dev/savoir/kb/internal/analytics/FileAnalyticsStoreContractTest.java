package dev.savoir.kb.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.analytics.QueryStats;
import dev.savoir.kb.internal.FolderText;
import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.tck.AnalyticsStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in analytics logs, in a folder, pass the whole {@link AnalyticsStoreContract}, and an erasure leaves no
 * byte of the session in any of their files.
 */
class FileAnalyticsStoreContractTest extends AnalyticsStoreContract {
    @TempDir
    Path dir;

    @Override
    protected AnalyticsStore newStore(int queueCapacity, Instant now) {
        return new FileAnalyticsStore(dir, queueCapacity, 365, now);
    }

    @Override
    protected AnalyticsStore reopen(Instant now) {
        return new FileAnalyticsStore(dir, 1_000, 365, now);
    }

    @Test
    void eraseViewer_leavesNoTraceOfTheSessionInAnyFile() {
        String session = "jane-doe-session-77";
        store.offer(AnalyticsEvent.search(DAY1, session, "zorblax refund", "en", false, 1, List.of(A), 10));
        store.offer(AnalyticsEvent.ticket(DAY1.plusSeconds(1), session));
        store.offer(AnalyticsEvent.search(DAY1.plusSeconds(2), "other", "invoice", "en", false, 1, List.of(A), 10));
        store.offer(AnalyticsEvent.search(DAY2, session, "zorblax refund", "en", false, 1, List.of(A), 10));
        store.flush();
        store.close();
        store = reopen(DAY2);
        store.offer(AnalyticsEvent.search(DAY2.plusSeconds(5), session, "zorblax again", "en", false, 0, List.of(),
                10));
        store.flush();
        assertThat(FolderText.filesContaining(dir, session)).as("recorded").isNotEmpty();
        assertThat(FolderText.filesContaining(dir, "zorblax")).isNotEmpty();

        store.eraseViewer(session);

        assertThat(FolderText.filesContaining(dir, session)).as("rewritten, not filtered on read").isEmpty();
        assertThat(FolderText.filesContaining(dir, "zorblax")).isEmpty();
        assertThat(FolderText.filesContaining(dir, "other")).isNotEmpty();
        store.offer(AnalyticsEvent.search(DAY2.plusSeconds(9), "later", "printer", "en", false, 1, List.of(A), 10));
        store.close();
        assertThat(FolderText.filesContaining(dir, session)).as("after close").isEmpty();
        store = reopen(DAY2);
        assertThat(store.queries(DAY1, DAY2.plusSeconds(60))).extracting(QueryStats::query)
                .containsExactlyInAnyOrder("invoice", "printer");
    }
}
