package dev.savoir.kb;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.store.FileArticleStore;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Thread pools and cache memory shared by many knowledge bases in one JVM (one per tenant of a CRM, say). Create one,
 * pass it to every {@link KnowledgeBaseBuilder#shared(SharedResources)}, and close it after the knowledge bases.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class SharedResources implements AutoCloseable {
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final Cache<Object, Object> cache;
    private final long cacheBytes;

    private SharedResources(Builder b) {
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : Executors.newScheduledThreadPool(b.threads,
                daemonThreads("savoir-scheduler"));
        this.cacheBytes = b.cacheBytes;
        // Statistics on: an observer (kb-micrometer) reports the hit rate.
        this.cache = Caffeine.newBuilder().maximumWeight(b.cacheBytes).weigher(FileArticleStore::weigh)
                .recordStats().build();
    }

    /** Defaults: one daemon scheduler thread, a 64 MiB revision cache. */
    public static SharedResources create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The scheduler running background tasks (scheduled publishing, index refreshes). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The byte budget of the shared revision cache. */
    public long cacheBytes() {
        return cacheBytes;
    }

    /** The number of entries currently cached across all knowledge bases. */
    public long cachedEntries() {
        return cache.estimatedSize();
    }

    Cache<Object, Object> cache() {
        return cache;
    }

    /** Stops the scheduler if this object created it. Close the knowledge bases first. */
    @Override
    public void close() {
        if (ownsScheduler) {
            scheduler.shutdownNow();
        }
        cache.invalidateAll();
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A builder of {@link SharedResources}; each option may be set once. */
    public static final class Builder {
        private @Nullable ScheduledExecutorService scheduler;
        private int threads = 1;
        private long cacheBytes = 64L << 20;
        private boolean threadsSet;
        private boolean cacheSet;

        private Builder() {
        }

        /** Runs background tasks on the host's scheduler (not shut down by {@link #close()}). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            if (this.scheduler != null || threadsSet) {
                throw new InvalidArgumentException("scheduler", "the scheduler or its thread count was already set: "
                        + "set one of them, once");
            }
            this.scheduler = Check.notNull("scheduler", scheduler);
            return this;
        }

        /** The number of threads of the scheduler Savoir creates (default 1). */
        public Builder schedulerThreads(int threads) {
            if (this.scheduler != null || threadsSet) {
                throw new InvalidArgumentException("schedulerThreads", "the scheduler or its thread count was already "
                        + "set: set one of them, once");
            }
            Check.atLeast("schedulerThreads", threads, 1);
            this.threads = threads;
            this.threadsSet = true;
            return this;
        }

        /** The memory budget, in bytes, of the revision cache shared by all knowledge bases (default 64 MiB). */
        public Builder cacheBytes(long bytes) {
            if (cacheSet) {
                throw new InvalidArgumentException("cacheBytes", "was already set on this builder: set each option "
                        + "once");
            }
            Check.atLeast("cacheBytes", bytes, 0);
            this.cacheBytes = bytes;
            this.cacheSet = true;
            return this;
        }

        public SharedResources build() {
            return new SharedResources(this);
        }
    }
}
