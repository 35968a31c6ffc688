package dev.savoir.kb.lucene.internal.assist;

import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.analysis.Analyzers;
import dev.savoir.kb.lucene.internal.analysis.Tokens;
import dev.savoir.kb.lucene.internal.analysis.Tokens.Token;
import dev.savoir.kb.lucene.internal.highlight.Hits;
import dev.savoir.kb.lucene.internal.index.Fields;
import dev.savoir.kb.lucene.internal.index.PartitionSearcher;
import dev.savoir.kb.lucene.internal.index.PartitionStats;
import dev.savoir.kb.lucene.internal.query.QueryTerms;
import dev.savoir.kb.lucene.internal.query.ViewerFilter;
import dev.savoir.kb.lucene.internal.rank.SignalRanker;
import dev.savoir.kb.lucene.internal.rank.Signals;
import dev.savoir.kb.policy.StalePolicy;
import dev.savoir.kb.search.AssistHit;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.spi.SearchEngineContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Agent assist: the articles that answer a support ticket. The cleaned subject (counting double) and description,
 * without the words of {@link TicketStopWords}, give each word a weight, term frequency times inverse document
 * frequency (among the live documents the viewer's partition holds, so content it may not read weighs nothing); the
 * best words become one weighted query on the all-text and title fields, ranked with the knowledge-base signals
 * inside the viewer filter; each hit says which of the ticket's words it holds. Thread-safe.
 */
public final class AgentAssist {
    private static final int MAX_SUBJECT_CHARS = 1_000;
    private static final int MAX_SUBJECT_TERMS = 64;
    private static final int MAX_DESCRIPTION_TERMS = 3_000;
    private static final int MAX_QUERY_TERMS = 30;

    private final SearchEngineContext context;
    private final EngineOptions options;
    private final Analyzers analyzers;
    private final ViewerFilter viewerFilter;
    private final PartitionStats partitions;
    private final Hits hits;

    public AgentAssist(SearchEngineContext context, EngineOptions options, Analyzers analyzers,
                       ViewerFilter viewerFilter, PartitionStats partitions, Hits hits) {
        this.context = context;
        this.options = options;
        this.analyzers = analyzers;
        this.viewerFilter = viewerFilter;
        this.partitions = partitions;
        this.hits = hits;
    }

    /** At most {@code limit} articles for the ticket (the caller checked the limit), best first. */
    public List<AssistHit> assist(IndexReader r, String subject, String description, int limit,
                                  ViewerContext viewer) throws IOException {
        PartitionSearcher s = partitions.searcher(r, viewerFilter.partition(viewer, false));
        String subj = TicketCleaner.clean(subject.length() > MAX_SUBJECT_CHARS
                ? subject.substring(0, MAX_SUBJECT_CHARS) : subject);
        String desc = TicketCleaner.clean(description);
        long n = Math.max(1, s.size());
        BooleanQuery.Builder text = new BooleanQuery.Builder();
        QueryTerms terms = new QueryTerms();
        Map<String, List<String>> chosenByKey = new HashMap<>();
        Map<String, String> surface = new HashMap<>();
        boolean any = false;
        for (String key : viewerFilter.languageKeys(viewer)) {
            Analyzer a = analyzers.forKey(key);
            String all = Fields.text(Fields.ALL, key);
            Map<String, Double> tf = new LinkedHashMap<>();
            for (Token t : Tokens.analyze(a, all, subj, MAX_SUBJECT_TERMS)) {
                String word = subj.substring(t.start(), t.end());
                if (TicketStopWords.ignored(key, word)) {
                    continue;
                }
                if (tf.merge(t.term(), 2.0, Double::sum) == 2.0) {
                    surface.putIfAbsent(key + ":" + t.term(), word);
                }
            }
            for (Token t : Tokens.analyze(a, all, desc, MAX_DESCRIPTION_TERMS)) {
                if (TicketStopWords.ignored(key, desc.substring(t.start(), t.end()))) {
                    continue;
                }
                Double before = tf.get(t.term());
                tf.put(t.term(), before == null ? 1.0 : before + 1.0);
                if (before == null) {
                    surface.put(key + ":" + t.term(), desc.substring(t.start(), t.end()));
                }
            }
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (Map.Entry<String, Double> e : tf.entrySet()) {
                long df = s.docFreq(new Term(all, e.getKey()));
                if (df > 0) {
                    scored.add(Map.entry(e.getKey(), (1 + Math.log(e.getValue())) * Math.log(1 + (double) n / df)));
                }
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed()
                    .thenComparing(Map.Entry.comparingByKey()));
            List<String> chosen = new ArrayList<>();
            for (Map.Entry<String, Double> e : scored.subList(0, Math.min(MAX_QUERY_TERMS, scored.size()))) {
                float boost = (float) (1 + Math.log(tf.get(e.getKey())));
                text.add(new BoostQuery(new TermQuery(new Term(all, e.getKey())), boost), Occur.SHOULD);
                text.add(new BoostQuery(new TermQuery(new Term(Fields.text(Fields.TITLE, key), e.getKey())),
                        boost * options.titleWeight()), Occur.SHOULD);
                chosen.add(e.getKey());
                terms.add(key, e.getKey());
                any = true;
            }
            chosenByKey.put(key, chosen);
        }
        if (!any) {
            return List.of();
        }
        Signals sig = new Signals(options, context.clock().millis(), context.stalePolicy() == StalePolicy.DEMOTE,
                Map.of());
        Query q = new BooleanQuery.Builder().add(text.build(), Occur.MUST)
                .add(viewerFilter.of(viewer, false), Occur.FILTER).build();
        TopDocs td = s.search(q, new SignalRanker(limit, 0, sig));
        StoredFields stored = s.storedFields();
        List<SearchHit> found = new ArrayList<>(td.scoreDocs.length);
        // Which chosen words each hit holds: one postings walk per word and segment, hits in document order.
        Map<String, TreeMap<Integer, List<String>>> byLeafAndKey = new HashMap<>();
        List<LeafReaderContext> leaves = r.leaves();
        for (ScoreDoc sd : td.scoreDocs) {
            SearchHit h = hits.hit(s.getIndexReader(), stored, sd, terms, null);
            found.add(h);
            int leaf = ReaderUtil.subIndex(sd.doc, leaves);
            byLeafAndKey.computeIfAbsent(leaf + ":" + Analyzers.key(h.locale()), k -> new TreeMap<>())
                    .put(sd.doc - leaves.get(leaf).docBase, new ArrayList<>());
        }
        for (Map.Entry<String, TreeMap<Integer, List<String>>> group : byLeafAndKey.entrySet()) {
            int colon = group.getKey().indexOf(':');
            LeafReaderContext leaf = leaves.get(Integer.parseInt(group.getKey().substring(0, colon)));
            String key = group.getKey().substring(colon + 1);
            for (String t : chosenByKey.getOrDefault(key, List.of())) {
                PostingsEnum pe = leaf.reader().postings(new Term(Fields.text(Fields.ALL, key), t),
                        PostingsEnum.NONE);
                if (pe == null) {
                    continue;
                }
                String w = surface.getOrDefault(key + ":" + t, t).toLowerCase(Locale.ROOT);
                for (Map.Entry<Integer, List<String>> doc : group.getValue().entrySet()) {
                    int local = doc.getKey();
                    if (pe.docID() < local) {
                        pe.advance(local);
                    }
                    if (pe.docID() == local && !doc.getValue().contains(w)) {
                        doc.getValue().add(w);
                    }
                }
            }
        }
        List<AssistHit> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int doc = td.scoreDocs[i].doc;
            int leaf = ReaderUtil.subIndex(doc, leaves);
            out.add(new AssistHit(found.get(i), byLeafAndKey.get(leaf + ":" + Analyzers.key(found.get(i).locale()))
                    .get(doc - leaves.get(leaf).docBase)));
        }
        return out;
    }
}
