package dev.savoir.kb.benchmarks;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.search.Passage;
import dev.savoir.kb.search.SearchHit;
import dev.savoir.kb.search.SearchMode;
import dev.savoir.kb.semantic.InJarModels;
import dev.savoir.kb.spi.Embedder;
import dev.savoir.kb.search.SearchRequest;
import dev.savoir.kb.spi.SearchEngineFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

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
 * @since 0.1
 */
public final class Relevance {
    private static final int MAX_TITLE = 200;
    /**
     * One instant for the whole run: publication times and the time of each query then never differ between runs,
     * so neither does freshness, and the figures repeat to the last decimal.
     */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Relevance() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (args.length < 1) {
            usage();
            return;
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
            Result r = evaluate(folder, locale, b.build());
            System.out.println(r.line() + String.format(Locale.ROOT, " mode=%s fusion=%s model=%s",
                    mode.name().toLowerCase(Locale.ROOT), fusion, embedder.modelId()));
            System.err.printf(Locale.ROOT, "%d vectors computed by the model, %d s in all%n", embedder.computed(),
                    (System.nanoTime() - started) / 1_000_000_000L);
        }
    }

    private static void usage() {
        System.err.println("usage: java -cp benchmarks.jar dev.savoir.kb.benchmarks.Relevance FOLDER [--locale en|fr]"
                + " [--mode lexical|semantic|hybrid] [--fusion convex:W|rrf[:K]] [--model minilm-q|minilm]"
                + " [--semantic-languages all|en,...] [--cache DIR]");
        System.exit(2);
    }

    /**
     * The measured figures of one collection.
     *
     * @param ndcgByQuery nDCG@10 of each evaluated query, for paired significance tests between settings
     */
    public record Result(String dataset, int queries, double ndcg10, double recall100, double mrr10,
                         Map<String, Double> ndcgByQuery, double passageHit10) {
        public Result {
            ndcgByQuery = Map.copyOf(ndcgByQuery);
        }

        public Result(String dataset, int queries, double ndcg10, double recall100, double mrr10,
                      Map<String, Double> ndcgByQuery) {
            this(dataset, queries, ndcg10, recall100, mrr10, ndcgByQuery, -1);
        }

        public String line() {
            String base = String.format(Locale.ROOT, "dataset=%s queries=%d ndcg@10=%.4f recall@100=%.4f mrr@10=%.4f",
                    dataset, queries, ndcg10, recall100, mrr10);
            return passageHit10 < 0 ? base : base + String.format(Locale.ROOT, " passage-hit@10=%.4f", passageHit10);
        }
    }

    /** Loads a BEIR folder into a knowledge base with the default engine and evaluates every judged query. */
    public static Result evaluate(Path folder, Locale locale) throws IOException {
        return evaluate(folder, locale, LuceneSearchEngine.factory());
    }

    /** The same with another engine or engine settings (for experiments; the tool itself uses the defaults). */
    public static Result evaluate(Path folder, Locale locale, SearchEngineFactory engine) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Integer>> qrels = readQrels(folder.resolve("qrels").resolve("test.tsv"));
        Map<String, String> queries = new LinkedHashMap<>();
        forEachLine(folder.resolve("queries.jsonl"), line -> {
            JsonNode n = json.readTree(line);
            queries.put(n.get("_id").asString(), n.path("text").asString(""));
        });
        Actor actor = Actor.of("relevance", Role.ADMIN);
        Map<ArticleId, String> docIds = new HashMap<>();
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .inMemory()
                .searchEngine(engine)
                .requireReview(false)
                .defaultLocale(locale)
                .schedulerInterval(Duration.ZERO)
                .clock(CLOCK)
                .build()) {
            Locale l = locale;
            int[] count = {0};
            forEachLine(folder.resolve("corpus.jsonl"), line -> {
                JsonNode n = json.readTree(line);
                String raw = n.get("_id").asString();
                ArticleId id = ArticleId.isValid(raw) ? ArticleId.of(raw) : ArticleId.of("doc-" + count[0]);
                count[0]++;
                docIds.put(id, raw);
                String title = n.path("title").asString("").strip();
                String text = n.path("text").asString("").strip();
                if (title.length() > MAX_TITLE) {
                    // Titles longer than the publish gate allows: the rest of the title opens the body.
                    int cut = title.lastIndexOf(' ', MAX_TITLE);
                    cut = cut > MAX_TITLE / 2 ? cut : MAX_TITLE;
                    text = title.substring(cut).strip() + "\n\n" + text;
                    title = title.substring(0, cut).strip();
                }
                kb.create(actor, NewArticle.builder(id.value())
                        .category("Collection")
                        .visibility(Visibility.PUBLIC)
                        .locale(l)
                        .title(title.isEmpty() ? "·" : title)
                        .body(text.isEmpty() ? "·" : text)
                        .build());
                kb.publish(actor, id, l, 1);
            });
            kb.refresh();
            awaitEmbeddings(kb);
            ViewerContext viewer = ViewerContext.external(locale);
            double ndcg = 0;
            double recall = 0;
            double mrr = 0;
            int n = 0;
            Map<String, Double> byQuery = new HashMap<>();
            boolean semantic = kb.embeddingProgress().enabled();
            double passageHits = 0;
            for (Map.Entry<String, Map<String, Integer>> q : qrels.entrySet()) {
                String text = queries.get(q.getKey());
                if (text == null) {
                    continue;
                }
                Map<String, Integer> rels = q.getValue();
                List<String> ranked = new ArrayList<>();
                for (SearchHit h : kb.search(viewer, SearchRequest.builder(text).limit(100)
                        .snippets(false).recordAnalytics(false).build()).hits()) {
                    ranked.add(docIds.get(h.articleId()));
                }
                double qn = ndcgAt(ranked, rels, 10);
                byQuery.put(q.getKey(), qn);
                ndcg += qn;
                recall += recallAt(ranked, rels, 100);
                mrr += mrrAt(ranked, rels, 10);
                if (semantic) {
                    List<String> cited = new ArrayList<>();
                    for (Passage p : kb.passages(viewer, text, 10)) {
                        cited.add(docIds.get(p.articleId()));
                    }
                    passageHits += cited.stream().anyMatch(d -> rels.getOrDefault(d, 0) > 0) ? 1 : 0;
                }
                n++;
            }
            String name = folder.toAbsolutePath().normalize().getFileName().toString();
            return n == 0 ? new Result(name, 0, 0, 0, 0, byQuery)
                    : new Result(name, n, ndcg / n, recall / n, mrr / n, byQuery, semantic ? passageHits / n : -1);
        }
    }

    /** Waits for the engine's background embedding, reporting progress now and then. */
    private static void awaitEmbeddings(KnowledgeBase kb) {
        long last = 0;
        while (!kb.embeddingProgress().ready()) {
            if (System.nanoTime() - last > 30_000_000_000L) {
                System.err.println("embedding: " + kb.embeddingProgress());
                last = System.nanoTime();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        kb.refresh();
    }

    static double ndcgAt(List<String> ranked, Map<String, Integer> rels, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int g = rels.getOrDefault(ranked.get(i), 0);
            if (g > 0) {
                dcg += g / log2(i + 2);
            }
        }
        List<Integer> ideal = rels.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += ideal.get(i) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    static double recallAt(List<String> ranked, Map<String, Integer> rels, int k) {
        long relevant = rels.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranked.stream().limit(k).filter(d -> rels.getOrDefault(d, 0) > 0).count();
        return (double) found / relevant;
    }

    static double mrrAt(List<String> ranked, Map<String, Integer> rels, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (rels.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Query id to (document id to relevance), keeping only positive judgements; skips a header line. */
    static Map<String, Map<String, Integer>> readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        forEachLine(file, line -> {
            String[] f = line.split("\t");
            if (f.length < 3 || f[0].equals("query-id")) {
                return;
            }
            int g;
            try {
                g = Integer.parseInt(f[2].strip());
            } catch (NumberFormatException e) {
                return;
            }
            if (g > 0) {
                out.computeIfAbsent(f[0], x -> new HashMap<>()).put(f[1], g);
            }
        });
        return out;
    }

    @FunctionalInterface
    private interface LineHandler {
        void accept(String line) throws IOException;
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    handler.accept(line);
                }
            }
        }
    }
}
