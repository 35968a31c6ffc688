package dev.savoir.kb.lucene.internal.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;

/**
 * The text part of a search, as named groups of clauses whose scores add up ("text", "title", "tags", "summary",
 * "typo", "phrase", "synonym"), built by {@link TextQueryBuilder}. Not thread-safe: one per request.
 */
public final class TextQuery {
    private final Map<String, BooleanQuery.Builder> groups = new LinkedHashMap<>();
    final BooleanQuery.Builder requiredPhrases = new BooleanQuery.Builder();
    final BooleanQuery.Builder excluded = new BooleanQuery.Builder();
    /**
     * The clauses that decide whether a document matches, without scores: the all-text field holds the title,
     * summary, tags and body with the same analysis, so its terms (with typos and synonyms) match exactly the
     * documents the scored groups match.
     */
    final BooleanQuery.Builder matching = new BooleanQuery.Builder();
    private final QueryTerms terms = new QueryTerms();
    boolean hasPositive;
    boolean hasRequired;
    boolean hasExcluded;

    void add(String group, Query q, float boost) {
        groups.computeIfAbsent(group, g -> new BooleanQuery.Builder())
                .add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
    }

    /** The scored groups, by name, in the order they were first added. */
    public Map<String, Query> groups() {
        Map<String, Query> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, v.build()));
        return out;
    }

    /** The unscored clauses that decide a match (see {@link #hasPositive()}). */
    public Query matching() {
        return matching.build();
    }

    /** The quoted phrases, one of which must match (see {@link #hasRequired()}). */
    public Query requiredPhrases() {
        return requiredPhrases.build();
    }

    /** The excluded words and phrases (see {@link #hasExcluded()}). */
    public Query excluded() {
        return excluded.build();
    }

    /** Whether any word or synonym analysed to a term. */
    public boolean hasPositive() {
        return hasPositive;
    }

    /** Whether a quoted phrase analysed to a term. */
    public boolean hasRequired() {
        return hasRequired;
    }

    /** Whether an exclusion analysed to a term. */
    public boolean hasExcluded() {
        return hasExcluded;
    }

    /** The terms to highlight. */
    public QueryTerms terms() {
        return terms;
    }
}
