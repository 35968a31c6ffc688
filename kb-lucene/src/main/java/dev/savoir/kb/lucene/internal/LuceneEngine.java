package dev.savoir.kb.lucene.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.KbException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.assist.AgentAssist;
import dev.savoir.kb.lucene.internal.assist.Autocomplete;
import dev.savoir.kb.lucene.internal.assist.DidYouMean;
import dev.savoir.kb.lucene.internal.assist.RelatedArticles;
import dev.savoir.kb.lucene.internal.highlight.Hits;
import dev.savoir.kb.lucene.internal.index.LuceneIndex;
import dev.savoir.kb.lucene.internal.index.PartitionStats;
import dev.savoir.kb.learning.LearnedPair;
import dev.savoir.kb.lucene.internal.query.LearnedVocabulary;
import dev.savoir.kb.lucene.internal.query.TextQueryBuilder;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.lucene.internal.index.PassageWorker;
import dev.savoir.kb.lucene.internal.search.HybridSearch;
import dev.savoir.kb.lucene.internal.search.SearchRunner;
import dev.savoir.kb.lucene.internal.semantic.Passages;
import dev.savoir.kb.lucene.internal.semantic.SemanticOptions;
import dev.savoir.kb.lucene.internal.semantic.VectorCache;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.PassageMatch;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene implementation of the search SPI: the searcher lifecycle (near-real-time searchers over the index
 * writer, background refresh and commit, close) around the feature classes, which each get a searcher and give it
 * back here. Writing lives in {@code internal.index}, query building in {@code internal.query}, searching in
 * {@code internal.search}, suggestions, related articles and agent assist in {@code internal.assist}. Thread-safe.
 */
