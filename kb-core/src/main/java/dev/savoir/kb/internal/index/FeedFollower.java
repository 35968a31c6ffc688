package dev.savoir.kb.internal.index;

import dev.savoir.kb.internal.RetryLog;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.ChangeSubscription;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index of a knowledge base on a {@link ArticleStore#shared() shared} store current with what other
 * processes commit: woken by the store's change hints ({@link ArticleStore#subscribe}) for latency and by a timer
 * every follow interval as the fallback when a hint is lost, it runs rounds of {@link IndexSync#follow} (through the
 * write pipeline, which holds the articles' write locks) on the shared scheduler, one at a time, until the feed is
 * read to its end. A failed round (the database down) is logged and the next wake-up tries again from the same
 * cursor: nothing is skipped. Thread-safe.
 */
public final class FeedFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);
    /** Changes read per round. */
    public static final int LIMIT = 5_000;

    private final IntSupplier round;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ScheduledFuture<?> poll;
    private final ChangeSubscription subscription;
    private volatile boolean closed;
    private final RetryLog failures = new RetryLog(LOG, "Following the store's change feed");

    /**
     * @param round reads and applies up to {@value #LIMIT} changes, returning how many it read
     */
    public FeedFollower(IntSupplier round, ArticleStore store, ScheduledExecutorService scheduler, Duration interval) {
        this.round = round;
        this.scheduler = scheduler;
        long every = Math.max(1, interval.toMillis());
        this.poll = scheduler.scheduleWithFixedDelay(this::wake, every, every, TimeUnit.MILLISECONDS);
        this.subscription = store.subscribe(this::wake);
    }

    /** Asks for a round soon (a change hint or the timer); returns at once. */
    void wake() {
        if (closed || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(this::runQuietly);
        } catch (RejectedExecutionException e) {
            queued.set(false);
        }
    }

    private void runQuietly() {
        queued.set(false);
        try {
            followNow();
            failures.succeeded();
        } catch (RuntimeException e) {
            failures.failed(e);
        }
    }

    /** Reads the feed to its end now, on the caller's thread. */
    public void followNow() {
        while (!closed && round.getAsInt() >= LIMIT) {
            // a full round: more may be waiting
        }
    }

    /** Stops the timer and the store's hints; a round under way finishes. Idempotent. */
    @Override
    public void close() {
        closed = true;
        poll.cancel(false);
        subscription.close();
    }
}
