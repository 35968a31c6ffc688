package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.lucene.internal.rank.Signals;
import dev.savoir.kb.lucene.internal.semantic.Passages;
import dev.savoir.kb.lucene.internal.semantic.SemanticOptions;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.spi.PassageMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.TimeLimitingKnnCollectorManager;
import org.apache.lucene.search.TopDocsCollector;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import dev.savoir.kb.lucene.internal.query.AcceptBits;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Semantic and hybrid ranking, and passages. The nearest passages come from a k-nearest-neighbour search filtered
 * inside the graph walk by the viewer's passage filter and the request's filters (pre-filtering: every one returned
 * is visible, and k are returned whenever k exist); the best passage of each article stands for it, and is mapped to
 * the article's document the viewer's search would show, checked against the request's constraints (phrases,
 * exclusions). Hybrid fuses that list with the lexical one by reciprocal rank (Lucene's {@link TopDocs#rrf}) or by a
 * convex combination of normalized scores; the knowledge-base signals multiply the fused score, as they multiply
 * the text score of a lexical search. Thread-safe.
 */
public final class HybridSearch {
    /** Candidates taken from each list before fusing: enough for a page at the end of the first hundred. */
    static final int CANDIDATES = 100;
    /** Passages asked per article candidate: several passages of one article may come first. */
    private static final int PASSAGES_PER_ARTICLE = 2;

    private final SemanticOptions options;
    private final Passages passages;
    private final ViewerFilter viewerFilter;
    private final AcceptBits acceptBits = new AcceptBits();

    public HybridSearch(SemanticOptions options, Passages passages, ViewerFilter viewerFilter) {
        this.options = options;
        this.passages = passages;
        this.viewerFilter = viewerFilter;
    }

    /** Whether a search in this mode, by this viewer, with words, ranks semantically (else lexically). */
    boolean applies(SearchMode mode, ViewerContext viewer, boolean hasWords, boolean drafts) {
        return mode != SearchMode.LEXICAL && hasWords && !drafts && passages.embeds(viewer.locale());
    }

    /** The query's vector. */
    float[] embed(String text) {
        return passages.query(text);
    }

    /**
     * A ranked article: its document, the fused score, the parts, and the document of its nearest passage (-1 when
     * the article was not among the nearest passages' articles).
     */
    record Ranked(ScoreDoc doc, String id, float lexical, float semantic, float fused, double multiplier,
                  int passage) {
    }

    /**
     * The articles of a semantic or hybrid search, best first, at most {@code want} (at least the fused candidates).
     *
     * @param lexical the lexical plan's scored query (ignored in semantic mode)
     * @param constraints what each hit must satisfy (viewer filter, request filters, phrases, exclusions)
     * @param passageFilter the request's filters on passages, or null
     * @param removed article ids no list may hold (blocked and pinned)
     */
    List<Ranked> rank(IndexSearcher searcher, SearchMode mode, float[] vector, Query lexical, Query constraints,
                      ViewerContext viewer, @Nullable Query passageFilter, Set<String> removed, Signals signals,
                      int want) throws IOException {
        int candidates = Math.max(want, CANDIDATES);
        IndexReader reader = searcher.getIndexReader();
        Map<String, ScoreDoc> nearest = nearestArticles(searcher, vector, candidates, viewer, passageFilter,
                removed);
        Map<String, Integer> docs = articleDocs(searcher, constraints, nearest.keySet());
        List<ScoreDoc> semantic = new ArrayList<>();
        Map<Integer, Integer> passageOf = new HashMap<>();
        for (Map.Entry<String, ScoreDoc> e : nearest.entrySet()) {
            Integer doc = docs.get(e.getKey());
            if (doc != null) {
                semantic.add(new ScoreDoc(doc, e.getValue().score));
                passageOf.put(doc, e.getValue().doc);
            }
        }
        Map<Integer, Float> semScore = new HashMap<>();
        semantic.forEach(sd -> semScore.put(sd.doc, sd.score));
        Map<Integer, Float> lexScore = new HashMap<>();
        List<ScoreDoc> lex = List.of();
        if (mode == SearchMode.HYBRID) {
            ScoreDoc[] found = searcher.search(lexical, candidates).scoreDocs;
            lex = byScoreThenId(found, ids(reader, docsOf(found)));
            lex.forEach(sd -> lexScore.put(sd.doc, sd.score));
        }
        Map<Integer, Float> fused = mode == SearchMode.HYBRID ? fuse(lex, semantic, lex.size() + semantic.size())
                : toMap(semantic);
        List<Ranked> out = new ArrayList<>(fused.size());
        Map<Integer, String> fusedIds = ids(reader, fused.keySet());
        for (Map.Entry<Integer, Float> e : fused.entrySet()) {
            double m = multiplier(reader, e.getKey(), signals);
            String id = fusedIds.get(e.getKey());
            out.add(new Ranked(new ScoreDoc(e.getKey(), (float) (e.getValue() * m)), id == null ? "" : id,
                    lexScore.getOrDefault(e.getKey(), 0f), semScore.getOrDefault(e.getKey(), 0f), e.getValue(), m,
                    passageOf.getOrDefault(e.getKey(), -1)));
        }
        // ties by article id, never by document number: the order must not depend on the index's history
        out.sort((a, b) -> a.doc().score != b.doc().score ? Float.compare(b.doc().score, a.doc().score)
                : a.id().compareTo(b.id()));
        return out;
    }

    private static Map<Integer, Float> toMap(List<ScoreDoc> docs) {
        Map<Integer, Float> m = new LinkedHashMap<>();
        docs.forEach(sd -> m.putIfAbsent(sd.doc, sd.score));
        return m;
    }

    /** The fused scores of the two lists. */
    private Map<Integer, Float> fuse(List<ScoreDoc> lexical, List<ScoreDoc> semantic, int topN) {
        if (topN == 0) {
            return Map.of();
        }
        if (!options.convex()) {
            TopDocs fused = TopDocs.rrf(topN, options.rrfRank(), new TopDocs[] {topDocs(lexical), topDocs(semantic)});
            return toMap(List.of(fused.scoreDocs));
        }
        Map<Integer, Float> out = new LinkedHashMap<>();
        double w = options.semanticWeight();
        float maxLex = 0;
        for (ScoreDoc sd : lexical) {
            maxLex = Math.max(maxLex, sd.score);
        }
        float minSem = Float.MAX_VALUE;
        float maxSem = -Float.MAX_VALUE;
        for (ScoreDoc sd : semantic) {
            minSem = Math.min(minSem, sd.score);
            maxSem = Math.max(maxSem, sd.score);
        }
        for (ScoreDoc sd : lexical) {
            out.merge(sd.doc, (float) ((1 - w) * (maxLex > 0 ? sd.score / maxLex : 0)), Float::sum);
        }
        for (ScoreDoc sd : semantic) {
            float norm = maxSem > minSem ? (sd.score - minSem) / (maxSem - minSem) : 1f;
            out.merge(sd.doc, (float) (w * norm), Float::sum);
        }
        return out;
    }

    private static TopDocs topDocs(List<ScoreDoc> docs) {
        ScoreDoc[] copy = new ScoreDoc[docs.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = new ScoreDoc(docs.get(i).doc, docs.get(i).score);
        }
        return new TopDocs(new TotalHits(copy.length, TotalHits.Relation.EQUAL_TO), copy);
    }

    /** The signals' multiplier of one document. */
    static double multiplier(IndexReader reader, int doc, Signals signals) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        DoubleValues v = signals.getValues(leaf, null);
        return v.advanceExact(doc - leaf.docBase) ? v.doubleValue() : 1;
    }

    /** The kNN query over the viewer's passages, with the request's filters, minus the removed articles. */
    private Query knn(float[] vector, int k, ViewerContext viewer, @Nullable Query passageFilter,
                      Collection<String> removed) {
        List<Query> excluded = new ArrayList<>(viewerFilter.passagesExcluded(viewer));
        if (!removed.isEmpty()) {
            excluded.add(new TermInSetQuery(Fields.ID, removed.stream().map(BytesRef::new).toList()));
        }
        Query stable = new BooleanQuery.Builder().add(viewerFilter.passagesStable(viewer), Occur.FILTER)
                .add(new FieldExistsQuery(Fields.VECTOR), Occur.FILTER).build();
        return new ViewerKnnQuery(vector, k, acceptBits.filter(stable, excluded,
                passageFilter == null ? List.of() : List.of(passageFilter)));
    }

    /**
     * Lucene's k-nearest-neighbour query, with the accepted documents of each segment taken from {@link AcceptBits}
     * as they are. Lucene's own path adds "has a vector" to the filter and walks the conjunction document by document
     * into a new bit set at every search (as long as the viewer's passages are many: half the nearest-neighbour time at
     * 100,000 articles); here "has a vector" is part of the cached bits, so a search only copies them. The rest is
     * Lucene's: exact search when no more documents are accepted than asked for, else the graph walk limited to that
     * many visits, then exact search if the walk was cut. An instance serves one search (it keeps the searcher
     * that rewrites it).
     */
    private static final class ViewerKnnQuery extends KnnFloatVectorQuery {
        private final AcceptBits.AcceptQuery accept;
        private AcceptBits.@Nullable Prepared prepared;

        ViewerKnnQuery(float[] vector, int k, AcceptBits.AcceptQuery accept) {
            super(Fields.VECTOR, vector, k, accept);
            this.accept = accept;
        }

        @Override
        public Query rewrite(IndexSearcher searcher) throws IOException {
            prepared = accept.prepare(searcher);
            return super.rewrite(searcher);
        }

        @Override
        protected TopDocs searchLeaf(LeafReaderContext leaf, Weight filterWeight,
                                     TimeLimitingKnnCollectorManager collectors) throws IOException {
            // rewrite, which calls this method, prepared the filter first
            FixedBitSet bits = Objects.requireNonNull(prepared, "prepared").bits(leaf);
            int cardinality = bits.cardinality();
            if (cardinality == 0) {
                return TopDocsCollector.EMPTY_TOPDOCS;
            }
            AcceptDocs acceptDocs = AcceptDocs.fromIteratorSupplier(() -> new BitSetIterator(bits, cardinality),
                    leaf.reader().getLiveDocs(), leaf.reader().maxDoc());
            int cost = acceptDocs.cost();
            QueryTimeout timeout = collectors.getQueryTimeout();
            TopDocs results;
            if (cost <= k) {
                results = exactSearch(leaf, acceptDocs.iterator(), timeout);
            } else {
                results = approximateSearch(leaf, acceptDocs, cost + 1, collectors);
                if (results.totalHits.relation() != TotalHits.Relation.EQUAL_TO
                        && (timeout == null || !timeout.shouldExit())) {
                    results = exactSearch(leaf, acceptDocs.iterator(), timeout);
                }
            }
            for (ScoreDoc sd : results.scoreDocs) {
                sd.doc += leaf.docBase;
            }
            return results;
        }
    }

    /** The best passage (document and score) of each article among the nearest passages, best first. */
    private Map<String, ScoreDoc> nearestArticles(IndexSearcher searcher, float[] vector, int articles,
                                               ViewerContext viewer, @Nullable Query passageFilter,
                                               Collection<String> removed) throws IOException {
        int k = articles * PASSAGES_PER_ARTICLE;
        TopDocs top = searcher.search(knn(vector, k, viewer, passageFilter, removed), k);
        Map<String, ScoreDoc> best = new LinkedHashMap<>();
        IndexReader reader = searcher.getIndexReader();
        Map<Integer, String> ids = ids(reader, docsOf(top.scoreDocs));
        for (ScoreDoc sd : byScoreThenId(top.scoreDocs, ids)) {
            String id = ids.get(sd.doc);
            if (id != null) {
                best.putIfAbsent(id, sd);
                if (best.size() == articles) {
                    break;
                }
            }
        }
        return best;
    }

    /** The document each article shows this viewer, among those satisfying {@code constraints}. */
    private static Map<String, Integer> articleDocs(IndexSearcher searcher, Query constraints, Set<String> ids)
            throws IOException {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Query q = new BooleanQuery.Builder().add(constraints, Occur.FILTER)
                .add(new TermInSetQuery(Fields.ID, ids.stream().map(BytesRef::new).toList()), Occur.FILTER).build();
        TopDocs found = searcher.search(new ConstantScoreQuery(q), ids.size());
        Map<String, Integer> out = new HashMap<>();
        IndexReader reader = searcher.getIndexReader();
        Map<Integer, String> foundIds = ids(reader, docsOf(found.scoreDocs));
        for (ScoreDoc sd : found.scoreDocs) {
            String id = foundIds.get(sd.doc);
            if (id != null) {
                out.putIfAbsent(id, sd.doc);
            }
        }
        return out;
    }

    /**
     * The hits by score, ties by article id: never by document number, so that ranks (and the fused scores made of
     * them) do not depend on the order the index was written in.
     */
    private static List<ScoreDoc> byScoreThenId(ScoreDoc[] docs, Map<Integer, String> ids) {
        List<ScoreDoc> out = new ArrayList<>(List.of(docs));
        out.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
                : ids.getOrDefault(a.doc, "").compareTo(ids.getOrDefault(b.doc, "")));
        return out;
    }

    /**
     * The article id of each document (documents without one are left out), read in document order with one doc
     * values iterator per segment: creating an iterator per document cost more than the lookups.
     */
    private static Map<Integer, String> ids(IndexReader reader, Collection<Integer> docs) throws IOException {
        int[] sorted = docs.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        Map<Integer, String> out = new HashMap<>(sorted.length * 2);
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        SortedDocValues values = null;
        for (int doc : sorted) {
            int li = ReaderUtil.subIndex(doc, leaves);
            if (li != leafIndex) {
                leafIndex = li;
                leaf = leaves.get(li);
                values = DocValues.getSorted(leaf.reader(), Fields.ID);
            }
            if (values.advanceExact(doc - leaf.docBase)) {
                out.put(doc, values.lookupOrd(values.ordValue()).utf8ToString());
            }
        }
        return out;
    }

    private static List<Integer> docsOf(ScoreDoc[] docs) {
        List<Integer> out = new ArrayList<>(docs.length);
        for (ScoreDoc sd : docs) {
            out.add(sd.doc);
        }
        return out;
    }

    /** The viewer's passages nearest to the question, best first. */
    public List<PassageMatch> passages(IndexSearcher searcher, String question, int limit, ViewerContext viewer)
            throws IOException {
        if (question.isBlank()) {
            return List.of();
        }
        float[] vector = passages.query(question);
        TopDocs top = searcher.search(knn(vector, limit, viewer, null, List.of()), limit);
        StoredFields stored = searcher.storedFields();
        List<PassageMatch> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : byScoreThenId(top.scoreDocs, ids(searcher.getIndexReader(), docsOf(top.scoreDocs)))) {
            Document d = stored.document(sd.doc);
            out.add(new PassageMatch(ArticleId.of(d.get(Fields.ID)), Locale.forLanguageTag(d.get(Fields.LOC)),
                    d.getField(Fields.REV).numericValue().intValue(), d.get(Fields.TITLE_STORED),
                    d.get(Fields.HEADING_STORED), d.get(Fields.ANCHOR_STORED), d.get(Fields.BODY_STORED), sd.score));
        }
        return out;
    }
}
