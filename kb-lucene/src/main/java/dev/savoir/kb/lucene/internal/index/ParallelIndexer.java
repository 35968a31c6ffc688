package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one indexing task per item over a small bounded pool, the calling thread included: Lucene analyses a document
 * on the thread that adds it, so {@code n} threads analyse (and render) {@code n} documents at once.
 *
 * <p>{@link #forEach} returns only once every item was handled: when one fails, the items not started yet are
 * skipped, the ones running finish, and the first failure is thrown (as a {@link KbException} naming the item) on
 * the calling thread; later failures are attached as suppressed. The calling thread always takes part, so a busy or
 * shut-down pool slows a batch down but never stalls it. Pool threads are named daemon threads that end after a
 * minute idle; {@link #close()} stops them. Thread-safe.
 */
public final class ParallelIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelIndexer.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Batches smaller than this run on the calling thread alone (a single publish needs no hand-off). */
    static final int MIN_PARALLEL_ITEMS = 4;

    /** One item's work. */
    @FunctionalInterface
    public interface Task<T> {
        void run(T item) throws Exception;
    }

    private final int threads;
    private final @Nullable ThreadPoolExecutor pool;

    /** @param threads the threads working on one batch, the caller's included; 1 runs everything on the caller */
    public ParallelIndexer(int threads) {
        if (threads < 1) {
            throw new InvalidArgumentException("threads", "must be at least 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            String prefix = "savoir-indexer-" + POOLS.incrementAndGet() + "-";
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor p = new ThreadPoolExecutor(threads - 1, threads - 1, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, prefix + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true);
            this.pool = p;
        }
    }

    /** The threads working on one batch, the caller's included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} on every item, in parallel, and returns when all are done.
     *
     * @param describe names an item in the error message (e.g. its article id)
     * @throws KbException naming the first item that failed, with its failure as the cause
     */
    public <T> void forEach(List<T> items, Task<T> task, Function<T, String> describe) {
        int size = items.size();
        if (size == 0) {
            return;
        }
        Batch<T> batch = new Batch<>(items, task);
        int helpers = pool == null || size < MIN_PARALLEL_ITEMS ? 0 : Math.min(threads - 1, size - 1);
        for (int i = 0; i < helpers; i++) {
            try {
                pool.execute(batch::work);
            } catch (RejectedExecutionException e) {
                LOG.debug("The indexing pool is shut down; indexing on the calling thread", e);
                break;
            }
        }
        batch.work();
        batch.await();
        Failure f = batch.failure.get();
        if (f != null) {
            if (f.error instanceof Error error) {
                throw error;
            }
            String what = describe.apply(items.get(f.index));
            KbException e = new KbException("indexing " + what + " failed (" + f.error
                    + "); nothing of this batch counts as applied, so the index catches it up from the store when "
                    + "the knowledge base is reopened or rebuilt: fix the cause first", f.error);
            batch.suppressed.forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Stops the pool threads; a later {@link #forEach} runs on the calling thread. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    private record Failure(int index, Throwable error) {
    }

    /** The shared state of one {@link #forEach}: the next item to claim and the items still to finish. */
    private static final class Batch<T> {
        private final List<T> items;
        private final Task<T> task;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<@Nullable Failure> failure = new AtomicReference<>();
        private final java.util.Queue<Throwable> suppressed = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Batch(List<T> items, Task<T> task) {
            this.items = items;
            this.task = task;
            this.done = new CountDownLatch(items.size());
        }

        void work() {
            int i;
            while ((i = next.getAndIncrement()) < items.size()) {
                try {
                    if (failure.get() == null) {
                        task.run(items.get(i));
                    }
                } catch (Throwable t) {
                    if (!failure.compareAndSet(null, new Failure(i, t)) && suppressed.size() < 10) {
                        suppressed.add(t);
                    }
                } finally {
                    done.countDown();
                }
            }
        }

        /** Waits for the items other threads claimed; an interrupt is kept for later, the batch is not abandoned. */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
