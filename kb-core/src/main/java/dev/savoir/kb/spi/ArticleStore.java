package dev.savoir.kb.spi;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The source of truth: articles, their append-only revisions and audit events, and a numbered change feed.
 *
 * <p>Contract (checked by the conformance kit {@code ArticleStoreContract}):
 * <ul>
 *   <li>{@link #commit} is atomic: all of a commit is stored, or none of it. When it returns, the commit is
 *       durable (for a durable store: on disk, surviving a process kill).</li>
 *   <li>Optimistic concurrency: a commit names the article version it was based on; if that is not the current
 *       version the commit fails with {@link dev.savoir.kb.ArticleVersionConflictException} and writes nothing.</li>
 *   <li>Revisions are append-only: a commit may only add revisions numbered right after the latest of their
 *       translation.</li>
 *   <li>Every commit gets the next sequence number; {@link #changesSince} lists the articles changed after a
 *       sequence number, so that a search index can catch up after a crash.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ArticleStore extends AutoCloseable {
    /** The article's current state. */
    Optional<Article> article(ArticleId id);

    /**
     * Which of {@code ids} are stored: one lookup for many, as an import checks that none of its ids is taken. The
     * default asks {@link #article} for each; a store behind a network round trip answers with one query.
     *
     * @return the stored ids among {@code ids} (empty when none is)
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default Set<ArticleId> existing(Collection<ArticleId> ids) {
        Set<ArticleId> found = new HashSet<>();
        for (ArticleId id : ids) {
            if (article(id).isPresent()) {
                found.add(id);
            }
        }
        return found;
    }

    /**
     * Whether other processes may commit to this store (application nodes sharing one database). A knowledge base on
     * a shared store follows its change feed in the background ({@link #changesSince}), so that its own index also
     * holds what the others commit. The default, false, suits a store one process owns (the file store locks its
     * folder).
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default boolean shared() {
        return false;
    }

    /**
     * Asks a shared store to call {@code onChange} soon after a process commits: a hint to read
     * {@link #changesSince} now, not a delivery of changes (a call may come late, twice, or not at all, so a follower
     * polls as well). Called on a thread of the store's; it must return quickly. The default never calls it.
     *
     * @since 0.2
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default ChangeSubscription subscribe(Runnable onChange) {
        return ChangeSubscription.none();
    }

    /** The ids of every stored article, sorted. */
    List<ArticleId> articleIds();

    /**
     * The articles the scheduler must look at {@code now}: at least each one with a translation whose scheduled
     * publication or archiving ({@link #nextTransition}) is at or before {@code now}; more is allowed (the scheduler
     * checks each). The default lists every article; a store behind a network round trip keeps each article's next
     * transition time in an index and lists only those that are due.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    default List<ArticleId> transitionsDue(Instant now) {
        return articleIds();
    }

    /**
     * The earliest scheduled transition still to run on one of the article's translations: a scheduled publication
     * of a translation in state {@link TranslationState#SCHEDULED}, or an archiving of one not yet archived;
     * {@code null} when none is scheduled. What a store indexes for {@link #transitionsDue}.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    static @Nullable Instant nextTransition(Article article) {
        Instant next = null;
        for (Translation t : article.translations().values()) {
            if (t.state() == TranslationState.SCHEDULED && t.scheduledPublishAt() != null
                    && (next == null || t.scheduledPublishAt().isBefore(next))) {
                next = t.scheduledPublishAt();
            }
            if (t.state() != TranslationState.ARCHIVED && t.scheduledArchiveAt() != null
                    && (next == null || t.scheduledArchiveAt().isBefore(next))) {
                next = t.scheduledArchiveAt();
            }
        }
        return next;
    }

    /** The number of stored articles. */
    int size();

    /** One revision. */
    Optional<Revision> revision(ArticleId id, Locale locale, int number);

    /** Every revision of a translation, oldest first; empty if there is none. */
    List<Revision> revisions(ArticleId id, Locale locale);

    /** Every audit event of an article, oldest first. */
    List<AuditEvent> auditEvents(ArticleId id);

    /**
     * Stores one commit durably and atomically.
     *
     * @return the commit's sequence number
     * @throws dev.savoir.kb.ArticleVersionConflictException if the article's version is not the expected one
     * @throws dev.savoir.kb.StoreException if it could not be written (nothing was)
     */
    long commit(StoreCommit commit);

    /**
     * Stores many commits with one flush to disk (an import): all are checked first, and if any conflicts none is
     * written. Commits to the same article apply in order.
     *
     * @return the last commit's sequence number
     */
    long commitAll(List<StoreCommit> commits);

    /** The sequence number of the last commit, 0 for an empty store. */
    long lastSequence();

    /**
     * The articles changed by commits numbered above {@code sequence}, each once with its latest change's number,
     * ordered by that number, at most {@code limit}.
     */
    List<StoreChange> changesSince(long sequence, int limit);

    /** Releases files and locks. Idempotent. */
    @Override
    void close();
}
