package dev.savoir.kb.micrometer.internal;

import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The index status as the gauges read it: polled at most every 250 ms however many gauges ask (on a database it
 * costs a query), NaN when there is none (no search engine, the knowledge base closed) or it cannot be read (the
 * database down: the gauge goes blank rather than lying).
 */
public final class Polled {
    static final long MAX_AGE_NANOS = 250_000_000L;

    private record Reading(long atNanos, @Nullable IndexStatus status) {
    }

    private final ObservedKnowledgeBase kb;
    private volatile @Nullable Reading last;

    public Polled(ObservedKnowledgeBase kb) {
        this.kb = kb;
    }

    public double lag() {
        IndexStatus s = status();
        return s == null ? Double.NaN : s.lag();
    }

    public double pending() {
        IndexStatus s = status();
        return s == null ? Double.NaN : s.awaitingRepair();
    }

    public double embeddingPending() {
        try {
            var p = kb.embeddingProgress();
            return p.enabled() ? p.pending() : Double.NaN;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private @Nullable IndexStatus status() {
        long now = System.nanoTime();
        Reading r = last;
        if (r != null && now - r.atNanos() < MAX_AGE_NANOS) {
            return r.status();
        }
        IndexStatus s;
        try {
            Optional<IndexStatus> read = kb.indexStatus();
            s = read.orElse(null);
        } catch (RuntimeException e) {
            s = null;
        }
        last = new Reading(now, s);
        return s;
    }
}
