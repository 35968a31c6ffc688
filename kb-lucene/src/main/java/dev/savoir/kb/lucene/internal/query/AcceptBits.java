package dev.savoir.kb.lucene.internal.query;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/**
 * Filters that a k-nearest-neighbour search turns into accepted documents, as one bit set per segment: the part that
 * does not change between searches (audience, kind, locale choice) is computed once per segment and viewer shape and
 * kept until the segment closes; the parts that do (the review-date cut at this instant, the request's filters,
 * removed articles) are applied to a copy at each search, at a cost that grows with their own matches only.
 *
 * <p>Without it, every semantic search walked every document of the viewer's conjunction to build the graph walk's
 * accepted set: a fixed cost that grew with the index (about 40% of the nearest-neighbour time at 10,000 articles).
 * The bits of a segment ignore its deletions, which the nearest-neighbour search applies by itself. Thread-safe.
 */
public final class AcceptBits {
    /** The most viewer shapes kept per segment; beyond it, new shapes are computed at each search, not kept. */
    static final int MAX_SHAPES_PER_SEGMENT = 64;

    private final Map<Object, Map<Query, FixedBitSet>> bySegment = new ConcurrentHashMap<>();

    /**
     * A filter matching the documents of {@code stable}, minus those of each {@code excluded} query, and only those of
     * every {@code required} one.
     *
     * @param stable the part that is the same from one search to the next for this viewer shape (cached)
     * @param excluded what this search removes (evaluated at each search)
     * @param required what this search also requires (evaluated at each search)
     */
    public AcceptQuery filter(Query stable, List<Query> excluded, List<Query> required) {
        return new AcceptQuery(this, stable, List.copyOf(excluded), List.copyOf(required));
    }

    /** A filter's weights on one searcher: gives the accepted documents of each of its segments. */
    public static final class Prepared {
        private final AcceptBits cache;
        private final Query stable;
        private final Weight stableWeight;
        private final Weight[] excludedWeights;
        private final Weight[] requiredWeights;

        private Prepared(AcceptBits cache, Query stable, Weight stableWeight, Weight[] excludedWeights,
                         Weight[] requiredWeights) {
            this.cache = cache;
            this.stable = stable;
            this.stableWeight = stableWeight;
            this.excludedWeights = excludedWeights;
            this.requiredWeights = requiredWeights;
        }

        /**
         * The accepted documents of a segment, deletions not applied; the cached set itself when nothing is excluded
         * or required (never modify it).
         */
        public FixedBitSet bits(LeafReaderContext leaf) throws IOException {
            FixedBitSet bits = cache.stableBits(leaf, stable, stableWeight);
            if (excludedWeights.length == 0 && requiredWeights.length == 0) {
                return bits;
            }
            bits = bits.clone();
            for (Weight w : excludedWeights) {
                Scorer s = w.scorer(leaf);
                if (s != null) {
                    DocIdSetIterator it = s.iterator();
                    for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
                        bits.clear(d);
                    }
                }
            }
            for (Weight w : requiredWeights) {
                bits.and(compute(leaf, w));
            }
            return bits;
        }
    }

    /** The number of segments holding cached bits (for tests). */
    int segments() {
        return bySegment.size();
    }

    private FixedBitSet stableBits(LeafReaderContext leaf, Query stable, Weight weight) throws IOException {
        IndexReader.CacheHelper helper = leaf.reader().getCoreCacheHelper();
        if (helper == null) {
            return compute(leaf, weight);
        }
        IndexReader.CacheKey key = helper.getKey();
        Map<Query, FixedBitSet> shapes = bySegment.get(key);
        if (shapes == null) {
            Map<Query, FixedBitSet> fresh = new ConcurrentHashMap<>();
            shapes = bySegment.putIfAbsent(key, fresh);
            if (shapes == null) {
                shapes = fresh;
                helper.addClosedListener(bySegment::remove);
            }
        }
        FixedBitSet bits = shapes.get(stable);
        if (bits == null) {
            bits = compute(leaf, weight);
            if (shapes.size() < MAX_SHAPES_PER_SEGMENT) {
                shapes.putIfAbsent(stable, bits);
            }
        }
        return bits;
    }

    private static FixedBitSet compute(LeafReaderContext leaf, Weight weight) throws IOException {
        FixedBitSet bits = new FixedBitSet(leaf.reader().maxDoc());
        Scorer s = weight.scorer(leaf);
        if (s != null) {
            DocIdSetIterator it = s.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                bits.set(doc);
            }
        }
        return bits;
    }

    /** A filter of {@link AcceptBits}; see {@link #filter}. */
    public static final class AcceptQuery extends Query {
        private final AcceptBits cache;
        private final Query stable;
        private final List<Query> excluded;
        private final List<Query> required;

        AcceptQuery(AcceptBits cache, Query stable, List<Query> excluded, List<Query> required) {
            this.cache = cache;
            this.stable = stable;
            this.excluded = excluded;
            this.required = required;
        }

        /** Its weights on {@code searcher}. */
        public Prepared prepare(IndexSearcher searcher) throws IOException {
            Weight[] excludedWeights = new Weight[excluded.size()];
            for (int i = 0; i < excludedWeights.length; i++) {
                excludedWeights[i] = noScores(searcher, excluded.get(i));
            }
            Weight[] requiredWeights = new Weight[required.size()];
            for (int i = 0; i < requiredWeights.length; i++) {
                requiredWeights[i] = noScores(searcher, required.get(i));
            }
            return new Prepared(cache, stable, noScores(searcher, stable), excludedWeights, requiredWeights);
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            return new ConstantScoreWeight(this, boost) {
                // prepared at the first segment asked for: a weight that is created and never asked (as in the
                // nearest-neighbour query, which reads the bits itself) costs nothing
                private volatile @Nullable Prepared prepared;

                @Override
                public ScorerSupplier scorerSupplier(LeafReaderContext leaf) throws IOException {
                    Prepared p = prepared;
                    if (p == null) {
                        p = prepare(searcher);
                        prepared = p;
                    }
                    FixedBitSet accepted = p.bits(leaf);
                    int cardinality = accepted.cardinality();
                    if (cardinality == 0) {
                        return null;
                    }
                    Scorer scorer = new ConstantScoreScorer(score(), scoreMode,
                            new BitSetIterator(accepted, cardinality));
                    return new DefaultScorerSupplier(scorer);
                }

                @Override
                public boolean isCacheable(LeafReaderContext leaf) {
                    // the excluded parts may depend on the instant (the review-date cut): never cache the whole
                    return false;
                }
            };
        }

        private static Weight noScores(IndexSearcher searcher, Query q) throws IOException {
            return searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
        }

        @Override
        public void visit(QueryVisitor visitor) {
            QueryVisitor v = visitor.getSubVisitor(org.apache.lucene.search.BooleanClause.Occur.FILTER, this);
            stable.visit(v);
            required.forEach(q -> q.visit(v));
        }

        @Override
        public String toString(String field) {
            return "AcceptBits(" + stable.toString(field) + " -" + excluded + " +" + required + ")";
        }

        @Override
        public boolean equals(Object other) {
            return sameClassAs(other) && stable.equals(((AcceptQuery) other).stable)
                    && excluded.equals(((AcceptQuery) other).excluded)
                    && required.equals(((AcceptQuery) other).required);
        }

        @Override
        public int hashCode() {
            return Objects.hash(classHash(), stable, excluded, required);
        }
    }
}
