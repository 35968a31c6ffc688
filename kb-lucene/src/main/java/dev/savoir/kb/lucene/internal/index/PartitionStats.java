package dev.savoir.kb.lucene.internal.index;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SmallFloat;
import org.jspecify.annotations.Nullable;

/**
 * Term and field statistics over the live documents of a {@link Partition}, computed per segment and cached: which
 * documents of a segment are in the partition (once per segment reader, that is per core, deletions and doc-values
 * generation), each term's document and total frequency among them (on first use), each field's document count and
 * summed length among them (on first use). A segment reader never changes, so an entry never goes stale; it is
 * dropped when Lucene closes the reader. Thread-safe.
 *
 * <p>Field lengths are read from the norms, as BM25 reads a document's own length: the sum of the encoded lengths
 * (exact up to a few dozen terms, then within a few percent), the same whatever the segment layout. A field without
 * norms is never scored; its document count is the partition's size.
 */
public final class PartitionStats {
    /** Beyond this many partitions cached for one segment (distinct segment sets of external viewers), start over. */
    private static final int MAX_PARTITIONS_PER_SEGMENT = 64;
    /** Beyond this many terms cached for one segment and partition, start over. */
    private static final int MAX_TERMS_PER_ENTRY = 50_000;
    /** Beyond this many partitions remembered for warming, stop remembering new ones. */
    private static final int MAX_WARMED_PARTITIONS = 16;
    private static final long[] NONE = {0, 0};

    private final Similarity similarity;
    private final Map<IndexReader.CacheKey, Map<String, Segment>> bySegment = new ConcurrentHashMap<>();
    private final Map<String, Partition> inUse = new ConcurrentHashMap<>();
    private final Set<String> fieldsInUse = ConcurrentHashMap.newKeySet();
    private final FuzzyExpansions fuzzy = new FuzzyExpansions();

    public PartitionStats(Similarity similarity) {
        this.similarity = similarity;
    }

    /** The terms of each segment near the words typo and spelling lookups asked for. */
    FuzzyExpansions fuzzy() {
        return fuzzy;
    }

    /** A searcher over {@code reader} that scores with the statistics of {@code partition}. */
    public PartitionSearcher searcher(IndexReader reader, Partition partition) {
        if (inUse.size() < MAX_WARMED_PARTITIONS || inUse.containsKey(partition.key())) {
            inUse.put(partition.key(), partition);
        }
        PartitionSearcher s = new PartitionSearcher(reader, this, partition);
        s.setSimilarity(similarity);
        return s;
    }

