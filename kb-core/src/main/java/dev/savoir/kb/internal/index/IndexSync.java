package dev.savoir.kb.internal.index;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.search.IndexStatus;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index a projection of the store: what the engine indexes of an article (its published and
 * working revisions), applying each commit after it is durable, and catching up (or rebuilding) when the knowledge
 * base opens. The store numbers its changes; the engine remembers the last one it applied.
 *
 * <p>A write whose indexing fails (a renderer or analyzer that throws, a full disk) is not forgotten: its articles
 * are retried with backoff in the background and whenever the host refreshes (the write pipeline calls
 * {@link #repair} under each article's lock), and until they are repaired the applied sequence the engine records
 * stays below their change (see {@link IndexRepairs}), so a restart catches up from before it and indexes them again.
 */
public final class IndexSync {
    private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);
    /** Articles per call of the engine's {@code apply} when many are written at once. */
    public static final int BATCH = 500;

    private final KbContext kb;
    private final @Nullable SearchEngine engine;
    private final IndexRepairs repairs = new IndexRepairs();
    /** Serializes the follower's rounds; guards {@link #cursor}. */
    private final Object followLock = new Object();
    /** Whether the index follows a shared store's feed (set once, on open). */
    private volatile boolean following;
    /** The follower's cursor: every article whose latest change is at or below it is in the index as of then. */
    private long cursor;
    /** The changes this process indexed itself past the cursor: sequence to article. The follower skips them. */
    private final ConcurrentSkipListMap<Long, ArticleId> ownChanges = new ConcurrentSkipListMap<>();

    public IndexSync(KbContext kb, @Nullable SearchEngine engine) {
        this.kb = kb;
        this.engine = engine;
    }

    /** The search engine, or a clear error when none was configured. */
    public SearchEngine engine() {
        kb.requireOpen();
        if (engine == null) {
            throw new KbException("this knowledge base has no search engine: add the kb-lucene module and call "
                    + ".searchEngine(...) on the builder");
        }
        return engine;
    }

    public boolean hasEngine() {
        return engine != null;
    }

    /**
     * Starts a write: call before the store commits it, then give the ticket to {@link #committed} (or to
     * {@link #abandon} when the store refuses the write).
     */
    public IndexTicket begin() {
        return engine == null ? IndexTicket.NONE : repairs.begin(kb.store().lastSequence());
    }

    /** Ends a write the store refused; idempotent. */
    public void abandon(IndexTicket ticket) {
        if (ticket != IndexTicket.NONE) {
            repairs.abandon(ticket);
        }
    }

    /**
     * Indexes one committed article; a failure is logged and the article retried (see the class comment). When the
     * commit may narrow what some reader sees ({@code previous} was visible to readers and what they see of it
     * changed), the index is refreshed before this returns, so that no read path shows the old state once the
     * facade's call has returned; other commits become searchable within the engine's refresh interval.
     *
     * @param previous the article before the commit, null for a new one
     */
    public void committed(IndexTicket ticket, @Nullable Article previous, Article article, List<Revision> revisions,
                          long sequence) {
        if (engine == null) {
            return;
        }
        List<ArticleId> ids = List.of(article.id());
        try {
            engine.apply(List.of(indexable(article, revisions)), repairs.mark(sequence, ticket, ids));
            repairs.succeeded(ticket, ids, sequence);
            if (following) {
                ownChanges.put(sequence, article.id());
            }
        } catch (RuntimeException e) {
            repairs.failed(ticket, ids, System.nanoTime());
            LOG.error("Indexing {} failed after it was stored; it is retried in the background, and again when the "
                    + "knowledge base reopens", article.id(), e);
            if (ReaderProjection.mayNarrow(previous, article)) {
                withdraw(article, ticket);
            }
            return;
        }
        if (ReaderProjection.mayNarrow(previous, article)) {
            try {
                engine.refresh();
            } catch (RuntimeException e) {
                LOG.error("Refreshing the search index after indexing {} failed", article.id(), e);
            }
        }
    }

    /**
     * A narrowing commit whose indexing failed must not leave its old state visible until the repair: the article's
     * documents are removed from the index (nothing to render, so this rarely fails) and the index refreshed. Readers
     * allowed to see it miss it until the repair indexes it again, which errs on the side of showing less.
     */
    private void withdraw(Article article, IndexTicket ticket) {
        try {
            engine.apply(List.of(new IndexableArticle(article, Map.of(), Map.of())),
                    repairs.mark(ticket.floor, ticket, List.of()));
            engine.refresh();
        } catch (RuntimeException e) {
            LOG.error("Withdrawing {} from the search index after a failed narrowing change failed too; its old "
                    + "state stays searchable until the repair", article.id(), e);
        }
    }

    /** Indexes many committed articles in batches of {@value #BATCH}; {@code last} is the last commit's number. */
    public void committed(IndexTicket ticket, List<StoreCommit> commits, long last) {
        if (engine == null) {
            return;
        }
        List<ArticleId> failed = new ArrayList<>();
        for (int from = 0; from < commits.size(); from += BATCH) {
            List<StoreCommit> batch = commits.subList(from, Math.min(commits.size(), from + BATCH));
            List<ArticleId> ids = batch.stream().map(c -> c.article().id()).toList();
            // the batch's own floor until the last batch is in: the earlier ones do not cover the later ones
            boolean complete = failed.isEmpty() && from + BATCH >= commits.size();
            try {
                engine.apply(batch.stream().map(c -> indexable(c.article(), c.revisions())).toList(),
                        repairs.mark(complete ? last : ticket.floor, ticket, ids));
            } catch (RuntimeException e) {
                failed.addAll(ids);
                LOG.error("Indexing a batch of {} articles failed after it was stored; they are retried in the "
                        + "background, and again when the knowledge base reopens", batch.size(), e);
            }
        }
        if (failed.isEmpty()) {
            repairs.succeeded(ticket, commits.stream().map(c -> c.article().id()).toList(), last);
            if (following) {
                // a batch's commits are numbered one after the other, ending at last
                long first = last - commits.size() + 1;
                for (int i = 0; i < commits.size(); i++) {
                    ownChanges.put(first + i, commits.get(i).article().id());
                }
            }
        } else {
            repairs.failed(ticket, failed, System.nanoTime());
        }
    }

    /** The articles whose indexing failed and are due for a retry now, or all of them when {@code all}. */
    public List<ArticleId> dueRepairs(boolean all) {
        return engine == null ? List.of() : repairs.due(System.nanoTime(), all);
    }

    /**
     * Indexes the current state of an article whose indexing failed. The caller holds the article's write lock, so
     * no write of it runs meanwhile. A failure is logged and retried later, after a longer wait.
     */
    public void repair(ArticleId id) {
        if (engine == null || kb.isClosed()) {
            return;
        }
        try {
            Article a = kb.store().article(id).orElse(null);
            if (a == null) {
                repairs.forget(id);
                return;
            }
            engine.apply(List.of(indexable(a, List.of())), repairs.repairMark(id));
            repairs.repaired(id);
            LOG.info("Indexed {} again after an earlier failure", id);
        } catch (RuntimeException e) {
            repairs.repairFailed(id, System.nanoTime());
            LOG.warn("Indexing {} failed again; retrying later", id, e);
        }
    }

    /** Makes every change so far visible to searches now. */
    public void refresh() {
        kb.requireOpen();
        if (engine != null) {
            engine.refresh();
        }
    }

    /**
     * What the search engine indexes of an article, taking its revisions from {@code known} (those just committed,
     * still in memory) before reading the store.
     */
    public IndexableArticle indexable(Article a, List<Revision> known) {
        Map<Locale, Revision> published = new HashMap<>();
        Map<Locale, Revision> drafts = new HashMap<>();
        for (Translation t : a.translations().values()) {
            if (t.publishedRevision() != null) {
                revision(a.id(), t.locale(), t.publishedRevision(), known).ifPresent(r -> published.put(t.locale(), r));
            }
            int pub = t.publishedRevision() == null ? 0 : t.publishedRevision();
            if (t.state() != TranslationState.ARCHIVED && t.latestRevision() > pub) {
                revision(a.id(), t.locale(), t.latestRevision(), known).ifPresent(r -> drafts.put(t.locale(), r));
            }
        }
        return new IndexableArticle(a, published, drafts);
    }

    private Optional<Revision> revision(ArticleId id, Locale locale, int number, List<Revision> known) {
        for (Revision r : known) {
            if (r.number() == number && r.locale().equals(locale) && r.articleId().equals(id)) {
                return Optional.of(r);
            }
        }
        return kb.store().revision(id, locale, number);
    }

    /**
     * Brings the index up to the store: rebuilds it when it is new, damaged or ahead of the store, else applies
     * the articles changed since the last change it applied.
     *
     * @return the store's last sequence when the catch-up began: every change up to it is in the index
     */
    public long catchUp(@Nullable LongConsumer progress) {
        if (engine == null) {
            return 0;
        }
        ArticleStore store = kb.store();
        long applied = engine.appliedSequence();
        long last = store.lastSequence();
        if (applied < 0 || applied > last) {
            LOG.info("Rebuilding the search index from the store ({} articles)", store.size());
            List<ArticleId> ids = store.articleIds();
            Iterator<ArticleId> it = ids.iterator();
            Iterator<IndexableArticle> all = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public IndexableArticle next() {
                    return indexable(kb.load(it.next()), List.of());
                }
            };
            long total = ids.size();
            engine.rebuild(all, last, n -> {
                if (progress != null) {
                    progress.accept(n);
                }
                kb.observing().rebuildProgress(n, total);
            });
            kb.observing().rebuildProgress(total, total);
            LOG.info("Rebuilt the search index ({} articles)", ids.size());
        } else if (applied < last) {
            List<StoreChange> changes = store.changesSince(applied, Integer.MAX_VALUE);
            LOG.info("Catching the search index up: {} articles changed since change {}", changes.size(), applied);
            for (int from = 0; from < changes.size(); from += BATCH) {
                List<StoreChange> batch = changes.subList(from, Math.min(changes.size(), from + BATCH));
                catchUp(batch, repairs.begin(batch.getFirst().sequence() - 1), batch.getLast().sequence());
            }
            if (!changes.isEmpty()) {
                IndexTicket none = repairs.begin(last);
                engine.apply(List.of(), repairs.mark(last, none, List.of()));
                repairs.succeeded(none, List.of(), last);
            }
        }
        repairs.caughtUp(last);
        return last;
    }

    /**
     * Starts following a shared store from {@code from} (what {@link #catchUp} returned): from now on, the applied
     * sequence the engine records never passes what the follower has read, since other processes' changes past it
     * may not be indexed yet. Call once, before any write.
     */
    public void startFollowing(long from) {
        if (engine == null) {
            return;
        }
        synchronized (followLock) {
            cursor = from;
            repairs.following(from);
            following = true;
        }
    }

    /** Stops following (on close): waits for a round under way to end; no round starts after. */
    public void stopFollowing() {
        synchronized (followLock) {
            following = false;
        }
    }

    /**
     * One round of following: reads up to {@code limit} changes past the cursor and indexes each article's current
     * state, in batches of {@value #BATCH}, each batch under its articles' write locks (so that no write of this
     * process interleaves its indexing with the follower's), then refreshes the engine so that they are searchable
     * at once. A change this process committed and indexed itself is skipped (the index already holds that state).
     * The cursor moves past every change read, never past one that was not: an article whose indexing fails is
     * handed to the repairs, which keep the applied sequence below it. The feed never skips (the store's contract),
     * so neither does the follower.
     *
     * @param underLocks runs a task holding the write locks of the given articles
     * @return how many changes were read
     */
    public int follow(int limit, BiConsumer<List<ArticleId>, Runnable> underLocks) {
        if (engine == null || !following) {
            return 0;
        }
        synchronized (followLock) {
            if (!following || kb.isClosed()) {
                return 0;
            }
            List<StoreChange> changes = kb.store().changesSince(cursor, limit);
            if (changes.isEmpty()) {
                return 0;
            }
            boolean[] applied = {false};
            for (int from = 0; from < changes.size(); from += BATCH) {
                List<StoreChange> batch = changes.subList(from, Math.min(changes.size(), from + BATCH));
                long last = batch.getLast().sequence();
                // the ticket holds every other write's mark at the batch's floor until the batch is in
                IndexTicket ticket = repairs.begin(batch.getFirst().sequence() - 1);
                repairs.following(last);
                underLocks.accept(batch.stream().map(StoreChange::articleId).toList(), () -> {
                    // Under the locks: a write of this process that committed one of these changes has indexed it
                    // (and said so) before it let its lock go, so its own changes are told apart here.
                    List<StoreChange> todo = new ArrayList<>(batch.size());
                    for (StoreChange c : batch) {
                        if (!c.articleId().equals(ownChanges.get(c.sequence()))) {
                            todo.add(c);
                        }
                    }
                    if (todo.isEmpty()) {
                        repairs.succeeded(ticket, List.of(), last);
                    } else {
                        catchUp(todo, ticket, last);
                        applied[0] = true;
                    }
                });
                cursor = last;
                ownChanges.headMap(last, true).clear();
            }
            IndexTicket none = repairs.begin(cursor);
            engine.apply(List.of(), repairs.mark(cursor, none, List.of()));
            repairs.succeeded(none, List.of(), cursor);
            if (applied[0]) {
                engine.refresh();
            }
            return changes.size();
        }
    }

    /**
     * Applies one batch of the catch-up; when it fails, its articles one by one, so that one article the engine
     * cannot index does not keep the others out (or the knowledge base from opening): that one awaits repair.
     */
    private void catchUp(List<StoreChange> batch, IndexTicket ticket, long last) {
        SearchEngine e = engine();
        // the ticket's floor: every change up to the batch's first was applied before it (changes come in order)
        List<ArticleId> ids = batch.stream().map(StoreChange::articleId).toList();
        try {
            e.apply(ids.stream().map(id -> indexable(kb.load(id), List.of())).toList(),
                    repairs.mark(last, ticket, ids));
            repairs.succeeded(ticket, ids, last);
            return;
        } catch (RuntimeException failure) {
            LOG.warn("Catching up a batch of {} articles failed; indexing them one by one", batch.size(), failure);
        }
        for (StoreChange c : batch) {
            IndexTicket one = repairs.begin(c.sequence() - 1);
            List<ArticleId> id = List.of(c.articleId());
            try {
                e.apply(List.of(indexable(kb.load(c.articleId()), List.of())), repairs.mark(c.sequence(), one, id));
                repairs.succeeded(one, id, c.sequence());
            } catch (RuntimeException failure) {
                repairs.failed(one, id, System.nanoTime());
                LOG.error("Catching up {} failed; it is retried in the background", c.articleId(), failure);
            }
        }
        repairs.abandon(ticket);
    }

    /**
     * How far the index has caught up with the store. The store's last change is read first, so a write landing
     * meanwhile never shows as a negative lag.
     * Without a search engine: not enabled, nothing lags.
     */
    public IndexStatus status() {
        kb.requireOpen();
        // the store first: a write between the two reads can only make the index look caught up to it, never behind
        long last = kb.store().lastSequence();
        if (engine == null) {
            return new IndexStatus(false, last, last, 0, false);
        }
        return new IndexStatus(true, last, Math.max(0, repairs.indexedUpTo(last)), repairs.pendingCount(),
                following);
    }

    /** Closes the engine. */
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
