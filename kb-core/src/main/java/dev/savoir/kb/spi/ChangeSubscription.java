package dev.savoir.kb.spi;

import org.apiguardian.api.API;

/**
 * A subscription to a shared store's change hints, from {@link ArticleStore#subscribe}: closing it stops the calls
 * and releases what the store holds for it (a listening connection, a thread). Idempotent.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface ChangeSubscription extends AutoCloseable {
    /** Stops the calls; idempotent. */
    @Override
    void close();

    /** The subscription of a store that never calls back. */
    static ChangeSubscription none() {
        return () -> { };
    }
}
