package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.SemanticSearchUnavailableException;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.assist.DidYouMean;
import dev.savoir.kb.lucene.internal.highlight.Hits;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.PartitionSearcher;
import dev.savoir.kb.lucene.internal.index.PartitionStats;
import dev.savoir.kb.lucene.internal.query.RequestFilter;
import dev.savoir.kb.lucene.internal.query.TextQuery;
import dev.savoir.kb.lucene.internal.query.TextQueryBuilder;
import dev.savoir.kb.lucene.internal.query.UserQuery;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.lucene.internal.rank.SignalRanker;
import dev.savoir.kb.lucene.internal.rank.Signals;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.FacetCount;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.search.SearchRequest.Facet;
import dev.savoir.kb.search.SearchResponse;
import dev.savoir.kb.spi.Promotions;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a search on one searcher: builds the plan, ranks, counts hits and facets, puts pinned articles first, cuts
 * the page, builds the hits (with explanations on request) and suggests a spelling when little was found. It keeps
 * nothing of the query: popular queries are the knowledge base's, under its privacy rules. Thread-safe.
 */
public final class SearchRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SearchRunner.class);
    /** Fewer hits than this and a spelling is suggested. */
    private static final int DID_YOU_MEAN_BELOW = 3;

    private final SearchEngineContext context;
    private final EngineOptions options;
    private final ViewerFilter viewerFilter;
    private final TextQueryBuilder textQueries;
    private final Hits hits;
    private final DidYouMean didYouMean;
    private final PartitionStats partitions;
    private final FacetColumns facetColumns = new FacetColumns();
    /** The facets searches have asked for: refreshes decode only these (a host without facets pays nothing). */
    private final Set<Facet> facetsInUse = ConcurrentHashMap.newKeySet();

    private final @Nullable HybridSearch hybrid;
    private final SearchMode defaultMode;

    public SearchRunner(SearchEngineContext context, EngineOptions options, ViewerFilter viewerFilter,
                        TextQueryBuilder textQueries, Hits hits, DidYouMean didYouMean, PartitionStats partitions,
                        @Nullable HybridSearch hybrid, SearchMode defaultMode) {
        this.hybrid = hybrid;
        this.defaultMode = defaultMode;
        this.context = context;
        this.options = options;
        this.viewerFilter = viewerFilter;
        this.textQueries = textQueries;
        this.hits = hits;
        this.didYouMean = didYouMean;
        this.partitions = partitions;
    }

    /** Decodes the facet ordinals of a new reader's segments now, on refresh, rather than in the next search. */
    public void warm(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            for (Facet f : facetsInUse) {
                facetColumns.column(leaf.reader(), f);
            }
        }
    }

    /** Runs {@code request} for {@code viewer}; {@code started} is when the call began ({@link System#nanoTime}). */
    public SearchResponse search(IndexReader reader, SearchRequest request, ViewerContext viewer, long started)
            throws IOException {
        boolean drafts = request.includeDrafts() && viewer.internal();
        PartitionSearcher searcher = partitions.searcher(reader, viewerFilter.partition(viewer, drafts));
        UserQuery uq = textQueries.vocabulary().correct(UserQuery.parse(request.query()), viewer.locale());
        List<String> keys = viewerFilter.languageKeys(viewer);
        TextQuery tq = textQueries.build(searcher, uq, keys, viewer.locale(), true);
        Promotions promotions = Promotions.of(options.rules(), context.clock().instant(), request.query(), viewer);
        Query filter = viewerFilter.of(viewer, drafts);
        Query reqFilter = RequestFilter.of(request);
        SearchPlan plan = SearchPlan.of(tq, uq, filter, reqFilter, promotions);
        Signals sig = new Signals(options, context.clock().millis(), context.stalePolicy() == StalePolicy.DEMOTE,
                promotions.promoted());
        SearchMode mode = request.mode() == null ? defaultMode : request.mode();
        if (mode != SearchMode.LEXICAL && hybrid == null) {
            throw new SemanticSearchUnavailableException("a " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " search needs an embedding model on the search engine (LuceneSearchEngine.builder()"
                    + ".embedder(...)); search lexically or configure one");
        }
        if (hybrid != null && hybrid.applies(mode, viewer, tq.hasPositive(), drafts)) {
            return semantic(searcher, request, viewer, mode, uq, tq, plan, filter, reqFilter, promotions, sig, keys,
                    started);
        }

        int want = request.offset() + request.limit();
        // Facets and exact totals visit every match anyway: one unscored pass, then the ranking may skip.
        boolean countAll = !request.facets().isEmpty() || request.exactTotal();
        TopDocs topDocs = searcher.search(plan.ranked(), new SignalRanker(want,
                countAll ? 0 : SearchRequest.EXACT_TOTAL_UP_TO, sig));
        List<ScoreDoc> pinDocs = pinned(searcher, promotions.pinned(), filter, reqFilter);
        Map<Facet, Map<String, Long>> facetCounts = Map.of();
        long matches;
        boolean exact;
        if (!request.facets().isEmpty()) {
            facetsInUse.addAll(request.facets());
            FacetCollector.Result r = searcher.search(new ConstantScoreQuery(plan.matching()),
                    FacetCollector.manager(request.facets(), facetColumns));
            // the pinned hits (which the plan leaves out) count in the facets as they count in the total
            facetCounts = pinDocs.isEmpty() ? r.counts()
                    : FacetCollector.plus(r.counts(), searcher.getIndexReader(), pinDocs, request.facets(),
                    facetColumns);
            matches = r.hits();
            exact = true;
        } else if (request.exactTotal()) {
            matches = searcher.count(plan.matching());
            exact = true;
        } else {
            exact = topDocs.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
            // Pruning starts after the threshold: how far past it counting went depends on the segment layout.
            matches = exact ? topDocs.totalHits.value() : SearchRequest.EXACT_TOTAL_UP_TO;
        }

        List<ScoreDoc> ranked = new ArrayList<>(pinDocs);
        ranked.addAll(List.of(topDocs.scoreDocs));
        long total = matches + pinDocs.size();
        List<ScoreDoc> page = ranked.subList(Math.min(ranked.size(), request.offset()),
                Math.min(ranked.size(), want));
        StoredFields stored = searcher.storedFields();
        Map<String, Query> groups = request.explain() ? tq.groups() : Map.of();
        List<SearchHit> out = new ArrayList<>(page.size());
        for (ScoreDoc sd : page) {
            Explanation ex = null;
            if (request.explain()) {
                ex = Explainer.explain(searcher, sd, groups, filter, sig, promotions.rules(), pinDocs.contains(sd),
                        viewer.internal());
            }
            out.add(hits.hit(searcher.getIndexReader(), stored, sd, tq.terms(), ex, request.snippets()));
        }
        String suggestion = null;
        if (total < DID_YOU_MEAN_BELOW && !uq.words().isEmpty()) {
            suggestion = didYouMean.suggest(searcher, uq, filter, keys);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.debug("Search with {} words found {} hits in {} µs", uq.words().size(), total, took.toNanos() / 1000);
        return new SearchResponse(out, total, exact, facetLists(request, facetCounts), suggestion, took);
    }

    /** A semantic or hybrid search: {@link HybridSearch} ranks, the rest is as in a lexical search. */
    private SearchResponse semantic(PartitionSearcher searcher, SearchRequest request, ViewerContext viewer,
                                    SearchMode mode, UserQuery uq, TextQuery tq, SearchPlan plan, Query filter,
                                    @Nullable Query reqFilter, Promotions promotions, Signals sig, List<String> keys,
                                    long started) throws IOException {
        int want = request.offset() + request.limit();
        Set<String> removed = new java.util.HashSet<>(promotions.blocked());
        removed.addAll(promotions.pinned());
        List<HybridSearch.Ranked> ranked = hybrid.rank(searcher, mode, hybrid.embed(uq.positiveText()), plan.ranked(),
                plan.constraints(), viewer, reqFilter, removed, sig, want);
        List<ScoreDoc> pinDocs = pinned(searcher, promotions.pinned(), filter, reqFilter);
        List<ScoreDoc> all = new ArrayList<>(pinDocs);
        ranked.forEach(r -> all.add(r.doc()));
        Map<Facet, Map<String, Long>> facetCounts = Map.of();
        if (!request.facets().isEmpty()) {
            facetsInUse.addAll(request.facets());
            facetCounts = FacetCollector.plus(Map.of(), searcher.getIndexReader(), all, request.facets(),
                    facetColumns);
        }
        long total = all.size();
        List<ScoreDoc> page = all.subList(Math.min(all.size(), request.offset()), Math.min(all.size(), want));
        StoredFields stored = searcher.storedFields();
        List<SearchHit> out = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            ScoreDoc sd = page.get(i);
            Explanation ex = null;
            int at = request.offset() + i - pinDocs.size();
            int passage = at >= 0 ? ranked.get(at).passage() : -1;
            if (request.explain() && at >= 0) {
                HybridSearch.Ranked r = ranked.get(at);
                ex = new Explanation(r.fused(), Map.of("lexical", (double) r.lexical(), "semantic",
                        (double) r.semantic()), Map.of("signals", r.multiplier()), List.of(), r.doc().score);
            } else if (request.explain()) {
                ex = Explainer.explain(searcher, sd, Map.of(), filter, sig, promotions.rules(), true,
                        viewer.internal());
            }
            out.add(hits.hit(searcher.getIndexReader(), stored, sd, tq.terms(), ex, request.snippets(), passage));
        }
        String suggestion = null;
        if (total < DID_YOU_MEAN_BELOW && !uq.words().isEmpty()) {
            suggestion = didYouMean.suggest(searcher, uq, filter, keys);
        }
        return new SearchResponse(out, total, true, facetLists(request, facetCounts), suggestion,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The pinned articles the viewer may see and the request's filters allow, in rule order. */
    private static List<ScoreDoc> pinned(IndexSearcher searcher, List<String> pinned, Query filter,
                                         @Nullable Query reqFilter) throws IOException {
        List<ScoreDoc> pinDocs = new ArrayList<>();
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
        return pinDocs;
    }

    /** Each asked facet's values, most frequent first (then by value), at most the request's facet values. */
    private static Map<Facet, List<FacetCount>> facetLists(SearchRequest request,
                                                           Map<Facet, Map<String, Long>> counts) {
        Map<Facet, List<FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet f : request.facets()) {
            Map<String, Long> m = counts.getOrDefault(f, Map.of());
            facets.put(f, m.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(request.facetValues())
                    .map(e -> new FacetCount(e.getKey(), e.getValue())).toList());
        }
        return facets;
    }
}
