package dev.savoir.kb.internal.index;

import dev.savoir.kb.ArticleId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bookkeeping that keeps a failed index write from being forgotten: the articles whose indexing failed (to retry
 * with backoff), the writes still on their way to the index, and from both the highest store sequence the engine may
 * record as applied.
 *
 * <p>The engine's applied sequence is where the index catches up from when the knowledge base reopens, so it must
 * never pass a change that is not in the index: it stays below the first change of every article awaiting repair and
 * below every write that is stored but not yet indexed. A write takes an {@link IndexTicket} before it reaches the
 * store, holding the store's last sequence at that moment (its <em>floor</em>: every change up to it was stored
 * before the write began); it gives it back once indexed, or hands its articles to the repair set with the same
 * floor. After a restart the index therefore catches up from before the failed change, and repairs it. Thread-safe.
 */
final class IndexRepairs {
    /** The first retry comes this soon after a failure; each further failure doubles the wait, up to the max. */
    static final long FIRST_RETRY_NANOS = 100_000_000L;
    static final long MAX_RETRY_NANOS = 300_000_000_000L;

    /** An article whose indexing failed: the floor it caps the applied sequence at, and when to retry it. */
    private record Pending(long floor, int failures, long dueNanos) {
    }

    private final TreeMap<Long, Integer> inFlight = new TreeMap<>();
    private final Map<ArticleId, Pending> pending = new HashMap<>();
    private long highest;
    /** While the index follows a shared store: the follower's cursor, past which no applied sequence may go. */
    private long cap = Long.MAX_VALUE;

    /** Starts a write; {@code floor} is the store's last sequence before the write commits. */
    synchronized IndexTicket begin(long floor) {
        inFlight.merge(floor, 1, Integer::sum);
        return new IndexTicket(floor);
    }

    /** Ends a write that never reached the index (the store refused it); idempotent. */
    synchronized void abandon(IndexTicket t) {
        end(t);
    }

    private void end(IndexTicket t) {
        if (t.done) {
            return;
        }
        t.done = true;
        inFlight.computeIfPresent(t.floor, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * The applied sequence to give the engine with a write of {@code articles} that reflects the store up to
     * {@code sequence}: not past any other write still on its way ({@code own} excepted), nor past an article
     * awaiting repair other than these (which this write indexes afresh).
     */
    synchronized long mark(long sequence, IndexTicket own, Collection<ArticleId> articles) {
        long m = sequence;
        for (Map.Entry<Long, Integer> e : inFlight.entrySet()) {
            int others = e.getKey() == own.floor && !own.done ? e.getValue() - 1 : e.getValue();
            if (others > 0) {
                m = Math.min(m, e.getKey());
                break;
            }
        }
        for (Map.Entry<ArticleId, Pending> e : pending.entrySet()) {
            if (!articles.contains(e.getKey())) {
                m = Math.min(m, e.getValue().floor());
            }
        }
        return Math.min(m, cap);
    }

    /** The applied sequence to give the engine with a repair of {@code id}, which indexes its current state. */
    synchronized long repairMark(ArticleId id) {
        long m = highest;
        if (!inFlight.isEmpty()) {
            m = Math.min(m, inFlight.firstKey());
        }
        for (Map.Entry<ArticleId, Pending> e : pending.entrySet()) {
            if (!e.getKey().equals(id)) {
                m = Math.min(m, e.getValue().floor());
            }
        }
        return Math.min(m, cap);
    }

    /** The write indexed these articles at {@code sequence}: they need no repair any more. */
    synchronized void succeeded(IndexTicket t, Collection<ArticleId> articles, long sequence) {
        for (ArticleId id : articles) {
            pending.remove(id);
        }
        highest = Math.max(highest, sequence);
        end(t);
    }

    /** The write failed to index these articles: they await repair, capping the applied sequence at its floor. */
    synchronized void failed(IndexTicket t, Collection<ArticleId> articles, long now) {
        for (ArticleId id : articles) {
            Pending was = pending.get(id);
            long floor = was == null ? t.floor : Math.min(was.floor(), t.floor);
            int failures = was == null ? 1 : was.failures() + 1;
            pending.put(id, new Pending(floor, failures, now + backoff(failures)));
        }
        end(t);
    }

    /** A repair of {@code id} succeeded. */
    synchronized void repaired(ArticleId id) {
        pending.remove(id);
    }

    /** A repair of {@code id} failed again: it waits twice as long before the next try. */
    synchronized void repairFailed(ArticleId id, long now) {
        Pending was = pending.get(id);
        if (was != null) {
            pending.put(id, new Pending(was.floor(), was.failures() + 1, now + backoff(was.failures() + 1)));
        }
    }

    /** The article no longer exists in the store: nothing is left to repair. */
    synchronized void forget(ArticleId id) {
        pending.remove(id);
    }

    /**
     * The index follows a shared store, and its follower has read the feed up to {@code cursor}: other processes'
     * changes past it may not be in the index yet, so no write of this process may record an applied sequence past
     * it. The follower raises it before each of its batches, holding a ticket at the batch's floor meanwhile.
     */
    synchronized void following(long cursor) {
        cap = cap == Long.MAX_VALUE ? cursor : Math.max(cap, cursor);
    }

    /** Everything applied up to here is in the index (the catch-up on open finished). */
    synchronized void caughtUp(long sequence) {
        highest = Math.max(highest, sequence);
    }

    /** The articles due for a retry at {@code now}, or all of them when {@code all}. */
    synchronized List<ArticleId> due(long now, boolean all) {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ArticleId> due = new ArrayList<>();
        for (Map.Entry<ArticleId, Pending> e : pending.entrySet()) {
            if (all || e.getValue().dueNanos() - now <= 0) {
                due.add(e.getKey());
            }
        }
        return due;
    }

    /**
     * The highest store sequence up to which every change is in the index, given the store's last one: every write
     * of this process is indexed, on its way (its ticket's floor caps it) or awaiting repair (its floor caps it), and
     * (following a shared store) nothing past the follower's cursor is known to be in.
     */
    synchronized long indexedUpTo(long last) {
        long m = last;
        if (!inFlight.isEmpty()) {
            m = Math.min(m, inFlight.firstKey());
        }
        for (Pending p : pending.values()) {
            m = Math.min(m, p.floor());
        }
        return Math.min(m, cap);
    }

    /** How many articles await repair. */
    synchronized int pendingCount() {
        return pending.size();
    }

    static long backoff(int failures) {
        long wait = FIRST_RETRY_NANOS << Math.min(failures - 1, 20);
        return Math.min(wait, MAX_RETRY_NANOS);
    }
}
