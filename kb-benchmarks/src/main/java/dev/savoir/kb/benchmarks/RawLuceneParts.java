package dev.savoir.kb.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/** The analysis, ranking and facet-counting parts of {@link RawLucene}, the hand-written twin of the SDK's plan. */
final class RawLuceneParts {
    private RawLuceneParts() {
    }

    /** Standard tokenizer, (possessive | elision), lower case, stop words, accent folding, light stemming. */
    static final class Chain extends Analyzer {
        private final boolean english;

        Chain(boolean english) {
            this.english = english;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = english ? new EnglishPossessiveFilter(source) : new ElisionFilter(source,
                    RawLucene.FRENCH_ELISIONS);
            ts = new StopFilter(new LowerCaseFilter(ts), english ? EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
                    : FrenchAnalyzer.getDefaultStopSet());
            ts = english ? new PorterStemFilter(new ASCIIFoldingFilter(ts))
                    : new FrenchLightStemFilter(new ASCIIFoldingFilter(ts));
            return new TokenStreamComponents(source, ts);
        }
    }

    static final class Folding extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
        }
    }

    // ------------------------------------------------------------------ ranking signals and facets

    /** Helpfulness, popularity and freshness multipliers from doc values, with the engine's default weights. */
    static final class SignalsSource extends DoubleValuesSource {
        private static final double HALF_POPULARITY = 30 * 86_400_000d;
        private static final double HALF_FRESHNESS = 365 * 86_400_000d;
        private static final double VIEWS_SCALE = Math.log1p(10_000);
        private final long now;

        SignalsSource(long now) {
            this.now = now;
        }

        @Override
        public DoubleValues getValues(LeafReaderContext ctx, @Nullable DoubleValues scores) throws IOException {
            NumericDocValues up = DocValues.getNumeric(ctx.reader(), "up");
            NumericDocValues down = DocValues.getNumeric(ctx.reader(), "down");
            NumericDocValues views = DocValues.getNumeric(ctx.reader(), "views");
            NumericDocValues viewsAt = DocValues.getNumeric(ctx.reader(), "viewsat");
            NumericDocValues pub = DocValues.getNumeric(ctx.reader(), "pubat");
            return new DoubleValues() {
                private double value;

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
                    double helpful = 1 + 0.2 * (2 * ((u + 5.0) / (u + d + 10.0)) - 1);
                    double decayed = v * Math.pow(2, -Math.max(0, now - va) / HALF_POPULARITY);
                    double popular = 1 + 0.05 * Math.min(1, Math.log1p(decayed) / VIEWS_SCALE);
                    double fresh = 1 + 0.02 * Math.pow(2, -Math.max(0, now - p) / HALF_FRESHNESS);
                    value = helpful * popular * fresh;
                    return true;
                }
            };
        }

        @Override
        public boolean needsScores() {
            return false;
        }

        @Override
        public DoubleValuesSource rewrite(IndexSearcher s) {
            return this;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(now);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SignalsSource s && s.now == now;
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

    /** Counts facet values of matching documents from doc-values ordinals, per segment. */
    /**
     * The top hits by (float) (text score x signal multiplier), ties to the lower document: a document whose text
     * score times the largest possible multiplier cannot beat the current last hit is not a candidate, so the text
     * scorer is told its minimum competitive score and skips blocks.
     */
    static final class TopBySignals implements CollectorManager<TopBySignals.Slice, TopDocs> {
        private static final double MAX_MULTIPLIER = 1.2 * 1.05 * 1.02;
        private final int k;
        private final int countUpTo;
        private final long now;

        TopBySignals(int k, int countUpTo, long now) {
            this.k = k;
            this.countUpTo = countUpTo;
            this.now = now;
        }

        @Override
        public Slice newCollector() {
            return new Slice();
        }

        @Override
        public TopDocs reduce(Collection<Slice> slices) {
            List<TopDocs> parts = new ArrayList<>();
            long seen = 0;
            boolean skipped = false;
            for (Slice s : slices) {
                ScoreDoc[] docs = new ScoreDoc[Math.min(s.inserted, k)];
                for (int i = docs.length - 1; i >= 0; i--) {
                    docs[i] = s.pq.poll();
                }
                parts.add(new TopDocs(new TotalHits(s.seen, TotalHits.Relation.EQUAL_TO), docs));
                seen += s.seen;
                skipped |= s.skipped;
            }
            TopDocs m = TopDocs.merge(k, parts.toArray(TopDocs[]::new));
            return new TopDocs(new TotalHits(seen, skipped ? TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO
                    : TotalHits.Relation.EQUAL_TO), m.scoreDocs);
        }

        final class Slice implements Collector {
            final PriorityQueue<ScoreDoc> pq = new PriorityQueue<>((a, b) -> a.score != b.score
                    ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc));
            int inserted;
            long seen;
            boolean skipped;

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.TOP_SCORES;
            }

            @Override
            public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
                DoubleValues signals = new SignalsSource(now).getValues(ctx, null);
                return new LeafCollector() {
                    private Scorable scorer;

                    @Override
                    public void setScorer(Scorable s) throws IOException {
                        scorer = s;
                        bound();
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        seen++;
                        float text = scorer.score();
                        boolean full = pq.size() == k;
                        if (full && (float) (text * MAX_MULTIPLIER) <= pq.peek().score) {
                            return;
                        }
                        signals.advanceExact(doc);
                        float score = (float) (text * signals.doubleValue());
                        if (full && score <= pq.peek().score) {
                            return;
                        }
                        if (full) {
                            pq.poll();
                        }
                        pq.add(new ScoreDoc(ctx.docBase + doc, score));
                        inserted++;
                        bound();
                    }

                    private void bound() throws IOException {
                        if (pq.size() == k && seen >= countUpTo) {
                            scorer.setMinCompetitiveScore(Math.nextDown((float) (pq.peek().score / MAX_MULTIPLIER)));
                            skipped = true;
                        }
                    }
                };
            }
        }
    }

    static final class FacetManager implements CollectorManager<FacetCounter, Map<String, Map<String, Long>>> {
        private final Set<String> facets;
        long hits;

        FacetManager(Set<String> facets) {
            this.facets = facets;
        }

        @Override
        public FacetCounter newCollector() {
            return new FacetCounter(facets);
        }

        @Override
        public Map<String, Map<String, Long>> reduce(Collection<FacetCounter> collectors) {
            Map<String, Map<String, Long>> out = new HashMap<>();
            for (FacetCounter c : collectors) {
                hits += c.hits;
                c.counts.forEach((f, m) -> m.forEach((k, v) -> out.computeIfAbsent(f, x -> new HashMap<>())
                        .merge(k, v, Long::sum)));
            }
            return out;
        }
    }

    static final class FacetCounter implements Collector {
        private final Set<String> facets;
        final Map<String, Map<String, Long>> counts = new HashMap<>();
        long hits;

        FacetCounter(Set<String> facets) {
            this.facets = facets;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
            SortedSetDocValues cat = facets.contains("cat") ? DocValues.getSortedSet(ctx.reader(), "cat") : null;
            SortedSetDocValues tag = facets.contains("tag") ? DocValues.getSortedSet(ctx.reader(), "tag") : null;
            SortedDocValues type = facets.contains("type") ? DocValues.getSorted(ctx.reader(), "type") : null;
            SortedDocValues loc = facets.contains("loc") ? DocValues.getSorted(ctx.reader(), "loc") : null;
            int[] catC = cat == null ? null : new int[(int) cat.getValueCount()];
            int[] tagC = tag == null ? null : new int[(int) tag.getValueCount()];
            int[] typeC = type == null ? null : new int[type.getValueCount()];
            int[] locC = loc == null ? null : new int[loc.getValueCount()];
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    hits++;
                    if (cat != null && cat.advanceExact(doc)) {
                        for (int i = 0; i < cat.docValueCount(); i++) {
                            catC[(int) cat.nextOrd()]++;
                        }
                    }
                    if (tag != null && tag.advanceExact(doc)) {
                        for (int i = 0; i < tag.docValueCount(); i++) {
                            tagC[(int) tag.nextOrd()]++;
                        }
                    }
                    if (type != null && type.advanceExact(doc)) {
                        typeC[type.ordValue()]++;
                    }
                    if (loc != null && loc.advanceExact(doc)) {
                        locC[loc.ordValue()]++;
                    }
                }

                @Override
                public void finish() throws IOException {
                    if (cat != null) {
                        flush("cat", catC, cat::lookupOrd);
                    }
                    if (tag != null) {
                        flush("tag", tagC, tag::lookupOrd);
                    }
                    if (type != null) {
                        flush("type", typeC, o -> type.lookupOrd((int) o));
                    }
                    if (loc != null) {
                        flush("loc", locC, o -> loc.lookupOrd((int) o));
                    }
                }
            };
        }

        private interface Lookup {
            BytesRef lookup(long ord) throws IOException;
        }

        private void flush(String facet, int[] c, Lookup dv) throws IOException {
            Map<String, Long> m = counts.computeIfAbsent(facet, x -> new HashMap<>());
            for (int i = 0; i < c.length; i++) {
                if (c[i] > 0) {
                    m.merge(dv.lookup(i).utf8ToString(), (long) c[i], Long::sum);
                }
            }
        }
    }
}