    /**
     * Computes, on a refresh and off the query path, which documents of each new segment belong to the partitions
     * searches have used, and the statistics of the fields they have scored.
     */
    public void warm(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            for (Partition p : inUse.values()) {
                Segment s = segment(leaf, p);
                for (String field : fieldsInUse) {
                    s.field(field);
                }
            }
        }
    }

    /** The statistics of one segment for one partition, computed now if they are not yet. */
    Segment segment(LeafReaderContext leaf, Partition p) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
        if (helper == null) {
            return compute(leaf, p);
        }
        IndexReader.CacheKey key = helper.getKey();
        Map<String, Segment> partitions = bySegment.get(key);
        if (partitions == null) {
            partitions = new ConcurrentHashMap<>();
            Map<String, Segment> raced = bySegment.putIfAbsent(key, partitions);
            if (raced == null) {
                helper.addClosedListener(bySegment::remove);
            } else {
                partitions = raced;
            }
        }
        Segment s = partitions.get(p.key());
        if (s == null || !s.validAt(p)) {
            if (partitions.size() >= MAX_PARTITIONS_PER_SEGMENT) {
                partitions.clear();
            }
            s = compute(leaf, p);
            partitions.put(p.key(), s);
        }
        return s;
    }

    /** Which live documents of the segment are in the partition, and when the stale rule changes that. */
    private Segment compute(LeafReaderContext leaf, Partition p) throws IOException {
        LeafReader reader = leaf.reader();
        IndexSearcher top = new IndexSearcher(ReaderUtil.getTopLevelContext(leaf));
        top.setQueryCache(null);
        Weight w = top.createWeight(top.rewrite(p.audience()), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Scorer scorer = w.scorer(leaf);
        FixedBitSet bits = new FixedBitSet(Math.max(1, reader.maxDoc()));
        Bits live = reader.getLiveDocs();
        NumericDocValues due = p.hideStale() ? DocValues.getNumeric(reader, Fields.DUE) : null;
        long lastPassed = Long.MIN_VALUE;
        long nextDue = Long.MAX_VALUE;
        int size = 0;
        if (scorer != null) {
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (due != null) {
                    long d = due.advanceExact(doc) ? due.longValue() : Long.MAX_VALUE;
                    // the viewer filter's stale rule: hidden once the review date is at or before now
                    if (d <= p.now()) {
                        lastPassed = Math.max(lastPassed, d);
                        continue;
                    }
                    nextDue = Math.min(nextDue, d);
                }
                bits.set(doc);
                size++;
            }
        }
        return new Segment(reader, size == reader.maxDoc() ? null : bits, size, p.hideStale(), lastPassed,
                nextDue);
    }

    /**
     * One segment's share of a partition.
     *
     * <p>{@code bits} are the partition's live documents ({@code null}: every document of the segment, which then
     * has no deletions). Under the
     * stale rule the membership holds while no review date falls between the time it was computed and the time it
     * is read: from {@code lastPassed} (included) to {@code nextDue} (excluded).
     */
    final class Segment {
        private final LeafReader reader;
        private final @Nullable FixedBitSet bits;
        private final int size;
        private final boolean hideStale;
        private final long lastPassed;
        private final long nextDue;
        private final Map<Term, long[]> terms = new ConcurrentHashMap<>();
        private final Map<String, long[]> fields = new ConcurrentHashMap<>();

        Segment(LeafReader reader, @Nullable FixedBitSet bits, int size, boolean hideStale, long lastPassed,
                long nextDue) {
            this.reader = reader;
            this.bits = bits;
            this.size = size;
            this.hideStale = hideStale;
            this.lastPassed = lastPassed;
            this.nextDue = nextDue;
        }

        boolean validAt(Partition p) {
            return p.hideStale() == hideStale && (!hideStale || (lastPassed <= p.now() && p.now() < nextDue));
        }

        /** How many live documents of the segment are in the partition. */
        int size() {
            return size;
        }

        /** Whether a document of the segment is a live document of the partition. */
        boolean contains(int doc) {
            return bits == null ? doc < reader.maxDoc() : bits.get(doc);
        }

        /** {document frequency, total term frequency} of the term among the partition's documents. */
        long[] term(Term t) throws IOException {
            long[] v = terms.get(t);
            if (v == null) {
                v = countTerm(t);
                if (terms.size() >= MAX_TERMS_PER_ENTRY) {
                    terms.clear();
                }
                terms.put(t, v);
            }
            return v;
        }

        private long[] countTerm(Term t) throws IOException {
            if (size == 0) {
                return NONE;
            }
            Terms ts = reader.terms(t.field());
            if (ts == null) {
                return NONE;
            }
            TermsEnum te = ts.iterator();
            if (!te.seekExact(t.bytes())) {
                return NONE;
            }
            if (bits == null) {
                return new long[] {te.docFreq(), te.totalTermFreq()};
            }
            boolean freqs = ts.hasFreqs();
            PostingsEnum pe = te.postings(null, freqs ? PostingsEnum.FREQS : PostingsEnum.NONE);
            long df = 0;
            long ttf = 0;
            for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                if (bits.get(doc)) {
                    df++;
                    ttf += freqs ? pe.freq() : 1;
                }
            }
            return df == 0 ? NONE : new long[] {df, ttf};
        }

        /** {documents with the field, summed field length} among the partition's documents. */
        long[] field(String field) throws IOException {
            long[] v = fields.get(field);
            if (v == null) {
                fieldsInUse.add(field);
                v = countField(field);
                fields.put(field, v);
            }
            return v;
        }

        private long[] countField(String field) throws IOException {
            if (size == 0 || reader.getFieldInfos().fieldInfo(field) == null) {
                return NONE;
            }
            NumericDocValues norms = reader.getNormValues(field);
            if (norms == null) {
                return new long[] {size, size};
            }
            long docs = 0;
            long length = 0;
            for (int doc = norms.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = norms.nextDoc()) {
                long norm = norms.longValue();
                if (norm != 0 && (bits == null || bits.get(doc))) {
                    docs++;
                    // BM25's length encoding (SmallFloat.intToByte4), decoded as BM25 decodes it
                    length += SmallFloat.byte4ToInt((byte) norm);
                }
            }
            return new long[] {docs, length};
        }
    }
}
