package dev.savoir.kb.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.spi.AnalyticsEvent;
import dev.savoir.kb.spi.AnalyticsStore;
import dev.savoir.kb.spi.tck.AnalyticsStoreContract;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The built-in analytics without a folder ({@code inMemory()} knowledge bases) pass the kit, with one declared
 * difference: nothing survives closing them (so neither does an erasure, which has nothing left to undo).
 */
class InMemoryAnalyticsStoreContractTest extends AnalyticsStoreContract {
    @Override
    protected AnalyticsStore newStore(int queueCapacity, Instant now) {
        return new FileAnalyticsStore(null, queueCapacity, 365, now);
    }

    @Override
    protected @Nullable AnalyticsStore reopen(Instant now) {
        return null;
    }

    /** Declared difference: an in-memory store starts empty again. */
    @Test
    @Override
    protected void reopen_keepsRecordedEvents() {
        store.offer(AnalyticsEvent.search(DAY1, "s1", "invoice", "en", false, 1, List.of(A), 10));
        store.close();
        store = newStore(10, DAY2);
        assertThat(store.queries(DAY1, DAY2)).isEmpty();
    }

    /** Declared difference: an in-memory store keeps nothing to erase after closing. */
    @Test
    @Override
    protected void eraseViewer_isDurable_acrossCloseAndReopen() {
        store.offer(AnalyticsEvent.search(DAY1, "s1", "invoice", "en", false, 1, List.of(A), 10));
        store.eraseViewer("s1");
        store.close();
        store = newStore(10, DAY2);
        assertThat(store.viewerRecords("s1")).isEmpty();
    }
}
