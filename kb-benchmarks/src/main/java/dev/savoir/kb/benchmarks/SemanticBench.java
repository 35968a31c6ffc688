package dev.savoir.kb.benchmarks;

import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.markdown.MarkdownRenderer;
import dev.savoir.kb.search.EmbeddingProgress;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.semantic.InJarModels;
import dev.savoir.kb.spi.Embedder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Latency of lexical, semantic and hybrid search and of {@code passages} on a generated knowledge base with passages
 * and vectors, each query embedded by the in-jar model ({@link InJarModels#allMiniLmL6V2()}) inside the timed call.
 *
 * <p>To keep the set-up short on two cores, the <em>passage</em> vectors come from a cheap deterministic embedder of
 * the model's dimension (word hashing, {@link BenchEmbedders#hashing}), not from the model: the index, its HNSW graph
 * and the k-nearest-neighbour walk are as large as with the model, but the neighbours found are not meaningful (this
 * measures time, not relevance; the relevance tool measures relevance). The queries are short generated English
 * queries ({@link KbGenerator#shortQueries}), an external viewer of the {@code enterprise} segment, 10 hits;
 * {@code passages} asks for 5. The query embedding alone (the model's {@code embedQuery}) is timed too. Each query
 * runs the five calls in turn, after a warm-up; the knowledge base is built in a temporary folder and deleted.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp kb-benchmarks/target/benchmarks.jar \
 *     dev.savoir.kb.benchmarks.SemanticBench --docs 10000 --queries 1000
 * }</pre>
 *
 * <p>Ends with one line: {@code docs=N passages=N lexical_p50_ms=x lexical_p99_ms=x semantic_p50_ms=x ...
 * passages_p50_ms=x passages_p99_ms=x embed_p50_ms=x embed_p99_ms=x}. A usage error exits with status 2.
 *
 * @since 0.2
 */
public final class SemanticBench {
    private static final String USAGE = "usage: SemanticBench [--docs N (default 10000)] [--queries N (default 1000)]";

    private SemanticBench() {
    }

    /**
     * What a run measured, in milliseconds.
     *
     * @param docs generated articles
     * @param passages passages with vectors in the index
     * @param buildSeconds time to import and embed the passages (cheap vectors)
     * @param latencies p50 and p99 per call: lexical, semantic, hybrid, passages, embed (the query's embedding)
     */
    record Figures(int docs, long passages, double buildSeconds, double[][] latencies) {
        static final String[] NAMES = {"lexical", "semantic", "hybrid", "passages", "embed"};

        /** The one line the program prints. */
        String line() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "docs=%d passages=%d build_s=%.1f", docs,
                    passages, buildSeconds));
            for (int i = 0; i < NAMES.length; i++) {
                b.append(String.format(Locale.ROOT, " %s_p50_ms=%.3f %s_p99_ms=%.3f", NAMES[i], latencies[i][0],
                        NAMES[i], latencies[i][1]));
            }
            return b.toString();
        }

        double p50(String name) {
            return latencies[List.of(NAMES).indexOf(name)][0];
        }

        double p99(String name) {
            return latencies[List.of(NAMES).indexOf(name)][1];
        }
    }

    /** Runs it; see the class comment. */
    public static void main(String[] args) {
        int docs = 10_000;
        int queries = 1_000;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--docs" -> docs = Integer.parseInt(value(args, ++i));
                    case "--queries" -> queries = Integer.parseInt(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (docs < 1 || queries < 1) {
                throw new IllegalArgumentException("--docs and --queries must be at least 1");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path folder = TempFolders.create("savoir-semantic-bench");
        try {
            Embedder model = InJarModels.allMiniLmL6V2();
            System.out.printf(Locale.ROOT, "model %s (queries only; passage vectors: %s), %d cores%n",
                    model.modelId(), BenchEmbedders.hashing(model.dimension()).modelId(),
                    Runtime.getRuntime().availableProcessors());
            System.out.println(run(docs, queries, folder, model).line());
        } finally {
            TempFolders.delete(folder);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** A knowledge-base builder on {@code folder} with the Lucene engine and {@code embedder} for English. */
    static KnowledgeBase open(Path folder, Embedder embedder) {
        return KnowledgeBase.builder().directory(folder).renderer(MarkdownRenderer.create()).requireReview(false)
                .searchEngine(LuceneSearchEngine.builder().embedder(embedder).semanticLanguages("en").build())
                .build();
    }

    /**
     * Imports {@code docs} generated articles into an open knowledge base, waits until every passage has its vector
     * and refreshes.
     *
     * @return the passages with vectors
     */
    static long fill(KnowledgeBase kb, int docs) {
        new KbGenerator(KbGenerator.DEFAULT_SEED).importInto(kb, 0, docs, 2_000);
        kb.refresh();
        long lastReport = System.nanoTime();
        EmbeddingProgress p;
        while (!(p = kb.embeddingProgress()).ready()) {
            if (System.nanoTime() - lastReport > 15e9) {
                System.out.printf(Locale.ROOT, "embedding: %d done, %d pending%n", p.embedded(), p.pending());
                lastReport = System.nanoTime();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embeddings", e);
            }
        }
        kb.refresh();
        return p.embedded();
    }

    /** Builds the knowledge base in {@code folder} (empty) and times {@code queries} queries of each kind. */
    static Figures run(int docs, int queries, Path folder, Embedder model) {
        Embedder embedder = BenchEmbedders.split(BenchEmbedders.hashing(model.dimension()), model);
        long t0 = System.nanoTime();
        try (KnowledgeBase kb = open(folder, embedder)) {
            long passages = fill(kb, docs);
            double buildSeconds = (System.nanoTime() - t0) / 1e9;
            KbGenerator g = new KbGenerator(KbGenerator.DEFAULT_SEED);
            List<String> qs = g.shortQueries(256, false);
            ViewerContext viewer = ViewerContext.external(Locale.ENGLISH, "enterprise");
            int warmup = Math.max(1, Math.min(200, queries / 2));
            long[][] took = new long[Figures.NAMES.length][queries];
            for (int i = -warmup; i < queries; i++) {
                String q = qs.get(Math.floorMod(i, qs.size()));
                long[] t = new long[Figures.NAMES.length];
                int m = 0;
                for (SearchMode mode : List.of(SearchMode.LEXICAL, SearchMode.SEMANTIC, SearchMode.HYBRID)) {
                    long s = System.nanoTime();
                    kb.search(viewer, SearchRequest.builder(q).mode(mode).limit(10).build());
                    t[m++] = System.nanoTime() - s;
                }
                long s = System.nanoTime();
                kb.passages(viewer, q, 5);
                t[m++] = System.nanoTime() - s;
                s = System.nanoTime();
                model.embedQuery(q);
                t[m] = System.nanoTime() - s;
                if (i >= 0) {
                    for (int k = 0; k < t.length; k++) {
                        took[k][i] = t[k];
                    }
                }
            }
            double[][] lat = new double[took.length][];
            for (int k = 0; k < took.length; k++) {
                long[] sorted = took[k].clone();
                Arrays.sort(sorted);
                lat[k] = new double[] {sorted[sorted.length / 2] / 1e6,
                        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6};
            }
            return new Figures(docs, passages, buildSeconds, lat);
        }
    }
}
