package dev.savoir.kb.internal.index;

import dev.savoir.kb.Article;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Revision;
import dev.savoir.kb.Translation;
import dev.savoir.kb.TranslationState;
import dev.savoir.kb.internal.KbContext;
import dev.savoir.kb.spi.ArticleStore;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.StoreChange;
import dev.savoir.kb.spi.StoreCommit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index a projection of the store: what the engine indexes of an article (its published and
 * working revisions), applying each commit after it is durable, and catching up (or rebuilding) when the knowledge
 * base opens. The store numbers its changes; the engine remembers the last one it applied.
 */
public final class IndexSync {
    private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);
    /** Articles per call of the engine's {@code apply} when many are written at once. */
    public static final int BATCH = 500;

    private final KbContext kb;
    private final @Nullable SearchEngine engine;

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
     * Indexes one committed article; a failure is logged, and repaired when the index catches up. When the commit
     * may narrow what some reader sees ({@code previous} was visible to readers and what they see of it changed),
     * the index is refreshed before this returns, so that no read path shows the old state once the facade's call
     * has returned; other commits become searchable within the engine's refresh interval.
     *
     * @param previous the article before the commit, null for a new one
     */
    public void committed(@Nullable Article previous, Article article, List<Revision> revisions, long sequence) {
        if (engine == null) {
            return;
        }
        try {
            engine.apply(List.of(indexable(article, revisions)), sequence);
            if (ReaderProjection.mayNarrow(previous, article)) {
                engine.refresh();
            }
        } catch (RuntimeException e) {
            LOG.error("Indexing {} failed after it was stored; the index catches up when the knowledge base is "
                    + "reopened", article.id(), e);
        }
    }

    /** Indexes many committed articles in batches of {@value #BATCH}; {@code last} is the last commit's number. */
    public void committed(List<StoreCommit> commits, long last) {
        if (engine == null) {
            return;
        }
        for (int from = 0; from < commits.size(); from += BATCH) {
            List<StoreCommit> batch = commits.subList(from, Math.min(commits.size(), from + BATCH));
            try {
                engine.apply(batch.stream().map(c -> indexable(c.article(), c.revisions())).toList(), last);
            } catch (RuntimeException e) {
                LOG.error("Indexing a batch of {} articles failed after it was stored; the index catches up when "
                        + "the knowledge base is reopened", batch.size(), e);
            }
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
     */
    public void catchUp(@Nullable LongConsumer progress) {
        if (engine == null) {
            return;
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
            engine.rebuild(all, last, n -> {
                if (progress != null) {
                    progress.accept(n);
                }
            });
            LOG.info("Rebuilt the search index ({} articles)", ids.size());
        } else if (applied < last) {
            List<StoreChange> changes = store.changesSince(applied, Integer.MAX_VALUE);
            LOG.info("Catching the search index up: {} articles changed since change {}", changes.size(), applied);
            for (int from = 0; from < changes.size(); from += BATCH) {
                List<StoreChange> batch = changes.subList(from, Math.min(changes.size(), from + BATCH));
                engine.apply(batch.stream().map(c -> indexable(kb.load(c.articleId()), List.of())).toList(),
                        batch.getLast().sequence());
            }
            if (!changes.isEmpty()) {
                engine.apply(List.of(), last);
            }
        }
    }

    /** Closes the engine. */
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
