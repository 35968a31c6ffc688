package dev.savoir.kb.lucene.internal.rank;

import dev.savoir.kb.lucene.internal.SearchIndexFailure;
import dev.savoir.kb.lucene.internal.index.Fields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * The best hits by text score × signal multiplier, with exact dynamic pruning.
 *
 * <p>Wrapping the text query in a function score (the obvious plan) hides the text scorer's score bounds, so every
 * match is scored. The multiplier is bounded, though ({@link Signals#maxMultiplier()}): a document whose text score
 * is below {@code k-th best final score / max multiplier} cannot enter the top {@code k}. Telling the text scorer so
 * through {@link Scorable#setMinCompetitiveScore} lets Lucene skip whole blocks (MaxScore / WAND) while returning
 * exactly the hits, scores and order of the function-score plan: the final score is {@code (float) (text ×
 * multiplier)}. Ties go to the lower article id (read only when scores tie), not to the lower document id as in
 * Lucene's own top-docs collector: document ids follow the index's history (indexing threads, merges, updates), and
 * the same content must rank the same whatever that history.
 *
 * <p>Pruning starts once {@code totalHitsThreshold} matches were counted; the total is then a lower bound.
 */
public final class SignalRanker implements CollectorManager<SignalRanker.Ranker, TopDocs> {
    private static final int SENTINEL = Integer.MAX_VALUE;
    private final int numHits;
    private final int totalHitsThreshold;
    private final Signals signals;
    private final double maxMultiplier;

    /**
     * @param numHits how many hits to keep
     * @param totalHitsThreshold count exactly up to this many matches ({@link Integer#MAX_VALUE}: never prune)
     */
    public SignalRanker(int numHits, int totalHitsThreshold, Signals signals) {
        this.numHits = Math.max(1, numHits);
        this.signals = signals;
        this.maxMultiplier = signals.maxMultiplier();
        // A bound that is not a positive finite number cannot be used to prune.
        this.totalHitsThreshold = maxMultiplier > 0 && Double.isFinite(maxMultiplier) ? totalHitsThreshold
                : Integer.MAX_VALUE;
    }

    @Override
    public Ranker newCollector() {
        return new Ranker();
    }

    @Override
    public TopDocs reduce(Collection<Ranker> rankers) {
        List<Hit> all = new ArrayList<>();
        long total = 0;
        boolean lowerBound = false;
        for (Ranker r : rankers) {
            all.addAll(r.hits());
            total += r.totalHits;
            lowerBound |= r.pruned;
        }
        all.sort((x, y) -> before(x, y) ? -1 : before(y, x) ? 1 : 0);
        ScoreDoc[] top = all.subList(0, Math.min(numHits, all.size())).toArray(ScoreDoc[]::new);
        return new TopDocs(new TotalHits(total, lowerBound ? TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO
                : TotalHits.Relation.EQUAL_TO), top);
    }

    /**
     * A hit with its segment ({@code leaf}, the segment's position in the reader) and the ordinal of its article id
     * there: within a segment, ordinals are in id order; across segments the ids themselves are compared.
     */
    private static final class Hit extends ScoreDoc {
        int leaf = -1;
        int ord = -1;
        @Nullable SortedDocValues ids;
        @Nullable BytesRef id;

        Hit(int doc, float score) {
            super(doc, score);
        }

        void set(int doc, float score, int leaf, int ord, SortedDocValues ids) {
            this.doc = doc;
            this.score = score;
            this.leaf = leaf;
            this.ord = ord;
            this.ids = ids;
            this.id = null;
        }

        BytesRef id() {
            if (id == null) {
                try {
                    id = ord < 0 || ids == null ? new BytesRef() : BytesRef.deepCopyOf(ids.lookupOrd(ord));
                } catch (IOException e) {
                    throw SearchIndexFailure.of("reading the article id of a hit", e);
                }
            }
            return id;
        }
    }

    /** Whether {@code a} ranks before {@code b}: a higher score, or the same score and a lower article id. */
    private static boolean before(Hit a, Hit b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        if (a.doc == SENTINEL || b.doc == SENTINEL) {
            return a.doc < b.doc;
        }
        if (a.leaf == b.leaf) {
            return a.ord < b.ord;
        }
        return a.id().compareTo(b.id()) < 0;
    }

    /** Orders as {@link #before}; the least competitive hit is on top. */
    private final class Queue extends PriorityQueue<Hit> {
        Queue(int size) {
            super(size, () -> new Hit(SENTINEL, Float.NEGATIVE_INFINITY));
        }

        @Override
        protected boolean lessThan(Hit a, Hit b) {
            return before(b, a);
        }
    }

    /** One slice's collector. */
    public final class Ranker implements Collector {
        private final Queue queue = new Queue(numHits);
        private Hit least = queue.top();
        private int collected;
        long totalHits;
        boolean pruned;

        @Override
        public ScoreMode scoreMode() {
            return totalHitsThreshold == Integer.MAX_VALUE ? ScoreMode.COMPLETE : ScoreMode.TOP_SCORES;
        }

        /** The hits, best first. */
        List<Hit> hits() {
            int n = Math.min(collected, numHits);
            Hit[] out = new Hit[n];
            // Pop the sentinels that were never replaced, then the hits, least competitive first.
            for (int i = queue.size() - n; i > 0; i--) {
                queue.pop();
            }
            for (int i = n - 1; i >= 0; i--) {
                out[i] = queue.pop();
            }
            return List.of(out);
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            int docBase = context.docBase;
            int leaf = context.ord;
            DoubleValues values = signals.getValues(context, null);
            SortedDocValues ids = DocValues.getSorted(context.reader(), Fields.ID);
            return new LeafCollector() {
                private Scorable scorer;
                private float minSet;
                private final Hit tie = new Hit(0, 0);
                private int lastDoc = -1;
                private int lastOrd = -1;

                @Override
                public void setScorer(Scorable scorer) throws IOException {
                    this.scorer = scorer;
                    this.minSet = 0;
                    updateMinCompetitive();
                }

                @Override
                public void collect(int doc) throws IOException {
                    totalHits++;
                    float text = scorer.score();
                    if (collected >= numHits && (float) (text * maxMultiplier) < least.score) {
                        // Even the largest multiplier cannot lift it to the least competitive hit.
                        updateMinCompetitive();
                        return;
                    }
                    double m = values.advanceExact(doc) ? values.doubleValue() : 1;
                    float score = (float) (text * m);
                    if (collected >= numHits && score <= least.score) {
                        if (score < least.score) {
                            updateMinCompetitive();
                            return;
                        }
                        tie.set(docBase + doc, score, leaf, ord(doc), ids);
                        if (!before(tie, least)) {
                            updateMinCompetitive();
                            return;
                        }
                    }
                    collected++;
                    least.set(docBase + doc, score, leaf, ord(doc), ids);
                    least = queue.updateTop();
                    updateMinCompetitive();
                }

                /** The ordinal of the document's article id (documents arrive in order). */
                private int ord(int doc) throws IOException {
                    if (doc != lastDoc) {
                        lastDoc = doc;
                        lastOrd = ids.advanceExact(doc) ? ids.ordValue() : -1;
                    }
                    return lastOrd;
                }

                private void updateMinCompetitive() throws IOException {
                    if (collected < numHits || totalHits < totalHitsThreshold || scoreMode() != ScoreMode.TOP_SCORES) {
                        return;
                    }
                    // Below least / max multiplier a document cannot compete; step one ulp down against rounding.
                    float min = Math.nextDown((float) (least.score / maxMultiplier));
                    if (min > minSet) {
                        scorer.setMinCompetitiveScore(min);
                        minSet = min;
                        pruned = true;
                    }
                }
            };
        }
    }
}
