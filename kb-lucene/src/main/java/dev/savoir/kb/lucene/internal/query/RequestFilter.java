package dev.savoir.kb.lucene.internal.query;

import dev.savoir.kb.lucene.internal.index.DocBuilder;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.search.SearchRequest;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/** The filters a search request asks for: categories, tags, types, attributes, publication period. */
public final class RequestFilter {
    private RequestFilter() {
    }

    /** The request's filters as one query, or {@code null} when it has none. */
    public static @Nullable Query of(SearchRequest r) {
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
}
