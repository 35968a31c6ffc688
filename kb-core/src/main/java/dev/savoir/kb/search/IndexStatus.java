package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import org.apiguardian.api.API;

/**
 * How far the search index has come with the store: what a health check reports. The store numbers its changes
 * ({@link dev.savoir.kb.KnowledgeBase#lastChange()}); the index is caught up when every change up to the store's last
 * one is in it (searchable within the engine's refresh interval, or at once after a refresh).
 *
 * @param enabled whether the knowledge base has a search engine at all (without one there is no index to lag)
 * @param storeSequence the store's last change when this was read
 * @param indexedSequence the change up to which every change is in the index (equals {@code storeSequence} without
 *     a search engine)
 * @param awaitingRepair articles whose indexing failed and that are retried in the background
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record IndexStatus(boolean enabled, long storeSequence, long indexedSequence, int awaitingRepair) {
    public IndexStatus {
        Check.atLeast("storeSequence", storeSequence, 0);
        Check.atLeast("indexedSequence", indexedSequence, 0);
        Check.atLeast("awaitingRepair", awaitingRepair, 0);
    }

    /** How many changes of the store the index has yet to apply (0 when caught up). */
    public long lag() {
        return Math.max(0, storeSequence - indexedSequence);
    }

    /** Whether every change of the store is in the index and no article awaits repair. */
    public boolean caughtUp() {
        return lag() == 0 && awaitingRepair == 0;
    }
}
