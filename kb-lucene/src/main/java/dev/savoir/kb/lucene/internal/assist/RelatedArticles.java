package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.highlight.Hits;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.PartitionSearcher;
import dev.savoir.kb.lucene.internal.index.PartitionStats;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Articles like a given one, chosen as Lucene's {@code MoreLikeThis} chooses them: the source's most distinctive
 * terms (title counting three times, summary twice, body once; found in at least two documents; term frequency
 * times the classic inverse document frequency, ties in term order) as one query on the all-text field of its
 * language, each term boosted by its weight over the best one, inside the viewer filter, the source itself excluded,
 * ties in article order. {@code MoreLikeThis} itself reads frequencies from the whole index; here they come from the
 * viewer's partition ({@link PartitionSearcher}), so articles the viewer may not read change nothing. Thread-safe.
 */
public final class RelatedArticles {
    private static final int MAX_QUERY_TERMS = 25;
    private static final int MAX_BODY_CHARS = 20_000;
    private static final int MAX_TOKENS_PER_FIELD = 4_000;
    private static final int MIN_DOC_FREQ = 2;

    private final Analyzers analyzers;
    private final ViewerFilter viewerFilter;
    private final PartitionStats partitions;
    private final Hits hits;

    public RelatedArticles(Analyzers analyzers, ViewerFilter viewerFilter, PartitionStats partitions, Hits hits) {
        this.analyzers = analyzers;
        this.viewerFilter = viewerFilter;
        this.partitions = partitions;
        this.hits = hits;
    }

    /**
     * At most {@code limit} articles like {@code id} (the caller checked the limit); empty when the viewer may not
     * see {@code id}.
     */
    public List<SearchHit> related(IndexReader reader, ArticleId id, int limit, ViewerContext viewer)
            throws IOException {
        PartitionSearcher s = partitions.searcher(reader, viewerFilter.partition(viewer, false));
        Query filter = viewerFilter.of(viewer, false);
        Query self = new TermQuery(new Term(Fields.ID, id.value()));
        TopDocs src = s.search(new BooleanQuery.Builder().add(self, Occur.FILTER).add(filter, Occur.FILTER).build(),
                1);
        if (src.scoreDocs.length == 0) {
            return List.of();
        }
        Document d = s.storedFields().document(src.scoreDocs[0].doc);
        String key = Analyzers.key(Locale.forLanguageTag(d.get(Fields.LOC)));
        String all = Fields.text(Fields.ALL, key);
        String title = text(d, Fields.TITLE_STORED);
        String summary = text(d, Fields.SUMMARY_STORED);
        String body = text(d, Fields.BODY_STORED);
        Map<String, Integer> tf = new HashMap<>();
        for (String part : List.of(title, title, title, summary, summary,
                body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body)) {
            for (Tokens.Token t : Tokens.analyze(analyzers.forKey(key), all, part, MAX_TOKENS_PER_FIELD)) {
                tf.merge(t.term(), 1, Integer::sum);
            }
        }
        long n = s.size();
        List<Map.Entry<String, Float>> weighted = new ArrayList<>();
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            long df = s.docFreq(new Term(all, e.getKey()));
            if (df >= MIN_DOC_FREQ) {
                weighted.add(Map.entry(e.getKey(), e.getValue() * idf(df, n)));
            }
        }
        if (weighted.isEmpty()) {
            return List.of();
        }
        weighted.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        BooleanQuery.Builder like = new BooleanQuery.Builder();
        QueryTerms terms = new QueryTerms();
        float best = weighted.getFirst().getValue();
        for (Map.Entry<String, Float> e : weighted.subList(0, Math.min(MAX_QUERY_TERMS, weighted.size()))) {
            like.add(new BoostQuery(new TermQuery(new Term(all, e.getKey())), e.getValue() / best), Occur.SHOULD);
            terms.add(key, e.getKey());
        }
        Query q = new BooleanQuery.Builder().add(like.build(), Occur.MUST).add(filter, Occur.FILTER)
                .add(self, Occur.MUST_NOT).build();
        TopDocs td = s.search(q, limit, new Sort(SortField.FIELD_SCORE, new SortField(Fields.ID,
                SortField.Type.STRING)), true);
        List<SearchHit> out = new ArrayList<>(td.scoreDocs.length);
        StoredFields stored = s.storedFields();
        for (ScoreDoc sd : td.scoreDocs) {
            out.add(hits.hit(s.getIndexReader(), stored, sd, terms, null));
        }
        return out;
    }

    /** The classic inverse document frequency ({@code ClassicSimilarity}, as {@code MoreLikeThis} uses). */
    private static float idf(long docFreq, long docCount) {
        return (float) (Math.log((docCount + 1) / (double) (docFreq + 1)) + 1.0);
    }

    private static String text(Document d, String field) {
        String v = d.get(field);
        return v == null ? "" : v;
    }
}
