package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.search.Suggestion;
import dev.savoir.kb.spi.QueryNormalizer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Completions of what a viewer is typing: titles of visible articles whose words start with the typed words (most
 * viewed first), one per normalized form. Never what searchers typed: the knowledge base adds popular queries under
 * its privacy rules. Thread-safe.
 */
public final class Autocomplete {
    private static final int MAX_PREFIX_CHARS = 100;
    private static final int MAX_WORDS = 10;
    /** The longest edge n-gram indexed. */
    private static final int MAX_GRAM = 20;

    private final Analyzers analyzers;
    private final ViewerFilter viewerFilter;

    public Autocomplete(Analyzers analyzers, ViewerFilter viewerFilter) {
        this.analyzers = analyzers;
        this.viewerFilter = viewerFilter;
    }

    /** At most {@code limit} completions of {@code prefix} (the caller checked the limit). */
    public List<Suggestion> complete(IndexSearcher s, String prefix, int limit, ViewerContext viewer)
            throws IOException {
        String p = prefix.length() > MAX_PREFIX_CHARS ? prefix.substring(0, MAX_PREFIX_CHARS) : prefix;
        List<Token> tokens = Tokens.analyze(analyzers.plain(), Fields.AC_WORD, p, MAX_WORDS);
        if (tokens.isEmpty()) {
            return List.of();
        }
        boolean lastComplete = !p.isEmpty() && Character.isWhitespace(p.charAt(p.length() - 1));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).term();
            boolean last = i == tokens.size() - 1;
            if (last && !lastComplete) {
                q.add(new TermQuery(new Term(Fields.AC, t.length() > MAX_GRAM ? t.substring(0, MAX_GRAM) : t)),
                        Occur.FILTER);
            } else {
                q.add(new TermQuery(new Term(Fields.AC_WORD, t)), Occur.FILTER);
            }
        }
        q.add(viewerFilter.of(viewer, false), Occur.FILTER);
        Sort sort = new Sort(new SortField(Fields.VIEWS, SortField.Type.LONG, true), SortField.FIELD_DOC);
        TopDocs td = s.search(q.build(), limit * 3, sort);
        StoredFields stored = s.storedFields();
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (ScoreDoc sd : td.scoreDocs) {
            Document d = stored.document(sd.doc);
            String title = d.get(Fields.TITLE_STORED);
            String norm = QueryNormalizer.normalize(title);
            if (!out.containsKey(norm) && out.size() < limit) {
                out.put(norm, new Suggestion(title, ArticleId.of(d.get(Fields.ID))));
            }
        }
        return List.copyOf(out.values());
    }
}
