package dev.savoir.kb.lucene.internal.search;

import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.rank.Signals;
import dev.savoir.kb.search.Explanation;
import dev.savoir.kb.search.PromotionRule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * Why a hit scored what it did: the text score, each signal and the rules applied to it, and for internal viewers
 * the score of each text group. External viewers get no per-group scores: each is a function of the statistics of
 * other documents (how many hold a word, how long they are, which words are rare enough for typo matching), finer
 * than the one text score every hit carries anyway.
 */
final class Explainer {
    private static final String[] SIGNAL_FIELDS = {Fields.UP, Fields.DOWN, Fields.VIEWS, Fields.VIEWS_AT,
            Fields.PUBLISHED_AT, Fields.DUE};

    private Explainer() {
    }

    static Explanation explain(IndexSearcher searcher, ScoreDoc sd, Map<String, Query> groups, Query filter,
                               Signals sig, List<PromotionRule> rules, boolean pinnedHit, boolean internal)
            throws IOException {
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
        long[] v = new long[SIGNAL_FIELDS.length];
        for (int i = 0; i < SIGNAL_FIELDS.length; i++) {
            NumericDocValues dv = DocValues.getNumeric(leaf.reader(), SIGNAL_FIELDS[i]);
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
        return new Explanation(text, internal ? fieldScores : Map.of(), parts, applied, sd.score);
    }
}
