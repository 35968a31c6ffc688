package dev.savoir.kb.lucene;

import dev.savoir.kb.InvalidArgumentException;
import dev.savoir.kb.lucene.internal.EngineOptions;
import dev.savoir.kb.lucene.internal.LuceneEngine;
import dev.savoir.kb.lucene.internal.semantic.SemanticOptions;
import dev.savoir.kb.search.PromotionRule;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SynonymProvider;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Savoir's search engine on Apache Lucene: per-language analysis (English, French, German, Spanish, Italian,
 * Portuguese, Dutch; case and accent folding for any other language), ranking with typo tolerance, phrases,
 * synonyms and knowledge-base signals, filters and facets that respect the viewer's visibility, snippets,
 * did-you-mean, autocomplete, related articles and agent assist. The index is near-real-time and recovers from
 * crashes by itself.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.builder()
 *         .directory(Path.of("kb"))
 *         .searchEngine(LuceneSearchEngine.factory())
 *         .build();
 * }</pre>
 *
 * <p>The engines opened by a factory are thread-safe.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LuceneSearchEngine {
    private LuceneSearchEngine() {
    }

    /** An engine with the default settings. */
    public static SearchEngineFactory factory() {
        return builder().build();
    }

    /** Starts configuring an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Configures the engine. Each option may be set once; {@link #build()} leaves the builder usable. A value out of
     * range, a null or an option set twice throws an {@link InvalidArgumentException} naming the parameter (or the
     * option). The defaults were measured to help text relevance on general collections (see the README); change them
     * only with a relevance evaluation on your own queries.
     *
     * @since 0.1
     */
    @API(status = API.Status.STABLE, since = "0.1")
    public static final class Builder {
        private static final int MAX_INDEXING_THREADS = 64;
        private float titleWeight = 0.35f;
        private float tagsWeight = 0.25f;
        private float summaryWeight = 0.15f;
        private float phraseWeight = 0.1f;
        private float synonymWeight = 0.7f;
        private boolean typoTolerance = true;
        private float typoWeight = 0.4f;
        private int rareDocFreq = 2;
        private float k1 = 1.2f;
        private float b = 0.75f;
        private double helpfulnessWeight = 0.2;
        private double popularityWeight = 0.05;
        private double freshnessWeight = 0.02;
        private double staleDemotion = 0.5;
        private Duration popularityHalfLife = Duration.ofDays(30);
        private Duration freshnessHalfLife = Duration.ofDays(365);
        private SynonymProvider synonyms = SynonymProvider.NONE;
        private Supplier<List<PromotionRule>> rules = List::of;
        private Duration refreshInterval = Duration.ofMillis(500);
        private Duration commitInterval = Duration.ofSeconds(5);
        private int indexingThreads = defaultIndexingThreads();
        private @Nullable Embedder embedder;
        private Set<String> semanticLanguages = Set.of();
        private int passageChars = 1_000;
        private int passageOverlap = 200;
        private SearchMode defaultMode = SearchMode.LEXICAL;
        private boolean convex = true;
        private int rrfRank = 60;
        private double semanticWeight = 0.5;
        private final Set<String> set = new HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            if (!set.add(option)) {
                throw new InvalidArgumentException(option, "was already set on this builder: set each option once");
            }
        }

        private static float weight(String name, float w) {
            if (!(w >= 0f && w <= 100f)) {
                throw new InvalidArgumentException(name, "must be between 0 and 100, got " + w);
            }
            return w;
        }

        private static <T> T nonNull(String name, @Nullable T value) {
            if (value == null) {
                throw new InvalidArgumentException(name, "must not be null");
            }
            return value;
        }

        private static void positive(String name, Duration halfLife) {
            if (nonNull(name, halfLife).isNegative() || halfLife.isZero()) {
                throw new InvalidArgumentException(name, "the half-life must be positive, got " + halfLife);
            }
        }

        private static double signal(String name, double w) {
            if (!(w >= 0 && w <= 10)) {
                throw new InvalidArgumentException(name, "must be between 0 and 10, got " + w);
            }
            return w;
        }

        /**
         * Field weights, relative to the clause over all the text (which weighs 1): matches in the title, the tags
         * and the summary add these weights (defaults 0.35, 0.25, 0.15), so that title ranks above tags above
         * summary above body.
         */
        public Builder fieldWeights(float title, float tags, float summary) {
            once("fieldWeights");
            this.titleWeight = weight("title weight", title);
            this.tagsWeight = weight("tags weight", tags);
            this.summaryWeight = weight("summary weight", summary);
            return this;
        }

        /** The weight of adjacent query words found next to each other (default 0.1; 0 turns it off). */
        public Builder phraseWeight(float weight) {
            once("phraseWeight");
            this.phraseWeight = weight("phrase weight", weight);
            return this;
        }

        /**
         * Typo tolerance: a query word found in at most {@code rareDocFreq} documents also matches words one edit
         * away (two for words of 8+ characters), with this weight, so that typos rank below exact matches
         * (defaults: on, weight 0.4, rare at 2 documents).
         */
        public Builder typoTolerance(boolean enabled, float weight, int rareDocFreq) {
            once("typoTolerance");
            if (rareDocFreq < 0) {
                throw new InvalidArgumentException("rareDocFreq", "must not be negative, got " + rareDocFreq);
            }
            this.typoTolerance = enabled;
            this.typoWeight = weight("typo weight", weight);
            this.rareDocFreq = rareDocFreq;
            return this;
        }

        /** BM25 parameters (defaults k1 1.2, b 0.75). */
        public Builder bm25(float k1, float b) {
            once("bm25");
            if (!(k1 >= 0 && k1 <= 10)) {
                throw new InvalidArgumentException("k1", "BM25 needs 0 <= k1 <= 10, got " + k1);
            }
            if (!(b >= 0 && b <= 1)) {
                throw new InvalidArgumentException("b", "BM25 needs 0 <= b <= 1, got " + b);
            }
            this.k1 = k1;
            this.b = b;
            return this;
        }

        /**
         * Signal weights: helpfulness (smoothed votes, default 0.2), popularity (decaying views, default 0.05) and
         * freshness (default 0.02). Each multiplies the text score by at most {@code 1 + weight}; 0 turns a signal
         * off.
         */
        public Builder signalWeights(double helpfulness, double popularity, double freshness) {
            once("signalWeights");
            this.helpfulnessWeight = signal("helpfulness weight", helpfulness);
            this.popularityWeight = signal("popularity weight", popularity);
            this.freshnessWeight = signal("freshness weight", freshness);
            return this;
        }

        /** How fast views and freshness fade (defaults 30 days and 365 days). */
        public Builder halfLives(Duration popularity, Duration freshness) {
            once("halfLives");
            positive("popularity", popularity);
            positive("freshness", freshness);
            this.popularityHalfLife = popularity;
            this.freshnessHalfLife = freshness;
            return this;
        }

        /** The score multiplier of articles past their review date when the stale policy is DEMOTE (default 0.5). */
        public Builder staleDemotion(double multiplier) {
            once("staleDemotion");
            if (!(multiplier > 0 && multiplier <= 1)) {
                throw new InvalidArgumentException("multiplier", "the stale demotion must be in (0, 1], got "
                        + multiplier);
            }
            this.staleDemotion = multiplier;
            return this;
        }

        /** Host synonyms, asked at every search (they may change at any time, without a reindex). */
        public Builder synonyms(SynonymProvider provider) {
            once("synonyms");
            this.synonyms = nonNull("provider", provider);
            return this;
        }

        /** Fixed promotion rules. */
        public Builder rules(List<PromotionRule> fixed) {
            for (PromotionRule r : nonNull("fixed", fixed)) {
                nonNull("fixed", r);
            }
            List<PromotionRule> copy = List.copyOf(fixed);
            return rules(() -> copy);
        }

        /** Promotion rules, asked at every search (they may change at any time). */
        public Builder rules(Supplier<List<PromotionRule>> provider) {
            once("rules");
            this.rules = nonNull("provider", provider);
            return this;
        }

        /**
         * How soon a change becomes searchable (default 500 ms, at most 60 s). While batches of 64 articles or more
         * are being indexed (a bulk publish or import, a rebuild), the background refresh waits up to four intervals,
         * and comes within two after the last batch: refreshing in the middle of a bulk write only cuts it into
         * small segments that merging rewrites. Take-downs and {@code kb.refresh()} do not wait.
         */
        public Builder refreshInterval(Duration interval) {
            once("refreshInterval");
            if (nonNull("interval", interval).toMillis() < 1 || interval.toSeconds() > 60) {
                throw new InvalidArgumentException("interval", "the refresh interval must be between 1 ms and 60 s, "
                        + "got " + interval);
            }
            this.refreshInterval = interval;
            return this;
        }

        /**
         * How often applied changes are committed to disk (default 5 s); changes not yet committed when the process
         * dies are re-applied from the store when the knowledge base reopens.
         */
        public Builder commitInterval(Duration interval) {
            once("commitInterval");
            if (nonNull("interval", interval).toMillis() < 10 || interval.toMinutes() > 60) {
                throw new InvalidArgumentException("interval", "the commit interval must be between 10 ms and 1 h, "
                        + "got " + interval);
            }
            this.commitInterval = interval;
            return this;
        }

        /**
         * How many threads index a batch of articles (an import, a catch-up, a rebuild), the calling thread included
         * (default: the number of processors, at most 4). Analysis and rendering of plain text happen on these
         * threads, so more threads index faster on more cores; 1 indexes on the calling thread alone. Each engine
         * keeps {@code threads - 1} named daemon threads while it indexes, which end after a minute idle and on
         * close.
         */
        public Builder indexingThreads(int threads) {
            once("indexingThreads");
            if (threads < 1 || threads > MAX_INDEXING_THREADS) {
                throw new InvalidArgumentException("threads", "indexing threads must be between 1 and "
                        + MAX_INDEXING_THREADS + ", got " + threads);
            }
            this.indexingThreads = threads;
            return this;
        }

        /**
         * The embedding model for semantic and hybrid search and {@code passages} (default none: lexical only, and
         * nothing more on the write path). Each published translation is split into passages at its headings
         * ({@link #passageLength}); their vectors are computed in the background on one daemon thread, cached by
         * content hash in the index folder (a rebuild, a restart or an unchanged passage never recomputes), and
         * searched with a k-nearest-neighbour search filtered by the viewer's visibility. Until a translation's
         * passages are embedded, searches rank it lexically. Changing the model (its id), the passage length or the
         * languages rebuilds the index once.
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder embedder(Embedder model) {
            once("embedder");
            Embedder e = nonNull("model", model);
            if (e.modelId() == null || e.modelId().isBlank()) {
                throw new InvalidArgumentException("model", "the embedder's modelId() must not be blank");
            }
            if (e.dimension() < 1 || e.dimension() > 4096) {
                throw new InvalidArgumentException("model", "the embedder's dimension() must be between 1 and 4096, "
                        + "got " + e.dimension());
            }
            this.embedder = e;
            return this;
        }

        /**
         * The languages (ISO codes such as {@code "en"}) whose translations get passages and whose viewers get
         * semantic ranking (default: all). A language the model does not know (French with an English model) stays
         * lexical, so that it is not hurt.
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder semanticLanguages(String... languages) {
            once("semanticLanguages");
            Set<String> out = new HashSet<>();
            for (String l : nonNull("languages", languages)) {
                if (l == null || !l.matches("[a-z]{2,8}")) {
                    throw new InvalidArgumentException("languages", "a language is a lower-case ISO code such as "
                            + "\"en\", got " + l);
                }
                out.add(l);
            }
            if (out.isEmpty()) {
                throw new InvalidArgumentException("languages", "name at least one language");
            }
            this.semanticLanguages = Set.copyOf(out);
            return this;
        }

        /**
         * The longest passage (default 1,000 characters, 100 to 8,000) and how many characters a cut passage shares
         * with the next (default 200, less than half the length). Sections shorter than that are one passage.
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder passageLength(int maxChars, int overlap) {
            once("passageLength");
            if (maxChars < 100 || maxChars > 8_000) {
                throw new InvalidArgumentException("maxChars", "must be between 100 and 8000, got " + maxChars);
            }
            if (overlap < 0 || overlap >= maxChars / 2) {
                throw new InvalidArgumentException("overlap", "must be between 0 and half the length, got " + overlap);
            }
            this.passageChars = maxChars;
            this.passageOverlap = overlap;
            return this;
        }

        /**
         * The mode of requests that name none (default {@link SearchMode#LEXICAL}); semantic and hybrid need an
         * {@link #embedder}.
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder defaultMode(SearchMode mode) {
            once("defaultMode");
            this.defaultMode = nonNull("mode", mode);
            return this;
        }

        /**
         * Hybrid search fuses the lexical and semantic lists by reciprocal rank (Lucene's {@code TopDocs.rrf}),
         * {@code 1 / (rankConstant + rank)} summed over the lists (60 is the usual constant), instead of the default
         * convex combination ({@link #hybridConvex}).
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder hybridRrf(int rankConstant) {
            once("hybridFusion");
            if (rankConstant < 1 || rankConstant > 10_000) {
                throw new InvalidArgumentException("rankConstant", "must be between 1 and 10000, got "
                        + rankConstant);
            }
            this.convex = false;
            this.rrfRank = rankConstant;
            return this;
        }

        /**
         * Hybrid search fuses by a convex combination (the default, with 0.5): {@code (1 - w) * lexical + w *
         * semantic}, each score normalized over its list (lexical by its best, semantic min-max). Measured on SciFact
         * with the in-jar model: nDCG@10 0.734 at 0.5, 0.737 at 0.3, 0.718 with reciprocal rank fusion (see the
         * README).
         *
         * @since 0.2
         */
        @API(status = API.Status.EXPERIMENTAL, since = "0.2")
        public Builder hybridConvex(double semanticWeight) {
            once("hybridFusion");
            if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
                throw new InvalidArgumentException("semanticWeight", "must be between 0 and 1, got "
                        + semanticWeight);
            }
            this.convex = true;
            this.semanticWeight = semanticWeight;
            return this;
        }

        private static int defaultIndexingThreads() {
            return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        }

        /** A factory of engines with these settings. */
        public SearchEngineFactory build() {
            EngineOptions options = new EngineOptions(titleWeight, tagsWeight, summaryWeight, phraseWeight,
                    synonymWeight, typoTolerance, typoWeight, rareDocFreq, k1, b, helpfulnessWeight,
                    popularityWeight, freshnessWeight, staleDemotion, popularityHalfLife, freshnessHalfLife, synonyms,
                    rules, refreshInterval, commitInterval, indexingThreads);
            if (embedder == null && defaultMode != SearchMode.LEXICAL) {
                throw new InvalidArgumentException("defaultMode", "a " + defaultMode + " default needs an embedder: "
                        + "set embedder(...) too");
            }
            SemanticOptions semantic = embedder == null ? null : new SemanticOptions(embedder, semanticLanguages,
                    passageChars, passageOverlap, defaultMode, convex, rrfRank, semanticWeight);
            return context -> LuceneEngine.open(context, options, semantic);
        }
    }
}
