package dev.savoir.kb.benchmarks;

import dev.savoir.kb.eval.BeirRelevance;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.semantic.InJarModels;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Relevance evaluation of the search engine's default settings on a BEIR-format collection, through the public API
 * only: every document is published as a public article (title, body) in an in-memory knowledge base, and every
 * judged query runs as an external viewer, on a fixed clock (the same figures on every run). Prints one line:
 * {@code dataset=NAME queries=N ndcg@10=0.xxxx recall@100=0.xxxx mrr@10=0.xxxx} (nDCG@10 as trec_eval's
 * {@code ndcg_cut.10}, linear gains; recall@100 and MRR@10 over judged-relevant documents).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.savoir.kb.benchmarks.Relevance FOLDER [--locale en|fr]
 * [--mode lexical|semantic|hybrid] [--fusion convex:W|rrf[:K]] [--model minilm-q|minilm] [--semantic-languages all|en,..]
 * [--cache DIR]}. Semantic and hybrid use the in-jar model of kb-semantic; the vectors are cached in {@code DIR}
 * (default: {@code savoir-relevance-vectors} in the temporary folder), so that reruns ask the model only for new
 * texts. By default only English uses vectors (the packaged models are English): other locales stay lexical.
 *
 * <p>{@code --engine opensearch} measures kb-opensearch instead, on a node started in a second JVM (OpenSearch brings
 * its own Lucene, which cannot share this classpath): see {@link OpenSearchJvm}. The loading and the metrics are the
 * same code for both engines ({@link BeirRelevance}).
 *
 * @since 0.1
 */
public final class Relevance {
    private Relevance() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (args.length < 1) {
            usage();
            return;
        }
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--engine")) {
                String engine = args[i + 1];
                if (engine.equals("opensearch")) {
                    List<String> rest = new ArrayList<>(List.of(args));
                    rest.remove(i + 1);
                    rest.remove(i);
                    System.exit(OpenSearchJvm.run(OpenSearchJvm.RELEVANCE, rest));
                } else if (!engine.equals("lucene")) {
                    usage();
                }
                List<String> rest = new ArrayList<>(List.of(args));
                rest.remove(i + 1);
                rest.remove(i);
                args = rest.toArray(String[]::new);
                break;
            }
        }
        Path folder = null;
        Locale locale = Locale.ENGLISH;
        SearchMode mode = SearchMode.LEXICAL;
        String fusion = "convex:0.5";
        String model = "minilm-q";
        String languages = "en";
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "savoir-relevance-vectors");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--locale") && i + 1 < args.length) {
                locale = Locale.forLanguageTag(args[++i]);
            } else if (args[i].equals("--mode") && i + 1 < args.length) {
                mode = SearchMode.valueOf(args[++i].toUpperCase(Locale.ROOT));
            } else if (args[i].equals("--fusion") && i + 1 < args.length) {
                fusion = args[++i];
            } else if (args[i].equals("--model") && i + 1 < args.length) {
                model = args[++i];
            } else if (args[i].equals("--semantic-languages") && i + 1 < args.length) {
                languages = args[++i];
            } else if (args[i].equals("--cache") && i + 1 < args.length) {
                cache = Path.of(args[++i]);
            } else if (folder == null) {
                folder = Path.of(args[i]);
            } else {
                usage();
                return;
            }
        }
        if (folder == null) {
            usage();
            return;
        }
        if (mode == SearchMode.LEXICAL) {
            System.out.println(evaluate(folder, locale).line());
            return;
        }
        System.setProperty("DJL_CACHE_DIR", cache.resolve("djl").toString());
        Embedder base = model.equals("minilm") ? InJarModels.allMiniLmL6V2Unquantized() : InJarModels.allMiniLmL6V2();
        try (CachingEmbedder embedder = new CachingEmbedder(base, cache)) {
            LuceneSearchEngine.Builder b = LuceneSearchEngine.builder().embedder(embedder).defaultMode(mode);
            if (!languages.equals("all")) {
                b.semanticLanguages(languages.split(","));
            }
            if (fusion.startsWith("convex:")) {
                b.hybridConvex(Double.parseDouble(fusion.substring("convex:".length())));
            } else if (fusion.startsWith("rrf")) {
                b.hybridRrf(fusion.startsWith("rrf:") ? Integer.parseInt(fusion.substring(4)) : 60);
            } else {
                usage();
                return;
            }
            long started = System.nanoTime();
            BeirRelevance.Result r = evaluate(folder, locale, b.build());
            System.out.println(r.line() + String.format(Locale.ROOT, " mode=%s fusion=%s model=%s",
                    mode.name().toLowerCase(Locale.ROOT), fusion, embedder.modelId()));
            System.err.printf(Locale.ROOT, "%d vectors computed by the model, %d s in all%n", embedder.computed(),
                    (System.nanoTime() - started) / 1_000_000_000L);
        }
    }

    private static void usage() {
        System.err.println("usage: java -cp benchmarks.jar dev.savoir.kb.benchmarks.Relevance FOLDER [--locale en|fr]"
                + " [--mode lexical|semantic|hybrid] [--fusion convex:W|rrf[:K]] [--model minilm-q|minilm]"
                + " [--semantic-languages all|en,...] [--cache DIR] [--engine lucene|opensearch]");
        System.exit(2);
    }

    /** Loads a BEIR folder into a knowledge base with the default engine and evaluates every judged query. */
    public static BeirRelevance.Result evaluate(Path folder, Locale locale) throws IOException {
        return evaluate(folder, locale, LuceneSearchEngine.factory());
    }

    /** The same with another engine or engine settings (for experiments; the tool itself uses the defaults). */
    public static BeirRelevance.Result evaluate(Path folder, Locale locale, SearchEngineFactory engine)
            throws IOException {
        return BeirRelevance.evaluate(folder, locale, engine);
    }
}
