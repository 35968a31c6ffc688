package dev.savoir.kb.lucene.internal;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.KbException;
import dev.savoir.kb.Locales;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.PromotionRule;
import dev.savoir.kb.search.ArticleSignals;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.IndexableArticle;
import dev.savoir.kb.spi.SearchEngine;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Lucene implementation of the search SPI. Thread-safe. */
public final class LuceneEngine implements SearchEngine {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneEngine.class);
    private static final int MAX_ANALYZED_TERMS = 32;
    private static final int MAX_FACET_VALUES = 100;
    private static final int MAX_PREFIX_CHARS = 100;
    private static final int MAX_TICKET_CHARS = 20_000;
    private static final String SIGNAL_ID = "sid";
    /** Articles a rebuild reads from the store before indexing them in parallel. */
    private static final int REBUILD_CHUNK = 250;

    private final SearchEngineContext context;
    private final EngineOptions options;
    private final Analyzers analyzers = new Analyzers();
    private final Analyzer autocompleteAnalyzer = new EdgeAnalyzer();
    private final DocBuilder docs;
    private final ParallelIndexer indexer;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager manager;
    private final BM25Similarity similarity;
    private final Map<String, ArticleSignals> signals = new ConcurrentHashMap<>();
    private final PopularQueries popular = new PopularQueries();
    private final FacetColumns facetColumns = new FacetColumns();
    /** The facets searches have asked for: refreshes decode only these (a host without facets pays nothing). */
    private final Set<Facet> facetsInUse = ConcurrentHashMap.newKeySet();
    private final DocFreqs docFreqs = new DocFreqs();
    private final AtomicLong maxApplied = new AtomicLong();
    private final ScheduledFuture<?> refreshTask;
    private final ScheduledFuture<?> commitTask;
    private final Object commitLock = new Object();
    private volatile long committed;
    private long observedAtLastCommit;
    private volatile boolean closed;

    private LuceneEngine(SearchEngineContext context, EngineOptions options) throws IOException {
        this.context = context;
        this.options = options;
        this.docs = new DocBuilder(context.renderer());
        this.indexer = new ParallelIndexer(options.indexingThreads());
        this.similarity = new BM25Similarity(options.k1(), options.b());
        if (context.directory() != null) {
            Files.createDirectories(context.directory());
            this.directory = FSDirectory.open(context.directory());
        } else {
            this.directory = new ByteBuffersDirectory();
        }
        long sequence = readSequence();
        IndexWriterConfig cfg = new IndexWriterConfig(new FieldAnalyzer());
        cfg.setSimilarity(similarity);
        cfg.setRAMBufferSizeMB(64);
        // a refresh publishes what was flushed at once, without waiting for small segments to merge first (bulk
        // imports refresh twice a second; merging stays in the background)
        cfg.setMaxFullFlushMergeWaitMillis(0);
        cfg.setOpenMode(sequence < 0 ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND);
        this.writer = new IndexWriter(directory, cfg);
        this.committed = sequence;
        this.maxApplied.set(Math.max(0, sequence));
        this.observedAtLastCommit = Math.max(0, sequence);
        SearcherFactory factory = new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, @Nullable IndexReader previous)
                    throws IOException {
                // Decode the facet ordinals of new segments here, on refresh, rather than in the next search.
                for (LeafReaderContext leaf : reader.leaves()) {
                    for (Facet f : facetsInUse) {
                        facetColumns.column(leaf.reader(), f);
                    }
                }
                IndexSearcher s = new IndexSearcher(reader);
                s.setSimilarity(similarity);
                return s;
            }
        };
        this.manager = new SearcherManager(writer, true, true, factory);
        loadSignals();
        long refreshMs = options.refreshInterval().toMillis();
        this.refreshTask = context.scheduler().scheduleWithFixedDelay(this::backgroundRefresh, refreshMs, refreshMs,
                TimeUnit.MILLISECONDS);
        long commitMs = options.commitInterval().toMillis();
        this.commitTask = context.scheduler().scheduleWithFixedDelay(this::backgroundCommit, commitMs, commitMs,
                TimeUnit.MILLISECONDS);
    }

    /** Opens (or creates) the index of a knowledge base. */
    public static LuceneEngine open(SearchEngineContext context, EngineOptions options) {
        try {
            return new LuceneEngine(context, options);
        } catch (IOException e) {
            throw new KbException("could not open the search index in " + context.directory() + ": " + e.getMessage(),
                    e);
        }
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

    private String where() {
        return context.directory() == null ? "memory" : context.directory().toString();
    }

    private void wipe() throws IOException {
        for (String f : directory.listAll()) {
            try {
                directory.deleteFile(f);
            } catch (IOException e) {
                LOG.debug("Could not delete {} from the index directory", f, e);
            }
        }
    }

    private void loadSignals() throws IOException {
        IndexSearcher s = manager.acquire();
        try {
            TopDocs td = s.search(new TermQuery(new Term(Fields.KIND, Fields.SIGNALS_DOC)), Integer.MAX_VALUE / 2);
            StoredFields sf = s.storedFields();
            for (ScoreDoc sd : td.scoreDocs) {
                Document d = sf.document(sd.doc);
                signals.put(d.get(SIGNAL_ID), new ArticleSignals(d.getField("s_" + Fields.UP).numericValue().longValue(),
                        d.getField("s_" + Fields.DOWN).numericValue().longValue(),
                        d.getField("s_" + Fields.VIEWS).numericValue().longValue(),
                        Instant.ofEpochMilli(d.getField("s_" + Fields.VIEWS_AT).numericValue().longValue())));
            }
        } finally {
            manager.release(s);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public long appliedSequence() {
        return committed;
    }

    /**
     * Indexes the articles over the indexing threads; the sequence advances only once every document is in the
     * writer. When an article appears more than once, its last state wins.
     */
    @Override
    public void apply(List<IndexableArticle> articles, long sequence) {
        requireOpen();
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
        List<Document> built = docs.build(ia, signalsOf(id));
        if (built.isEmpty()) {
            writer.deleteDocuments(new Term(Fields.ID, id));
        } else {
            writer.updateDocuments(new Term(Fields.ID, id), built);
        }
    }

    private ArticleSignals signalsOf(String id) {
        return signals.getOrDefault(id, new ArticleSignals(0, 0, 0, Instant.EPOCH));
    }

    @Override
    public void rebuild(Iterator<IndexableArticle> all, long sequence, LongConsumer progress) {
        requireOpen();
        long started = System.nanoTime();
        try {
            synchronized (commitLock) {
                writer.deleteAll();
                for (Map.Entry<String, ArticleSignals> e : signals.entrySet()) {
                    writer.addDocument(signalsDoc(e.getKey(), e.getValue()));
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
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new KbException("rebuilding the search index failed: " + e.getMessage(), e);
        }
    }

    private void commit(long sequence) throws IOException {
        Map<String, String> data = Map.of(Fields.USER_SCHEMA, Fields.SCHEMA, Fields.USER_SEQUENCE,
                Long.toString(sequence));
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
        committed = sequence;
    }

    private void backgroundRefresh() {
        if (closed) {
            return;
        }
        try {
            manager.maybeRefresh();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Background refresh of the search index failed", e);
        }
    }

    /**
     * Commits with the highest sequence seen at the previous commit: a change numbered below it reached the store
     * before that point, so its (synchronous) indexing has finished; anything later is re-applied on reopen.
     */
    private void backgroundCommit() {
        if (closed) {
            return;
        }
        synchronized (commitLock) {
            try {
                long safe = observedAtLastCommit;
                observedAtLastCommit = maxApplied.get();
                if (writer.hasUncommittedChanges() || safe != committed) {
                    commit(Math.max(committed, safe));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Background commit of the search index failed", e);
            }
        }
    }

    @Override
    public void refresh() {
        requireOpen();
        try {
            manager.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        synchronized (commitLock) {
            try {
                commit(Math.max(committed, maxApplied.get()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Final commit of the search index failed; it catches up from the store on reopen", e);
            }
            try {
                manager.close();
                writer.close();
                directory.close();
            } catch (IOException e) {
                LOG.warn("Closing the search index failed", e);
            } finally {
                indexer.close();
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the search engine is closed");
        }
    }

    @Override
    public void updateSignals(ArticleId id, ArticleSignals s) {
        requireOpen();
        signals.put(id.value(), s);
        try {
            writer.updateDocument(new Term(SIGNAL_ID, id.value()), signalsDoc(id.value(), s));
            Term t = new Term(Fields.ID, id.value());
            if (!hasNumericField(Fields.UP)) {
                return;
            }
            writer.updateDocValues(t, new org.apache.lucene.document.NumericDocValuesField(Fields.UP,
                            s.helpfulVotes()),
                    new org.apache.lucene.document.NumericDocValuesField(Fields.DOWN, s.unhelpfulVotes()),
                    new org.apache.lucene.document.NumericDocValuesField(Fields.VIEWS, s.views()),
                    new org.apache.lucene.document.NumericDocValuesField(Fields.VIEWS_AT, s.asOf().toEpochMilli()));
        } catch (IOException e) {
            throw new KbException("could not store the signals of " + id + ": " + e.getMessage(), e);
        }
    }

    /** Whether an article was ever indexed (doc values can only be updated once the field exists). */
    private boolean hasNumericField(String field) {
        return writer.getFieldNames().contains(field);
    }

    private static Document signalsDoc(String id, ArticleSignals s) {
        Document d = new Document();
        d.add(new StringField(SIGNAL_ID, id, Field.Store.YES));
        d.add(new StringField(Fields.KIND, Fields.SIGNALS_DOC, Field.Store.NO));
        d.add(new StoredField("s_" + Fields.UP, s.helpfulVotes()));
        d.add(new StoredField("s_" + Fields.DOWN, s.unhelpfulVotes()));
        d.add(new StoredField("s_" + Fields.VIEWS, s.views()));
        d.add(new StoredField("s_" + Fields.VIEWS_AT, s.asOf().toEpochMilli()));
        return d;
    }

    // ------------------------------------------------------------------ filters

    private record Step(boolean language, String value) {
    }

    private List<Step> localeSteps(ViewerContext viewer) {
        List<Step> steps = new ArrayList<>();
        for (Locale l : Locales.fallbackChain(viewer.locale())) {
            steps.add(new Step(false, l.toLanguageTag()));
        }
        steps.add(new Step(true, viewer.locale().getLanguage()));
        Locale def = context.defaultLocale();
        for (Locale l : Locales.fallbackChain(def)) {
            Step s = new Step(false, l.toLanguageTag());
            if (!steps.contains(s)) {
                steps.add(s);
            }
        }
        Step s = new Step(true, def.getLanguage());
        if (!steps.contains(s)) {
            steps.add(s);
        }
        return steps;
    }

    /** The analysis keys of the languages a viewer may get hits in, nearest first. */
    private List<String> keys(ViewerContext viewer) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(Analyzers.key(viewer.locale()));
        keys.add(Analyzers.key(context.defaultLocale()));
        return List.copyOf(keys);
    }

    /** One document per article: the nearest translation of the viewer's fallback chain. */
    private Query localeFilter(ViewerContext viewer, boolean working) {
        List<Step> steps = localeSteps(viewer);
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            if (s.language()) {
                b.add(new TermQuery(new Term(working ? Fields.WORK_LANG_REP : Fields.LANG_REP, s.value())),
                        Occur.FILTER);
            } else {
                b.add(new TermQuery(new Term(Fields.LOC, s.value())), Occur.FILTER);
            }
            for (int j = 0; j < i; j++) {
                Step p = steps.get(j);
                String field = p.language() ? (working ? Fields.WORK_AVAIL_LANG : Fields.AVAIL_LANG)
                        : (working ? Fields.WORK_AVAIL_LOC : Fields.AVAIL_LOC);
                b.add(new TermQuery(new Term(field, p.value())), Occur.MUST_NOT);
            }
            any.add(b.build(), Occur.SHOULD);
        }
        return any.build();
    }

    /** What the viewer may see: published (or, for editors asking, working) translations, visibility, locale. */
    private Query viewerFilter(ViewerContext viewer, boolean drafts) {
        boolean working = drafts && viewer.internal();
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        f.add(working ? new TermQuery(new Term(Fields.WORK, "1")) : new TermQuery(new Term(Fields.KIND, Fields.PUB)),
                Occur.FILTER);
        if (!viewer.internal()) {
            BooleanQuery.Builder vis = new BooleanQuery.Builder();
            vis.add(new TermQuery(new Term(Fields.VIS, "public")), Occur.SHOULD);
            if (!viewer.segments().isEmpty()) {
                vis.add(new TermInSetQuery(Fields.SEG, viewer.segments().stream().map(BytesRef::new).toList()),
                        Occur.SHOULD);
            }
            f.add(vis.build(), Occur.FILTER);
            if (context.stalePolicy() == StalePolicy.HIDE_FROM_EXTERNAL) {
                f.add(LongPoint.newRangeQuery(Fields.DUE, Long.MIN_VALUE, context.clock().millis()), Occur.MUST_NOT);
            }
        }
        f.add(localeFilter(viewer, working), Occur.FILTER);
        return f.build();
    }

    private static @Nullable Query requestFilter(SearchRequest r) {
        BooleanQuery.Builder f = new BooleanQuery.Builder();
        boolean any = false;
        if (!r.categories().isEmpty()) {
            f.add(new TermInSetQuery(Fields.CAT, r.categories().stream().map(c -> new BytesRef(c.toString()))
                    .toList()), Occur.FILTER);
            any = true;
        }
        if (!r.tags().isEmpty()) {
            f.add(new TermInSetQuery(Fields.TAG, r.tags().stream().map(BytesRef::new).toList()), Occur.FILTER);
            any = true;
        }
        if (!r.types().isEmpty()) {
            f.add(new TermInSetQuery(Fields.TYPE, r.types().stream().map(t -> new BytesRef(t.name())).toList()),
                    Occur.FILTER);
            any = true;
        }
        for (Map.Entry<String, String> e : r.attributes().entrySet()) {
            f.add(new TermQuery(new Term(Fields.ATTR, DocBuilder.attr(e.getKey(), e.getValue()))), Occur.FILTER);
            any = true;
        }
        if (r.publishedAfter() != null || r.publishedBefore() != null) {
            long from = r.publishedAfter() == null ? Long.MIN_VALUE : r.publishedAfter().toEpochMilli();
            long to = r.publishedBefore() == null ? Long.MAX_VALUE : r.publishedBefore().toEpochMilli() - 1;
            f.add(LongPoint.newRangeQuery(Fields.PUBLISHED_AT, from, to), Occur.FILTER);
            any = true;
        }
        return any ? f.build() : null;
    }

    // ------------------------------------------------------------------ analysis

    private record Token(String term, int position, int start, int end) {
    }

    private static List<Token> analyze(Analyzer analyzer, String field, String text, int max) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            int pos = -1;
            while (ts.incrementToken() && out.size() < max) {
                pos += inc.getPositionIncrement();
                if (term.length() > 0 && term.length() <= 100) {
                    out.add(new Token(term.toString(), pos, off.startOffset(), off.endOffset()));
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static @Nullable Query phrase(String field, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        if (tokens.size() == 1) {
            return new TermQuery(new Term(field, tokens.getFirst().term()));
        }
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        int first = tokens.getFirst().position();
        for (Token t : tokens) {
            b.add(new Term(field, t.term()), t.position() - first);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ text query

    /** The text part of a search, as named groups of clauses whose scores add up. */
    private final class TextQuery {
        final Map<String, BooleanQuery.Builder> groups = new LinkedHashMap<>();
        final BooleanQuery.Builder requiredPhrases = new BooleanQuery.Builder();
        final BooleanQuery.Builder excluded = new BooleanQuery.Builder();
        /**
         * The clauses that decide whether a document matches, without scores: the all-text field holds the title,
         * summary, tags and body with the same analysis, so its terms (with typos and synonyms) match exactly the
         * documents the scored groups match.
         */
        final BooleanQuery.Builder matching = new BooleanQuery.Builder();
        final Map<String, Set<String>> termsByKey = new HashMap<>();
        final Map<String, Set<String>> fuzzyByKey = new HashMap<>();
        boolean hasPositive;
        boolean hasRequired;
        boolean hasExcluded;

        void add(String group, Query q, float boost) {
            groups.computeIfAbsent(group, g -> new BooleanQuery.Builder())
                    .add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
        }

        Map<String, Query> built() {
            Map<String, Query> out = new LinkedHashMap<>();
            groups.forEach((k, v) -> out.put(k, v.build()));
            return out;
        }
    }

    private TextQuery textQuery(IndexReader reader, UserQuery uq, List<String> keys, Locale viewerLocale,
                                boolean typos) throws IOException {
        TextQuery tq = new TextQuery();
        String positive = uq.positiveText();
        for (String key : keys) {
            Analyzer a = analyzers.forKey(key);
            String all = Fields.text(Fields.ALL, key);
            Set<String> terms = tq.termsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>());
            Set<String> fuzzy = tq.fuzzyByKey.computeIfAbsent(key, k -> new LinkedHashSet<>());
            List<Token> tokens = analyze(a, all, positive, MAX_ANALYZED_TERMS);
            for (Token t : tokens) {
                if (!terms.add(t.term())) {
                    continue;
                }
                tq.hasPositive = true;
                tq.add("text", new TermQuery(new Term(all, t.term())), 1f);
                tq.matching.add(new TermQuery(new Term(all, t.term())), Occur.SHOULD);
                if (options.titleWeight() > 0) {
                    tq.add("title", new TermQuery(new Term(Fields.text(Fields.TITLE, key), t.term())),
                            options.titleWeight());
                }
                if (options.tagsWeight() > 0) {
                    tq.add("tags", new TermQuery(new Term(Fields.text(Fields.TAGS, key), t.term())),
                            options.tagsWeight());
                }
                if (options.summaryWeight() > 0) {
                    tq.add("summary", new TermQuery(new Term(Fields.text(Fields.SUMMARY, key), t.term())),
                            options.summaryWeight());
                }
                if (typos && options.typoTolerance() && t.term().length() >= 4
                        && t.term().codePoints().allMatch(Character::isLetter)
                        && docFreqs.of(reader, new Term(all, t.term())) <= options.rareDocFreq()) {
                    int edits = t.term().length() >= 8 ? 2 : 1;
                    FuzzyQuery typo = new FuzzyQuery(new Term(all, t.term()), edits, 1, 20, true);
                    tq.add("typo", typo, options.typoWeight());
                    tq.matching.add(typo, Occur.SHOULD);
                    fuzzy.add(t.term());
                }
            }
            // Exact-bigram proximity: adjacent query words found next to each other.
            if (options.phraseWeight() > 0) {
                List<Token> wordTokens = analyze(a, all, String.join(" ", uq.words()), MAX_ANALYZED_TERMS);
                for (int i = 0; i + 1 < wordTokens.size(); i++) {
                    Token x = wordTokens.get(i);
                    Token y = wordTokens.get(i + 1);
                    if (y.position() - x.position() <= 2 && !x.term().equals(y.term())) {
                        PhraseQuery pq = new PhraseQuery.Builder().add(new Term(all, x.term()), 0)
                                .add(new Term(all, y.term()), y.position() - x.position()).build();
                        tq.add("phrase", pq, options.phraseWeight());
                    }
                }
            }
            for (String p : uq.phrases()) {
                Query q = phrase(all, analyze(a, all, p, MAX_ANALYZED_TERMS));
                if (q != null) {
                    tq.requiredPhrases.add(q, Occur.SHOULD);
                    tq.hasRequired = true;
                }
            }
            for (String x : uq.excluded()) {
                Query q = phrase(all, analyze(a, all, x, MAX_ANALYZED_TERMS));
                if (q != null) {
                    tq.excluded.add(q, Occur.SHOULD);
                    tq.hasExcluded = true;
                }
            }
            if (options.synonymWeight() > 0) {
                for (Token w : analyze(analyzers.plain(), Fields.SPELL, String.join(" ", uq.words()), 16)) {
                    List<String> syns;
                    try {
                        syns = options.synonyms().synonyms(viewerLocale, w.term());
                    } catch (RuntimeException e) {
                        LOG.warn("The synonym provider failed; searching without synonyms", e);
                        syns = List.of();
                    }
                    for (String s : syns.stream().limit(10).toList()) {
                        Query q = phrase(all, analyze(a, all, s, 8));
                        if (q != null) {
                            tq.add("synonym", q, options.synonymWeight());
                            tq.matching.add(q, Occur.SHOULD);
                            tq.hasPositive = true;
                        }
                    }
                }
            }
        }
        return tq;
    }

    // ------------------------------------------------------------------ rules

    static String normalize(String q) {
        String s = Normalizer.normalize(q.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private List<PromotionRule> activeRules(String query, ViewerContext viewer) {
        List<PromotionRule> all;
        try {
            all = options.rules().get();
        } catch (RuntimeException e) {
            LOG.warn("The promotion rule provider failed; searching without rules", e);
            return List.of();
        }
        if (all.isEmpty()) {
            return List.of();
        }
        Instant now = context.clock().instant();
        String norm = normalize(query);
        List<PromotionRule> out = new ArrayList<>();
        for (PromotionRule r : all) {
            boolean matches = r.match() == PromotionRule.Match.EXACT ? r.query().equals(query)
                    : normalize(r.query()).equals(norm);
            if (!matches) {
                continue;
            }
            if (r.locale() != null && (!r.locale().getLanguage().equals(viewer.locale().getLanguage())
                    || (!r.locale().getCountry().isEmpty()
                    && !r.locale().getCountry().equals(viewer.locale().getCountry())))) {
                continue;
            }
            if (r.audience() != null && (r.audience() == PromotionRule.Audience.INTERNAL) != viewer.internal()) {
                continue;
            }
            if ((r.from() != null && now.isBefore(r.from())) || (r.until() != null && !now.isBefore(r.until()))) {
                continue;
            }
            out.add(r);
        }
        return out;
    }

    // ------------------------------------------------------------------ search

    @Override
    public SearchResponse search(SearchRequest request, ViewerContext viewer) {
        requireOpen();
        long started = System.nanoTime();
        IndexSearcher searcher;
        try {
            searcher = manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return doSearch(searcher, request, viewer, started);
        } catch (IOException e) {
            throw new KbException("search failed: " + e.getMessage(), e);
        } finally {
            try {
                manager.release(searcher);
            } catch (IOException e) {
                LOG.warn("Releasing a searcher failed", e);
            }
        }
    }

    private SearchResponse doSearch(IndexSearcher searcher, SearchRequest request, ViewerContext viewer,
                                    long started) throws IOException {
        boolean drafts = request.includeDrafts() && viewer.internal();
        UserQuery uq = UserQuery.parse(request.query());
        List<String> keys = keys(viewer);
        TextQuery tq = textQuery(searcher.getIndexReader(), uq, keys, viewer.locale(), true);
        List<PromotionRule> rules = activeRules(request.query(), viewer);
        Set<String> blocked = new HashSet<>();
        Map<String, Float> promoted = new HashMap<>();
        List<String> pinned = new ArrayList<>();
        for (PromotionRule r : rules) {
            if (r.action() == PromotionRule.Action.BLOCK) {
                blocked.add(r.articleId().value());
            }
        }
        for (PromotionRule r : rules) {
            String id = r.articleId().value();
            if (blocked.contains(id)) {
                continue;
            }
            if (r.action() == PromotionRule.Action.PIN && !pinned.contains(id)) {
                pinned.add(id);
            } else if (r.action() == PromotionRule.Action.PROMOTE) {
                promoted.merge(id, r.boost(), Math::max);
            }
        }

        Query filter = viewerFilter(viewer, drafts);
        Query reqFilter = requestFilter(request);
        Map<String, Query> groups = tq.built();
        // Two plans over the same documents: the scored one ranks, the unscored one counts and facets.
        BooleanQuery.Builder main = new BooleanQuery.Builder();
        BooleanQuery.Builder matchOnly = new BooleanQuery.Builder();
        if (tq.hasPositive) {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            groups.values().forEach(g -> text.add(g, Occur.SHOULD));
            main.add(text.build(), Occur.MUST);
            matchOnly.add(tq.matching.build(), Occur.FILTER);
        } else if (!tq.hasRequired && uq.hasText()) {
            // Text that analyzes to nothing (only stop words or punctuation) matches nothing.
            main.add(new org.apache.lucene.search.MatchNoDocsQuery(), Occur.MUST);
            matchOnly.add(new org.apache.lucene.search.MatchNoDocsQuery(), Occur.FILTER);
        } else if (!tq.hasRequired) {
            // No text at all (empty, or only exclusions): browse what the filters allow.
            main.add(new ConstantScoreQuery(new MatchAllDocsQuery()), Occur.MUST);
            matchOnly.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (tq.hasRequired) {
            Query required = tq.requiredPhrases.build();
            main.add(required, Occur.MUST);
            matchOnly.add(required, Occur.FILTER);
        }
        List<Query> excludedAll = new ArrayList<>();
        if (tq.hasExcluded) {
            excludedAll.add(tq.excluded.build());
        }
        Set<String> removed = new HashSet<>(blocked);
        removed.addAll(pinned);
        if (!removed.isEmpty()) {
            excludedAll.add(new TermInSetQuery(Fields.ID, removed.stream().map(BytesRef::new).toList()));
        }
        for (BooleanQuery.Builder b : List.of(main, matchOnly)) {
            b.add(filter, Occur.FILTER);
            if (reqFilter != null) {
                b.add(reqFilter, Occur.FILTER);
            }
            excludedAll.forEach(x -> b.add(x, Occur.MUST_NOT));
        }
        long now = context.clock().millis();
        Signals sig = new Signals(options, now, context.stalePolicy() == StalePolicy.DEMOTE, promoted);

        int want = request.offset() + request.limit();
        // Facets and exact totals visit every match anyway: one unscored pass, then the ranking may skip.
        boolean countAll = !request.facets().isEmpty() || request.exactTotal();
        TopDocs topDocs = searcher.search(main.build(), new SignalRanker(want,
                countAll ? 0 : SearchRequest.EXACT_TOTAL_UP_TO, sig));
        Map<Facet, Map<String, Long>> facetCounts = Map.of();
        long matches;
        boolean exact;
        if (!request.facets().isEmpty()) {
            facetsInUse.addAll(request.facets());
            FacetCollector.Result r = searcher.search(new ConstantScoreQuery(matchOnly.build()),
                    FacetCollector.manager(request.facets(), facetColumns));
            facetCounts = r.counts();
            matches = r.hits();
            exact = true;
        } else if (request.exactTotal()) {
            matches = searcher.count(matchOnly.build());
            exact = true;
        } else {
            matches = topDocs.totalHits.value();
            exact = topDocs.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        }

        List<ScoreDoc> pinDocs = new ArrayList<>();
        if (!pinned.isEmpty()) {
            for (String id : pinned) {
                BooleanQuery.Builder pq = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(Fields.ID, id)), Occur.FILTER)
                        .add(filter, Occur.FILTER);
                if (reqFilter != null) {
                    pq.add(reqFilter, Occur.FILTER);
                }
                TopDocs p = searcher.search(pq.build(), 1);
                if (p.scoreDocs.length > 0) {
                    pinDocs.add(p.scoreDocs[0]);
                }
            }
        }
        List<ScoreDoc> ranked = new ArrayList<>(pinDocs);
        ranked.addAll(List.of(topDocs.scoreDocs));
        long total = matches + pinDocs.size();
        List<ScoreDoc> page = ranked.subList(Math.min(ranked.size(), request.offset()),
                Math.min(ranked.size(), want));
        StoredFields stored = searcher.storedFields();
        List<SearchHit> hits = new ArrayList<>(page.size());
        for (ScoreDoc sd : page) {
            Explanation ex = null;
            if (request.explain()) {
                ex = explain(searcher, sd, groups, filter, sig, rules, pinDocs.contains(sd));
            }
            hits.add(hit(stored, sd, tq, ex));
        }
        String didYouMean = null;
        if (total < 3 && !uq.words().isEmpty()) {
            didYouMean = didYouMean(searcher, uq, filter, total);
        }
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet f : request.facets()) {
            Map<String, Long> m = facetCounts.getOrDefault(f, Map.of());
            facets.put(f, m.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_FACET_VALUES)
                    .map(e -> new FacetCount(e.getKey(), e.getValue())).toList());
        }
        if (!viewer.internal() && viewer.segments().isEmpty() && !drafts && request.offset() == 0 && total > 0
                && matches > 0 && uq.hasText()) {
            popular.record(request.query());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug("Search with {} words found {} hits in {} µs", uq.words().size(), total, took.toNanos() / 1000);
        return new SearchResponse(hits, total, exact, facets, didYouMean, took);
    }

    private SearchHit hit(StoredFields stored, ScoreDoc sd, TextQuery tq, @Nullable Explanation ex)
            throws IOException {
        Document d = stored.document(sd.doc);
        Locale locale = Locale.forLanguageTag(d.get(Fields.LOC));
        String key = Analyzers.key(locale);
        Set<String> terms = tq.termsByKey.getOrDefault(key, Set.of());
        Set<String> fuzzy = tq.fuzzyByKey.getOrDefault(key, Set.of());
        Analyzer a = analyzers.forKey(key);
        String field = Fields.text(Fields.ALL, key);
        String body = d.get(Fields.BODY_STORED);
        String summary = d.get(Fields.SUMMARY_STORED);
        Snippets.Snippet snip = Snippets.of(a, field, body == null ? "" : body, terms, fuzzy);
        if (!snip.matched() && summary != null && !summary.isEmpty()) {
            Snippets.Snippet s2 = Snippets.of(a, field, summary, terms, fuzzy);
            if (s2.matched()) {
                snip = s2;
            }
        }
        String title = d.get(Fields.TITLE_STORED);
        List<SearchHit.Highlight> titleHighlights = Snippets.matches(a, field, title, terms, fuzzy).stream()
                .map(m -> new SearchHit.Highlight(m[0], m[1])).toList();
        return new SearchHit(ArticleId.of(d.get(Fields.ID)), locale, d.getField(Fields.REV).numericValue().intValue(),
                Fields.DRAFT.equals(d.get(Fields.KIND)), title, titleHighlights, snip.text(), snip.highlights(),
                CategoryPath.parse(d.get(Fields.CAT_STORED)), ArticleType.of(d.get(Fields.TYPE)), sd.score, ex);
    }

    private Explanation explain(IndexSearcher searcher, ScoreDoc sd, Map<String, Query> groups, Query filter,
                                Signals sig, List<PromotionRule> rules, boolean pinnedHit) throws IOException {
        Map<String, Double> fieldScores = new LinkedHashMap<>();
        double text = 0;
        for (Map.Entry<String, Query> g : groups.entrySet()) {
            Query q = new BooleanQuery.Builder().add(g.getValue(), Occur.MUST).add(filter, Occur.FILTER).build();
            org.apache.lucene.search.Explanation e = searcher.explain(q, sd.doc);
            double v = e.isMatch() ? e.getValue().doubleValue() : 0;
            fieldScores.put(g.getKey(), v);
            text += v;
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        int local = sd.doc - leaf.docBase;
        long[] v = new long[6];
        String[] names = {Fields.UP, Fields.DOWN, Fields.VIEWS, Fields.VIEWS_AT, Fields.PUBLISHED_AT, Fields.DUE};
        for (int i = 0; i < names.length; i++) {
            var dv = org.apache.lucene.index.DocValues.getNumeric(leaf.reader(), names[i]);
            v[i] = dv.advanceExact(local) ? dv.longValue() : 0;
        }
        String id = searcher.storedFields().document(sd.doc).get(Fields.ID);
        float promo = 1f;
        List<String> applied = new ArrayList<>();
        for (PromotionRule r : rules) {
            if (r.articleId().value().equals(id)) {
                applied.add(r.action() + " \"" + r.query() + "\"" + (r.action() == PromotionRule.Action.PROMOTE
                        ? " x" + r.boost() : ""));
                if (r.action() == PromotionRule.Action.PROMOTE) {
                    promo = Math.max(promo, r.boost());
                }
            }
        }
        if (pinnedHit && applied.stream().noneMatch(s -> s.startsWith("PIN"))) {
            applied.add("PIN");
        }
        Map<String, Double> parts = sig.parts(v[0], v[1], v[2], v[3], v[4], v[5], promo);
        return new Explanation(text, fieldScores, parts, applied, sd.score);
    }

    // ------------------------------------------------------------------ did you mean

    private @Nullable String didYouMean(IndexSearcher searcher, UserQuery uq, Query filter, long total)
            throws IOException {
        List<Token> words = analyze(analyzers.plain(), Fields.SPELL, String.join(" ", uq.words()), 16);
        if (words.isEmpty()) {
            return null;
        }
        DirectSpellChecker checker = new DirectSpellChecker();
        checker.setMaxEdits(2);
        checker.setMinPrefix(1);
        IndexReader reader = searcher.getIndexReader();
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (Token w : words) {
            String word = w.term();
            int df = reader.docFreq(new Term(Fields.SPELL, word));
            String chosen = word;
            if (word.length() >= 3 && word.codePoints().allMatch(Character::isLetter)) {
                SuggestMode mode = df == 0 ? SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX : SuggestMode.SUGGEST_MORE_POPULAR;
                SuggestWord[] candidates = checker.suggestSimilar(new Term(Fields.SPELL, word), 5, reader, mode);
                for (SuggestWord c : candidates) {
                    if (visibleCount(searcher, new TermQuery(new Term(Fields.SPELL, c.string)), filter) > 0) {
                        chosen = c.string;
                        break;
                    }
                }
            }
            if (!chosen.equals(word)) {
                changed = true;
            }
            out.add(chosen);
        }
        if (!changed) {
            return null;
        }
        return String.join(" ", out);
    }

    private static int visibleCount(IndexSearcher searcher, Query q, Query filter) throws IOException {
        return searcher.count(new BooleanQuery.Builder().add(q, Occur.FILTER).add(filter, Occur.FILTER).build());
    }

    // ------------------------------------------------------------------ autocomplete

    @Override
    public List<Suggestion> autocomplete(String prefix, int limit, ViewerContext viewer) {
        requireOpen();
        if (limit < 1 || limit > 50) {
            throw new IllegalArgumentException("autocomplete limit must be between 1 and 50, got " + limit);
        }
        String p = prefix.length() > MAX_PREFIX_CHARS ? prefix.substring(0, MAX_PREFIX_CHARS) : prefix;
        List<Token> tokens = analyze(analyzers.plain(), Fields.AC_WORD, p, 10);
        if (tokens.isEmpty()) {
            return List.of();
        }
        boolean lastComplete = !p.isEmpty() && Character.isWhitespace(p.charAt(p.length() - 1));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).term();
            boolean last = i == tokens.size() - 1;
            if (last && !lastComplete) {
                q.add(new TermQuery(new Term(Fields.AC, t.length() > 20 ? t.substring(0, 20) : t)), Occur.FILTER);
            } else {
                q.add(new TermQuery(new Term(Fields.AC_WORD, t)), Occur.FILTER);
            }
        }
        q.add(viewerFilter(viewer, false), Occur.FILTER);
        IndexSearcher s = acquire();
        try {
            Sort sort = new Sort(new SortField(Fields.VIEWS, SortField.Type.LONG, true), SortField.FIELD_DOC);
            TopDocs td = s.search(q.build(), limit * 3, sort);
            StoredFields stored = s.storedFields();
            Map<String, Suggestion> out = new LinkedHashMap<>();
            for (ScoreDoc sd : td.scoreDocs) {
                Document d = stored.document(sd.doc);
                String title = d.get(Fields.TITLE_STORED);
                String norm = normalize(title);
                if (!out.containsKey(norm) && out.size() < limit) {
                    out.put(norm, new Suggestion(title, ArticleId.of(d.get(Fields.ID))));
                }
            }
            if (out.size() < limit && !lastComplete) {
                for (Suggestion pq : popular.complete(p, limit)) {
                    String norm = normalize(pq.text());
                    if (!out.containsKey(norm) && out.size() < limit) {
                        out.put(norm, pq);
                    }
                }
            }
            return List.copyOf(out.values());
        } catch (IOException e) {
            throw new KbException("autocomplete failed: " + e.getMessage(), e);
        } finally {
            release(s);
        }
    }

    private IndexSearcher acquire() {
        try {
            return manager.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void release(IndexSearcher s) {
        try {
            manager.release(s);
        } catch (IOException e) {
            LOG.warn("Releasing a searcher failed", e);
        }
    }

    // ------------------------------------------------------------------ related

    @Override
    public List<SearchHit> related(ArticleId id, int limit, ViewerContext viewer) {
        requireOpen();
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
        IndexSearcher s = acquire();
        try {
            Query filter = viewerFilter(viewer, false);
            TopDocs src = s.search(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(Fields.ID, id.value())), Occur.FILTER)
                    .add(filter, Occur.FILTER).build(), 1);
            if (src.scoreDocs.length == 0) {
                return List.of();
            }
            Document d = s.storedFields().document(src.scoreDocs[0].doc);
            String key = Analyzers.key(Locale.forLanguageTag(d.get(Fields.LOC)));
            Analyzer a = analyzers.forKey(key);
            String all = Fields.text(Fields.ALL, key);
            Map<String, Double> tf = new HashMap<>();
            for (Token t : analyze(a, all, d.get(Fields.TITLE_STORED), 64)) {
                tf.merge(t.term(), 3.0, Double::sum);
            }
            for (Token t : analyze(a, all, d.get(Fields.SUMMARY_STORED), 128)) {
                tf.merge(t.term(), 2.0, Double::sum);
            }
            String body = d.get(Fields.BODY_STORED);
            for (Token t : analyze(a, all, body.length() > 20_000 ? body.substring(0, 20_000) : body, 4000)) {
                tf.merge(t.term(), 1.0, Double::sum);
            }
            IndexReader r = s.getIndexReader();
            int n = Math.max(1, r.numDocs());
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (Map.Entry<String, Double> e : tf.entrySet()) {
                int df = docFreqs.of(r, new Term(all, e.getKey()));
                if (df >= 2) {
                    scored.add(Map.entry(e.getKey(), Math.sqrt(e.getValue()) * Math.log((double) n / df + 1)));
                }
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
            if (scored.isEmpty()) {
                return List.of();
            }
            double max = scored.getFirst().getValue();
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            TextQuery tq = new TextQuery();
            Set<String> terms = tq.termsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>());
            for (Map.Entry<String, Double> e : scored.subList(0, Math.min(25, scored.size()))) {
                text.add(new BoostQuery(new TermQuery(new Term(all, e.getKey())), (float) (e.getValue() / max)),
                        Occur.SHOULD);
                terms.add(e.getKey());
            }
            Query q = new BooleanQuery.Builder().add(text.build(), Occur.MUST).add(filter, Occur.FILTER)
                    .add(new TermQuery(new Term(Fields.ID, id.value())), Occur.MUST_NOT).build();
            TopDocs td = s.search(q, limit);
            List<SearchHit> out = new ArrayList<>();
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : td.scoreDocs) {
                out.add(hit(stored, sd, tq, null));
            }
            return out;
        } catch (IOException e) {
            throw new KbException("related articles failed: " + e.getMessage(), e);
        } finally {
            release(s);
        }
    }

    // ------------------------------------------------------------------ agent assist

    private static final Pattern REPLY_HEADER = Pattern.compile(
            "(?im)^\\s*(on .{0,200}wrote:|le .{0,200}a écrit\\s*:|-{2,}\\s*original message\\s*-{2,}|from:\\s.*|de\\s?:\\s.*"
                    + "|envoyé\\s?:\\s.*|sent:\\s.*)\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^--\\s*$");
    private static final Pattern NOISE_LINE = Pattern.compile("(?i)^\\s*(hi|hello|hey|dear|good (morning|afternoon)"
            + "|bonjour|bonsoir|salut|madame|monsieur|thanks?( you)?|many thanks|merci|regards|best|best regards"
            + "|kind regards|cheers|cordialement|bien (à vous|cordialement)|sincerely|sent from my)\\b.{0,60}$");
    /** Regex whitespace ({@code \\s}): tokens are the runs between these characters. */
    private static final String TICKET_SPACE = " \t\n\u000B\f\r";

    static String cleanTicket(String text) {
        String t = text.length() > MAX_TICKET_CHARS ? text.substring(0, MAX_TICKET_CHARS) : text;
        var m = REPLY_HEADER.matcher(t);
        if (m.find()) {
            t = t.substring(0, m.start());
        }
        var sig = SIGNATURE.matcher(t);
        if (sig.find()) {
            t = t.substring(0, sig.start());
        }
        StringBuilder sb = new StringBuilder();
        for (String line : t.split("\\R")) {
            if (line.stripLeading().startsWith(">") || NOISE_LINE.matcher(line).matches()) {
                continue;
            }
            appendWithoutNoiseTokens(sb, line);
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Appends the line with e-mail addresses, URLs and tokens holding a digit replaced by a space: what the regex
     * {@code \\S+@\\S+|https?://\\S+|www\\.\\S+|\\S*\\d\\S*} replaced, in one linear pass (the regex backtracked
     * quadratically on a long token without a match: 20,000 characters took seconds).
     */
    private static void appendWithoutNoiseTokens(StringBuilder sb, String line) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (TICKET_SPACE.indexOf(c) >= 0) {
                sb.append(c);
                i++;
                continue;
            }
            int j = i;
            while (j < n && TICKET_SPACE.indexOf(line.charAt(j)) < 0) {
                j++;
            }
            String token = line.substring(i, j);
            int at = token.indexOf('@', 1);
            if ((at > 0 && at < token.length() - 1) || token.chars().anyMatch(ch -> ch >= '0' && ch <= '9')) {
                sb.append(' ');
            } else {
                int url = urlStart(token);
                if (url >= 0) {
                    sb.append(token, 0, url).append(' ');
                } else {
                    sb.append(token);
                }
            }
            i = j;
        }
    }

    /** Where {@code https?://\\S+} or {@code www\\.\\S+} first matches in a token, or -1. */
    private static int urlStart(String token) {
        int best = -1;
        for (String prefix : new String[] {"http://", "https://", "www."}) {
            int from = 0;
            while (true) {
                int k = token.indexOf(prefix, from);
                if (k < 0) {
                    break;
                }
                if (k + prefix.length() < token.length()) {
                    best = best < 0 ? k : Math.min(best, k);
                    break;
                }
                from = k + 1;
            }
        }
        return best;
    }

    @Override
    public List<AssistHit> assist(String subject, String description, int limit, ViewerContext viewer) {
        requireOpen();
        if (limit < 1 || limit > SearchRequest.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + SearchRequest.MAX_LIMIT);
        }
        String subj = cleanTicket(subject.length() > 1_000 ? subject.substring(0, 1_000) : subject);
        String desc = cleanTicket(description);
        IndexSearcher s = acquire();
        try {
            IndexReader r = s.getIndexReader();
            int n = Math.max(1, r.numDocs());
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            TextQuery tq = new TextQuery();
            Map<String, List<String>> chosenByKey = new HashMap<>();
            Map<String, String> surface = new HashMap<>();
            boolean any = false;
            for (String key : keys(viewer)) {
                Analyzer a = analyzers.forKey(key);
                String all = Fields.text(Fields.ALL, key);
                Map<String, Double> tf = new LinkedHashMap<>();
                for (Token t : analyze(a, all, subj, 64)) {
                    if (tf.merge(t.term(), 2.0, Double::sum) == 2.0) {
                        surface.putIfAbsent(key + ":" + t.term(), subj.substring(t.start(), t.end()));
                    }
                }
                for (Token t : analyze(a, all, desc, 3000)) {
                    Double before = tf.get(t.term());
                    tf.put(t.term(), before == null ? 1.0 : before + 1.0);
                    if (before == null) {
                        surface.put(key + ":" + t.term(), desc.substring(t.start(), t.end()));
                    }
                }
                List<Map.Entry<String, Double>> scored = new ArrayList<>();
                for (Map.Entry<String, Double> e : tf.entrySet()) {
                    int df = docFreqs.of(r, new Term(all, e.getKey()));
                    if (df > 0) {
                        scored.add(Map.entry(e.getKey(), (1 + Math.log(e.getValue())) * Math.log(1 + (double) n / df)));
                    }
                }
                scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
                List<String> chosen = new ArrayList<>();
                Set<String> terms = tq.termsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>());
                for (Map.Entry<String, Double> e : scored.subList(0, Math.min(30, scored.size()))) {
                    float boost = (float) (1 + Math.log(tf.get(e.getKey())));
                    text.add(new BoostQuery(new TermQuery(new Term(all, e.getKey())), boost), Occur.SHOULD);
                    text.add(new BoostQuery(new TermQuery(new Term(Fields.text(Fields.TITLE, key), e.getKey())),
                            boost * options.titleWeight()), Occur.SHOULD);
                    chosen.add(e.getKey());
                    terms.add(e.getKey());
                    any = true;
                }
                chosenByKey.put(key, chosen);
            }
            if (!any) {
                return List.of();
            }
            Signals sig = new Signals(options, context.clock().millis(), context.stalePolicy() == StalePolicy.DEMOTE,
                    Map.of());
            Query q = new BooleanQuery.Builder().add(text.build(), Occur.MUST)
                    .add(viewerFilter(viewer, false), Occur.FILTER).build();
            TopDocs td = s.search(q, new SignalRanker(limit, 0, sig));
            StoredFields stored = s.storedFields();
            List<SearchHit> hits = new ArrayList<>(td.scoreDocs.length);
            // Which chosen words each hit holds: one postings walk per word and segment, hits in document order.
            Map<String, TreeMap<Integer, List<String>>> byLeafAndKey = new HashMap<>();
            List<LeafReaderContext> leaves = r.leaves();
            for (ScoreDoc sd : td.scoreDocs) {
                SearchHit h = hit(stored, sd, tq, null);
                hits.add(h);
                int leaf = ReaderUtil.subIndex(sd.doc, leaves);
                byLeafAndKey.computeIfAbsent(leaf + ":" + Analyzers.key(h.locale()), k -> new TreeMap<>())
                        .put(sd.doc - leaves.get(leaf).docBase, new ArrayList<>());
            }
            for (Map.Entry<String, TreeMap<Integer, List<String>>> group : byLeafAndKey.entrySet()) {
                int colon = group.getKey().indexOf(':');
                LeafReaderContext leaf = leaves.get(Integer.parseInt(group.getKey().substring(0, colon)));
                String key = group.getKey().substring(colon + 1);
                for (String t : chosenByKey.getOrDefault(key, List.of())) {
                    PostingsEnum pe = leaf.reader().postings(new Term(Fields.text(Fields.ALL, key), t),
                            PostingsEnum.NONE);
                    if (pe == null) {
                        continue;
                    }
                    String w = surface.getOrDefault(key + ":" + t, t).toLowerCase(Locale.ROOT);
                    for (Map.Entry<Integer, List<String>> doc : group.getValue().entrySet()) {
                        int local = doc.getKey();
                        if (pe.docID() < local) {
                            pe.advance(local);
                        }
                        if (pe.docID() == local && !doc.getValue().contains(w)) {
                            doc.getValue().add(w);
                        }
                    }
                }
            }
            List<AssistHit> out = new ArrayList<>(hits.size());
            for (int i = 0; i < hits.size(); i++) {
                int doc = td.scoreDocs[i].doc;
                int leaf = ReaderUtil.subIndex(doc, leaves);
                out.add(new AssistHit(hits.get(i), byLeafAndKey.get(leaf + ":" + Analyzers.key(hits.get(i).locale()))
                        .get(doc - leaves.get(leaf).docBase)));
            }
            return out;
        } catch (IOException e) {
            throw new KbException("agent assist failed: " + e.getMessage(), e);
        } finally {
            release(s);
        }
    }

    // ------------------------------------------------------------------ analyzers for indexing

    /** Picks the analyzer from the field name: {@code all.fr} uses French analysis. */
    private final class FieldAnalyzer extends DelegatingAnalyzerWrapper {
        FieldAnalyzer() {
            super(PER_FIELD_REUSE_STRATEGY);
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            int dot = fieldName.indexOf('.');
            if (dot > 0) {
                return analyzers.forKey(fieldName.substring(dot + 1));
            }
            if (Fields.AC.equals(fieldName)) {
                return autocompleteAnalyzer;
            }
            return analyzers.plain();
        }
    }

    /** Folded edge n-grams of title words, for autocomplete. */
    private static final class EdgeAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, new EdgeNGramTokenFilter(ts, 1, 20, true));
        }
    }

    static Comparator<Locale> byTag() {
        return Comparator.comparing(Locale::toLanguageTag);
    }
}
