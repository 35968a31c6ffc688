package dev.savoir.kb.lucene.internal.rank;

import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.index.Fields;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

/**
 * The ranking signals as one score multiplier per document: helpfulness (votes smoothed towards 50% with 10
 * pseudo-votes), popularity (views decaying with a half-life, on a log scale), freshness (decaying with a half-life),
 * demotion past the review date, and promotion rules. Each signal is neutral (1.0) without data.
 */
public final class Signals extends DoubleValuesSource {
    static final double PRIOR_VOTES = 10;
    static final double VIEWS_SCALE = Math.log1p(10_000);

    private final EngineOptions o;
    private final long now;
    private final boolean demoteStale;
    private final Map<String, Float> promoted;
    private final double halfPopularity;
    private final double halfFreshness;

    public Signals(EngineOptions options, long now, boolean demoteStale, Map<String, Float> promoted) {
        this.o = options;
        this.now = now;
        this.demoteStale = demoteStale;
        this.promoted = Map.copyOf(promoted);
        this.halfPopularity = options.popularityHalfLife().toMillis();
        this.halfFreshness = options.freshnessHalfLife().toMillis();
    }

    /** Each signal's multiplier for one document's values. */
    public Map<String, Double> parts(long up, long down, long views, long viewsAt, long publishedAt, long due,
                              float promotion) {
        Map<String, Double> m = new LinkedHashMap<>();
        double ratio = (up + PRIOR_VOTES / 2) / (up + down + PRIOR_VOTES);
        m.put("helpfulness", 1 + o.helpfulnessWeight() * (2 * ratio - 1));
        double halfP = o.popularityHalfLife().toMillis();
        double decayed = views * Math.pow(2, -Math.max(0, now - viewsAt) / halfP);
        m.put("popularity", 1 + o.popularityWeight() * Math.min(1, Math.log1p(decayed) / VIEWS_SCALE));
        double halfF = o.freshnessHalfLife().toMillis();
        m.put("freshness", 1 + o.freshnessWeight() * Math.pow(2, -Math.max(0, now - publishedAt) / halfF));
        m.put("stale", demoteStale && due <= now ? o.staleDemotion() : 1.0);
        m.put("promotion", (double) promotion);
        return m;
    }

    /**
     * The largest multiplier any document can get now: each signal at its best, the strongest promotion. It bounds
     * how far signals can lift a text score, which lets ranking skip documents that cannot reach the page.
     */
    public double maxMultiplier() {
        double m = Math.max(1 + o.helpfulnessWeight(), 1 - o.helpfulnessWeight());
        m *= Math.max(1, 1 + o.popularityWeight());
        m *= Math.max(1, 1 + o.freshnessWeight());
        if (demoteStale) {
            m *= Math.max(1, o.staleDemotion());
        }
        float promotion = 1;
        for (float p : promoted.values()) {
            promotion = Math.max(promotion, p);
        }
        return m * promotion;
    }

    /** The product of {@link #parts}, without allocating (the hot path). */
    public double multiplier(long up, long down, long views, long viewsAt, long publishedAt, long due, float promotion) {
        double p = promotion;
        if (o.helpfulnessWeight() > 0 && (up | down) != 0) {
            double ratio = (up + PRIOR_VOTES / 2) / (up + down + PRIOR_VOTES);
            p *= 1 + o.helpfulnessWeight() * (2 * ratio - 1);
        }
        if (o.popularityWeight() > 0 && views > 0) {
            double decayed = views * Math.pow(2, -Math.max(0, now - viewsAt) / halfPopularity);
            p *= 1 + o.popularityWeight() * Math.min(1, Math.log1p(decayed) / VIEWS_SCALE);
        }
        if (o.freshnessWeight() > 0) {
            p *= 1 + o.freshnessWeight() * Math.pow(2, -Math.max(0, now - publishedAt) / halfFreshness);
        }
        if (demoteStale && due <= now) {
            p *= o.staleDemotion();
        }
        return p;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        NumericDocValues up = DocValues.getNumeric(ctx.reader(), Fields.UP);
        NumericDocValues down = DocValues.getNumeric(ctx.reader(), Fields.DOWN);
        NumericDocValues views = DocValues.getNumeric(ctx.reader(), Fields.VIEWS);
        NumericDocValues viewsAt = DocValues.getNumeric(ctx.reader(), Fields.VIEWS_AT);
        NumericDocValues pub = DocValues.getNumeric(ctx.reader(), Fields.PUBLISHED_AT);
        NumericDocValues due = DocValues.getNumeric(ctx.reader(), Fields.DUE);
        SortedDocValues ids = promoted.isEmpty() ? null : DocValues.getSorted(ctx.reader(), Fields.ID);
        Map<Integer, Float> promotedOrds = new java.util.HashMap<>();
        if (ids != null) {
            for (Map.Entry<String, Float> e : promoted.entrySet()) {
                int ord = ids.lookupTerm(new BytesRef(e.getKey()));
                if (ord >= 0) {
                    promotedOrds.put(ord, e.getValue());
                }
            }
        }
        return new DoubleValues() {
            private double value = 1;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                long u = up.advanceExact(doc) ? up.longValue() : 0;
                long d = down.advanceExact(doc) ? down.longValue() : 0;
                long v = views.advanceExact(doc) ? views.longValue() : 0;
                long va = viewsAt.advanceExact(doc) ? viewsAt.longValue() : now;
                long p = pub.advanceExact(doc) ? pub.longValue() : now;
                long du = due.advanceExact(doc) ? due.longValue() : Long.MAX_VALUE;
                float promo = 1f;
                if (!promotedOrds.isEmpty() && ids.advanceExact(doc)) {
                    promo = promotedOrds.getOrDefault(ids.ordValue(), 1f);
                }
                value = multiplier(u, d, v, va, p, du, promo);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public int hashCode() {
        return Objects.hash(now, demoteStale, promoted);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof Signals s && s.now == now && s.demoteStale == demoteStale && s.promoted.equals(promoted)
                && s.o == o;
    }

    @Override
    public String toString() {
        return "signals";
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }
}
