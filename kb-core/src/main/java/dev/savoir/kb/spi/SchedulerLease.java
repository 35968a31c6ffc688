package dev.savoir.kb.spi;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Decides which process runs scheduled transitions (scheduled publishing and archiving) when several processes share
 * one store: {@code processScheduled()} runs only while {@link #tryAcquire} says this process holds the lease, so
 * exactly one process at a time publishes what came due. The default, {@link #local()}, always grants it: right for
 * one process per store (the file store locks its folder, so it is always one).
 *
 * <p>A shared implementation (a database row with an expiry, say) must grant the lease to at most one holder at a
 * time, let the holder renew it, and let another holder take it once it expired. Thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SchedulerLease {
    /**
     * Takes or renews the lease for {@code ttl}.
     *
     * @return whether this process holds it now (and may run scheduled transitions)
     */
    boolean tryAcquire(Duration ttl);

    /** Gives the lease up early (on close), so another process can take it at once. */
    void release();

    /** The lease of a store only one process opens: always granted. */
    static SchedulerLease local() {
        return LocalLease.INSTANCE;
    }
}
