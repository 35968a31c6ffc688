package dev.savoir.kb.lucene.internal.index;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.semantic.Passages;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the index: opens the directory (rebuilding when the schema version differs or the files are
 * unreadable), turns articles into documents over the indexing threads, keeps the ranking signals, and commits
 * with the store sequence the index reflects. Thread-safe.
 */
public final class LuceneIndex {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneIndex.class);
    /** Articles a rebuild reads from the store before indexing them in parallel. */
    private static final int REBUILD_CHUNK = 250;

    private final SearchEngineContext context;
    private final Directory directory;
    private final IndexWriter writer;
    private final DocBuilder docs;
    private final ParallelIndexer indexer;
    private final IndexedSignals signals = new IndexedSignals();
    private final @Nullable Passages passages;
    private final PassageGuard guard = new PassageGuard();
    private volatile Runnable onPending = () -> { };
    private final AtomicLong maxApplied = new AtomicLong();
    private final Object commitLock = new Object();
    private volatile long committed;
    private long observedAtLastCommit;

    private LuceneIndex(SearchEngineContext context, EngineOptions options, Analyzers analyzers,
                        Similarity similarity, @Nullable Passages passages) throws IOException {
        this.context = context;
        this.passages = passages;
        this.docs = new DocBuilder(context.renderer(), passages);
        this.indexer = new ParallelIndexer(options.indexingThreads());
        if (context.directory() != null) {
            Files.createDirectories(context.directory());
            this.directory = FSDirectory.open(context.directory());
        } else {
            this.directory = new ByteBuffersDirectory();
        }
        long sequence = readSequence();
        IndexWriterConfig cfg = new IndexWriterConfig(new FieldAnalyzer(analyzers));
        cfg.setSimilarity(similarity);
        cfg.setRAMBufferSizeMB(64);
        // a refresh publishes what was flushed at once, without waiting for small segments to merge first (bulk
        // imports refresh twice a second; merging stays in the background)
        cfg.setMaxFullFlushMergeWaitMillis(0);
        // a knowledge base is read far more often than written, and every search pays a fixed cost per segment: fewer
        // segments per tier than Lucene's 10 (a follower catching up an import refreshes many small ones) costs
        // some merging in the background and saves that cost on every search
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(4);
        cfg.setMergePolicy(merges);
        cfg.setOpenMode(sequence < 0 ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        this.writer = new IndexWriter(directory, cfg);
        this.committed = sequence;
        this.maxApplied.set(Math.max(0, sequence));
        this.observedAtLastCommit = Math.max(0, sequence);
    }

    /**
     * Opens (or creates) the index of a knowledge base; its signals load with {@link #loadSignals}. With
     * {@code passages}, published translations also get passage documents with vectors.
     */
    public static LuceneIndex open(SearchEngineContext context, EngineOptions options, Analyzers analyzers,
                                   Similarity similarity, @Nullable Passages passages) throws IOException {
        return new LuceneIndex(context, options, analyzers, similarity, passages);
    }

    /** The folder of the embedding cache inside an index folder (kept when the index is wiped). */
    public static final String EMBEDDINGS_FOLDER = "embeddings";

    /** What the passages were built with: a change (another model, another split) rebuilds the index. */
    private String passageSetup() {
        return passages == null ? "none" : passages.setup();
    }

    /** The committed sequence, or -1 (and an emptied directory) when the index must be rebuilt. */
    private long readSequence() throws IOException {
        try {
            if (!DirectoryReader.indexExists(directory)) {
                LOG.info("No search index yet in {}: it will be built from the store", where());
                return -1;
            }
            SegmentInfos infos = SegmentInfos.readLatestCommit(directory);
            Map<String, String> data = infos.getUserData();
            String model = data.getOrDefault(Fields.USER_MODEL, "none");
            if (!model.equals(passageSetup())) {
                LOG.info("The search index in {} has passages of another embedding setup ({}, now {}): rebuilding it",
                        where(), model, passageSetup());
                wipe();
                return -1;
            }
            if (!Fields.SCHEMA.equals(data.get(Fields.USER_SCHEMA)) || data.get(Fields.USER_SEQUENCE) == null) {
                LOG.warn("The search index in {} was written by another schema version ({}): rebuilding it", where(),
                        data.get(Fields.USER_SCHEMA));
                wipe();
                return -1;
            }
            try (DirectoryReader check = DirectoryReader.open(directory)) {
                for (LeafReaderContext leaf : check.leaves()) {
                    leaf.reader().checkIntegrity();
                }
            }
            return Long.parseLong(data.get(Fields.USER_SEQUENCE));
        } catch (IOException | RuntimeException e) {
            LOG.warn("The search index in {} is unreadable ({}): rebuilding it", where(), e.toString());
            wipe();
            return -1;
        }
    }

    /** Where the index lives, for messages. */
    private String where() {
        return context.directory() == null ? "memory" : context.directory().toString();
    }

    private void wipe() throws IOException {
        for (String f : directory.listAll()) {
            if (f.equals(EMBEDDINGS_FOLDER)) {
                continue;
            }
            try {
                directory.deleteFile(f);
            } catch (IOException e) {
                LOG.debug("Could not delete {} from the index directory", f, e);
            }
        }
    }

    /** The writer, for near-real-time searchers. */
    public IndexWriter writer() {
        return writer;
    }

    /** The lock and tokens that keep the embedding worker's writes current. */
    PassageGuard guard() {
        return guard;
    }

    /** Called whenever a translation is written awaiting its passages. */
    void onPending(Runnable listener) {
        this.onPending = listener;
    }

    /** An article's current signals. */
    ArticleSignals signalsOf(String id) {
        return signals.of(id);
    }

    /** Reads the signals stored in the index, through a searcher of the index just opened. */
    public void loadSignals(IndexSearcher searcher) throws IOException {
        signals.load(searcher);
    }

    /** The store sequence of the last commit, or -1 when the index must be rebuilt. */
    public long committed() {
        return committed;
    }

    /**
     * Indexes the articles over the indexing threads; the sequence advances only once every document is in the
     * writer. When an article appears more than once, its last state wins.
     */
    public void apply(List<IndexableArticle> articles, long sequence) {
        indexAll(articles);
        maxApplied.accumulateAndGet(sequence, Math::max);
    }

    /** Indexes the last state of each article in parallel; returns once all are in the writer. */
    private void indexAll(List<IndexableArticle> articles) {
        List<IndexableArticle> latest = articles;
        if (articles.size() > 1) {
            Map<ArticleId, IndexableArticle> last = new LinkedHashMap<>();
            for (IndexableArticle ia : articles) {
                last.put(ia.article().id(), ia);
            }
            latest = last.size() == articles.size() ? articles : List.copyOf(last.values());
        }
        indexer.forEach(latest, this::index, ia -> "article " + ia.article().id());
    }

    private void index(IndexableArticle ia) throws IOException {
        String id = ia.article().id().value();
        DocBuilder.Built built = docs.build(ia, signals.of(id));
        if (passages == null) {
            write(id, built.docs());
            return;
        }
        guard.written(id, built.token(), () -> write(id, built.docs()));
        if (built.pending() > 0) {
            onPending.run();
        }
    }

    private void write(String id, List<Document> built) throws IOException {
        if (built.isEmpty()) {
            writer.deleteDocuments(new Term(Fields.ID, id));
        } else {
            writer.updateDocuments(new Term(Fields.ID, id), built);
        }
    }

    /** Drops every article document and indexes {@code all}, keeping the signals; commits at {@code sequence}. */
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) throws IOException {
        long started = System.nanoTime();
        synchronized (commitLock) {
            guard.dropAll(writer::deleteAll);
            for (Map.Entry<String, ArticleSignals> e : signals.all().entrySet()) {
                writer.addDocument(IndexedSignals.doc(e.getKey(), e.getValue()));
            }
            long n = 0;
            List<IndexableArticle> chunk = new ArrayList<>(REBUILD_CHUNK);
            while (all.hasNext()) {
                chunk.add(all.next());
                if (chunk.size() == REBUILD_CHUNK || !all.hasNext()) {
                    indexAll(chunk);
                    n += chunk.size();
                    chunk.clear();
                    progress.accept(n);
                    if (n % 1000 == 0) {
                        LOG.info("Search index rebuild: {} articles indexed", n);
                    }
                }
            }
            progress.accept(n);
            maxApplied.set(sequence);
            observedAtLastCommit = sequence;
            commit(sequence);
            LOG.info("Search index rebuilt: {} articles in {} ms", n, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Replaces an article's signals in memory, in its signals document and in its documents' doc values. */
    public void updateSignals(ArticleId id, ArticleSignals s) throws IOException {
        signals.put(id.value(), s);
        writer.updateDocument(new Term(IndexedSignals.SIGNAL_ID, id.value()), IndexedSignals.doc(id.value(), s));
        // doc values can only be updated once the field exists, that is once an article was indexed
        if (!writer.getFieldNames().contains(Fields.UP)) {
            return;
        }
        writer.updateDocValues(new Term(Fields.ID, id.value()), new NumericDocValuesField(Fields.UP, s.helpfulVotes()),
                new NumericDocValuesField(Fields.DOWN, s.unhelpfulVotes()),
                new NumericDocValuesField(Fields.VIEWS, s.views()),
                new NumericDocValuesField(Fields.VIEWS_AT, s.asOf().toEpochMilli()));
    }

    private void commit(long sequence) throws IOException {
        if (passages != null) {
            // vectors first: an index that names them never outlives them
            passages.cache().sync();
        }
        Map<String, String> data = Map.of(Fields.USER_SCHEMA, Fields.SCHEMA, Fields.USER_SEQUENCE,
                Long.toString(sequence), Fields.USER_MODEL, passageSetup());
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committed = sequence;
    }

    /**
     * Commits with the highest sequence seen at the previous call: a change numbered below it reached the store
     * before that point, so its (synchronous) indexing has finished; anything later is re-applied on reopen.
     */
    public void commitSettled() throws IOException {
        synchronized (commitLock) {
            long safe = observedAtLastCommit;
            observedAtLastCommit = maxApplied.get();
            if (writer.hasUncommittedChanges() || safe != committed) {
                commit(Math.max(committed, safe));
            }
        }
    }

    /**
     * Commits everything applied, closes {@code searchers} (the near-real-time readers over the writer), then the
     * writer, the directory and the indexing threads. Failures are logged: the index catches up from the store on
     * reopen.
     */
    public void close(Closeable searchers) {
        synchronized (commitLock) {
            try {
                commit(Math.max(committed, maxApplied.get()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Final commit of the search index failed; it catches up from the store on reopen", e);
            }
            try {
                searchers.close();
                writer.close();
                directory.close();
            } catch (IOException e) {
                LOG.warn("Closing the search index failed", e);
            } finally {
                indexer.close();
                if (passages != null) {
                    try {
                        passages.cache().close();
                    } catch (IOException e) {
                        LOG.warn("Closing the embedding cache failed", e);
                    }
                }
            }
        }
    }
}
