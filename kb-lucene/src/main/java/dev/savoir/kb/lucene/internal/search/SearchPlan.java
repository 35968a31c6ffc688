package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.query.TextQuery;
import dev.savoir.kb.lucene.internal.query.UserQuery;
import dev.savoir.kb.spi.Promotions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Two plans over the same documents: the scored one ranks, the unscored one counts and facets. Both hold the viewer
 * filter, the request's filters and the exclusions (excluded words, blocked and pinned articles).
 *
 * @param ranked the scored query
 * @param matching the same documents without scores
 * @param constraints what a hit must satisfy besides matching the words: the filters, required phrases and
 *     exclusions (what semantic candidates are checked against)
 */
record SearchPlan(Query ranked, Query matching, Query constraints) {
    static SearchPlan of(TextQuery tq, UserQuery uq, Query viewerFilter, @Nullable Query requestFilter,
                         Promotions promotions) {
        BooleanQuery.Builder main = new BooleanQuery.Builder();
        BooleanQuery.Builder matchOnly = new BooleanQuery.Builder();
        BooleanQuery.Builder constraints = new BooleanQuery.Builder();
        if (tq.hasPositive()) {
            BooleanQuery.Builder text = new BooleanQuery.Builder();
            tq.groups().values().forEach(g -> text.add(g, Occur.SHOULD));
            main.add(text.build(), Occur.MUST);
            matchOnly.add(tq.matching(), Occur.FILTER);
        } else if (!tq.hasRequired() && uq.hasText()) {
            // Text that analyzes to nothing (only stop words or punctuation) matches nothing.
            main.add(new MatchNoDocsQuery(), Occur.MUST);
            matchOnly.add(new MatchNoDocsQuery(), Occur.FILTER);
        } else if (!tq.hasRequired()) {
            // No text at all (empty, or only exclusions): browse what the filters allow.
            main.add(new ConstantScoreQuery(new MatchAllDocsQuery()), Occur.MUST);
            matchOnly.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (tq.hasRequired()) {
            Query required = tq.requiredPhrases();
            main.add(required, Occur.MUST);
            matchOnly.add(required, Occur.FILTER);
            constraints.add(required, Occur.FILTER);
        }
        List<Query> excludedAll = new ArrayList<>();
        if (tq.hasExcluded()) {
            excludedAll.add(tq.excluded());
        }
        Set<String> removed = new HashSet<>(promotions.blocked());
        removed.addAll(promotions.pinned());
        if (!removed.isEmpty()) {
            excludedAll.add(new TermInSetQuery(Fields.ID, removed.stream().map(BytesRef::new).toList()));
        }
        for (BooleanQuery.Builder b : List.of(main, matchOnly, constraints)) {
            b.add(viewerFilter, Occur.FILTER);
            if (requestFilter != null) {
                b.add(requestFilter, Occur.FILTER);
            }
            excludedAll.forEach(x -> b.add(x, Occur.MUST_NOT));
        }
        return new SearchPlan(main.build(), matchOnly.build(), constraints.build());
    }
}
