package dev.savoir.kb.lucene.internal.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * A searcher whose scores, frequencies and term candidates come from one viewer's {@link Partition} only: BM25 reads
 * the document frequency of a term and the document count and average length of a field among the live documents
 * of the partition, never the whole index. Results then depend neither on content the viewer may not read nor on
 * the index's history (deleted documents awaiting a merge, the segment layout left by the indexing threads). One
 * per request (it remembers the sums and the automata it computed); thread-safe.
 */
public final class PartitionSearcher extends IndexSearcher {
    private final PartitionStats stats;
    private final Partition partition;
    /** What this request already summed over the segments (a query asks for the same field many times). */
    private final Map<Term, long[]> termSums = new ConcurrentHashMap<>();
    private final Map<String, long[]> fieldSums = new ConcurrentHashMap<>();
    /** Where each term this request queries is in each segment, looked up once for all its clauses. */
    private final Map<Term, TermStates> termStates = new ConcurrentHashMap<>();
    /** The Levenshtein automata this request built, by text, edits and prefix (see {@link SegmentFuzzy}). */
    private final Map<SegmentFuzzy.Key, AttributeSource> automata = new HashMap<>();
    private volatile long size = -1;

    PartitionSearcher(IndexReader reader, PartitionStats stats, Partition partition) {
        super(reader);
        this.stats = stats;
        this.partition = partition;
    }

    /**
     * A term of the partition near another one.
     *
     * @param term the term
     * @param boost its similarity to the typed term, {@code 1 - edits / length} (as Lucene's fuzzy query)
     * @param docFreq how many of the partition's live documents hold it (at least one)
     */
    public record Similar(String term, float boost, long docFreq) {
    }

    /**
     * A query for a term whose place in each segment's dictionary is looked up once per request, however many of its
     * clauses (and passes: ranking, counting, facets) hold the term: the same matches and scores as a
     * {@code new TermQuery(t)} run on this searcher, without seeking the term again for each.
     */
    public TermQuery termQuery(Term t) throws IOException {
        TermStates s = termStates.get(t);
        if (s == null) {
            s = TermStates.build(this, t, true);
            termStates.put(t, s);
        }
        return new TermQuery(t, s);
    }

    /** How many live documents the partition holds. */
    public long size() throws IOException {
        long n = size;
        if (n < 0) {
            n = 0;
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                n += stats.segment(leaf, partition).size();
            }
            size = n;
        }
        return n;
    }

    /** How many live documents of the partition hold the term. */
    public long docFreq(Term t) throws IOException {
        return termStats(t)[0];
    }

    private long[] termStats(Term t) throws IOException {
        long[] sum = termSums.get(t);
        if (sum == null) {
            long df = 0;
            long ttf = 0;
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                long[] v = stats.segment(leaf, partition).term(t);
                df += v[0];
                ttf += v[1];
            }
            sum = new long[] {df, ttf};
            termSums.put(t, sum);
        }
        return sum;
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        long[] v = termStats(term);
        if (v[0] == 0) {
            // Only documents outside the partition (hidden from the viewer, or deleted) hold the term; they are never
            // this viewer's hits, so the term never adds to a score it sees. Lucene needs statistics all the same.
            return new TermStatistics(term.bytes(), 1, 1);
        }
        return new TermStatistics(term.bytes(), v[0], v[1]);
    }

    @Override
    public @Nullable CollectionStatistics collectionStatistics(String field) throws IOException {
        long[] sum = fieldSums.get(field);
        if (sum == null) {
            long docs = 0;
            long length = 0;
            for (LeafReaderContext leaf : getIndexReader().leaves()) {
                long[] f = stats.segment(leaf, partition).field(field);
                docs += f[0];
                length += f[1];
            }
            sum = new long[] {docs, length};
            fieldSums.put(field, sum);
        }
        long docs = sum[0];
        long length = sum[1];
        if (docs == 0) {
            // As for terms: only documents outside the partition have the field (or none has it).
            return super.collectionStatistics(field) == null ? null : new CollectionStatistics(field, 1, 1, 1, 1);
        }
        // BM25 reads the document count and the summed length; the summed document frequency is unused, and the
        // document count is its lower bound.
        return new CollectionStatistics(field, size(), docs, length, docs);
    }

    /**
     * The terms of the partition within {@code maxEdits} of {@code t} sharing its first {@code prefix} characters
     * (the term itself included when the partition holds it), at least {@code minBoost} similar and held by at least
     * {@code minDocFreq} of its documents; most similar first, then in term order. The conditions apply before the
     * cut, so a term only documents outside the partition hold never pushes another one out: at least {@code limit}
     * are returned when there are so many, and with them all those as similar as the last one.
     */
    public synchronized List<Similar> similar(Term t, int maxEdits, int prefix, float minBoost, long minDocFreq,
            int limit) throws IOException {
        Map<BytesRef, Float> boosts = new HashMap<>();
        FuzzyExpansions.Key key = new FuzzyExpansions.Key(t.field(), t.text(), maxEdits, prefix);
        SegmentFuzzy[] fuzzy = new SegmentFuzzy[1];
        FuzzyExpansions.Source source = terms -> {
            if (fuzzy[0] == null) {
                fuzzy[0] = new SegmentFuzzy(t, maxEdits, prefix, automata.computeIfAbsent(
                        new SegmentFuzzy.Key(t.text(), maxEdits, prefix), k -> new AttributeSource()));
            }
            return fuzzy[0].terms(terms);
        };
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            FuzzyExpansions.Expansion e = stats.fuzzy().of(leaf, key, source);
            if (e == null) {
                continue;
            }
            for (int i = 0; i < e.size(); i++) {
                boosts.merge(e.terms()[i], e.boosts()[i], Math::max);
            }
        }
        List<Map.Entry<BytesRef, Float>> ordered = new ArrayList<>(boosts.entrySet());
        ordered.sort(Map.Entry.<BytesRef, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Similar> out = new ArrayList<>();
        for (Map.Entry<BytesRef, Float> e : ordered) {
            if (e.getValue() < minBoost || (out.size() >= limit && e.getValue() < out.getLast().boost())) {
                break;
            }
            long df = docFreq(new Term(t.field(), e.getKey()));
            if (df >= Math.max(1, minDocFreq)) {
                out.add(new Similar(e.getKey().utf8ToString(), e.getValue(), df));
            }
        }
        return out;
    }
}
