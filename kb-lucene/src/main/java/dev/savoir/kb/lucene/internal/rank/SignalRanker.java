package dev.savoir.kb.lucene.internal.rank;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.PriorityQueue;

/**
 * The best hits by text score × signal multiplier, with exact dynamic pruning.
 *
 * <p>Wrapping the text query in a function score (the obvious plan) hides the text scorer's score bounds, so every
 * match is scored. The multiplier is bounded, though ({@link Signals#maxMultiplier()}): a document whose text score
 * is below {@code k-th best final score / max multiplier} cannot enter the top {@code k}. Telling the text scorer so
 * through {@link Scorable#setMinCompetitiveScore} lets Lucene skip whole blocks (MaxScore / WAND) while returning
 * exactly the hits, scores and order of the function-score plan: the final score is {@code (float) (text ×
 * multiplier)} and ties go to the lower document id, as in Lucene's own top-docs collector.
 *
 * <p>Pruning starts once {@code totalHitsThreshold} matches were counted; the total is then a lower bound.
 */
public final class SignalRanker implements CollectorManager<SignalRanker.Ranker, TopDocs> {
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
        TopDocs[] parts = new TopDocs[rankers.size()];
        long total = 0;
        boolean lowerBound = false;
        int i = 0;
        for (Ranker r : rankers) {
            parts[i++] = r.topDocs();
            total += r.totalHits;
            lowerBound |= r.pruned;
        }
        TopDocs merged = TopDocs.merge(numHits, parts);
        return new TopDocs(new TotalHits(total, lowerBound ? TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO
                : TotalHits.Relation.EQUAL_TO), merged.scoreDocs);
    }

    /** Orders by score, then lower document id first; the least competitive hit is on top. */
    private static final class Queue extends PriorityQueue<ScoreDoc> {
        Queue(int size) {
            super(size, () -> new ScoreDoc(Integer.MAX_VALUE, Float.NEGATIVE_INFINITY));
        }

        @Override
        protected boolean lessThan(ScoreDoc a, ScoreDoc b) {
            return a.score == b.score ? a.doc > b.doc : a.score < b.score;
        }
    }

    /** One slice's collector. */
    public final class Ranker implements Collector {
        private final Queue queue = new Queue(numHits);
        private ScoreDoc least = queue.top();
        private int collected;
        long totalHits;
        boolean pruned;

        @Override
        public ScoreMode scoreMode() {
            return totalHitsThreshold == Integer.MAX_VALUE ? ScoreMode.COMPLETE : ScoreMode.TOP_SCORES;
        }

        TopDocs topDocs() {
            int n = Math.min(collected, numHits);
            ScoreDoc[] out = new ScoreDoc[n];
            // Pop the sentinels that were never replaced, then the hits, least competitive first.
            for (int i = queue.size() - n; i > 0; i--) {
                queue.pop();
            }
            for (int i = n - 1; i >= 0; i--) {
                out[i] = queue.pop();
            }
            return new TopDocs(new TotalHits(totalHits, TotalHits.Relation.EQUAL_TO), out);
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            int docBase = context.docBase;
            DoubleValues values = signals.getValues(context, null);
            return new LeafCollector() {
                private Scorable scorer;
                private float minSet;

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
                    if (collected >= numHits && (float) (text * maxMultiplier) <= least.score) {
                        // Even the largest multiplier cannot lift it above the least competitive hit.
                        updateMinCompetitive();
                        return;
                    }
                    double m = values.advanceExact(doc) ? values.doubleValue() : 1;
                    float score = (float) (text * m);
                    if (collected >= numHits && score <= least.score) {
                        updateMinCompetitive();
                        return;
                    }
                    collected++;
                    least.doc = docBase + doc;
                    least.score = score;
                    least = queue.updateTop();
                    updateMinCompetitive();
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
