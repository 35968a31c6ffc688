package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.highlight.Hits;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Articles like a given one, with Lucene's {@link MoreLikeThis}: the source's most distinctive terms (title counting
 * three times, summary twice, body once; found in at least two documents) as one boosted query on the all-text
 * field of its language, inside the viewer filter, the source itself excluded. Thread-safe.
 */
public final class RelatedArticles {
    private static final int MAX_QUERY_TERMS = 25;
    private static final int MAX_BODY_CHARS = 20_000;
    private static final int MAX_TOKENS_PER_FIELD = 4_000;

    private final Analyzers analyzers;
    private final ViewerFilter viewerFilter;
    private final Hits hits;

    public RelatedArticles(Analyzers analyzers, ViewerFilter viewerFilter, Hits hits) {
        this.analyzers = analyzers;
        this.viewerFilter = viewerFilter;
        this.hits = hits;
    }

    /**
     * At most {@code limit} articles like {@code id} (the caller checked the limit); empty when the viewer may not
     * see {@code id}.
     */
    public List<SearchHit> related(IndexSearcher s, ArticleId id, int limit, ViewerContext viewer)
            throws IOException {
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
        MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
        mlt.setAnalyzer(analyzers.forKey(key));
        mlt.setFieldNames(new String[] {all});
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(2);
        mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
        mlt.setMaxNumTokensParsed(MAX_TOKENS_PER_FIELD);
        mlt.setBoost(true);
        String title = text(d, Fields.TITLE_STORED);
        String summary = text(d, Fields.SUMMARY_STORED);
        String body = text(d, Fields.BODY_STORED);
        Reader[] weighted = {new StringReader(title), new StringReader(title), new StringReader(title),
                new StringReader(summary), new StringReader(summary),
                new StringReader(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body)};
        Query like = mlt.like(all, weighted);
        Set<Term> chosen = new LinkedHashSet<>();
        like.visit(QueryVisitor.termCollector(chosen));
        if (chosen.isEmpty()) {
            return List.of();
        }
        QueryTerms terms = new QueryTerms();
        chosen.forEach(t -> terms.add(key, t.text()));
        Query q = new BooleanQuery.Builder().add(like, Occur.MUST).add(filter, Occur.FILTER)
                .add(self, Occur.MUST_NOT).build();
        TopDocs td = s.search(q, limit);
        List<SearchHit> out = new ArrayList<>(td.scoreDocs.length);
        StoredFields stored = s.storedFields();
        for (ScoreDoc sd : td.scoreDocs) {
            out.add(hits.hit(stored, sd, terms, null));
        }
        return out;
    }

    private static String text(Document d, String field) {
        String v = d.get(field);
        return v == null ? "" : v;
    }
}
