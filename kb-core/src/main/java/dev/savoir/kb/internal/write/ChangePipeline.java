package dev.savoir.kb.internal.write;

import dev.savoir.kb.Action;
import dev.savoir.kb.Actor;
import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.DuplicateArticleException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.KnowledgeBaseListener;
import dev.savoir.kb.internal.Check;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.internal.Observing;
import dev.savoir.kb.internal.index.IndexSync;
import dev.savoir.kb.internal.index.IndexTicket;
import dev.savoir.kb.spi.KnowledgeBaseObserver.WriteKind;
import dev.savoir.kb.spi.StoreCommit;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one write path of a knowledge base: lock the article, load it, check the permission, compute the change,
 * commit it to the store (durable and atomic, with the version it was based on, so no update is ever lost), index
 * it, then tell the listeners. Every write of the facade goes through {@link #mutate}, {@link #create} or
 * {@link #createAll}.
 *
 * <p>Changes to one article are serialized by a lock stripe; changes to different articles run in parallel. Batches
 * take their stripes in ascending order, so two batches never deadlock.
 */
public final class ChangePipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ChangePipeline.class);

    /** A change of one article: its next state from its current one, or null to change nothing. */
    @FunctionalInterface
    public interface Change<T> {
        @Nullable Mutation<T> apply(Article current, Instant now);
    }

    private final KbContext kb;
    private final IndexSync index;
    private final ReentrantLock[] stripes = new ReentrantLock[128];
    private final List<KnowledgeBaseListener> listeners = new CopyOnWriteArrayList<>();

    public ChangePipeline(KbContext kb, IndexSync index) {
        this.kb = kb;
        this.index = index;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Changes an existing article on behalf of {@code actor}, who must be allowed {@code action} on it. */
    public <T> T mutate(@Nullable Actor actor, @Nullable ArticleId id, Action action, Change<T> change) {
        Check.notNull("actor", actor);
        T result = apply(actor, id, action, change);
        if (result == null) {
            throw new KbException("a change of " + id + " by " + action + " returned nothing");
        }
        return result;
    }

    /** Changes an existing article on behalf of the system (scheduled transitions); null when nothing changed. */
    public <T> @Nullable T mutateAsSystem(ArticleId id, Change<T> change) {
        return apply(null, id, null, change);
    }

    private <T> @Nullable T apply(@Nullable Actor actor, @Nullable ArticleId id, @Nullable Action action,
                                  Change<T> change) {
        kb.requireOpen();
        Check.notNull("id", id);
        ReentrantLock lock = stripes[stripeOf(id)];
        lock.lock();
        try {
            Article current = kb.load(id);
            if (actor != null && action != null) {
                kb.permit(actor, action, current);
            }
            Mutation<T> m = change.apply(current, kb.clock().instant());
            if (m == null) {
                return null;
            }
            IndexTicket ticket = index.begin();
            long seq;
            try {
                seq = commit(WriteKind.UPDATE, new StoreCommit(m.article(), current.version(), m.revisions(),
                        m.events()));
            } catch (RuntimeException e) {
                index.abandon(ticket);
                throw e;
            }
            index.committed(ticket, current, m.article(), m.revisions(), seq);
            notifyListeners(m.events());
            return m.result();
        } finally {
            lock.unlock();
        }
    }

    /** Stores a new article (version 0 → 1); fails if its id is taken. */
    public void create(StoreCommit commit) {
        kb.requireOpen();
        ArticleId id = commit.article().id();
        ReentrantLock lock = stripes[stripeOf(id)];
        lock.lock();
        try {
            requireAbsent(id, "choose another id, or edit the existing article");
            IndexTicket ticket = index.begin();
            long seq;
            try {
                seq = commit(WriteKind.CREATE, commit);
            } catch (RuntimeException e) {
                index.abandon(ticket);
                throw e;
            }
            index.committed(ticket, null, commit.article(), commit.revisions(), seq);
            notifyListeners(commit.events());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores new articles as one all-or-nothing batch (one flush to disk for the whole batch), runs
     * {@code afterStore} while the articles are still locked, indexes them in batches, then reports
     * {@code events}. Fails, writing nothing, if any id is taken.
     */
    public long createAll(Collection<ArticleId> ids, List<StoreCommit> commits, Runnable afterStore,
                          List<AuditEvent> events) {
        kb.requireOpen();
        int[] held = ids.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        for (int s : held) {
            stripes[s].lock();
        }
        try {
            // One lookup for the whole batch: a store over the network answers it with one query.
            Set<ArticleId> taken = kb.store().existing(ids);
            for (ArticleId id : ids) {
                if (taken.contains(id)) {
                    throw new DuplicateArticleException("an article with id " + id + " already exists: nothing of "
                            + "this batch was written");
                }
            }
            IndexTicket ticket = index.begin();
            long last;
            try {
                last = commitAll(commits);
            } catch (RuntimeException e) {
                index.abandon(ticket);
                throw e;
            }
            try {
                afterStore.run();
            } finally {
                index.committed(ticket, commits, last);
            }
            notifyListeners(events);
            return last;
        } finally {
            for (int i = held.length - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    /**
     * Indexes again the articles whose indexing failed, each under its write lock: those due for a retry, or all of
     * them when {@code all} (a refresh asks for that). Failures are logged and retried later.
     */
    public void repairIndex(boolean all) {
        if (kb.isClosed()) {
            return;
        }
        for (ArticleId id : index.dueRepairs(all)) {
            ReentrantLock lock = stripes[stripeOf(id)];
            lock.lock();
            try {
                index.repair(id);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * One round of following a shared store's feed (see {@link IndexSync#follow}), each batch under the write locks
     * of its articles, taken in ascending order as batches of writes take them.
     *
     * @return how many changes were read
     */
    public int follow(int limit) {
        if (kb.isClosed()) {
            return 0;
        }
        return index.follow(limit, (ids, task) -> {
            int[] held = ids.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
            for (int s : held) {
                stripes[s].lock();
            }
            try {
                task.run();
            } finally {
                for (int i = held.length - 1; i >= 0; i--) {
                    stripes[held[i]].unlock();
                }
            }
        });
    }

    /** The store's commit of one article, timed for the observer. */
    private long commit(WriteKind kind, StoreCommit commit) {
        Observing obs = kb.observing();
        Object started = obs.writeStarted(kind, 1);
        long start = obs.now();
        Throwable failure = null;
        try {
            return kb.store().commit(commit);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            obs.writeFinished(started, start, kind, 1, failure);
        }
    }

    /** The store's commit of a batch, timed for the observer. */
    private long commitAll(List<StoreCommit> commits) {
        Observing obs = kb.observing();
        Object started = obs.writeStarted(WriteKind.BATCH, commits.size());
        long start = obs.now();
        Throwable failure = null;
        try {
            return kb.store().commitAll(commits);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            obs.writeFinished(started, start, WriteKind.BATCH, commits.size(), failure);
        }
    }

    private void requireAbsent(ArticleId id, String hint) {
        if (kb.store().article(id).isPresent()) {
            throw new DuplicateArticleException("an article with id " + id + " already exists: " + hint);
        }
    }

    public void addListener(KnowledgeBaseListener listener) {
        listeners.add(Check.notNull("listener", listener));
    }

    public void removeListener(KnowledgeBaseListener listener) {
        listeners.remove(Check.notNull("listener", listener));
    }

    private void notifyListeners(List<AuditEvent> events) {
        for (AuditEvent ev : events) {
            if (ev.action() == AuditAction.PUBLISHED || ev.action() == AuditAction.ARCHIVED
                    || ev.action() == AuditAction.UNPUBLISHED) {
                LOG.info("{} {} [{}] by {}", ev.action(), ev.articleId(),
                        ev.locale() == null ? "-" : ev.locale().toLanguageTag(), ev.actor());
            }
            for (KnowledgeBaseListener l : listeners) {
                try {
                    l.onEvent(ev);
                } catch (RuntimeException e) {
                    LOG.warn("A knowledge base listener failed on {} of {}", ev.action(), ev.articleId(), e);
                }
            }
        }
    }

    private int stripeOf(ArticleId id) {
        return (id.hashCode() & 0x7fffffff) % stripes.length;
    }
}
