package dev.savoir.kb.lucene.internal.highlight;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.CategoryPath;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;
import org.jspecify.annotations.Nullable;

/**
 * Turns a matched document into a {@link SearchHit}: its stored fields, the snippet around the densest cluster of
 * query terms (from the body, else the summary) and the highlighted title. Thread-safe.
 */
public final class Hits {
    private final Analyzers analyzers;

    public Hits(Analyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** The hit of {@code sd}, highlighting {@code query}'s terms in the document's language. */
    public SearchHit hit(StoredFields stored, ScoreDoc sd, QueryTerms query, @Nullable Explanation ex)
            throws IOException {
        Document d = stored.document(sd.doc);
        Locale locale = Locale.forLanguageTag(d.get(Fields.LOC));
        String key = Analyzers.key(locale);
        Set<String> terms = query.exact(key);
        Set<String> fuzzy = query.fuzzy(key);
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
}
