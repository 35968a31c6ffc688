package dev.savoir.kb.spi;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.io.ImportProgress;
import java.time.Duration;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Watches a knowledge base for metrics and tracing (e.g. kb-micrometer's {@code SavoirMetrics}): searches and store
 * writes as they start and finish, rebuild and import progress, and, once it is open, a read-only view of its index
 * status and caches to poll. Set with {@code KnowledgeBaseBuilder.observer(...)}; every method has a no-op default.
 *
 * <p>What an observer is told never carries what a viewer typed: a search is described by its kind, the viewer's
 * kind, its outcome, its number of hits and its duration, never its query, subject, prefix or session. A failure is
 * described by the exception's class only (a message may quote the query).
 *
 * <p>Calls come on the thread doing the work; {@code searchStarted} and {@code searchFinished} (and the write pair)
 * come on the same thread, so a tracing scope opened in the first may be closed in the second. An observer must be
 * quick and thread-safe. An exception it throws is logged and ignored: it never fails a search or a write. Without an
 * observer, nothing is allocated or timed for it.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public interface KnowledgeBaseObserver {
    /**
     * The knowledge base opened (its index caught up with the store): {@code kb} may be polled from now on, from any
     * thread, until {@link #closed()}.
     */
    default void opened(ObservedKnowledgeBase kb) {
    }

    /**
     * A search starts.
     *
     * @return anything the observer wants back in {@link #searchFinished} (e.g. a tracing scope), or null
     */
    default @Nullable Object searchStarted(SearchKind kind, ViewerKind viewer) {
        return null;
    }

    /**
     * A search finished, successfully or not.
     *
     * @param started what {@link #searchStarted} returned
     */
    default void searchFinished(SearchDone done, @Nullable Object started) {
    }

    /**
     * The store starts writing a commit of {@code articles} articles.
     *
     * @return anything the observer wants back in {@link #writeFinished}, or null
     */
    default @Nullable Object writeStarted(WriteKind kind, int articles) {
        return null;
    }

    /**
     * The store's write finished: durably stored, or refused.
     *
     * @param started what {@link #writeStarted} returned
     */
    default void writeFinished(WriteDone done, @Nullable Object started) {
    }

    /**
     * The search index is being rebuilt from the store (while the knowledge base opens): {@code indexed} of
     * {@code total} articles so far; the last call has {@code indexed == total}.
     */
    default void rebuildProgress(long indexed, long total) {
    }

    /** An import wrote a batch (through {@code KnowledgeBase.importArchives}, as every import format does). */
    default void importProgress(ImportProgress progress) {
    }

    /** The knowledge base closed; the view given to {@link #opened} must not be polled any more. */
    default void closed() {
    }

    /** What was searched. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    enum SearchKind {
        /** {@code KnowledgeBase.search}. */
        SEARCH,
        /** {@code KnowledgeBase.autocomplete}. */
        AUTOCOMPLETE,
        /** {@code KnowledgeBase.related}. */
        RELATED,
        /** {@code KnowledgeBase.suggestForTicket}: agent assist. */
        ASSIST,
        /** {@code KnowledgeBase.passages}. */
        PASSAGES
    }

    /** Who searched, in three kinds: what a metric may be tagged with. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    enum ViewerKind {
        /** Staff, an agent. */
        INTERNAL,
        /** A customer outside any audience segment. */
        EXTERNAL,
        /** A customer in one or more audience segments. */
        SEGMENTED;

        /** The kind of a viewer. */
        public static ViewerKind of(ViewerContext viewer) {
            if (viewer.internal()) {
                return INTERNAL;
            }
            return viewer.segments().isEmpty() ? EXTERNAL : SEGMENTED;
        }
    }

    /** How a search ended. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    enum SearchOutcome {
        /** At least one hit. */
        OK,
        /** Nothing found for this viewer. */
        ZERO_RESULTS,
        /** The search failed (see {@link SearchDone#error()}). */
        ERROR
    }

    /**
     * A finished search.
     *
     * @param kind what was searched
     * @param viewer who searched
     * @param outcome how it ended
     * @param hits the hits found ({@code SearchResponse.totalHits()} for a search, the number returned otherwise);
     *     0 on error
     * @param took how long it took, the analytics recording included
     * @param error the class of the exception that failed it, null unless {@code outcome} is {@code ERROR}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    record SearchDone(SearchKind kind, ViewerKind viewer, SearchOutcome outcome, long hits, Duration took,
                      @Nullable Class<? extends Throwable> error) {
        public SearchDone {
            if (kind == null || viewer == null || outcome == null || took == null) {
                throw new InvalidArgumentException(kind == null ? "kind" : viewer == null ? "viewer"
                        : outcome == null ? "outcome" : "took", "must not be null");
            }
            if (hits < 0) {
                throw new InvalidArgumentException("hits", "must not be negative, got " + hits);
            }
            if ((outcome == SearchOutcome.ERROR) != (error != null)) {
                throw new InvalidArgumentException("error", "goes with the ERROR outcome, and only with it");
            }
        }
    }

    /** What kind of commit the store wrote. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    enum WriteKind {
        /** A new article. */
        CREATE,
        /** A change of an existing article (an edit, a transition, metadata, verification). */
        UPDATE,
        /** Many new articles at once ({@code createAll}, an import batch). */
        BATCH
    }

    /** How a store write ended. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    enum WriteOutcome {
        /** Stored durably. */
        OK,
        /** Refused because another writer changed the article first (a revision or version conflict). */
        CONFLICT,
        /** Refused for another reason (see {@link WriteDone#error()}). */
        ERROR
    }

    /**
     * A finished store write.
     *
     * @param kind what was written
     * @param articles how many articles the commit held
     * @param outcome how it ended
     * @param took how long the store took
     * @param error the class of the exception that refused it, null when {@code outcome} is {@code OK}
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    record WriteDone(WriteKind kind, int articles, WriteOutcome outcome, Duration took,
                     @Nullable Class<? extends Throwable> error) {
        public WriteDone {
            if (kind == null || outcome == null || took == null) {
                throw new InvalidArgumentException(kind == null ? "kind" : outcome == null ? "outcome" : "took",
                        "must not be null");
            }
            if (articles < 0) {
                throw new InvalidArgumentException("articles", "must not be negative, got " + articles);
            }
            if ((outcome == WriteOutcome.OK) != (error == null)) {
                throw new InvalidArgumentException("error", "goes with a refused write, and only with it");
            }
        }
    }
}
