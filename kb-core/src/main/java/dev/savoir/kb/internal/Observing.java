package dev.savoir.kb.internal;

import dev.savoir.kb.ConflictException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.io.ImportProgress;
import dev.savoir.kb.spi.KnowledgeBaseObserver;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchDone;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.SearchOutcome;
import dev.savoir.kb.spi.KnowledgeBaseObserver.ViewerKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteDone;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteKind;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteOutcome;
import dev.savoir.kb.spi.ObservedKnowledgeBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge base's side of its {@link KnowledgeBaseObserver}: every call guarded, so that an observer that
 * throws is logged (once at WARN, then at DEBUG) and never fails a search or a write. {@link #NONE} (no observer)
 * neither reads the clock nor allocates: the hot paths call {@link #now()} and the {@code *Started} and
 * {@code *Finished} methods unconditionally. Thread-safe.
 */
public final class Observing {
    private static final Logger LOG = LoggerFactory.getLogger(Observing.class);
    /** No observer. */
    public static final Observing NONE = new Observing(null);

    private final @Nullable KnowledgeBaseObserver observer;
    private final AtomicBoolean warned = new AtomicBoolean();

    private Observing(@Nullable KnowledgeBaseObserver observer) {
        this.observer = observer;
    }

    /** Tells {@code observer}, or nobody when null. */
    public static Observing of(@Nullable KnowledgeBaseObserver observer) {
        return observer == null ? NONE : new Observing(observer);
    }

    public boolean active() {
        return observer != null;
    }

    /** The start of something timed: {@link System#nanoTime()}, or 0 without an observer. */
    public long now() {
        return observer == null ? 0 : System.nanoTime();
    }

    public @Nullable Object searchStarted(SearchKind kind, ViewerContext viewer) {
        if (observer == null) {
            return null;
        }
        try {
            return observer.searchStarted(kind, ViewerKind.of(viewer));
        } catch (RuntimeException e) {
            failed("searchStarted", e);
            return null;
        }
    }

    /**
     * @param start what {@link #now()} returned before the search
     * @param error what failed the search, or null
     */
    public void searchFinished(@Nullable Object started, long start, SearchKind kind, ViewerContext viewer, long hits,
                               @Nullable Throwable error) {
        if (observer == null) {
            return;
        }
        try {
            SearchOutcome outcome = error != null ? SearchOutcome.ERROR
                    : hits == 0 ? SearchOutcome.ZERO_RESULTS : SearchOutcome.OK;
            observer.searchFinished(new SearchDone(kind, ViewerKind.of(viewer), outcome, error != null ? 0 : hits,
                    Duration.ofNanos(System.nanoTime() - start), error == null ? null : error.getClass()), started);
        } catch (RuntimeException e) {
            failed("searchFinished", e);
        }
    }

    public @Nullable Object writeStarted(WriteKind kind, int articles) {
        if (observer == null) {
            return null;
        }
        try {
            return observer.writeStarted(kind, articles);
        } catch (RuntimeException e) {
            failed("writeStarted", e);
            return null;
        }
    }

    public void writeFinished(@Nullable Object started, long start, WriteKind kind, int articles,
                              @Nullable Throwable error) {
        if (observer == null) {
            return;
        }
        try {
            WriteOutcome outcome = error == null ? WriteOutcome.OK
                    : error instanceof ConflictException ? WriteOutcome.CONFLICT : WriteOutcome.ERROR;
            observer.writeFinished(new WriteDone(kind, articles, outcome, Duration.ofNanos(System.nanoTime() - start),
                    error == null ? null : error.getClass()), started);
        } catch (RuntimeException e) {
            failed("writeFinished", e);
        }
    }

    public void rebuildProgress(long indexed, long total) {
        if (observer == null) {
            return;
        }
        try {
            observer.rebuildProgress(indexed, total);
        } catch (RuntimeException e) {
            failed("rebuildProgress", e);
        }
    }

    public void importProgress(ImportProgress progress) {
        if (observer == null) {
            return;
        }
        try {
            observer.importProgress(progress);
        } catch (RuntimeException e) {
            failed("importProgress", e);
        }
    }

    public void opened(ObservedKnowledgeBase kb) {
        if (observer == null) {
            return;
        }
        try {
            observer.opened(kb);
        } catch (RuntimeException e) {
            failed("opened", e);
        }
    }

    public void closed() {
        if (observer == null) {
            return;
        }
        try {
            observer.closed();
        } catch (RuntimeException e) {
            failed("closed", e);
        }
    }

    private void failed(String method, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("The knowledge base observer {} failed in {}; ignored (later failures are logged at DEBUG)",
                    observer.getClass().getName(), method, e);
        } else {
            LOG.debug("The knowledge base observer failed in {}", method, e);
        }
    }
}