public final class LuceneEngine implements SearchEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneEngine.class);

    private final LuceneIndex index;
    private final SearcherManager manager;
    private final SearchRunner searches;
    private final Autocomplete autocomplete;
    private final RelatedArticles related;
    private final AgentAssist assist;
    private final @Nullable HybridSearch hybrid;
    private final @Nullable PassageWorker worker;
    private final @Nullable Passages passages;
    private final SearchMode defaultMode;
    private final LearnedVocabulary vocabulary = new LearnedVocabulary();
    private final ScheduledFuture<?> refreshTask;
    private final ScheduledFuture<?> commitTask;
    private final long refreshNanos;
    /** Batches of at least {@value #BULK_BATCH} articles being written to the index now. */
    private final AtomicInteger bulkWrites = new AtomicInteger();
    private volatile long lastRefreshNanos = System.nanoTime();
    private volatile long lastBulkNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile boolean closed;

    /**
     * While batches this large are being written (a bulk publish, an import, a rebuild, a follower catching up), the
     * background refresh runs every {@value #MAX_DEFERRED_REFRESHES} refresh intervals instead of every one: each
     * refresh cuts the writer's buffered documents into new segments, which merging then rewrites, so refreshing a
     * bulk write twice a second costs it about a quarter of its time on two cores. The refresh after the last batch
     * comes within two intervals.
     */
    static final int BULK_BATCH = 64;
    private static final int MAX_DEFERRED_REFRESHES = 4;

    private LuceneEngine(SearchEngineContext context, EngineOptions options, @Nullable SemanticOptions semantic)
            throws IOException {
        Analyzers analyzers = new Analyzers();
        if (semantic != null) {
            VectorCache cache = VectorCache.open(context.directory() == null ? null
                    : context.directory().resolve(LuceneIndex.EMBEDDINGS_FOLDER), semantic.embedder().modelId(),
                    semantic.embedder().dimension());
            this.passages = new Passages(semantic.embedder(), cache, semantic.languages(), semantic.maxChars(),
                    semantic.overlap());
            this.defaultMode = semantic.defaultMode();
        } else {
            this.passages = null;
            this.defaultMode = SearchMode.LEXICAL;
        }
        BM25Similarity similarity = new BM25Similarity(options.k1(), options.b());
        PartitionStats partitions = new PartitionStats(similarity);
        ViewerFilter viewerFilter = new ViewerFilter(context);
        Hits hits = new Hits(analyzers);
        this.hybrid = semantic == null ? null : new HybridSearch(semantic, passages, viewerFilter);
        this.searches = new SearchRunner(context, options, viewerFilter, new TextQueryBuilder(options, analyzers, vocabulary),
                hits, new DidYouMean(analyzers), partitions, hybrid, defaultMode);
        this.autocomplete = new Autocomplete(analyzers, viewerFilter);
        this.related = new RelatedArticles(analyzers, viewerFilter, partitions, hits);
        this.assist = new AgentAssist(context, options, analyzers, viewerFilter, partitions, hits);
        this.index = LuceneIndex.open(context, options, analyzers, similarity, passages);
        SearcherFactory factory = new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, @Nullable IndexReader previous)
                    throws IOException {
                searches.warm(reader);
                partitions.warm(reader);
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(similarity);
                return s;
            }
        };
        this.manager = new SearcherManager(index.writer(), true, true, factory);
        IndexSearcher s = manager.acquire();
        try {
            index.loadSignals(s);
        } finally {
            manager.release(s);
        }
        this.worker = passages == null ? null : new PassageWorker(passages, index, new PassageWorker.Searchers() {
            @Override
            public void refresh() throws IOException {
                manager.maybeRefreshBlocking();
            }

            @Override
            public IndexSearcher acquire() throws IOException {
                return manager.acquire();
            }

            @Override
            public void release(IndexSearcher searcher) throws IOException {
                manager.release(searcher);
            }
        }, "savoir-embedding-" + (context.directory() == null ? "memory" : context.directory().getFileName()));
        long refreshMs = options.refreshInterval().toMillis();
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(refreshMs);
        this.refreshTask = context.scheduler().scheduleWithFixedDelay(this::backgroundRefresh, refreshMs, refreshMs,
                TimeUnit.MILLISECONDS);
        long commitMs = options.commitInterval().toMillis();
        this.commitTask = context.scheduler().scheduleWithFixedDelay(this::backgroundCommit, commitMs, commitMs,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Opens (or creates) the index of a knowledge base.
     *
     * @throws dev.savoir.kb.SearchIndexException if the index folder cannot be opened
     */
    public static LuceneEngine open(SearchEngineContext context, EngineOptions options,
                                    @Nullable SemanticOptions semantic) {
        try {
            return new LuceneEngine(context, options, semantic);
        } catch (IOException e) {
            throw SearchIndexFailure.of("opening the search index in "
                    + (context.directory() == null ? "memory" : context.directory()), e);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public long appliedSequence() {
        return index.committed();
    }

    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        requireOpen();
        if (articles.size() < BULK_BATCH) {
            index.apply(articles, sequence);
            return;
        }
        bulkWrites.incrementAndGet();
        try {
            index.apply(articles, sequence);
        } finally {
            lastBulkNanos = System.nanoTime();
            bulkWrites.decrementAndGet();
        }
    }

    /**
     * Whether a bulk write is under way: a large batch is being written, or one ended less than a refresh interval
     * ago (the next batch of the same import is likely on its way).
     */
    private boolean bulkWriting(long now) {
        return bulkWrites.get() > 0 || now - lastBulkNanos < refreshNanos;
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        requireOpen();
        bulkWrites.incrementAndGet();
        try {
            try {
                index.rebuild(all, sequence, progress);
            } finally {
                bulkWrites.decrementAndGet();
            }
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw SearchIndexFailure.of("rebuilding the search index", e);
        }
    }

    @Override
    public boolean useVocabulary(List<LearnedPair> approved) {
        requireOpen();
        vocabulary.replace(List.copyOf(approved));
        return true;
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals s) {
        requireOpen();
        try {
            index.updateSignals(id, s);
        } catch (IOException e) {
            throw SearchIndexFailure.of("storing the signals of " + id, e);
        }
    }

    @Override
    public void refresh() {
        requireOpen();
        try {
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw SearchIndexFailure.of("refreshing the search index", e);
        }
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (bulkWriting(now) && now - lastRefreshNanos < MAX_DEFERRED_REFRESHES * refreshNanos) {
            return;
        }
        try {
            manager.maybeRefresh();
            lastRefreshNanos = System.nanoTime();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Background refresh of the search index failed", e);
        }
    }

    private void backgroundCommit() {
        if (closed) {
            return;
        }
        try {
            index.commitSettled();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Background commit of the search index failed", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        refreshTask.cancel(false);
        commitTask.cancel(false);
        if (worker != null) {
            worker.close();
        }
        index.close(manager);
    }

    private void requireOpen() {
        if (closed) {
            throw new KbException("this search engine is closed: open the knowledge base again to search or index");
        }
    }

    // ------------------------------------------------------------------ reads

    /** A read on one searcher, given back whatever happens. */
    @FunctionalInterface
    private interface Read<T> {
        T on(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(String what, Read<T> read) {
        requireOpen();
        IndexSearcher searcher;
        try {
            searcher = manager.acquire();
        } catch (IOException e) {
            throw SearchIndexFailure.of(what, e);
        }
        try {
            return read.on(searcher);
        } catch (IOException e) {
            throw SearchIndexFailure.of(what, e);
        } finally {
            try {
                manager.release(searcher);
            } catch (IOException e) {
                LOG.warn("Releasing a searcher failed", e);
            }
        }
    }

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        long started = System.nanoTime();
        return read("searching", s -> searches.search(s.getIndexReader(), request, viewer, started));
    }

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_AUTOCOMPLETE);
        return read("autocompleting", s -> autocomplete.complete(s, prefix, limit, viewer));
    }

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return read("finding related articles", s -> related.related(s.getIndexReader(), id, limit, viewer));
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        requireOpen();
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return read("agent assist", s -> assist.assist(s.getIndexReader(), subject, description, limit, viewer));
    }

    @Override
    public List<PassageMatch> passages(String question, int limit, ViewerContext viewer) {
        requireOpen();
        if (hybrid == null) {
            return SearchEngine.super.passages(question, limit, viewer);
        }
        checkLimit(limit, SearchRequest.MAX_LIMIT);
        return read("finding passages", s -> hybrid.passages(s, question, limit, viewer));
    }

    @Override
    public SearchMode defaultMode() {
        return defaultMode;
    }

    @Override
    public EmbeddingProgress embeddingProgress() {
        requireOpen();
        if (worker == null || passages == null) {
            return EmbeddingProgress.DISABLED;
        }
        try {
            long pending = worker.pending();
            return new EmbeddingProgress(true, worker.written(), pending);
        } catch (IOException e) {
            throw SearchIndexFailure.of("counting the passages awaiting their vectors", e);
        }
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new InvalidArgumentException("limit", "must be between 1 and " + max + ", got " + limit);
        }
    }
}
