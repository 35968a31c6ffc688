package dev.savoir.kb.search;

import dev.savoir.kb.internal.Check;
import org.apiguardian.api.API;

/**
 * How far the search index has caught up with the store, from {@code KnowledgeBase.indexStatus()}: what a health
 * check or a lag gauge reads. The store numbers its changes; every change up to {@code indexedChange} is in the
 * index (searchable within the engine's refresh interval, or at once after {@code refresh()}).
 *
 * <p>On a store one process owns, every write is indexed before its call returns, so the lag is 0 but for writes
 * under way and articles whose indexing failed (retried in the background). On a shared store (PostgreSQL), the lag
 * also counts what other nodes committed that this node has not read from the change feed yet.
 *
 * @param enabled whether the knowledge base has a search engine at all (without one there is no index to lag, and
 *     {@code indexedChange} equals {@code lastChange})
 * @param lastChange the store's last change number
 * @param indexedChange every change up to this one is in the index
 * @param awaitingRepair articles whose indexing failed after they were stored, retried in the background
 * @param following whether the index follows a shared store's change feed
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record IndexStatus(boolean enabled, long lastChange, long indexedChange, int awaitingRepair,
                          boolean following) {
    public IndexStatus {
        Check.atLeast("lastChange", lastChange, 0);
        Check.atLeast("indexedChange", indexedChange, 0);
        Check.atLeast("awaitingRepair", awaitingRepair, 0);
    }

    /** How many store changes are not in the index yet (0 when caught up). */
    public long lag() {
        return Math.max(0, lastChange - indexedChange);
    }

    /** Whether the index holds every stored change and no article awaits repair. */
    public boolean caughtUp() {
        return lag() == 0 && awaitingRepair == 0;
    }
}
